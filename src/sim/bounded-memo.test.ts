/** boundedMemo answers as the function does, computes each argument once until the map is emptied. */
import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes each argument once, remembers undefined answers, and computes again after the map is emptied', () => {
    const calls: string[] = [];
    const memo = boundedMemo(2, (key: string) => {
      calls.push(key);
      return key === 'none' ? undefined : key.length;
    });
    expect([memo('ab'), memo('ab'), memo('none'), memo('none')]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toEqual(['ab', 'none']);
    expect(memo('xyz')).toBe(3); // the map held 2: emptied, then 'xyz' kept
    expect(memo('ab')).toBe(2);
    expect(calls).toEqual(['ab', 'none', 'xyz', 'ab']);
  });

  it('remembers nothing for a call that throws', () => {
    let n = 0;
    const memo = boundedMemo(4, () => {
      n++;
      throw new Error('bad');
    });
    expect(() => memo('x')).toThrow('bad');
    expect(() => memo('x')).toThrow('bad');
    expect(n).toBe(2);
  });
});
