/**
 * The periodic compactor kube-apiserver runs against etcd (apiserver pkg/storage/etcd3/compact.go).
 * Every interval (--etcd-compaction-interval, default 5m) it CASes the key `compact_rev_key`
 * on its version, the "compact time" shared by every apiserver, writing the revision it saw at
 * the previous interval, and then compacts to that revision. So etcd keeps about one interval
 * of history, and `compact_rev_key` shows up in the keyspace as on a real cluster.
 *
 * It talks to etcd only through the client API (txn and compact), as the apiserver does.
 */
import type { Engine, EventHandle } from '../engine';
import { isEtcdError } from './errors';
import type { CompactionResponse, TxnRequest, TxnResponse } from './types';

export const COMPACT_REV_KEY = 'compact_rev_key';
export const DEFAULT_COMPACTION_INTERVAL_MS = 5 * 60_000;

export interface CompactorClient {
  txn(request: TxnRequest): TxnResponse;
  compact(revision: number): CompactionResponse;
}

export class Compactor {
  /** The local copy of compact_rev_key's version. */
  private compactTime = 0;
  /** The revision seen at the previous interval: what the next run compacts to. */
  private rev = 0;
  private handle: EventHandle | undefined;
  /** The last compaction error, as kube-apiserver would log it; '' when the last run was clean. */
  lastError = '';

  constructor(
    private readonly engine: Engine,
    private readonly client: CompactorClient,
    readonly intervalMs = DEFAULT_COMPACTION_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.handle !== undefined) return;
    this.handle = this.engine.schedule(this.intervalMs, 'kube-apiserver: compact etcd', () => {
      this.handle = undefined;
      this.runOnce();
      this.start();
    });
  }

  stop(): void {
    if (this.handle !== undefined) this.engine.cancel(this.handle);
    this.handle = undefined;
  }

  /** One round of compact.go `compact(ctx, client, t, rev)`. */
  runOnce(): void {
    const t = this.compactTime;
    let resp: TxnResponse;
    try {
      resp = this.client.txn({
        compare: [{ key: COMPACT_REV_KEY, target: 'VERSION', result: 'EQUAL', value: t }],
        success: [{ requestPut: { key: COMPACT_REV_KEY, value: String(this.rev) } }],
        failure: [{ requestRange: { key: COMPACT_REV_KEY } }],
      });
    } catch (error) {
      if (!isEtcdError(error)) throw error;
      this.lastError = error.message;
      return;
    }
    const curRev = resp.header.revision;
    if (!resp.succeeded) {
      const first = resp.responses[0];
      const kv = first !== undefined && 'responseRange' in first ? first.responseRange.kvs[0] : undefined;
      this.compactTime = kv?.version ?? t;
      this.rev = curRev;
      this.lastError = '';
      return;
    }
    const previous = this.rev;
    this.compactTime = t + 1;
    this.rev = curRev;
    this.lastError = '';
    // No compaction on bootstrap.
    if (previous === 0) return;
    try {
      this.client.compact(previous);
    } catch (error) {
      if (!isEtcdError(error)) throw error;
      this.lastError = error.message;
    }
  }
}
