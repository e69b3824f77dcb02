/**
 * etcd's keyIndex (server/storage/mvcc/key_index.go): the revisions of one key, grouped into
 * generations. A put appends to the current generation; a tombstone appends its revision and
 * opens a new, empty generation. Revisions are packed numbers (see revision.ts).
 *
 * Example from key_index.go: put(1);put(2);tombstone(3);put(4);tombstone(5) on "foo" gives
 *   {empty} {4, 5(t)} {1, 2, 3(t)}
 * compact(2) → {empty} {4, 5(t)} {2, 3(t)};  compact(4) → {empty} {4, 5(t)};
 * compact(5) → {empty} {5(t)};  compact(6) → {empty}, and the key is removed from the index.
 *
 * Memory layout, because a store holds one keyIndex per key (150,000 in the benchmark) and most
 * keys have one generation of one revision: a generation keeps its first revision inline and
 * grows arrays only at the second; a keyIndex keeps its current generation in a field and an
 * array of closed ones only after a delete. A new key costs two small objects besides its
 * KeyValue, which keeps V8's young-generation copying (most of a put's cost) low.
 */
import { mainOf, packedLimit } from './revision';
import type { KeyValue } from './types';

export class Generation {
  /** Puts in this generation (the version of its newest revision). */
  ver = 0;
  /** Packed revision of the put that created the generation; 0 while empty. */
  created = 0;
  /** How many revisions the generation holds. */
  size = 0;
  /** The only revision and its KeyValue while size is 1. */
  private rev0 = 0;
  private kv0: KeyValue | undefined = undefined;
  /**
   * Every revision (ascending) and the backend's KeyValue for each, once size >= 2. The index
   * keeps a direct reference so a read costs no lookup by revision (etcd reads bbolt here).
   */
  private manyRevs: number[] | undefined = undefined;
  private manyKvs: KeyValue[] | undefined = undefined;

  /** An empty generation, or one started by a put. */
  constructor(rev?: number, kv?: KeyValue) {
    if (rev !== undefined && kv !== undefined) this.append(rev, kv);
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  /** Packed revision number i (0 = oldest). */
  revAt(i: number): number {
    return this.manyRevs === undefined ? this.rev0 : (this.manyRevs[i] as number);
  }

  /** The KeyValue stored at revision number i. */
  kvAt(i: number): KeyValue {
    return (this.manyKvs === undefined ? this.kv0 : this.manyKvs[i]) as KeyValue;
  }

  /** The packed revisions, oldest first (a copy for a one-revision generation; do not mutate). */
  get revs(): readonly number[] {
    return this.manyRevs ?? (this.size === 0 ? [] : [this.rev0]);
  }

  /** The KeyValues side by side with revs (do not mutate). */
  get kvs(): readonly KeyValue[] {
    return this.manyKvs ?? (this.size === 0 ? [] : [this.kv0 as KeyValue]);
  }

  /** Add a revision above every one held; the first one creates the generation. */
  append(rev: number, kv: KeyValue): void {
    if (this.size === 0) {
      this.created = rev;
      this.rev0 = rev;
      this.kv0 = kv;
    } else if (this.manyRevs === undefined) {
      this.manyRevs = [this.rev0, rev];
      this.manyKvs = [this.kv0 as KeyValue, kv];
      this.kv0 = undefined;
    } else {
      this.manyRevs.push(rev);
      (this.manyKvs as KeyValue[]).push(kv);
    }
    this.size++;
    this.ver++;
  }

  /** Forget the revisions before number i (compaction). */
  dropBefore(i: number): void {
    if (i <= 0 || this.manyRevs === undefined) return;
    const revs = this.manyRevs.slice(i);
    const kvs = (this.manyKvs as KeyValue[]).slice(i);
    this.size = revs.length;
    if (revs.length === 1) {
      this.rev0 = revs[0] as number;
      this.kv0 = kvs[0];
      this.manyRevs = undefined;
      this.manyKvs = undefined;
    } else {
      this.manyRevs = revs;
      this.manyKvs = kvs;
    }
  }

  /** Index of the newest revision with main <= atRev, or -1. */
  findRevisionIndex(atRev: number): number {
    const limit = packedLimit(atRev);
    const revs = this.manyRevs;
    if (revs === undefined) return this.size === 1 && this.rev0 < limit ? 0 : -1;
    let lo = 0;
    let hi = revs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((revs[mid] as number) < limit) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

/** What get() answers: packed revisions and the version at that revision. */
export interface KeyIndexGet {
  readonly modified: number;
  readonly created: number;
  readonly ver: number;
}

export class RevisionNotFoundError extends Error {
  constructor() {
    super('mvcc: revision not found');
  }
}

export class KeyIndex {
  /** Packed revision of the last change. */
  modified = 0;
  /** The current generation (empty after a delete); undefined before the first put. */
  private current: Generation | undefined = undefined;
  /** Generations closed by a tombstone, oldest first; undefined while there are none. */
  private closed: Generation[] | undefined = undefined;

  constructor(readonly key: string) {}

  /** Oldest first; the last one is the current generation (empty after a delete). */
  get generations(): readonly Generation[] {
    if (this.current === undefined) return [];
    return this.closed === undefined ? [this.current] : [...this.closed, this.current];
  }

  /** Record a put at packed revision `rev`; `kv` is what the backend stored for it. */
  put(rev: number, kv: KeyValue): void {
    if (rev <= this.modified) throw new Error(`keyIndex ${this.key}: put with a smaller revision ${rev} <= ${this.modified}`);
    if (this.current === undefined) this.current = new Generation(rev, kv);
    else this.current.append(rev, kv);
    this.modified = rev;
  }

  /** Record a delete: append the tombstone and open a new empty generation. */
  tombstone(rev: number, kv: KeyValue): void {
    const g = this.current;
    if (g === undefined || g.isEmpty()) throw new RevisionNotFoundError();
    this.put(rev, kv);
    if (this.closed === undefined) this.closed = [g];
    else this.closed.push(g);
    this.current = new Generation();
  }

  /** True when the key has nothing left: no generation, or one empty generation. */
  isEmpty(): boolean {
    return this.current === undefined || (this.closed === undefined && this.current.isEmpty());
  }

  /** The generation holding the key at atRev (main), or undefined when it did not exist then. */
  findGeneration(atRev: number): Generation | undefined {
    const cur = this.current;
    if (cur === undefined) return undefined;
    if (cur.size > 0 && mainOf(cur.revAt(0)) <= atRev) return cur;
    const closed = this.closed;
    if (closed === undefined) return undefined;
    for (let i = closed.length - 1; i >= 0; i--) {
      const g = closed[i] as Generation;
      // A closed generation whose tombstone is at or before atRev: the key was deleted then.
      if (mainOf(g.revAt(g.size - 1)) <= atRev) return undefined;
      if (mainOf(g.revAt(0)) <= atRev) return g;
    }
    return undefined;
  }

  /** The stored KeyValue of the key's version at atRev (main), or undefined when absent then. */
  kvAt(atRev: number): KeyValue | undefined {
    const g = this.findGeneration(atRev);
    if (g === undefined) return undefined;
    const n = g.findRevisionIndex(atRev);
    return n === -1 ? undefined : g.kvAt(n);
  }

  /** The KeyValue the key has now, or undefined when it is deleted. */
  latest(): KeyValue | undefined {
    const g = this.current;
    return g === undefined || g.size === 0 ? undefined : g.kvAt(g.size - 1);
  }

  /** keyIndex.get: modified and created revisions and the version at atRev, or undefined. */
  get(atRev: number): KeyIndexGet | undefined {
    const g = this.findGeneration(atRev);
    if (g === undefined) return undefined;
    const n = g.findRevisionIndex(atRev);
    if (n === -1) return undefined;
    return { modified: g.revAt(n), created: g.created, ver: g.ver - (g.size - n - 1) };
  }

  /**
   * Drop every revision <= atRev except the newest one, and generations that end before
   * atRev. Adds the revisions kept at or below atRev to `available` (what the backend keeps).
   */
  compact(atRev: number, available: Set<number>): void {
    const cur = this.current;
    if (cur === undefined) return;
    if (this.closed === undefined) {
      // One generation, the common case: no list to build.
      const revIndex = cur.findRevisionIndex(atRev);
      if (revIndex !== -1) available.add(cur.revAt(revIndex));
      cur.dropBefore(revIndex);
      return;
    }
    const gens = [...this.closed, cur];
    // First generation that includes atRev or was created after it.
    let genIdx = 0;
    let g = gens[0] as Generation;
    while (genIdx < gens.length - 1) {
      if (mainOf(g.revAt(g.size - 1)) >= atRev) break;
      genIdx++;
      g = gens[genIdx] as Generation;
    }
    const revIndex = g.findRevisionIndex(atRev);
    if (revIndex !== -1) available.add(g.revAt(revIndex));
    g.dropBefore(revIndex);
    if (genIdx > 0) {
      const kept = gens.slice(genIdx, -1);
      this.closed = kept.length > 0 ? kept : undefined;
    }
  }

}
