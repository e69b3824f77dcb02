/**
 * FNV-1a (32 bit) of a value's JSON text, folded while walking the value instead of over
 * JSON.stringify's string: the status manager's "did the status change" check runs on every
 * status generation (several per pod start), and the string it hashed was thrown away at once.
 * The hash is the one of the text, character for character: jsonHash(v) === fnv1a(JSON.stringify(v)).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units, continuing from `h`. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The running hash. A 32-bit value above 2^30 is no small integer to V8: passed to or returned
 * from a function it would be boxed, one heap number per character folded. Kept in a typed
 * array, it is read into a local, worked on unboxed and stored back. jsonHash is not reentrant
 * (nothing it calls calls it).
 */
const state = new Uint32Array(1);

function foldText(text: string): void {
  let h = state[0] as number;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  state[0] = h;
}

function foldChar(c: number): void {
  state[0] = Math.imul((state[0] as number) ^ c, FNV_PRIME);
}

/** A string as JSON quotes it; the rare string JSON must escape is hashed from JSON.stringify's own quoting. */
function foldString(s: string): void {
  const start = state[0] as number;
  let h = Math.imul(start ^ QUOTE, FNV_PRIME);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, the quote, the backslash and (lone) surrogates are escaped by JSON.
    if (c < 0x20 || c === QUOTE || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff)) {
      state[0] = start;
      foldText(JSON.stringify(s));
      return;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  state[0] = Math.imul(h ^ QUOTE, FNV_PRIME);
}

/** A number as JSON writes it (Number::toString; not finite: null); small counts without a string. */
function foldNumber(n: number): void {
  if (Number.isInteger(n) && n >= 0 && n < 1e9) {
    let divisor = 1;
    while (divisor * 10 <= n) divisor *= 10;
    for (; divisor >= 1; divisor /= 10) foldChar(48 + (Math.floor(n / divisor) % 10));
    return;
  }
  foldText(Number.isFinite(n) ? String(n) : 'null');
}

/** Whether JSON.stringify leaves this member out of an object (and writes null for it in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function fold(v: unknown): void {
  if (v === null) return foldText('null');
  switch (typeof v) {
    case 'string':
      return foldString(v);
    case 'number':
      return foldNumber(v);
    case 'boolean':
      return foldText(v ? 'true' : 'false');
    case 'object':
      break;
    default:
      // bigint throws in JSON.stringify as it would here; anything else is not JSON.
      return foldText(JSON.stringify(v) ?? '');
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return foldText(JSON.stringify(v) ?? '');
  if (Array.isArray(v)) {
    foldChar(91); // [
    for (let i = 0; i < v.length; i++) {
      if (i > 0) foldChar(44); // ,
      const item: unknown = v[i];
      if (omitted(item)) foldText('null');
      else fold(item);
    }
    return foldChar(93); // ]
  }
  const o = v as Record<string, unknown>;
  foldChar(123); // {
  let first = true;
  // for-in visits own keys in Object.keys order (integer keys, then insertion order) without
  // allocating their array; plain objects inherit no enumerable keys.
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const member = o[key];
    if (omitted(member)) continue;
    if (!first) foldChar(44); // ,
    first = false;
    foldString(key);
    foldChar(58); // :
    fold(member);
  }
  foldChar(125); // }
}

/** fnv1a(JSON.stringify(value)) for a value JSON can write, without building the text. */
export function jsonHash(value: unknown): number {
  state[0] = FNV_OFFSET;
  fold(value);
  return state[0] as number;
}
