/** randomHex against the plain computation (toString(16), padStart, join) on the same draws. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { randomHex } from './hex-id';

function plain(rng: { nextUint32(): number }, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(rng.nextUint32().toString(16).padStart(8, '0'));
  return parts.join('');
}

describe('randomHex', () => {
  it('gives what toString(16) and padStart give, draw for draw', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 5_000; i++) expect(randomHex(a, 8)).toBe(plain(b, 8));
    for (const words of [1, 3, 8, 2]) expect(randomHex(a, words)).toBe(plain(b, words));
  });

  it('writes the edge words: zero, small, 2^31 and all ones', () => {
    const words = [0, 1, 0xf, 0x7fffffff, 0x80000000, 0xffffffff, 0x0000abcd, 0xdeadbeef];
    const rng = () => {
      let i = 0;
      return { nextUint32: () => words[i++ % words.length] as number };
    };
    expect(randomHex(rng(), words.length)).toBe(plain(rng(), words.length));
    expect(randomHex(rng(), words.length)).toBe('00000000000000010000000f7fffffff80000000ffffffff0000abcddeadbeef');
  });
});
