/** The pod-template-hash: FNV-32a, the decimal Sum32 through rand.SafeEncodeString. */
import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './compute-hash';

describe('computeHash', () => {
  it('FNV-32a as hash/fnv computes it', () => {
    expect(fnv32a(new TextEncoder().encode(''))).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv32a(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  it('maps each decimal digit into the safe alphabet, as SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable for a template, changes with it and with collisionCount, and looks like upstream hashes', () => {
    const t = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } };
    const h = computeHash(t);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(JSON.parse(JSON.stringify(t)))).toBe(h);
    expect(computeHash({ ...t, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
  });
});
