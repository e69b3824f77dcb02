/**
 * The MVCC store (server/storage/mvcc/kvstore.go, kvstore_txn.go): the tree index plus the
 * backend, the current and compacted revisions, and read and write transactions over them.
 *
 * A write transaction gives every change the same main revision (beginRev + 1) and its own sub
 * revision; ending it bumps the store revision by exactly one, and only if something changed.
 * Commit listeners (the watch store, the lessor) hear each committed change set in op order.
 */
import { Backend } from './backend';
import { errCompacted, errFutureRev } from './errors';
import type { KeyRange } from './key-range';
import { packRevision } from './revision';
import { TreeIndex } from './tree-index';
import { NO_LEASE, type EventType, type KeyValue, type LeaseID } from './types';

/** One change of a committed write: the new KeyValue (a tombstone for DELETE) and the one before. */
export interface Change {
  readonly type: EventType;
  readonly kv: KeyValue;
  readonly prevKv: KeyValue | undefined;
}

export type CommitListener = (revision: number, changes: readonly Change[]) => void;

export interface RangeOptions {
  /** 0 = no limit. */
  readonly limit?: number;
  /** <= 0 = the transaction's revision. */
  readonly rev?: number;
  /** Count only, return no KeyValues. */
  readonly count?: boolean;
}

export interface RangeResult {
  readonly kvs: KeyValue[];
  /** The revision the transaction reads at (the store's current revision for a plain read). */
  readonly rev: number;
  readonly count: number;
}

export class KVStore {
  readonly index = new TreeIndex();
  readonly backend = new Backend();
  private rev = 1;
  private compactRev = -1;
  private live = 0;
  private writing = false;
  private readonly listeners: CommitListener[] = [];

  /** The store revision: 1 when fresh, +1 per write that changed something. */
  get currentRev(): number {
    return this.rev;
  }

  /** The last compacted revision, -1 before the first compaction. */
  get compactMainRev(): number {
    return this.compactRev;
  }

  /** Keys that exist at the current revision. */
  get liveKeys(): number {
    return this.live;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** A read at the current revision (or opts.rev). */
  range(range: KeyRange, opts: RangeOptions = {}): RangeResult {
    return this.rangeKeys(range, this.rev, opts);
  }

  /** kvstore_txn.go rangeKeys. */
  rangeKeys(range: KeyRange, curRev: number, opts: RangeOptions): RangeResult {
    const asked = opts.rev ?? 0;
    this.checkReadRev(asked, curRev);
    const at = asked <= 0 ? curRev : asked;
    if (opts.count) return { kvs: [], rev: curRev, count: this.index.count(range, at) };
    const { kvs, total } = this.index.range(range, at, opts.limit ?? 0);
    return { kvs, rev: curRev, count: total };
  }

  /**
   * Can a read at `asked` (0: the current revision) be served? Not from the future, and not
   * from before the compaction (reading at the current revision always can).
   */
  checkReadRev(asked: number, curRev: number): void {
    if (asked > curRev) throw errFutureRev();
    if (asked > 0 && asked < this.compactRev) throw errCompacted();
  }

  /** Open the (only) write transaction; call end() on it. */
  write(): WriteTxn {
    if (this.writing) throw new Error('mvcc: a write transaction is already open');
    this.writing = true;
    return new WriteTxn(this, this.rev);
  }

  /** Called by WriteTxn.end. */
  commit(txn: WriteTxn, changes: readonly Change[], liveDelta: number): number {
    this.writing = false;
    if (changes.length === 0) return txn.beginRev;
    this.rev = txn.beginRev + 1;
    this.live += liveDelta;
    for (const listener of this.listeners) listener(this.rev, changes);
    return this.rev;
  }

  /**
   * kvstore.go Compact: forget every version older than the newest one at or below `rev`.
   * Throws ErrCompacted for rev <= compactMainRev and ErrFutureRev for rev > currentRev.
   */
  compact(rev: number): void {
    if (rev <= this.compactRev) throw errCompacted();
    if (rev > this.rev) throw errFutureRev();
    this.compactRev = rev;
    const keep = this.index.compact(rev);
    this.backend.compact(rev, keep);
  }
}

export class WriteTxn {
  readonly changes: Change[] = [];
  private liveDelta = 0;
  private ended = false;

  constructor(
    private readonly store: KVStore,
    readonly beginRev: number,
  ) {}

  /** The revision reads inside this transaction see: its own writes included. */
  get readRev(): number {
    return this.changes.length > 0 ? this.beginRev + 1 : this.beginRev;
  }

  range(range: KeyRange, opts: RangeOptions = {}): RangeResult {
    return this.store.rangeKeys(range, this.readRev, opts);
  }

  /** storeTxnWrite.put; returns the revision of the write. */
  put(key: string, value: string, lease: LeaseID = NO_LEASE): number {
    const rev = this.beginRev + 1;
    const packed = packRevision(rev, this.changes.length);
    const ki = this.store.index.getOrCreate(key);
    const prev = ki.latest();
    const kv: KeyValue = {
      key: ki.key,
      createRevision: prev === undefined ? rev : prev.createRevision,
      modRevision: rev,
      version: prev === undefined ? 1 : prev.version + 1,
      value,
      lease,
    };
    this.store.backend.put(packed, kv);
    ki.put(packed, kv);
    if (prev === undefined) this.liveDelta++;
    this.changes.push({ type: 'PUT', kv, prevKv: prev });
    return rev;
  }

  /** storeTxnWrite.deleteRange: tombstone every key alive in the range. */
  deleteRange(range: KeyRange): { deleted: number; rev: number; prevKvs: KeyValue[] } {
    const { kvs } = this.store.rangeKeys(range, this.readRev, {});
    for (const prev of kvs) this.delete(prev);
    return { deleted: kvs.length, rev: this.readRev, prevKvs: kvs };
  }

  private delete(prev: KeyValue): void {
    const rev = this.beginRev + 1;
    const packed = packRevision(rev, this.changes.length);
    const tombstone: KeyValue = { key: prev.key, createRevision: 0, modRevision: rev, version: 0, value: '', lease: NO_LEASE };
    this.store.backend.put(packed, tombstone);
    this.store.index.tombstone(prev.key, packed, tombstone);
    this.liveDelta--;
    this.changes.push({ type: 'DELETE', kv: tombstone, prevKv: prev });
  }

  /** Commit: bump the store revision if anything changed; returns the resulting revision. */
  end(): number {
    if (this.ended) throw new Error('mvcc: transaction already ended');
    this.ended = true;
    return this.store.commit(this, this.changes, this.liveDelta);
  }
}
