import { describe, expect, it } from 'vitest';
import { Ring } from './ring';

describe('Ring', () => {
  it('keeps the newest items, oldest first, and says when it drops one', () => {
    const ring = new Ring<number>(3);
    expect(ring.oldest()).toBeUndefined();
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([false, false, false]);
    expect(ring.push(4)).toBe(true);
    expect(ring.push(5)).toBe(true);
    expect(ring.newest()).toEqual([3, 4, 5]);
    expect(ring.newest(2)).toEqual([4, 5]);
    expect(ring.newest(10)).toEqual([3, 4, 5]);
    expect(ring.oldest()).toBe(3);
    expect(ring.size).toBe(3);
    const seen: number[] = [];
    ring.forEach((n) => seen.push(n));
    expect(seen).toEqual([3, 4, 5]);
  });

  it('returns fewer than asked before it is full', () => {
    const ring = new Ring<string>(4);
    ring.push('a');
    expect(ring.newest(3)).toEqual(['a']);
  });
});
