/**
 * The cacher's indexed trigger (k8s.io/apiserver pkg/storage/cacher: indexedTriggerFunc, from
 * the registry's TriggerFunc): for pods, `spec.nodeName` (pkg/registry/core/pod
 * NodeNameTriggerFunc). A watcher whose field selector requires an exact value of that field
 * (every kubelet's `fieldSelector=spec.nodeName=<node>`) is filed under the value, and an event
 * goes only to the watchers of the values its object and its previous object have, plus the
 * watchers filed under none: a pod's update is not offered to every other node's kubelet.
 */
import type { KubeObject } from '../../api/kube-object';

export interface IndexedTrigger {
  /** The field label a watcher's selector must pin (RequiresExactMatch). */
  readonly field: string;
  readonly valueOf: (object: KubeObject) => string;
}

const NODE_NAME_TRIGGER: IndexedTrigger = {
  field: 'spec.nodeName',
  valueOf: (pod) => (pod as KubeObject & { spec?: { nodeName?: string } }).spec?.nodeName ?? '',
};

export function indexedTriggerFor(resource: string): IndexedTrigger | undefined {
  return resource === 'pods' ? NODE_NAME_TRIGGER : undefined;
}

/** Watchers by id (ids grow, so in the order they came), with an array of them made on demand for merging. */
class Bucket<W extends { readonly id: number }> {
  readonly byId = new Map<number, W>();
  private list: W[] | undefined;

  set(watcher: W): void {
    this.byId.set(watcher.id, watcher);
    this.list = undefined;
  }

  delete(id: number): void {
    if (this.byId.delete(id)) this.list = undefined;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The watchers in id order; replaced, never changed, when the bucket changes. */
  get array(): readonly W[] {
    return (this.list ??= [...this.byId.values()]);
  }
}

/** The watchers of one cache: all of them in the order they came, and those with a trigger value by value. */
export class WatchersByTrigger<W extends { readonly id: number }> {
  /** Every watcher, by id: ids grow, so this is the order they came in. */
  readonly all = new Map<number, W>();
  private readonly untriggered = new Bucket<W>();
  private readonly byValue = new Map<string, Bucket<W>>();
  private readonly valueOfWatcher = new Map<number, string>();

  add(watcher: W, triggerValue: string | undefined): void {
    this.all.set(watcher.id, watcher);
    if (triggerValue === undefined) {
      this.untriggered.set(watcher);
      return;
    }
    this.valueOfWatcher.set(watcher.id, triggerValue);
    let bucket = this.byValue.get(triggerValue);
    if (!bucket) this.byValue.set(triggerValue, (bucket = new Bucket()));
    bucket.set(watcher);
  }

  delete(watcher: W): void {
    this.all.delete(watcher.id);
    this.untriggered.delete(watcher.id);
    const value = this.valueOfWatcher.get(watcher.id);
    if (value === undefined) return;
    this.valueOfWatcher.delete(watcher.id);
    const bucket = this.byValue.get(value);
    bucket?.delete(watcher.id);
    if (bucket?.size === 0) this.byValue.delete(value);
  }

  get size(): number {
    return this.all.size;
  }

  /**
   * The watchers an event with these trigger values may concern, in the order they came (the
   * order every watcher was offered it before, so deliveries keep their sequence).
   */
  candidates(values: readonly string[]): Iterable<W> {
    if (this.byValue.size === 0) return this.untriggered.byId.values();
    let first: Bucket<W> | undefined;
    let second: Bucket<W> | undefined;
    for (const value of values) {
      // A watcher is filed under one value, and the values are distinct: no watcher twice.
      const bucket = this.byValue.get(value);
      if (bucket === undefined) continue;
      if (first === undefined) first = bucket;
      else if (second === undefined) second = bucket;
      else return this.sortedCandidates(values);
    }
    if (first === undefined) return this.untriggered.byId.values();
    // Each bucket holds its watchers in id order: merging them gives the id order without a
    // sort, the common case being one bucket (the node of a pod's update).
    return mergeById(this.untriggered.array, first.array, second?.array ?? NONE);
  }

  /** candidates for more than two values (never from the cache, which passes one or two): sorted outright. */
  private sortedCandidates(values: readonly string[]): W[] {
    const out = [...this.untriggered.byId.values()];
    for (const value of values) {
      const bucket = this.byValue.get(value);
      if (bucket) for (const w of bucket.byId.values()) out.push(w);
    }
    return out.sort((a, b) => a.id - b.id);
  }
}

const NONE: readonly never[] = [];

/** The watchers of three id-ordered arrays, in id order (a new array: the caller's snapshot). */
function mergeById<W extends { readonly id: number }>(a: readonly W[], b: readonly W[], c: readonly W[]): W[] {
  const out: W[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    const wa = i < a.length ? a[i] : undefined;
    const wb = j < b.length ? b[j] : undefined;
    const wc = k < c.length ? c[k] : undefined;
    let pick = wa;
    if (wb !== undefined && (pick === undefined || wb.id < pick.id)) pick = wb;
    if (wc !== undefined && (pick === undefined || wc.id < pick.id)) pick = wc;
    if (pick === undefined) return out;
    out.push(pick);
    if (pick === wa) i++;
    else if (pick === wb) j++;
    else k++;
  }
}
