/**
 * Bits of Go's standard library whose exact output etcdctl shows: strconv.ParseInt and
 * ParseBool with their error texts, strconv.Quote (%q), encoding/json's string escaping,
 * base64 of UTF-8 bytes, and go-humanize's Bytes.
 */
import { goQuote } from '../../../sim/api/field-errors';
import { base64Encode, utf8Bytes } from '../../../sim/base64';

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** strconv.ParseInt(s, base, 64); base 0 reads 0x / 0o / 0b / leading-0 prefixes. */
export function parseInt64(s: string, base: 0 | 10 | 16): ParseResult<bigint> {
  const syntax = { ok: false as const, error: `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax` };
  const m = /^([+-]?)(.*)$/s.exec(s);
  let body = m?.[2] ?? '';
  const negative = m?.[1] === '-';
  let b: number = base;
  if (base === 0) {
    b = 10;
    if (/^0[xX]/.test(body)) [b, body] = [16, body.slice(2)];
    else if (/^0[oO]/.test(body)) [b, body] = [8, body.slice(2)];
    else if (/^0[bB]/.test(body)) [b, body] = [2, body.slice(2)];
    else if (/^0./.test(body)) [b, body] = [8, body.slice(1)];
    // Base 0 allows underscores between digits.
    if (/^_|__|_$/.test(body)) return syntax;
    body = body.replace(/_/g, '');
  }
  const digits = { 2: '[01]', 8: '[0-7]', 10: '[0-9]', 16: '[0-9a-fA-F]' }[b as 2 | 8 | 10 | 16];
  if (!new RegExp(`^${digits}+$`).test(body)) return syntax;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[b as 2 | 8 | 10 | 16];
  let value = BigInt(prefix + body);
  if (negative) value = -value;
  if (value > 0x7fffffffffffffffn || value < -0x8000000000000000n) {
    return { ok: false, error: `strconv.ParseInt: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value };
}

/** strconv.ParseBool. */
export function parseBool(s: string): ParseResult<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return { ok: true, value: true };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return { ok: true, value: false };
  return { ok: false, error: `strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax` };
}

/** strconv.Quote, as fmt's %q prints a string: the apiserver's, shared. */
export { goQuote };

/** encoding/json's string encoding: HTML-safe, as json.Marshal writes it. */
export function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Standard base64 of the string's UTF-8 bytes (encoding/json's form for []byte). */
export function base64(s: string): string {
  return base64Encode(utf8Bytes(s));
}

/** etcdctl --hex: every byte as \xNN. */
export function hexBytes(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** go-humanize Bytes: SI units, "20 kB", "1.2 MB". */
export function humanizeBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  if (n < 10) return `${n} B`;
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${goFixed(val, val < 10 ? 1 : 0)} ${units[e]}`;
}

/**
 * fmt's %.Nf: like toFixed, except that a value exactly halfway rounds to even (Go prints
 * 20.5 as "20" where toFixed says "21"; go-humanize shows a fresh etcd's 20,480 bytes as "20 kB").
 */
export function goFixed(x: number, digits: number): string {
  const scaled = x * 10 ** digits;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && Number.isSafeInteger(floor) && floor % 2 === 0) return (floor / 10 ** digits).toFixed(digits);
  return x.toFixed(digits);
}

/** A value encoding/json can write; undefined members are left out (omitempty). */
export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/** json.Marshal of a value built with Go's field order and omitempty already applied. */
export function goJson(v: JsonValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${jsonString(k)}:${goJson(x)}`);
  return `{${parts.join(',')}}`;
}

/** omitempty: a zero number, empty string, false or empty list becomes undefined. */
export function omit<T extends JsonValue>(v: T): T | undefined {
  if (v === 0 || v === 0n || v === '' || v === false) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  return v;
}
