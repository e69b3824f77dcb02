/**
 * How objects are stored in etcd. The real apiserver writes protobuf behind the 4-byte magic
 * `k8s\x00`; we store JSON so a learner can read values in etcdctl and the etcd panel (the
 * panel says so). As upstream's versioner does, resourceVersion is cleared before storing and
 * set from the key's mod_revision when read back.
 */
import type { KeyValue } from '../../etcd';
import { withOrderedField } from '../../api/object-meta';
import type { KubeObject } from '../../api/kube-object';

export function encodeForStorage(object: KubeObject): string {
  // A create carries no resourceVersion: nothing to clear, no copy to make.
  if (object.metadata.resourceVersion === undefined) return JSON.stringify(object);
  const { resourceVersion: _rv, ...metadata } = object.metadata;
  return JSON.stringify({ ...object, metadata });
}

export function decodeFromStorage(value: string, resourceVersion: number): KubeObject {
  const object = JSON.parse(value) as KubeObject;
  return withResourceVersion(object, resourceVersion);
}

export function decodeKeyValue(kv: KeyValue): KubeObject {
  return decodeFromStorage(kv.value, kv.modRevision);
}

const JUST_WRITTEN_MAX = 4096;

/**
 * Objects one apiserver has just written, by key and revision: the watch cache's decode of the
 * write's own event finds the object here instead of parsing the JSON again (the same object,
 * the same resourceVersion: a shortcut the learner cannot see; it saves the costliest step of
 * serving a write to watchers). The value must be the very one stored, so a write by anyone
 * else at that key and revision can never be mistaken for it. An entry is dropped when used,
 * or, unused, when the map grows past a bound. One per apiserver, so clusters never share
 * objects.
 */
export class JustWritten {
  // Keyed by `revision key`: hashing a short key, not the whole stored value.
  private readonly objects = new Map<string, { readonly value: string; readonly object: KubeObject }>();

  constructor(
    /**
     * Whether a write at `key` will be read back by a watch cache. A resource served without
     * one (Events) has no cache to consume its entries, which would only crowd out the others'.
     */
    private readonly cachedKey: (key: string) => boolean = () => true,
  ) {}

  /** `object` was stored as `value` at `key` with the resourceVersion it carries. */
  remember(key: string, value: string, object: KubeObject): KubeObject {
    if (!this.cachedKey(key)) return object;
    if (this.objects.size >= JUST_WRITTEN_MAX) this.objects.clear();
    this.objects.set(`${object.metadata.resourceVersion ?? ''} ${key}`, { value, object });
    return object;
  }

  /** decodeKeyValue, or the object written with exactly this value at this key and revision. */
  decode(kv: KeyValue): KubeObject {
    const written = this.find(kv);
    if (written === undefined) return decodeKeyValue(kv);
    this.objects.delete(idOf(kv));
    return written;
  }

  /** The object written with exactly this value at this key and revision, left for the watch cache. */
  find(kv: KeyValue): KubeObject | undefined {
    const written = this.objects.get(idOf(kv));
    return written !== undefined && written.value === kv.value ? written.object : undefined;
  }
}

function idOf(kv: KeyValue): string {
  return `${kv.modRevision} ${kv.key}`;
}

export function withResourceVersion(object: KubeObject, resourceVersion: number): KubeObject {
  return { ...object, metadata: withOrderedField(object.metadata, 'resourceVersion', String(resourceVersion)) };
}
