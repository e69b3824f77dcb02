/**
 * The backend: what etcd keeps in bbolt's `key` bucket, an append-only map from revision to
 * the KeyValue written at that revision (a tombstone marked as such). Writes arrive in
 * revision order, so the ascending list of revisions is kept by appending; compaction removes
 * the revisions no key can reach any more and rebuilds that list once.
 *
 * Sizes are estimates of what bbolt would hold: key and value lengths, the 17-byte revision key
 * and the marshalled KeyValue's fields, on 4 KiB pages; a fresh etcd file is 20 KiB.
 */
import type { KeyValue } from './types';
import { packedLimit } from './revision';

/** Bytes of a fresh member's bbolt file (five 4 KiB pages). */
export const INITIAL_DB_BYTES = 20_480;
const PAGE = 4096;
/** Revision key (17 B, 18 with the tombstone mark) plus marshalled numbers and bbolt's element header. */
const ENTRY_OVERHEAD = 17 + 16 + 30;

function entryBytes(kv: KeyValue): number {
  return kv.key.length + kv.value.length + ENTRY_OVERHEAD;
}

export class Backend {
  private readonly records = new Map<number, KeyValue>();
  private readonly tombstones = new Set<number>();
  /** Packed revisions, ascending. */
  private order: number[] = [];
  private bytes = 0;
  private highWater = INITIAL_DB_BYTES;

  /** Number of stored revisions. */
  get size(): number {
    return this.records.size;
  }

  /** Append the KeyValue written at packed revision `rev`. */
  put(rev: number, kv: KeyValue, tombstone = false): void {
    this.records.set(rev, kv);
    if (tombstone) this.tombstones.add(rev);
    this.order.push(rev);
    this.bytes += entryBytes(kv);
    const inUse = this.sizeInUse();
    if (inUse > this.highWater) this.highWater = inUse;
  }

  get(rev: number): KeyValue | undefined {
    return this.records.get(rev);
  }

  isTombstone(rev: number): boolean {
    return this.tombstones.has(rev);
  }

  /** Index in `order` of the first revision whose main is >= `main`. */
  private lowerBound(main: number): number {
    const target = packedLimit(main - 1);
    const order = this.order;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((order[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Visit stored revisions with fromMain <= main <= toMain in revision order (what the watch
   * store reads to replay history). Stop when `visit` returns false.
   */
  scan(fromMain: number, toMain: number, visit: (rev: number, kv: KeyValue, tombstone: boolean) => boolean | void): void {
    const limit = packedLimit(toMain);
    const order = this.order;
    for (let i = this.lowerBound(fromMain); i < order.length; i++) {
      const rev = order[i] as number;
      if (rev >= limit) break;
      const kv = this.records.get(rev);
      if (kv === undefined) continue;
      if (visit(rev, kv, this.tombstones.has(rev)) === false) break;
    }
  }

  /**
   * Remove every revision with main <= atRev that is not in `keep`; returns how many went.
   * (kvstore_compaction.go scheduleCompaction.)
   */
  compact(atRev: number, keep: ReadonlySet<number>): number {
    const end = this.lowerBound(atRev + 1);
    const kept: number[] = [];
    let removed = 0;
    for (let i = 0; i < end; i++) {
      const rev = this.order[i] as number;
      if (keep.has(rev)) {
        kept.push(rev);
        continue;
      }
      const kv = this.records.get(rev);
      if (kv !== undefined) this.bytes -= entryBytes(kv);
      this.records.delete(rev);
      this.tombstones.delete(rev);
      removed++;
    }
    if (removed > 0) this.order = kept.concat(this.order.slice(end));
    return removed;
  }

  /** Bytes logically in use, rounded up to whole pages. */
  sizeInUse(): number {
    return INITIAL_DB_BYTES + Math.ceil(this.bytes / PAGE) * PAGE;
  }

  /** The file's size: the high-water mark of sizeInUse (bbolt does not shrink without defrag). */
  sizeOnDisk(): number {
    return this.highWater;
  }
}
