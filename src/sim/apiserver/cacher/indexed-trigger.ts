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

/** The watchers of one cache: all of them in the order they came, and those with a trigger value by value. */
export class WatchersByTrigger<W extends { readonly id: number }> {
  /** Every watcher, by id: ids grow, so this is the order they came in. */
  readonly all = new Map<number, W>();
  private readonly untriggered = new Map<number, W>();
  private readonly byValue = new Map<string, Map<number, W>>();
  private readonly valueOfWatcher = new Map<number, string>();

  add(watcher: W, triggerValue: string | undefined): void {
    this.all.set(watcher.id, watcher);
    if (triggerValue === undefined) {
      this.untriggered.set(watcher.id, watcher);
      return;
    }
    this.valueOfWatcher.set(watcher.id, triggerValue);
    let bucket = this.byValue.get(triggerValue);
    if (!bucket) this.byValue.set(triggerValue, (bucket = new Map()));
    bucket.set(watcher.id, watcher);
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
    if (this.byValue.size === 0) return this.untriggered.values();
    const picked: W[] = [];
    for (const value of values) {
      const bucket = this.byValue.get(value);
      // A watcher is filed under one value, and the values are distinct: no watcher twice.
      if (bucket) for (const w of bucket.values()) picked.push(w);
    }
    if (picked.length === 0) return this.untriggered.values();
    const out = [...this.untriggered.values(), ...picked];
    return out.sort((a, b) => a.id - b.id);
  }
}
