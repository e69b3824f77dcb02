/**
 * A fixed-size least-recently-used cache, as golang-lru's (hashicorp/golang-lru simplelru) that
 * client-go's event correlator keeps its caches in: a get makes the entry the most recent, an
 * add beyond the size drops the least recent. A Map keeps insertion order, so the oldest entry
 * is its first and "most recent" is a delete and a set.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  add(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
