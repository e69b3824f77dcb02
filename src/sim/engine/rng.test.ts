import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xs = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('draws floats in [0,1) and integers within inclusive bounds, roughly uniformly', () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const f = rng.next();
      expect(f >= 0 && f < 1).toBe(true);
      counts[rng.int(0, 3)]!++;
    }
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("makes names from Kubernetes' generated-name alphabet", () => {
    expect(new Rng(5).string(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(() => new Rng(1).pick([])).toThrow(/empty/);
  });
});
