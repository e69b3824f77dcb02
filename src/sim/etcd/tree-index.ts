/**
 * etcd's treeIndex (server/storage/mvcc/index.go): every key's keyIndex, ordered by key in a
 * B+tree (sorted-btree) for prefix and range scans, plus a hash map for point lookups, which is
 * what the hot put and get paths use. A new key enters the map at once and the B+tree at the
 * next scan: a run of creates nobody lists (Events, pods whose lists come from the watch cache)
 * pays no tree insertion until an ordered read needs it, and then the same one each.
 */
import { SortedBTree } from '../sorted-btree';
import { KeyIndex } from './key-index';
import type { KeyValue } from './types';
import type { KeyRange } from './key-range';

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class TreeIndex {
  private readonly tree: SortedBTree<string, KeyIndex> = new SortedBTree<string, KeyIndex>(undefined, compareKeys, 64);
  private readonly byKey = new Map<string, KeyIndex>();
  /** Keys created since the last scan, not yet in the tree. */
  private pending: KeyIndex[] = [];

  keyIndex(key: string): KeyIndex | undefined {
    return this.byKey.get(key);
  }

  /** The keyIndex of `key`, created (and placed in the tree before the next scan) when the key is new. */
  getOrCreate(key: string): KeyIndex {
    let ki = this.byKey.get(key);
    if (ki === undefined) {
      ki = new KeyIndex(key);
      this.byKey.set(key, ki);
      this.pending.push(ki);
    }
    return ki;
  }

  /** Place the keys created since the last scan in the tree (those compaction has not dropped since). */
  private flush(): void {
    if (this.pending.length === 0) return;
    for (const ki of this.pending) if (this.byKey.get(ki.key) === ki) this.tree.set(ki.key, ki);
    this.pending = [];
  }

  /** Record a delete of an existing key at packed revision `rev`. */
  tombstone(key: string, rev: number, kv: KeyValue): void {
    const ki = this.byKey.get(key);
    if (ki === undefined) throw new Error(`treeIndex: tombstone of unknown key ${key}`);
    ki.tombstone(rev, kv);
  }

  /** Visit the keyIndexes of a range in key order; stop when `visit` returns false. */
  visit(range: KeyRange, visit: (ki: KeyIndex) => boolean | void): void {
    if (range.kind === 'single') {
      const ki = this.byKey.get(range.key);
      if (ki !== undefined) visit(ki);
      return;
    }
    this.flush();
    let high: string | undefined;
    let includeHigh: boolean;
    if (range.kind === 'from') {
      high = this.tree.maxKey();
      includeHigh = true;
    } else {
      high = range.end;
      includeHigh = false;
    }
    if (high === undefined || compareKeys(range.key, high) > 0) return;
    this.tree.forRange(range.key, high, includeHigh, (_k, ki) => {
      if (visit(ki) === false) return { break: true };
      return undefined;
    });
  }

  /**
   * treeIndex.Revisions, reading through to the stored pairs: the KeyValues of the keys alive
   * at atRev in the range, in key order, at most `limit` of them (0 = all), and how many there
   * are in total.
   */
  range(range: KeyRange, atRev: number, limit: number): { kvs: KeyValue[]; total: number } {
    const kvs: KeyValue[] = [];
    let total = 0;
    this.visit(range, (ki) => {
      const kv = ki.kvAt(atRev);
      if (kv !== undefined) {
        if (limit <= 0 || kvs.length < limit) kvs.push(kv);
        total++;
      }
    });
    return { kvs, total };
  }

  /** treeIndex.CountRevisions. */
  count(range: KeyRange, atRev: number): number {
    let total = 0;
    this.visit(range, (ki) => {
      if (ki.kvAt(atRev) !== undefined) total++;
    });
    return total;
  }

  /**
   * treeIndex.Compact: compact every keyIndex at `rev`, drop those left empty, and return the
   * packed revisions at or below `rev` the backend must keep.
   */
  compact(rev: number): Set<number> {
    const available = new Set<number>();
    const emptied: string[] = [];
    for (const ki of this.byKey.values()) {
      ki.compact(rev, available);
      if (ki.isEmpty()) emptied.push(ki.key);
    }
    for (const key of emptied) {
      this.byKey.delete(key);
      this.tree.delete(key);
    }
    return available;
  }
}
