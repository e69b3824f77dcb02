/**
 * A shared informer (client-go tools/cache): list the resource, then watch from the list's
 * resourceVersion, keeping a local cache that listers read and telling handlers what was
 * added, updated and deleted. Like the reflector: the initial list reads the apiserver's watch
 * cache (resourceVersion "0"), bookmarks advance the resume point, a 410 from the watch means
 * relist, and a watch that ends is reopened from the last version seen.
 */
import { namespacedName } from '../api/object-meta';
import type { Engine } from '../engine';
import { findResource, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/kube-object';
import type { WatchHandle } from '../api/watch';
import { IndexTally, type TallyClass } from './index-tally';
import type { RestClient } from './rest-client';
import { resourcePath } from './resource-path';

/** The list options an informer may narrow its list and watch with (metav1.ListOptions). */
export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface InformerHandlers {
  onAdd?(object: KubeObject): void;
  onUpdate?(oldObject: KubeObject, newObject: KubeObject): void;
  onDelete?(object: KubeObject): void;
}

const NONE: readonly KubeObject[] = [];

/** Back-off before a relist after an error, as the reflector's (simplified: fixed). */
const RELIST_BACKOFF_MS = 1000;

const NO_KEYS: readonly string[] = [];

export class Informer {
  readonly resource: ResourceInfo;
  private readonly items = new Map<string, KubeObject>();
  private readonly handlers: InformerHandlers[] = [];
  /** cache.Indexers: index name -> (object -> its keys), and the keys' objects by cache key. */
  private readonly indexers = new Map<string, (object: KubeObject) => readonly string[]>();
  private readonly indices = new Map<string, Map<string, Map<string, KubeObject>>>();
  private readonly tallies = new Map<string, IndexTally>();
  private watchHandle: WatchHandle | undefined;
  private lastResourceVersion = '';
  private synced = false;
  private running = false;
  /** Counts, for the page and for tests: lists and watches opened. */
  readonly stats = { lists: 0, watches: 0, relistsAfterGone: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    resource: string,
    private readonly namespace?: string,
    /** Selectors sent with the list and the watch (a factory's WithTweakListOptions). */
    private readonly listOptions: ListOptions = {},
  ) {
    const info = findResource(resource);
    if (!info) throw new Error(`informer: unknown resource ${resource}`);
    this.resource = info;
  }

  addEventHandler(handlers: InformerHandlers): void {
    this.handlers.push(handlers);
    // A handler added late still hears about every object, as client-go replays them.
    for (const object of this.items.values()) handlers.onAdd?.(object);
  }

  /**
   * AddIndexers: a named index the cache keeps as objects come and go, so a controller reads
   * the few objects it needs (ByIndex) instead of scanning the whole cache each sync.
   */
  addIndexer(name: string, keysOf: (object: KubeObject) => readonly string[]): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, keysOf);
    const index = new Map<string, Map<string, KubeObject>>();
    this.indices.set(name, index);
    for (const [key, object] of this.items) for (const k of keysOf(object)) this.indexAdd(index, k, key, object);
  }

  /**
   * A tally of the named index's objects by class (see index-tally.ts), kept as the index
   * changes; the index must exist.
   */
  addIndexTally(name: string, indexName: string, classOf: (object: KubeObject) => string | undefined): void {
    if (this.tallies.has(name)) return;
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`informer: no index ${indexName} to tally`);
    const tally = new IndexTally(indexName, classOf);
    this.tallies.set(name, tally);
    for (const [k, bucket] of index) for (const object of bucket.values()) tally.add(k, object);
  }

  /** The classes of the objects with this key in the tally's index, and how many of each. */
  indexTally(name: string, indexKey: string): ReadonlyMap<string, TallyClass> {
    const tally = this.tallies.get(name);
    if (!tally) throw new Error(`informer: no tally ${name}`);
    return tally.classes(indexKey);
  }

  /** ByIndex: the cached objects with this key in the named index. */
  byIndex(name: string, indexKey: string): KubeObject[] {
    return [...this.indexed(name, indexKey)];
  }

  /** The same objects, read in place: a sync that filters them makes one array, not two. */
  indexed(name: string, indexKey: string): Iterable<KubeObject> {
    return this.indices.get(name)?.get(indexKey)?.values() ?? NONE;
  }

  /** Whether the object is new under this index key (a tally counts it once). */
  private indexAdd(index: Map<string, Map<string, KubeObject>>, indexKey: string, key: string, object: KubeObject): boolean {
    let bucket = index.get(indexKey);
    if (!bucket) index.set(indexKey, (bucket = new Map()));
    const fresh = !bucket.has(key);
    bucket.set(key, object);
    return fresh;
  }

  private reindex(key: string, old: KubeObject | undefined, object: KubeObject | undefined): void {
    for (const [name, keysOf] of this.indexers) {
      const index = this.indices.get(name);
      if (!index) continue;
      const oldKeys = old ? keysOf(old) : NO_KEYS;
      const newKeys = object ? keysOf(object) : NO_KEYS;
      if (old && object && this.replaceInPlace(name, index, oldKeys, newKeys, key, old, object)) continue;
      if (old) {
        for (const k of oldKeys) {
          const bucket = index.get(k);
          if (!bucket?.delete(key)) continue;
          if (bucket.size === 0) index.delete(k);
          for (const tally of this.tallies.values()) if (tally.index === name) tally.remove(k, old);
        }
      }
      if (object) {
        for (const k of newKeys) {
          if (!this.indexAdd(index, k, key, object)) continue;
          for (const tally of this.tallies.values()) if (tally.index === name) tally.add(k, object);
        }
      }
    }
  }

  /**
   * updateSingleIndex's common case ("indexFunc returns a single value which has not been
   * changed"): the object keeps its index key, so only the object the bucket holds (and the
   * tallies' view of it) changes. False when the case does not apply.
   */
  private replaceInPlace(name: string, index: Map<string, Map<string, KubeObject>>, oldKeys: readonly string[], newKeys: readonly string[], key: string, old: KubeObject, object: KubeObject): boolean {
    if (oldKeys.length !== 1 || newKeys.length !== 1 || oldKeys[0] !== newKeys[0]) return false;
    const k = newKeys[0] as string;
    const bucket = index.get(k);
    if (!bucket?.has(key)) return false;
    bucket.set(key, object);
    for (const tally of this.tallies.values()) {
      if (tally.index !== name) continue;
      tally.remove(k, old);
      tally.add(k, object);
    }
    return true;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.relist();
  }

  stop(): void {
    this.running = false;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
  }

  /** Lister: the cached objects, optionally in one namespace. */
  list(namespace?: string, predicate?: (object: KubeObject) => boolean): KubeObject[] {
    const out: KubeObject[] = [];
    for (const object of this.items.values()) {
      if (namespace !== undefined && (object.metadata.namespace ?? '') !== namespace) continue;
      if (predicate && !predicate(object)) continue;
      out.push(object);
    }
    return out;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  private relist(): void {
    if (!this.running) return;
    this.stats.lists++;
    this.client.request('GET', resourcePath(this.resource, { namespace: this.namespace, query: { ...this.listOptions, resourceVersion: '0' } }), {}, (response) => {
      if (!this.running) return;
      if (response.code !== 200) {
        this.engine.schedule(RELIST_BACKOFF_MS, `${this.client.component}: relist ${this.resource.resource} after ${response.code}`, () => this.relist());
        return;
      }
      const list = response.body as { metadata: { resourceVersion: string }; items: KubeObject[] };
      this.replace(list.items);
      this.lastResourceVersion = list.metadata.resourceVersion;
      this.synced = true;
      this.openWatch();
    });
  }

  private replace(items: KubeObject[]): void {
    const fresh = new Map(items.map((o) => [namespacedName(o), o]));
    for (const [key, old] of this.items) if (!fresh.has(key)) this.remove(key, old);
    for (const [key, object] of fresh) this.upsert(key, object);
  }

  private openWatch(): void {
    this.stats.watches++;
    this.watchHandle?.stop();
    const path = resourcePath(this.resource, {
      namespace: this.namespace,
      query: { ...this.listOptions, watch: 'true', resourceVersion: this.lastResourceVersion, allowWatchBookmarks: 'true' },
    });
    this.watchHandle = this.client.watch(path, (event) => {
      if (!this.running) return;
      if (event.type === 'ERROR') {
        // 410 Gone/Expired: our resourceVersion fell out of the window; start over with a list.
        if (event.object.code === 410) this.stats.relistsAfterGone++;
        this.watchHandle?.stop();
        this.watchHandle = undefined;
        this.engine.schedule(event.object.code === 410 ? 0 : RELIST_BACKOFF_MS, `${this.client.component}: relist ${this.resource.resource}`, () => this.relist());
        return;
      }
      const object = event.object;
      if (object.metadata.resourceVersion) this.lastResourceVersion = object.metadata.resourceVersion;
      if (event.type === 'BOOKMARK') return;
      const key = namespacedName(object);
      if (event.type === 'DELETED') this.remove(key, object);
      else this.upsert(key, object);
    });
  }

  private upsert(key: string, object: KubeObject): void {
    const old = this.items.get(key);
    this.items.set(key, object);
    if (this.indexers.size) this.reindex(key, old, object);
    if (old && old.metadata.resourceVersion === object.metadata.resourceVersion) return;
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, object);
      else h.onAdd?.(object);
    }
  }

  private remove(key: string, object: KubeObject): void {
    const old = this.items.get(key);
    if (!old) return;
    this.items.delete(key);
    if (this.indexers.size) this.reindex(key, old, undefined);
    for (const h of this.handlers) h.onDelete?.(object);
  }
}
