/**
 * Base64 over UTF-8 bytes, in the two alphabets Kubernetes and etcd use: standard with padding
 * (Go's encoding/json for []byte: Secret data, etcdctl -w json) and URL-safe without (JWTs,
 * list continue tokens). No Buffer and no btoa: this runs in the browser and btoa takes only
 * Latin-1.
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type Base64Alphabet = 'standard' | 'url';

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Lower-case hex, two digits a byte (Go's hex.EncodeToString). */
export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Standard alphabet with `=` padding, or URL-safe without (base64.RawURLEncoding). */
export function base64Encode(bytes: Uint8Array, alphabet: Base64Alphabet = 'standard'): string {
  const table = alphabet === 'url' ? URL_SAFE : STANDARD;
  const pad = alphabet === 'standard' ? '=' : '';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += table[a >> 2];
    out += table[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? pad : table[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? pad : table[c & 63];
  }
  return out;
}

/** The bytes, or undefined for a character outside the alphabet; trailing `=` is accepted. */
export function base64Decode(text: string, alphabet: Base64Alphabet = 'standard'): Uint8Array | undefined {
  const table = alphabet === 'url' ? URL_SAFE : STANDARD;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.replace(/=+$/, '')) {
    const v = table.indexOf(ch);
    if (v < 0) return undefined;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
