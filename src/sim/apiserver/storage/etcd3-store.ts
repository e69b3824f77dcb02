/**
 * The apiserver's storage.Interface over etcd, written the way k8s.io/apiserver's etcd3 store
 * and etcd's client/v3/kubernetes client write (vectors/etcd-keys.json storage_ops):
 *   create  = Txn If(mod_revision(key) == 0) Then Put             -> else AlreadyExists
 *   update  = Txn If(mod_revision(key) == rv read) Then Put Else Get -> retry on the fresh object
 *   delete  = Txn If(mod_revision(key) == rv read) Then Delete Else Get
 *   get     = Range(key); list = Range(prefix, prefixEnd)
 * resourceVersion is the key's mod_revision (a list's is the header revision). Every call
 * crosses the network to etcd and back, so results arrive through callbacks.
 */
import { prefixEnd, type KeyValue, type TxnResponse } from '../../etcd';
import type { KubeObject } from '../../api/kube-object';
import { decodeKeyValue, encodeForStorage, JustWritten, withResourceVersion } from './codec';
import type { EtcdTransport, Result } from './etcd-transport';
import { newTooLargeResourceVersion } from '../status';

export type StorageErrorCode = 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Unreachable';

/** k8s.io/apiserver/pkg/storage.StorageError: the registry maps these to Status errors. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message?: string,
  ) {
    super(message ?? `${code}: ${key}`);
    this.name = 'StorageError';
  }
}

export interface ListResult {
  readonly items: KubeObject[];
  readonly resourceVersion: number;
}

/** One page of a paged list: the items, and where the next page starts (the last key read + "\x00"). */
export interface ListPage extends ListResult {
  readonly nextKey?: string;
  /** Keys left after this page when nothing was filtered out (remainingItemCount). */
  readonly remaining?: number;
}

/** An object the watch cache holds, with the stored value (and lease) it was decoded from. */
export interface CachedObject {
  readonly object: KubeObject;
  readonly kv: KeyValue;
}

/** What an update function decides: the new object, or an error to stop with. */
export type TryUpdate = (current: KubeObject) => KubeObject;

export class Etcd3Store {
  constructor(
    private readonly transport: EtcdTransport,
    /** Where writes leave their objects for the watch cache (see JustWritten). */
    private readonly written: JustWritten = new JustWritten(),
    /** The watch cache's object at a key and the value it was decoded from (cacher.go's cachedExistingObject), when there is one. */
    private readonly cached: (key: string) => CachedObject | undefined = () => undefined,
  ) {}

  /**
   * The object stored as `kv`, decoded once: when an update has to read the key from etcd (no
   * cached copy, or a stale one lost its compare), the object it decodes is most often the one the watch cache holds,
   * or the one this apiserver has just written. Either is used when its resourceVersion is the
   * key's mod_revision: etcd gives a key one value per revision and never reuses a revision, so
   * the same key at the same mod_revision is the same stored value, already decoded. A write by
   * anyone else (etcdctl) has a revision of its own, and is decoded.
   */
  private decodeCurrent(kv: KeyValue): KubeObject {
    const cached = this.cached(kv.key);
    if (cached !== undefined && cached.kv.modRevision === kv.modRevision) return cached.object;
    return this.written.find(kv) ?? decodeKeyValue(kv);
  }

  /**
   * Range(key). `minimumRevision` (a resourceVersion the client sent, for a resource without a
   * watch cache) is validateMinimumResourceVersion: etcd must have reached it, else the
   * `Too large resource version` Timeout, with no retry.
   */
  get(key: string, done: (r: Result<KubeObject | undefined>) => void, requestId?: string, minimumRevision = 0): void {
    this.transport.call(
      `range ${key}`,
      (etcd) => {
        const response = etcd.range({ key });
        if (minimumRevision > response.header.revision) throw newTooLargeResourceVersion(minimumRevision, response.header.revision, 0);
        const kv = response.kvs[0];
        // A fresh object: what a GET answers is the client's to change, never the cache's.
        return kv ? decodeKeyValue(kv) : undefined;
      },
      done,
      requestId,
    );
  }

  /**
   * GetCurrentResourceVersion: etcd's current revision, from a count-only range over the
   * resource's prefix (cheap: no values travel). A consistent list from the cache waits for it.
   */
  currentRevision(prefix: string, done: (r: Result<number>) => void, requestId?: string): void {
    this.transport.call(`range ${prefix} --prefix --count-only`, (etcd) => etcd.range({ key: prefix, rangeEnd: prefixEnd(prefix), countOnly: true }).header.revision, done, requestId);
  }

  /**
   * A page of a list (etcd3 store GetList with a limit): reads `limit` keys from `startKey` at
   * `revision` (0: now), keeps those the predicate accepts, and reads on while it has fewer than
   * `limit` and etcd has more, as upstream does with a growing limit.
   */
  listPage(
    prefix: string,
    options: { startKey: string; revision: number; limit: number; predicate: (o: KubeObject) => boolean; filtered: boolean },
    done: (r: Result<ListPage>) => void,
    requestId?: string,
  ): void {
    this.transport.call(
      `range ${options.startKey} ${prefixEnd(prefix)} --limit=${options.limit}${options.revision ? ` --rev=${options.revision}` : ''}`,
      (etcd) => {
        const items: KubeObject[] = [];
        let key = options.startKey;
        // A token of revision -1 (the fresh one an expired token comes with) reads the latest.
        let revision = options.revision > 0 ? options.revision : 0;
        let readLimit = options.limit;
        for (;;) {
          const response = etcd.range({ key, rangeEnd: prefixEnd(prefix), limit: readLimit, ...(revision ? { revision } : {}) });
          if (!revision) revision = response.header.revision;
          for (const kv of response.kvs) {
            const object = decodeKeyValue(kv);
            if (options.predicate(object)) items.push(object);
            key = `${kv.key}\x00`;
            if (items.length === options.limit) {
              const more = response.more || kv !== response.kvs[response.kvs.length - 1];
              return { items, resourceVersion: revision, ...(more ? { nextKey: key } : {}), ...(more && !options.filtered ? { remaining: response.count - response.kvs.indexOf(kv) - 1 } : {}) };
            }
          }
          if (!response.more) return { items, resourceVersion: revision };
          readLimit = Math.min(readLimit * 2, 10_000);
        }
      },
      done,
      requestId,
    );
  }

  /** A list as it was at `revision` (resourceVersionMatch=Exact): etcd answers from its history. */
  listAt(prefix: string, revision: number, done: (r: Result<ListResult>) => void, requestId?: string): void {
    this.transport.call(
      `range ${prefix} --prefix --rev=${revision}`,
      (etcd) => {
        const response = etcd.range({ key: prefix, rangeEnd: prefixEnd(prefix), revision });
        return { items: response.kvs.map(decodeKeyValue), resourceVersion: revision };
      },
      done,
      requestId,
    );
  }

  list(prefix: string, done: (r: Result<ListResult>) => void, requestId?: string): void {
    this.transport.call(
      `range ${prefix} --prefix`,
      (etcd) => {
        const response = etcd.range({ key: prefix, rangeEnd: prefixEnd(prefix) });
        return { items: response.kvs.map(decodeKeyValue), resourceVersion: response.header.revision };
      },
      done,
      requestId,
    );
  }

  /** Create; fails with KeyExists. `lease` attaches an etcd lease (events use one for their TTL). */
  create(key: string, object: KubeObject, done: (r: Result<KubeObject>) => void, requestId?: string, lease?: bigint): void {
    const value = encodeForStorage(object);
    this.transport.call(
      `txn create ${key}`,
      (etcd) => {
        const response = etcd.txn({
          compare: [{ key, target: 'MOD', result: 'EQUAL', value: 0 }],
          success: [{ requestPut: { key, value, ...(lease ? { lease } : {}) } }],
        });
        if (!response.succeeded) throw new StorageError('KeyExists', key);
        return this.written.remember(key, value, withResourceVersion(object, response.header.revision));
      },
      done,
      requestId,
    );
  }

  /**
   * GuaranteedUpdate: apply `tryUpdate` to the key's object and write with a compare on its
   * revision; on a lost race, retry with the object etcd returned, for as long as it takes (as the
   * etcd3 store loops: each round someone wins, so it ends). With `preconditionRV` (the client sent
   * a resourceVersion) a mismatch is a Conflict instead of a retry.
   *
   * As upstream's cacher does (GuaranteedUpdate "tries to pass down the current version of the
   * object read from cache"), the first round starts from the watch cache's object and bytes
   * without reading etcd: a stale one only costs a failed compare, whose Else branch brings the
   * fresh value. A rejection (or a no-op) worked out from the cache's copy is checked against
   * etcd's current value first, as the etcd3 store does when !origStateIsCurrent.
   */
  guaranteedUpdate(
    key: string,
    tryUpdate: TryUpdate,
    done: (r: Result<KubeObject>) => void,
    options: { preconditionRV?: string; requestId?: string; dryRun?: boolean } = {},
  ): void {
    const readCurrent = (then: (kv: KeyValue | undefined) => void) =>
      this.transport.call(`range ${key}`, (etcd) => etcd.range({ key }).kvs[0], (r) => (r.ok ? then(r.value) : done(r)), options.requestId);
    const attempt = (current: KeyValue | undefined, currentObject: KubeObject | undefined, isCurrent: boolean) => {
      if (!current || !currentObject) {
        done({ ok: false, error: new StorageError('KeyNotFound', key) });
        return;
      }
      // An error worked out from the cache's copy stands only if etcd still holds that revision.
      const fail = (error: unknown) => {
        if (isCurrent) return done({ ok: false, error });
        readCurrent((kv) => (kv && kv.modRevision === current.modRevision ? done({ ok: false, error }) : fromEtcd(kv)));
      };
      if (options.preconditionRV && options.preconditionRV !== String(current.modRevision)) return fail(new StorageError('Conflict', key));
      let updated: KubeObject;
      try {
        updated = tryUpdate(currentObject);
      } catch (error) {
        return fail(error);
      }
      // ?dryRun=All: everything but the write.
      if (options.dryRun) return done({ ok: true, value: updated });
      const value = encodeForStorage(updated);
      if (value === current.value) {
        // Nothing changed: no write, no new revision. As the real store does (bytes.Equal with
        // origState.data), the comparison is with the stored bytes, not a second encoding; a
        // no-op found on the cache's copy is made sure of on etcd's current value.
        if (!isCurrent) return readCurrent(fromEtcd);
        // Answered with a fresh object: the one it started from may be the watch cache's own.
        done({ ok: true, value: decodeKeyValue(current) });
        return;
      }
      this.transport.call(
        `txn update ${key}`,
        (etcd): TxnResponse =>
          etcd.txn({
            compare: [{ key, target: 'MOD', result: 'EQUAL', value: current.modRevision }],
            success: [{ requestPut: { key, value, ...(current.lease ? { lease: current.lease } : {}) } }],
            failure: [{ requestRange: { key } }],
          }),
        (r) => {
          if (!r.ok) return done(r);
          if (r.value.succeeded) return done({ ok: true, value: this.written.remember(key, value, withResourceVersion(updated, r.value.header.revision)) });
          const fresh = r.value.responses[0];
          fromEtcd(fresh && 'responseRange' in fresh ? fresh.responseRange.kvs[0] : undefined);
        },
        options.requestId,
      );
    };
    const fromEtcd = (kv: KeyValue | undefined) => attempt(kv, kv && this.decodeCurrent(kv), true);
    const cached = this.cached(key);
    if (cached) attempt(cached.kv, cached.object, false);
    else readCurrent(fromEtcd);
  }

  /** Delete with a compare on the revision read (OptimisticDelete); returns the deleted object. */
  delete(key: string, done: (r: Result<KubeObject>) => void, options: { requestId?: string } = {}): void {
    this.transport.call(
      `range ${key}`,
      (etcd) => etcd.range({ key }).kvs[0],
      (r) => {
        if (!r.ok) return done(r);
        const attempt = (current: KeyValue | undefined): void => {
          if (!current) return done({ ok: false, error: new StorageError('KeyNotFound', key) });
          this.transport.call(
            `txn delete ${key}`,
            (etcd) =>
              etcd.txn({
                compare: [{ key, target: 'MOD', result: 'EQUAL', value: current.modRevision }],
                success: [{ requestDeleteRange: { key } }],
                failure: [{ requestRange: { key } }],
              }),
            (d) => {
              if (!d.ok) return done(d);
              // conditionalDelete: someone wrote the key in between (a kubelet's status update):
              // retry against the value the failed txn read back, as upstream loops.
              if (!d.value.succeeded) {
                const op = d.value.responses[0];
                return attempt(op && 'responseRange' in op ? op.responseRange.kvs[0] : undefined);
              }
              done({ ok: true, value: withResourceVersion(decodeKeyValue(current), d.value.header.revision) });
            },
            options.requestId,
          );
        };
        attempt(r.value);
      },
      options.requestId,
    );
  }
}
