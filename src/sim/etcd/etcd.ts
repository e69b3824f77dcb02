/**
 * Etcd: one simulated etcd member, its API as methods. It ties together the MVCC store, the
 * applier, the watch store, the lessor, the member's raft bookkeeping and (optionally) the
 * kube-apiserver-style periodic compactor, all on the engine's clock.
 *
 * Error convention: every method throws an EtcdError (errors.ts) where etcd answers with a
 * gRPC error; nothing changes when it does. Calls are synchronous: the caller (the apiserver)
 * models its own network delay. Watch responses are the exception: they reach the callback
 * through the engine, a moment after the write.
 */
import type { Engine } from '../engine';
import { Applier } from './apply';
import { isTombstone } from './backend';
import { Compactor, DEFAULT_COMPACTION_INTERVAL_MS } from './compactor';
import { errRequestTooLarge } from './errors';
import { keyRange, prefixRange, type KeyRange } from './key-range';
import { KVStore, type CommitListener } from './kv-store';
import { Lessor } from './lease';
import { ETCD_VERSION, Member } from './member';
import { backendKey, mainOf, subOf } from './revision';
import { checkKeyGiven, checkPutRequest, checkTxnRequest, isTxnReadonly, MAX_REQUEST_BYTES, MAX_TXN_OPS, requestBytes } from './txn-checks';
import {
  NO_LEASE,
  type CompactionRequest,
  type CompactionResponse,
  type DeleteRangeRequest,
  type DeleteRangeResponse,
  type HistoryEntry,
  type LeaseGrantRequest,
  type LeaseGrantResponse,
  type LeaseID,
  type LeaseKeepAliveResponse,
  type LeaseLeasesResponse,
  type LeaseRevokeResponse,
  type LeaseTimeToLiveResponse,
  type PutRequest,
  type PutResponse,
  type RangeRequest,
  type RangeResponse,
  type StatusResponse,
  type TxnRequest,
  type TxnResponse,
  type WatchCallback,
  type WatchRequest,
  type Watcher,
} from './types';
import { WatchableStore } from './watchable-store';

export interface EtcdOptions {
  /** kube-apiserver's periodic compaction; default on, every 5 minutes. false turns it off. */
  readonly compactor?: boolean | { readonly intervalMs?: number };
  /** Virtual ms between a write and its watch responses; default 1. */
  readonly watchDeliveryDelayMs?: number;
  /** Progress notification interval for watches asking for it; default 10 minutes. */
  readonly progressNotifyIntervalMs?: number;
  /** --max-txn-ops; default 128. */
  readonly maxTxnOps?: number;
}

export class Etcd {
  private readonly store = new KVStore();
  private readonly member: Member;
  private readonly lessor: Lessor;
  private readonly applier: Applier;
  private readonly watchable: WatchableStore;
  private readonly maxTxnOps: number;
  /** The periodic compactor, when enabled. */
  readonly compactor: Compactor | undefined;

  constructor(
    private readonly engine: Engine,
    options: EtcdOptions = {},
  ) {
    this.member = new Member(engine.seed);
    this.lessor = new Lessor(engine, (id) => this.expire(id));
    this.applier = new Applier(this.store, this.lessor, this.member);
    this.maxTxnOps = options.maxTxnOps ?? MAX_TXN_OPS;
    // Keys follow their lease: attach on put, detach when overwritten without it or deleted.
    this.store.onCommit((_rev, changes) => {
      for (const c of changes) {
        const before = c.prevKv?.lease ?? NO_LEASE;
        const after = c.type === 'PUT' ? c.kv.lease : NO_LEASE;
        if (before !== NO_LEASE && before !== after) this.lessor.detach(before, c.kv.key);
        if (after !== NO_LEASE) this.lessor.attach(after, c.kv.key);
      }
    });
    this.watchable = new WatchableStore(engine, this.store, (rev) => this.member.header(rev), {
      deliveryDelayMs: options.watchDeliveryDelayMs,
      progressNotifyIntervalMs: options.progressNotifyIntervalMs,
    });
    const compactor = options.compactor ?? true;
    if (compactor !== false) {
      const intervalMs = compactor === true ? DEFAULT_COMPACTION_INTERVAL_MS : (compactor.intervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS);
      this.compactor = new Compactor(engine, { txn: (r) => this.txn(r), compact: (rev) => this.compact(rev) }, intervalMs);
      this.compactor.start();
    }
  }

  /** The store's current revision. */
  get revision(): number {
    return this.store.currentRev;
  }

  /** The last compacted revision; -1 before the first compaction. */
  get compactRevision(): number {
    return this.store.compactMainRev;
  }

  /** Virtual ms between a write and its delivery to watchers. */
  get watchDeliveryDelayMs(): number {
    return this.watchable.deliveryDelayMs;
  }

  range(request: RangeRequest): RangeResponse {
    checkKeyGiven(request.key);
    return this.applier.range(request);
  }

  put(request: PutRequest): PutResponse {
    checkPutRequest(request);
    if (request.key.length + (request.value ?? '').length > MAX_REQUEST_BYTES) throw errRequestTooLarge();
    this.member.propose();
    return this.applier.put(request);
  }

  deleteRange(request: DeleteRangeRequest): DeleteRangeResponse {
    checkKeyGiven(request.key);
    this.member.propose();
    return this.applier.deleteRange(request);
  }

  txn(request: TxnRequest): TxnResponse {
    checkTxnRequest(request, this.maxTxnOps);
    if (requestBytes(request.success ?? []) + requestBytes(request.failure ?? []) > MAX_REQUEST_BYTES) throw errRequestTooLarge();
    const readonly = isTxnReadonly(request);
    if (!readonly) this.member.propose();
    return this.applier.txn(request, readonly);
  }

  compact(request: number | CompactionRequest): CompactionResponse {
    const revision = typeof request === 'number' ? request : request.revision;
    this.member.propose();
    return this.applier.compaction(revision);
  }

  /** Start a watch; responses reach `callback` through the engine. */
  watch(request: WatchRequest, callback: WatchCallback): Watcher {
    return this.watchable.watch(request, callback);
  }

  /** Ask for a progress notification on a watch (RequestProgress); false if no such watch is active. */
  requestProgress(watchId: number): boolean {
    return this.watchable.requestProgress(watchId);
  }

  /** Cancel a watch by id; false if no such watch is active. */
  cancelWatch(watchId: number): boolean {
    return this.watchable.cancel(watchId);
  }

  leaseGrant(request: LeaseGrantRequest | number): LeaseGrantResponse {
    const r = typeof request === 'number' ? { ttl: request } : request;
    const id = r.id !== undefined && r.id !== NO_LEASE ? r.id : this.member.nextLeaseId();
    this.member.propose();
    const lease = this.lessor.grant(id, r.ttl);
    return { header: this.member.header(this.store.currentRev), id, ttl: lease.ttl, error: '' };
  }

  /** Revoke a lease: its keys are deleted in one revision (none: no revision). */
  leaseRevoke(id: LeaseID): LeaseRevokeResponse {
    this.member.propose();
    this.revoke(id);
    return { header: this.member.header(this.store.currentRev) };
  }

  leaseKeepAlive(id: LeaseID): LeaseKeepAliveResponse {
    const ttl = this.lessor.renew(id);
    return { header: this.member.header(this.store.currentRev), id, ttl };
  }

  /** A missing lease answers ttl -1, as etcd does, rather than an error. */
  leaseTimeToLive(id: LeaseID, options: { keys?: boolean } = {}): LeaseTimeToLiveResponse {
    const header = this.member.header(this.store.currentRev);
    const lease = this.lessor.lookup(id);
    if (lease === undefined) return { header, id, ttl: -1, grantedTtl: 0, keys: [] };
    const keys = options.keys ? [...lease.keys].sort() : [];
    return { header, id, ttl: this.lessor.remaining(lease), grantedTtl: lease.ttl, keys };
  }

  leaseLeases(): LeaseLeasesResponse {
    return { header: this.member.header(this.store.currentRev), leases: this.lessor.ids() };
  }

  status(): StatusResponse {
    const rev = this.store.currentRev;
    const m = this.member;
    return {
      header: m.header(rev),
      version: ETCD_VERSION,
      dbSize: this.store.backend.sizeOnDisk(),
      dbSizeInUse: this.store.backend.sizeInUse(),
      leader: m.memberId,
      raftIndex: m.raftIndex,
      raftTerm: m.raftTerm,
      raftAppliedIndex: m.raftIndex,
      errors: [],
      isLearner: false,
      revision: rev,
      compactRevision: this.store.compactMainRev,
      keys: this.store.liveKeys,
    };
  }

  /** Keys that exist now, in key order; with a prefix, only those starting with it. */
  listKeys(prefix = ''): string[] {
    const { key, rangeEnd } = prefixRange(prefix);
    const range: KeyRange = keyRange(key, rangeEnd);
    const at = this.store.currentRev;
    const out: string[] = [];
    this.store.index.visit(range, (ki) => {
      if (ki.kvAt(at) !== undefined) out.push(ki.key);
    });
    return out;
  }

  /** Every revision of `key` still stored (not compacted away), oldest first. */
  history(key: string): HistoryEntry[] {
    const ki = this.store.index.keyIndex(key);
    if (ki === undefined) return [];
    const out: HistoryEntry[] = [];
    for (const g of ki.generations) {
      for (let i = 0; i < g.size; i++) {
        const rev = g.revAt(i);
        const kv = g.kvAt(i);
        const tombstone = isTombstone(kv);
        const main = mainOf(rev);
        const sub = subOf(rev);
        out.push({ main, sub, tombstone, kv, backendKey: backendKey({ main, sub }, tombstone) });
      }
    }
    return out;
  }

  /** Hear every committed change set synchronously (for panels and traces, not components). */
  onCommit(listener: CommitListener): () => void {
    return this.store.onCommit(listener);
  }

  private revoke(id: LeaseID): void {
    const lease = this.lessor.lookup(id);
    if (lease === undefined) {
      this.lessor.remove(id); // throws "requested lease not found"
      return;
    }
    const keys = [...lease.keys].sort();
    const txn = this.store.write();
    try {
      for (const key of keys) txn.deleteRange(keyRange(key, undefined));
    } finally {
      txn.end();
    }
    this.lessor.remove(id);
  }

  /** The lessor found a lease expired: the leader revokes it through raft. */
  private expire(id: LeaseID): void {
    this.member.propose();
    this.revoke(id);
  }
}
