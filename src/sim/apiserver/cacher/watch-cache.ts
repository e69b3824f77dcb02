/**
 * The watch cache of one resource (k8s.io/apiserver pkg/storage/cacher): it lists the
 * resource's prefix from etcd once, then follows etcd's watch, keeping the current objects and
 * a window of recent events. Client watches are served from here, not from etcd: a watch from
 * resourceVersion "" or "0" starts with the current objects as ADDED, a watch from an exact
 * resourceVersion replays the window after it, and one older than the window gets
 * `410 Expired: too old resource version: X (Y)`. Selectors are applied per watcher, with the
 * transitions the real cacher makes (an object leaving a selector is DELETED for that watcher).
 */
import { Ring } from '../../ring';
import { SortedBTree } from '../../sorted-btree';
import { prefixEnd, type Etcd, type KeyValue, type WatchEvent as EtcdWatchEvent } from '../../etcd';
import type { KubeObject } from '../../api/kube-object';
import type { ClientWatchEvent } from '../../api/watch';
import { decodeKeyValue, decodeFromStorage, JustWritten, withResourceVersion } from '../storage/codec';
import { WatchersByTrigger, type IndexedTrigger } from './indexed-trigger';
import { newResourceExpired } from '../status';

export interface CacheEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly key: string;
  readonly object: KubeObject;
  readonly prevObject: KubeObject | undefined;
  readonly resourceVersion: number;
}

export interface WatchOptions {
  /** Only objects under this key prefix (a namespace). */
  readonly keyPrefix: string;
  readonly resourceVersion: string;
  readonly predicate: (object: KubeObject) => boolean;
  readonly allowBookmarks: boolean;
  /** The value the watch's field selector pins the cache's trigger field to, if it does. */
  readonly triggerValue?: string;
}

export interface CacheWatcher {
  readonly id: number;
  readonly options: WatchOptions;
  readonly sink: (event: ClientWatchEvent) => void;
  stopped: boolean;
}

/** A key's place in the ordered tree; its object changes with every write to the key. */
interface Slot {
  object: KubeObject;
  /** The stored value the object was decoded from: an update's starting bytes (see Etcd3Store). */
  kv: KeyValue;
}

/** Keys are strings: compared as such, without the default comparator's checks of type. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Events kept for replay. The real cache sizes itself between 100 and 100k by event age. */
export const DEFAULT_WATCH_CACHE_CAPACITY = 1000;

const NO_VALUES: readonly string[] = [];

export class WatchCache {
  // Ordered by key, as the real cacher's store is, so a namespace list is a range walk, not a
  // sort. The tree holds each key's slot, and `slots` finds it without a walk down the tree:
  // a write to a key already cached (most are) replaces the slot's object and leaves the tree alone.
  private readonly objects = new SortedBTree<string, Slot>(undefined, compareKeys);
  private readonly slots = new Map<string, Slot>();
  private readonly window: Ring<CacheEvent>;
  private readonly watchers = new WatchersByTrigger<CacheWatcher>();
  private nextWatcherId = 1;
  private rv = 0;
  /** The resourceVersion of the initial list; the window holds every event after it until one is dropped. */
  private listRv = 0;
  private dropped = false;
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private readonly etcd: Etcd;
  private readonly etcdWatchId: number;
  /** Consistent reads waiting for the cache to reach a revision. */
  private waiters: { revision: number; ready: () => void }[] = [];

  constructor(
    readonly resource: string,
    readonly prefix: string,
    private readonly kind: { apiVersion: string; kind: string },
    etcd: Etcd,
    private readonly deliverFromEtcd: (label: string, deliver: () => void) => void,
    capacity = DEFAULT_WATCH_CACHE_CAPACITY,
    /** The apiserver's own writes, decoded already (see JustWritten). */
    private readonly written: JustWritten = new JustWritten(),
    /** The registry's trigger field (pods: spec.nodeName), if it has one. */
    private readonly trigger?: IndexedTrigger,
  ) {
    this.window = new Ring(capacity);
    const listed = etcd.range({ key: prefix, rangeEnd: prefixEnd(prefix) });
    for (const kv of listed.kvs) this.put(kv.key, decodeKeyValue(kv), kv);
    this.rv = listed.header.revision;
    this.listRv = this.rv;
    this.etcd = etcd;
    const watcher = etcd.watch({ key: prefix, rangeEnd: prefixEnd(prefix), startRevision: this.rv + 1, prevKv: true }, (response) => {
      if (response.canceled) return;
      if (response.events.length === 0) {
        // A progress notification: every event up to its revision has been sent.
        const revision = response.header.revision;
        this.deliverFromEtcd(`watch ${prefix}: progress notify at revision ${revision}`, () => this.progress(revision));
        return;
      }
      const first = response.events[0] as EtcdWatchEvent;
      this.deliverFromEtcd(`watch ${prefix}: ${first.type} ${first.kv.key}${response.events.length > 1 ? ` (+${response.events.length - 1})` : ''}`, () => {
        for (const event of response.events) this.apply(event);
      });
    });
    this.etcdWatchId = watcher.id;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** The field a watch may be filed under (see indexed-trigger.ts). */
  get triggerField(): string | undefined {
    return this.trigger?.field;
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * ConsistentListFromCache (on by default since 1.31): a list with resourceVersion "" is served
   * here once the cache has caught up with `revision`, etcd's current revision read just before.
   * When it lags, the cacher asks etcd for a progress notification, which arrives behind the
   * events still on their way.
   */
  waitUntilFresh(revision: number, ready: () => void): () => void {
    if (this.rv >= revision) {
      ready();
      return () => {};
    }
    const waiter = { revision, ready };
    this.waiters.push(waiter);
    this.etcd.requestProgress(this.etcdWatchId);
    return () => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
    };
  }

  private progress(revision: number): void {
    if (revision > this.rv) this.rv = revision;
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.revision <= this.rv);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.revision > this.rv);
    for (const w of ready) w.ready();
  }

  /** Observe every event the cache processes (the page's watch stream). */
  onEvent(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: string): KubeObject | undefined {
    return this.slots.get(key)?.object;
  }

  /** The object at `key` with the key-value it was decoded from, for an update to start from. */
  stored(key: string): { readonly object: KubeObject; readonly kv: KeyValue } | undefined {
    return this.slots.get(key);
  }

  private put(key: string, object: KubeObject, kv: KeyValue): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.object = object;
      slot.kv = kv;
      return;
    }
    const added = { object, kv };
    this.slots.set(key, added);
    this.objects.set(key, added);
  }

  list(keyPrefix: string, predicate: (object: KubeObject) => boolean): { items: KubeObject[]; resourceVersion: number } {
    const items: KubeObject[] = [];
    const collect = (_key: string, { object }: Slot) => {
      if (predicate(object)) items.push(object);
    };
    if (keyPrefix === '') this.objects.forEach((slot, key) => collect(key, slot));
    else this.objects.forRange(keyPrefix, prefixEnd(keyPrefix), false, collect);
    return { items, resourceVersion: this.rv };
  }

  /** Start a watch; returns undefined after sending the ERROR event when the version is too old. */
  watch(options: WatchOptions, sink: (event: ClientWatchEvent) => void): CacheWatcher | undefined {
    const watcher: CacheWatcher = { id: this.nextWatcherId++, options, sink, stopped: false };
    const rvText = options.resourceVersion;
    if (rvText === '' || rvText === '0') {
      for (const object of this.list(options.keyPrefix, options.predicate).items) sink({ type: 'ADDED', object });
    } else {
      const from = Number(rvText);
      if (!Number.isFinite(from) || from < 0) {
        sink({ type: 'ERROR', object: newResourceExpired(`invalid resource version: ${rvText}`).status });
        return undefined;
      }
      // watch_cache.go getAllEventsSinceLocked: the oldest event the window can deliver is the
      // one after the list until an event has been dropped, then the window's first event.
      const first = this.window.oldest();
      const oldest = !this.dropped ? this.listRv + 1 : first ? first.resourceVersion : this.rv + 1;
      if (from < oldest - 1) {
        sink({ type: 'ERROR', object: newResourceExpired(`too old resource version: ${from} (${oldest - 1})`).status });
        return undefined;
      }
      this.window.forEach((event) => {
        if (event.resourceVersion > from) this.dispatchTo(watcher, event);
      });
    }
    this.watchers.add(watcher, this.trigger ? options.triggerValue : undefined);
    return watcher;
  }

  stop(watcher: CacheWatcher): void {
    watcher.stopped = true;
    this.watchers.delete(watcher);
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** A BOOKMARK to each watcher that asked for them: the object is the kind with only a resourceVersion. */
  sendBookmarks(): void {
    const object: KubeObject = { apiVersion: this.kind.apiVersion, kind: this.kind.kind, metadata: { resourceVersion: String(this.rv) } };
    for (const watcher of this.watchers.all.values()) if (watcher.options.allowBookmarks) watcher.sink({ type: 'BOOKMARK', object });
  }

  /** The whole current state, as an informer relisting would see it. */
  get keys(): string[] {
    return this.objects.keysArray();
  }

  private apply(event: EtcdWatchEvent): void {
    const key = event.kv.key;
    const prevObject = this.get(key);
    let cacheEvent: CacheEvent;
    if (event.type === 'PUT') {
      const object = this.written.decode(event.kv);
      this.put(key, object, event.kv);
      cacheEvent = { type: event.kv.createRevision === event.kv.modRevision ? 'ADDED' : 'MODIFIED', key, object, prevObject, resourceVersion: event.kv.modRevision };
    } else {
      // A DELETED event carries the last state of the object, with the delete's revision.
      const last = prevObject ?? (event.prevKv ? decodeFromStorage(event.prevKv.value, event.prevKv.modRevision) : undefined);
      if (this.slots.delete(key)) this.objects.delete(key);
      if (!last) return;
      cacheEvent = { type: 'DELETED', key, object: withResourceVersion(last, event.kv.modRevision), prevObject: last, resourceVersion: event.kv.modRevision };
    }
    this.rv = cacheEvent.resourceVersion;
    if (this.window.push(cacheEvent)) this.dropped = true;
    for (const listener of this.listeners) listener(cacheEvent);
    for (const watcher of this.watchers.candidates(this.triggerValues(cacheEvent))) this.dispatchTo(watcher, cacheEvent);
    this.wakeWaiters();
  }

  /** The trigger values of an event's object and its previous one (cacher.go's triggerValuesThreadUnsafe). */
  private triggerValues(event: CacheEvent): readonly string[] {
    if (!this.trigger) return NO_VALUES;
    const now = this.trigger.valueOf(event.object);
    const before = event.prevObject ? this.trigger.valueOf(event.prevObject) : now;
    return before === now ? [now] : [now, before];
  }

  private dispatchTo(watcher: CacheWatcher, event: CacheEvent): void {
    if (watcher.stopped || !event.key.startsWith(watcher.options.keyPrefix)) return;
    const { predicate } = watcher.options;
    const matchesNow = predicate(event.object);
    const matchedBefore = event.prevObject !== undefined && predicate(event.prevObject);
    if (event.type === 'ADDED') {
      if (matchesNow) watcher.sink({ type: 'ADDED', object: event.object });
    } else if (event.type === 'DELETED') {
      if (matchedBefore || matchesNow) watcher.sink({ type: 'DELETED', object: event.object });
    } else if (matchesNow && matchedBefore) {
      watcher.sink({ type: 'MODIFIED', object: event.object });
    } else if (matchesNow) {
      watcher.sink({ type: 'ADDED', object: event.object });
    } else if (matchedBefore) {
      watcher.sink({ type: 'DELETED', object: event.object });
    }
  }
}

