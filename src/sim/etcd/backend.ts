/**
 * The backend: what etcd keeps in bbolt's `key` bucket, an append-only log from revision to the
 * KeyValue written at that revision. Writes arrive in revision order, so two parallel arrays
 * (packed revisions, ascending, and their KeyValues) hold it with no per-entry object; a point
 * read is a binary search. Compaction removes what no key can reach any more, in one pass.
 *
 * A tombstone is the KeyValue a delete writes: only key and modRevision set, version 0 (etcd
 * marks its bbolt key with a trailing 't'; no other KeyValue has version 0).
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

export function isTombstone(kv: KeyValue): boolean {
  return kv.version === 0;
}

export class Backend {
  /** Packed revisions, ascending. */
  private revs: number[] = [];
  /** The KeyValue stored at revs[i]. */
  private kvs: KeyValue[] = [];
  private bytes = 0;
  private highWater = INITIAL_DB_BYTES;

  /** Append the KeyValue written at packed revision `rev` (above every stored one). */
  put(rev: number, kv: KeyValue): void {
    this.revs.push(rev);
    this.kvs.push(kv);
    this.bytes += entryBytes(kv);
    if (this.bytes + INITIAL_DB_BYTES > this.highWater) this.highWater = this.sizeInUse();
  }

  /** Index of the first stored revision >= packed `rev`. */
  private lowerBound(rev: number): number {
    const revs = this.revs;
    let lo = 0;
    let hi = revs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((revs[mid] as number) < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Visit stored revisions with fromMain <= main <= toMain in revision order (what the watch
   * store reads to replay history). Stop when `visit` returns false.
   */
  scan(fromMain: number, toMain: number, visit: (rev: number, kv: KeyValue) => boolean | void): void {
    const limit = packedLimit(toMain);
    const revs = this.revs;
    for (let i = this.lowerBound(packedLimit(fromMain - 1)); i < revs.length; i++) {
      const rev = revs[i] as number;
      if (rev >= limit) break;
      if (visit(rev, this.kvs[i] as KeyValue) === false) break;
    }
  }

  /**
   * Remove every revision with main <= atRev that is not in `keep`; returns how many went
   * (kvstore_compaction.go scheduleCompaction).
   */
  compact(atRev: number, keep: ReadonlySet<number>): number {
    const end = this.lowerBound(packedLimit(atRev));
    const revs: number[] = [];
    const kvs: KeyValue[] = [];
    for (let i = 0; i < end; i++) {
      const rev = this.revs[i] as number;
      const kv = this.kvs[i] as KeyValue;
      if (keep.has(rev)) {
        revs.push(rev);
        kvs.push(kv);
      } else {
        this.bytes -= entryBytes(kv);
      }
    }
    const removed = end - revs.length;
    if (removed > 0) {
      for (let i = end; i < this.revs.length; i++) {
        revs.push(this.revs[i] as number);
        kvs.push(this.kvs[i] as KeyValue);
      }
      this.revs = revs;
      this.kvs = kvs;
    }
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
