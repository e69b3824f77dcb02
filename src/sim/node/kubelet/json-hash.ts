/**
 * FNV-1a (32 bit) of a value's JSON text, folded while walking the value instead of over
 * JSON.stringify's string: the status manager's "did the status change" check runs on every
 * status generation (several per pod start), and the string it hashed was thrown away at once.
 * The hash is the one of the text, character for character: jsonHash(v) === fnv1a(JSON.stringify(v)).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units, continuing from `h`. */
export function fnv1a(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** A string as JSON quotes it; the rare string JSON must escape is hashed from JSON.stringify's own quoting. */
function foldString(h: number, s: string): number {
  const start = h;
  h = Math.imul(h ^ QUOTE, FNV_PRIME) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, the quote, the backslash and (lone) surrogates are escaped by JSON.
    if (c < 0x20 || c === QUOTE || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff)) return fnv1a(JSON.stringify(s), start);
    h = Math.imul(h ^ c, FNV_PRIME) >>> 0;
  }
  return Math.imul(h ^ QUOTE, FNV_PRIME) >>> 0;
}

/** A number as JSON writes it (Number::toString; not finite: null); small counts without a string. */
function foldNumber(h: number, n: number): number {
  if (Number.isInteger(n) && n >= 0 && n < 1e9) {
    let divisor = 1;
    while (divisor * 10 <= n) divisor *= 10;
    for (; divisor >= 1; divisor /= 10) h = Math.imul(h ^ (48 + (Math.floor(n / divisor) % 10)), FNV_PRIME) >>> 0;
    return h;
  }
  return fnv1a(Number.isFinite(n) ? String(n) : 'null', h);
}

function foldChar(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME) >>> 0;
}

/** Whether JSON.stringify leaves this member out of an object (and writes null for it in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function fold(h: number, v: unknown): number {
  if (v === null) return fnv1a('null', h);
  switch (typeof v) {
    case 'string':
      return foldString(h, v);
    case 'number':
      return foldNumber(h, v);
    case 'boolean':
      return fnv1a(v ? 'true' : 'false', h);
    case 'object':
      break;
    default:
      // bigint throws in JSON.stringify as it would here; anything else is not JSON.
      return fnv1a(JSON.stringify(v) ?? '', h);
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return fnv1a(JSON.stringify(v) ?? '', h);
  if (Array.isArray(v)) {
    h = foldChar(h, 91); // [
    for (let i = 0; i < v.length; i++) {
      if (i > 0) h = foldChar(h, 44); // ,
      const item: unknown = v[i];
      h = omitted(item) ? fnv1a('null', h) : fold(h, item);
    }
    return foldChar(h, 93); // ]
  }
  const o = v as Record<string, unknown>;
  h = foldChar(h, 123); // {
  let first = true;
  // for-in visits own keys in Object.keys order (integer keys, then insertion order) without
  // allocating their array; plain objects inherit no enumerable keys.
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const member = o[key];
    if (omitted(member)) continue;
    if (!first) h = foldChar(h, 44); // ,
    first = false;
    h = foldChar(foldString(h, key), 58); // :
    h = fold(h, member);
  }
  return foldChar(h, 125); // }
}

/** fnv1a(JSON.stringify(value)) for a value JSON can write, without building the text. */
export function jsonHash(value: unknown): number {
  return fold(FNV_OFFSET, value);
}
