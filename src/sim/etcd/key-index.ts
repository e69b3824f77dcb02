/**
 * etcd's keyIndex (server/storage/mvcc/key_index.go): the revisions of one key, grouped into
 * generations. A put appends to the current generation; a tombstone appends its revision and
 * opens a new, empty generation. Revisions are packed numbers (see revision.ts).
 *
 * Example from key_index.go: put(1);put(2);tombstone(3);put(4);tombstone(5) on "foo" gives
 *   {empty} {4, 5(t)} {1, 2, 3(t)}
 * compact(2) → {empty} {4, 5(t)} {2, 3(t)};  compact(4) → {empty} {4, 5(t)};
 * compact(5) → {empty} {5(t)};  compact(6) → {empty}, and the key is removed from the index.
 */
import { mainOf, packedLimit } from './revision';
import type { KeyValue } from './types';

export class Generation {
  /** Puts in this generation (the version of its newest revision). */
  ver: number;
  /** Packed revision of the put that created the generation. */
  created: number;
  /** Packed revisions, ascending; a non-last generation ends with its tombstone. */
  revs: number[];
  /**
   * The backend's KeyValue for each revision, side by side with revs: the index keeps a direct
   * reference so a read costs no lookup by revision (etcd reads bbolt at this point).
   */
  kvs: KeyValue[];

  /** An empty generation, or one started by a put (arrays sized to fit: most keys never grow). */
  constructor(rev?: number, kv?: KeyValue) {
    if (rev === undefined || kv === undefined) {
      this.ver = 0;
      this.created = 0;
      this.revs = [];
      this.kvs = [];
    } else {
      this.ver = 1;
      this.created = rev;
      this.revs = [rev];
      this.kvs = [kv];
    }
  }

  isEmpty(): boolean {
    return this.revs.length === 0;
  }

  /** Index of the newest revision with main <= atRev, or -1. */
  findRevisionIndex(atRev: number): number {
    const limit = packedLimit(atRev);
    const revs = this.revs;
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
  /** Oldest first; the last one is the current generation (empty after a delete). */
  generations: Generation[] = [];

  constructor(readonly key: string) {}

  private current(): Generation | undefined {
    return this.generations[this.generations.length - 1];
  }

  /** Record a put at packed revision `rev`; `kv` is what the backend stored for it. */
  put(rev: number, kv: KeyValue): void {
    if (rev <= this.modified) throw new Error(`keyIndex ${this.key}: put with a smaller revision ${rev} <= ${this.modified}`);
    const gens = this.generations;
    const g = gens[gens.length - 1];
    if (g === undefined) {
      this.generations = [new Generation(rev, kv)];
    } else if (g.revs.length === 0) {
      gens[gens.length - 1] = new Generation(rev, kv);
    } else {
      g.revs.push(rev);
      g.kvs.push(kv);
      g.ver++;
    }
    this.modified = rev;
  }

  /** Record a delete: append the tombstone and open a new empty generation. */
  tombstone(rev: number, kv: KeyValue): void {
    const g = this.current();
    if (g === undefined || g.isEmpty()) throw new RevisionNotFoundError();
    this.put(rev, kv);
    this.generations.push(new Generation());
  }

  /** True when the key has nothing left: no generation, or one empty generation. */
  isEmpty(): boolean {
    const gens = this.generations;
    return gens.length === 0 || (gens.length === 1 && (gens[0] as Generation).isEmpty());
  }

  /** The generation holding the key at atRev (main), or undefined when it did not exist then. */
  findGeneration(atRev: number): Generation | undefined {
    const gens = this.generations;
    const last = gens.length - 1;
    for (let i = last; i >= 0; i--) {
      const g = gens[i] as Generation;
      const n = g.revs.length;
      if (n === 0) continue;
      // A closed generation whose tombstone is at or before atRev: the key was deleted then.
      if (i !== last && mainOf(g.revs[n - 1] as number) <= atRev) return undefined;
      if (mainOf(g.revs[0] as number) <= atRev) return g;
    }
    return undefined;
  }

  /** Packed revision of the key's version at atRev (main), or -1 when absent then. */
  revisionAt(atRev: number): number {
    const g = this.findGeneration(atRev);
    if (g === undefined) return -1;
    const n = g.findRevisionIndex(atRev);
    return n === -1 ? -1 : (g.revs[n] as number);
  }

  /** The stored KeyValue of the key's version at atRev (main), or undefined when absent then. */
  kvAt(atRev: number): KeyValue | undefined {
    const g = this.findGeneration(atRev);
    if (g === undefined) return undefined;
    const n = g.findRevisionIndex(atRev);
    return n === -1 ? undefined : g.kvs[n];
  }

  /** The KeyValue the key has now, or undefined when it is deleted. */
  latest(): KeyValue | undefined {
    const gens = this.generations;
    const g = gens[gens.length - 1];
    return g === undefined ? undefined : g.kvs[g.kvs.length - 1];
  }

  /** keyIndex.get: modified and created revisions and the version at atRev, or undefined. */
  get(atRev: number): KeyIndexGet | undefined {
    const g = this.findGeneration(atRev);
    if (g === undefined) return undefined;
    const n = g.findRevisionIndex(atRev);
    if (n === -1) return undefined;
    return { modified: g.revs[n] as number, created: g.created, ver: g.ver - (g.revs.length - n - 1) };
  }

  /**
   * Drop every revision <= atRev except the newest one, and generations that end before
   * atRev. Adds the revisions kept at or below atRev to `available` (what the backend keeps).
   */
  compact(atRev: number, available: Set<number>): void {
    if (this.generations.length === 0) return;
    const [genIdx, revIndex] = this.doCompact(atRev, available);
    const g = this.generations[genIdx] as Generation;
    if (!g.isEmpty() && revIndex > 0) {
      g.revs = g.revs.slice(revIndex);
      g.kvs = g.kvs.slice(revIndex);
    }
    if (genIdx > 0) this.generations = this.generations.slice(genIdx);
  }

  private doCompact(atRev: number, available: Set<number>): [number, number] {
    const gens = this.generations;
    let genIdx = 0;
    let g = gens[0] as Generation;
    // First generation that includes atRev or was created after it.
    while (genIdx < gens.length - 1) {
      if (mainOf(g.revs[g.revs.length - 1] as number) >= atRev) break;
      genIdx++;
      g = gens[genIdx] as Generation;
    }
    const revIndex = g.findRevisionIndex(atRev);
    if (revIndex !== -1) available.add(g.revs[revIndex] as number);
    return [genIdx, revIndex];
  }

  /** Every packed revision still held, oldest first. */
  allRevisions(): number[] {
    const out: number[] = [];
    for (const g of this.generations) for (const r of g.revs) out.push(r);
    return out;
  }
}
