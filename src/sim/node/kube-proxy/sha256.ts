/**
 * SHA-256 and RFC 4648 base32, in plain TypeScript: kube-proxy names its per-service chains from
 * them, and the core runs in a browser worker too, where Node's `crypto` is not available.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Uint32Array(64);

const encoder = new TextEncoder();

let scratch = new Uint8Array(256);

/**
 * UTF-8 bytes; chain-name inputs are ASCII, which skips the encoder and fills one reused buffer
 * (the result is only read before the next call).
 */
function utf8(text: string): Uint8Array {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return encoder.encode(text);
    scratch[i] = c;
  }
  return scratch.subarray(0, text.length);
}

const H = new Uint32Array(8);
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/**
 * Hash `bytes` into H. Written over one reused schedule array and reading the message a word at
 * a time: kube-proxy hashes tens of thousands of short names per full sync.
 */
function digestInto(msg: Uint8Array): void {
  const len = msg.length;
  const blocks = (len + 9 + 63) >> 6;
  H.set(INIT);
  for (let b = 0; b < blocks; b++) {
    const base = b << 6;
    for (let i = 0; i < 16; i++) {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        const at = base + i * 4 + k;
        const byte = at < len ? (msg[at] as number) : at === len ? 0x80 : 0;
        w = (w << 8) | byte;
      }
      W[i] = w >>> 0;
    }
    if (b === blocks - 1) {
      const bits = len * 8;
      W[14] = Math.floor(bits / 0x100000000) >>> 0;
      W[15] = bits >>> 0;
    }
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15] as number;
      const w2 = W[i - 2] as number;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) >>> 0;
    }
    let a = H[0] as number,
      bb = H[1] as number,
      c = H[2] as number,
      d = H[3] as number,
      e = H[4] as number,
      f = H[5] as number,
      g = H[6] as number,
      h = H[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K[i] as number) + (W[i] as number)) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    H[0] = ((H[0] as number) + a) >>> 0;
    H[1] = ((H[1] as number) + bb) >>> 0;
    H[2] = ((H[2] as number) + c) >>> 0;
    H[3] = ((H[3] as number) + d) >>> 0;
    H[4] = ((H[4] as number) + e) >>> 0;
    H[5] = ((H[5] as number) + f) >>> 0;
    H[6] = ((H[6] as number) + g) >>> 0;
    H[7] = ((H[7] as number) + h) >>> 0;
  }
}

/** The 32-byte SHA-256 digest of the UTF-8 bytes of `text`. */
export function sha256(text: string): Uint8Array {
  digestInto(utf8(text));
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = H[i] as number;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 255;
    out[i * 4 + 2] = (v >>> 8) & 255;
    out[i * 4 + 3] = v & 255;
  }
  return out;
}

const codes: number[] = [];

/**
 * `prefix` + base32(sha256(text))[:16]: the first 80 bits of the digest, five bits a character.
 * Returned as one flat string (built with `+=` it would be a chain of cons strings): chain names
 * are Map keys and are sorted for every iptables-save, which flattens each one again.
 */
export function sha256Base32Prefix16(text: string, prefix = ''): string {
  digestInto(utf8(text));
  const h0 = H[0] as number;
  const h1 = H[1] as number;
  const h2 = H[2] as number;
  codes.length = 0;
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
  // 80 bits = h0 (32) + h1 (32) + top 16 of h2.
  let acc = 0;
  let bits = 0;
  for (const [v, n] of [
    [h0, 32],
    [h1, 32],
    [h2 >>> 16, 16],
  ] as const) {
    for (let k = n - 8; k >= 0; k -= 8) {
      acc = ((acc << 8) | ((v >>> k) & 255)) & 0xfff;
      bits += 8;
      while (bits >= 5) {
        codes.push(BASE32.charCodeAt((acc >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
  }
  return String.fromCharCode(...codes);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding: RFC 4648 alphabet, upper case, `=` padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}
