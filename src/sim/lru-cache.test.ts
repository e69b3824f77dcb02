/** LruCache keeps the most recently used entries, up to its size. */
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('drops the least recently used entry beyond its size; a get or an add makes an entry recent', () => {
    const cache = new LruCache<string, number>(2);
    cache.add('a', 1);
    cache.add('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.add('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    cache.add('a', 10);
    cache.add('d', 4);
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([10, undefined, 4]);
    expect(cache.size).toBe(2);
  });
});
