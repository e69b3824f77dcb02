/**
 * TEMPORARY: a minimal object store standing in for kube-apiserver + etcd until those are built
 * (issues 3 and 4). It keeps objects by kind/namespace/name, numbers writes with a global
 * resourceVersion, and delivers watch events after a simulated hop on the engine clock.
 *
 * It does no authentication, admission or validation beyond the identity fields, and the page
 * labels it as a stand-in. Delete this module when the apiserver lands.
 */
import type { Engine } from '../engine';
import { newUid } from '../api/uid';
import { simulatedTimestamp } from '../api/time';
import type { KubeObject, WatchEventRecord, WatchEventType } from '../watch-event';

export type WatchListener = (event: WatchEventRecord) => void;

/** One network hop on the control plane's loopback, in virtual milliseconds. */
const WATCH_DELIVERY_MS = 1;

export interface ApplyOutcome {
  /** kubectl's verb for what happened: "created", "configured" or "unchanged". */
  readonly action: 'created' | 'configured' | 'unchanged';
  readonly object: KubeObject;
}

export class TemporaryObjectStore {
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<WatchListener>();
  private revision = 1;

  constructor(private readonly engine: Engine) {}

  static key(kind: string, namespace: string, name: string): string {
    return `${kind}/${namespace}/${name}`;
  }

  /** Create or replace an object, as `kubectl apply` would, and schedule the watch event. */
  apply(input: KubeObject, namespace: string): ApplyOutcome {
    const name = input.metadata.name ?? '';
    const key = TemporaryObjectStore.key(input.kind, namespace, name);
    const existing = this.objects.get(key);
    if (existing && sameContent(existing, input)) return { action: 'unchanged', object: existing };
    this.revision++;
    const object: KubeObject = {
      ...input,
      metadata: {
        ...input.metadata,
        ...(namespace ? { namespace } : {}),
        uid: existing?.metadata.uid ?? newUid(this.engine.rng),
        resourceVersion: String(this.revision),
        creationTimestamp: existing?.metadata.creationTimestamp ?? simulatedTimestamp(this.engine.now()),
      },
    };
    this.objects.set(key, object);
    this.emit(existing ? 'MODIFIED' : 'ADDED', object);
    return { action: existing ? 'configured' : 'created', object };
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(TemporaryObjectStore.key(kind, namespace, name));
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const object of this.objects.values()) {
      if (object.kind !== kind) continue;
      if (namespace !== undefined && (object.metadata.namespace ?? '') !== namespace) continue;
      out.push(object);
    }
    return out.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  watch(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(type: WatchEventType, object: KubeObject): void {
    const { kind } = object;
    const label = `watch: ${type} ${kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    this.engine.schedule(WATCH_DELIVERY_MS, label, () => {
      const event: WatchEventRecord = {
        type,
        kind,
        namespace: object.metadata.namespace ?? '',
        name: object.metadata.name ?? '',
        resourceVersion: object.metadata.resourceVersion ?? '',
        time: this.engine.now(),
        object,
      };
      for (const listener of this.listeners) listener(event);
    });
  }
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...metadata } = o.metadata;
    return JSON.stringify({ ...o, metadata });
  };
  return strip(a) === strip(b);
}
