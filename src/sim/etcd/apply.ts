/**
 * The applier (etcdserver/apply.go applierV3backend): turns Range, Put, DeleteRange, Txn and
 * Compaction requests into store transactions and builds their responses, with the checks
 * etcd makes at apply time (lease exists, ignore_value/ignore_lease need the key, a txn range's
 * revision is readable). Request-shape checks done before raft live in txn-checks.ts.
 */
import { errKeyNotFound, errLeaseNotFound } from './errors';
import { keyRange, type KeyRange } from './key-range';
import type { KVStore, RangeOptions, RangeResult, WriteTxn } from './kv-store';
import type { Lessor } from './lease';
import { innerHeader, type Member } from './member';
import { applyCompare, isTxnReadonly } from './txn-checks';
import {
  NO_LEASE,
  type CompactionResponse,
  type DeleteRangeRequest,
  type DeleteRangeResponse,
  type KeyValue,
  type PutRequest,
  type PutResponse,
  type RangeRequest,
  type RangeResponse,
  type RequestOp,
  type ResponseHeader,
  type ResponseOp,
  type SortTarget,
  type TxnRequest,
  type TxnResponse,
} from './types';

type Reader = (range: KeyRange, opts: RangeOptions) => RangeResult;
type Header = (revision: number) => ResponseHeader;

function sortKey(target: SortTarget): (kv: KeyValue) => number | string {
  switch (target) {
    case 'KEY':
      return (kv) => kv.key;
    case 'VERSION':
      return (kv) => kv.version;
    case 'CREATE':
      return (kv) => kv.createRevision;
    case 'MOD':
      return (kv) => kv.modRevision;
    case 'VALUE':
      return (kv) => kv.value;
  }
}

export class Applier {
  constructor(
    private readonly store: KVStore,
    private readonly lessor: Lessor,
    private readonly member: Member,
  ) {}

  private readonly top: Header = (rev) => this.member.header(rev);

  private readonly readCurrent: Reader = (range, opts) => this.store.range(range, opts);

  range(r: RangeRequest, read: Reader = this.readCurrent, header: Header = this.top): RangeResponse {
    const requested = r.sortOrder ?? 'NONE';
    const target = r.sortTarget ?? 'KEY';
    const wanted = r.limit ?? 0;
    // Sorting needs everything; otherwise fetch one extra to know whether there is more.
    let limit = requested !== 'NONE' ? 0 : wanted;
    if (limit > 0) limit++;
    const rr = read(keyRange(r.key, r.rangeEnd), { limit, rev: r.revision ?? 0, count: r.countOnly ?? false });
    let kvs = rr.kvs;
    const order = target !== 'KEY' && requested === 'NONE' ? 'ASCEND' : requested;
    if (order !== 'NONE' && !(target === 'KEY' && order === 'ASCEND')) {
      const by = sortKey(target);
      const dir = order === 'ASCEND' ? 1 : -1;
      kvs.sort((a, b) => {
        const x = by(a);
        const y = by(b);
        return x < y ? -dir : x > y ? dir : 0;
      });
    }
    let more = false;
    if (wanted > 0 && kvs.length > wanted) {
      kvs = kvs.slice(0, wanted);
      more = true;
    }
    if (r.keysOnly) kvs = kvs.map((kv) => ({ ...kv, value: '' }));
    return { header: header(rr.rev), kvs, more, count: rr.count };
  }

  /** Put; a standalone one (no txn given) checks the lease and opens its own write. */
  put(p: PutRequest, txn?: WriteTxn, header: Header = this.top): PutResponse {
    if (txn === undefined) {
      this.checkLease(p.lease ?? NO_LEASE);
      const own = this.store.write();
      try {
        return this.put(p, own, header);
      } finally {
        own.end();
      }
    }
    let value = p.value ?? '';
    let lease = p.lease ?? NO_LEASE;
    let prev: KeyValue | undefined;
    if (p.ignoreValue || p.ignoreLease || p.prevKv) prev = txn.range(keyRange(p.key, undefined)).kvs[0];
    if (p.ignoreValue || p.ignoreLease) {
      if (prev === undefined) throw errKeyNotFound();
      if (p.ignoreValue) value = prev.value;
      if (p.ignoreLease) lease = prev.lease;
    }
    const rev = txn.put(p.key, value, lease);
    return p.prevKv && prev !== undefined ? { header: header(rev), prevKv: prev } : { header: header(rev) };
  }

  deleteRange(dr: DeleteRangeRequest, txn?: WriteTxn, header: Header = this.top): DeleteRangeResponse {
    if (txn === undefined) {
      const own = this.store.write();
      try {
        return this.deleteRange(dr, own, header);
      } finally {
        own.end();
      }
    }
    const res = txn.deleteRange(keyRange(dr.key, dr.rangeEnd));
    return { header: header(res.rev), deleted: res.deleted, prevKvs: dr.prevKv ? res.prevKvs : [] };
  }

  private checkLease(lease: bigint): void {
    if (lease !== NO_LEASE && this.lessor.lookup(lease) === undefined) throw errLeaseNotFound();
  }

  /** checkRequests for the branch that will run: nothing is written when one fails. */
  private checkOps(ops: readonly RequestOp[], current: number, isWrite: boolean): void {
    for (const op of ops) {
      if ('requestPut' in op && isWrite) {
        const p = op.requestPut;
        if ((p.ignoreValue || p.ignoreLease) && this.store.range(keyRange(p.key, undefined)).kvs.length === 0) throw errKeyNotFound();
        this.checkLease(p.lease ?? NO_LEASE);
      } else if ('requestRange' in op) {
        this.store.checkReadRev(op.requestRange.revision ?? 0, current);
      }
    }
  }

  /** Txn: evaluate the compares at the current revision, then run one branch atomically. */
  txn(rt: TxnRequest, readonly = isTxnReadonly(rt)): TxnResponse {
    const current = this.store.currentRev;
    const read: Reader = (range, opts) => this.store.rangeKeys(range, current, opts);
    const succeeded = (rt.compare ?? []).every((c) => applyCompare(c, (range) => read(range, {})));
    const ops = (succeeded ? rt.success : rt.failure) ?? [];
    const isWrite = !readonly;
    this.checkOps(ops, current, isWrite);
    if (!isWrite) {
      const responses: ResponseOp[] = ops.map((op) => ({ responseRange: this.range((op as { requestRange: RangeRequest }).requestRange, read, innerHeader) }));
      return { header: this.top(current), succeeded, responses };
    }
    const txn = this.store.write();
    let rev = current;
    const responses: ResponseOp[] = [];
    try {
      for (const op of ops) {
        if ('requestRange' in op) responses.push({ responseRange: this.range(op.requestRange, (range, opts) => txn.range(range, opts), innerHeader) });
        else if ('requestPut' in op) responses.push({ responsePut: this.put(op.requestPut, txn, innerHeader) });
        else responses.push({ responseDeleteRange: this.deleteRange(op.requestDeleteRange, txn, innerHeader) });
      }
    } finally {
      rev = txn.end();
    }
    return { header: this.top(rev), succeeded, responses };
  }

  compaction(revision: number): CompactionResponse {
    this.store.compact(revision);
    return { header: this.top(this.store.currentRev) };
  }
}
