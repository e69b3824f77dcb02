/**
 * A client watch served straight from etcd, for a resource without a watch cache (Events, see
 * cacher/watch-cache-sizes.ts): a port of k8s.io/apiserver pkg/storage/etcd3/watcher.go's
 * watchChan. Each client watch opens an etcd watch of its own:
 *
 *   - resourceVersion "" or "0": sync() first lists the prefix and sends every object as ADDED,
 *     then watches from the list's revision + 1;
 *   - an exact resourceVersion: watches from it + 1; a compacted one ends the watch with
 *     `410 Expired: The resourceVersion for the provided watch is too old.`
 *
 * Every etcd event is decoded for this watch alone (no cache shares the work) and filtered
 * with the watch's predicate, with the transitions of watchChan.transform: an update that
 * brings an object into the selector is ADDED, one that takes it out is DELETED (with the old
 * object), a delete is DELETED with the previous value stamped with the delete's revision.
 * An update or delete without its previous value (compacted) is the InternalError upstream's
 * parseEvent gives. No BOOKMARKs: the etcd3 store ignores allowWatchBookmarks.
 *
 * `StorageObserver` below is the apiserver's own etcd watch for observers of such a resource
 * (the page's watch stream, breakpoints), opened only while someone observes.
 */
import { prefixEnd, type KeyValue, type WatchEvent as EtcdWatchEvent, type WatchResponse, type Watcher } from '../../etcd';
import type { KubeObject } from '../../api/kube-object';
import type { ClientWatchEvent } from '../../api/watch';
import type { CacheEvent } from '../cacher/watch-cache';
import { newInternalError, newResourceExpired, StatusError } from '../status';
import { decodeFromStorage, decodeKeyValue } from './codec';
import type { EtcdTransport } from './etcd-transport';

export interface EtcdWatchOptions {
  /** The resource's key prefix, or a namespace's under it. */
  readonly keyPrefix: string;
  /** The parsed resourceVersion: 0 for "" and "0" (list first), else watch what came after it. */
  readonly revision: number;
  readonly predicate: (object: KubeObject) => boolean;
  /** The predicate accepts everything (no selector): an update is MODIFIED without decoding its old value. */
  readonly acceptAll: boolean;
}

/** How etcd's watch responses reach the apiserver: over the network, as the watch cache's do. */
export type DeliverFromEtcd = (label: string, deliver: () => void) => void;

/** interpretWatchError for ErrCompacted. */
const WATCH_TOO_OLD = 'The resourceVersion for the provided watch is too old.';

export class EtcdWatcher {
  private stopped = false;
  private etcdWatch: Watcher | undefined;

  constructor(
    private readonly transport: EtcdTransport,
    private readonly deliverFromEtcd: DeliverFromEtcd,
    private readonly options: EtcdWatchOptions,
    private readonly sink: (event: ClientWatchEvent) => void,
  ) {
    if (options.revision === 0) this.sync();
    else this.startWatching(options.revision);
  }

  /** The client went away: cancel the etcd watch; nothing more is sent. */
  stop(): void {
    this.stopped = true;
    this.etcdWatch?.cancel();
    this.etcdWatch = undefined;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** sync(): the current objects as ADDED (isCreated), then the watch from the list's revision. */
  private sync(): void {
    const prefix = this.options.keyPrefix;
    this.transport.call(
      `range ${prefix} --prefix`,
      (etcd) => etcd.range({ key: prefix, rangeEnd: prefixEnd(prefix) }),
      (r) => {
        if (this.stopped) return;
        if (!r.ok) return this.fail(newInternalError(r.error instanceof Error ? r.error.message : String(r.error)));
        for (const kv of r.value.kvs) {
          const object = decodeKeyValue(kv);
          if (this.options.predicate(object)) this.sink({ type: 'ADDED', object });
        }
        this.startWatching(r.value.header.revision);
      },
    );
  }

  private startWatching(revision: number): void {
    const prefix = this.options.keyPrefix;
    this.etcdWatch = this.transport.etcd.watch({ key: prefix, rangeEnd: prefixEnd(prefix), startRevision: revision + 1, prevKv: true }, (response) => {
      if (this.stopped) return;
      this.deliverFromEtcd(watchLabel(prefix, response), () => this.process(response));
    });
  }

  private process(response: WatchResponse): void {
    if (this.stopped) return;
    if (response.canceled) {
      // A compacted start revision; any other cancel ends the stream without a word.
      if (response.compactRevision > 0) this.fail(newResourceExpired(WATCH_TOO_OLD));
      else this.stop();
      return;
    }
    // Progress notifications are not asked for (the etcd3 store sends no BOOKMARKs to clients).
    for (const event of response.events) {
      let out: ClientWatchEvent | undefined;
      try {
        out = this.transform(event);
      } catch (error) {
        return this.fail(error instanceof StatusError ? error : newInternalError(String(error)));
      }
      if (out) this.sink(out);
      if (this.stopped) return;
    }
  }

  /** watchChan.transform over parseEvent and prepareObjs. */
  private transform(event: EtcdWatchEvent): ClientWatchEvent | undefined {
    const { kv, prevKv } = event;
    const isCreated = event.type === 'PUT' && kv.createRevision === kv.modRevision;
    if (!isCreated && prevKv === undefined) {
      throw newInternalError(`etcd event received with PrevKv=nil (key=${JSON.stringify(kv.key)}, modRevision=${kv.modRevision}, type=${event.type})`);
    }
    const { predicate, acceptAll } = this.options;
    // The previous value is decoded with the event's revision: a DELETED carries it so.
    const old = (p: KeyValue) => decodeFromStorage(p.value, kv.modRevision);
    if (event.type === 'DELETE') {
      const oldObject = old(prevKv as KeyValue);
      return predicate(oldObject) ? { type: 'DELETED', object: oldObject } : undefined;
    }
    const object = decodeKeyValue(kv);
    if (isCreated) return predicate(object) ? { type: 'ADDED', object } : undefined;
    if (acceptAll) return { type: 'MODIFIED', object };
    const passes = predicate(object);
    const oldObject = old(prevKv as KeyValue);
    const passed = predicate(oldObject);
    if (passes && passed) return { type: 'MODIFIED', object };
    if (passes) return { type: 'ADDED', object };
    if (passed) return { type: 'DELETED', object: oldObject };
    return undefined;
  }

  /** An error is the stream's last event (watchChan.run sends it, then closes the result channel). */
  private fail(error: StatusError): void {
    this.sink({ type: 'ERROR', object: error.status });
    this.stop();
  }
}

/**
 * The apiserver's one etcd watch on an uncached resource's prefix, for those who observe every
 * change (KubeApiServer.observeCache): opened when the first observer comes, cancelled when the
 * last goes, so a run nobody observes pays nothing. Changes come in the watch cache's shape,
 * `prevObject` decoded from etcd's prevKv.
 */
export class StorageObserver {
  private readonly etcdWatch: Watcher;

  constructor(transport: EtcdTransport, deliverFromEtcd: DeliverFromEtcd, prefix: string, onEvent: (event: CacheEvent) => void) {
    // From the current revision on (startRevision 0): observers see changes, not the state.
    this.etcdWatch = transport.etcd.watch({ key: prefix, rangeEnd: prefixEnd(prefix), prevKv: true }, (response) => {
      if (response.canceled || response.events.length === 0) return;
      deliverFromEtcd(watchLabel(prefix, response), () => {
        for (const event of response.events) {
          const change = observedChange(event);
          if (change) onEvent(change);
        }
      });
    });
  }

  stop(): void {
    this.etcdWatch.cancel();
  }
}

/** A change as the watch cache reports it; a delete whose last value etcd no longer has is skipped, as the cache skips it. */
function observedChange(event: EtcdWatchEvent): CacheEvent | undefined {
  const { kv, prevKv } = event;
  const prevObject = prevKv ? decodeKeyValue(prevKv) : undefined;
  if (event.type === 'DELETE') {
    if (!prevKv) return undefined;
    return { type: 'DELETED', key: kv.key, object: decodeFromStorage(prevKv.value, kv.modRevision), prevObject, resourceVersion: kv.modRevision };
  }
  return { type: kv.createRevision === kv.modRevision ? 'ADDED' : 'MODIFIED', key: kv.key, object: decodeKeyValue(kv), prevObject, resourceVersion: kv.modRevision };
}

/** The label of a watch response on the network, as the watch cache words it. */
function watchLabel(prefix: string, response: WatchResponse): string {
  const first = response.events[0];
  if (!first) return `watch ${prefix}: ${response.canceled ? 'canceled' : `progress notify at revision ${response.header.revision}`}`;
  return `watch ${prefix}: ${first.type} ${first.kv.key}${response.events.length > 1 ? ` (+${response.events.length - 1})` : ''}`;
}
