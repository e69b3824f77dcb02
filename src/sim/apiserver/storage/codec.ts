/**
 * How objects are stored in etcd. The real apiserver writes protobuf behind the 4-byte magic
 * `k8s\x00`; we store JSON so a learner can read values in etcdctl and the etcd panel (the
 * panel says so). As upstream's versioner does, resourceVersion is cleared before storing and
 * set from the key's mod_revision when read back.
 */
import type { KeyValue } from '../../etcd';
import { orderMetadata } from '../../api/object-meta';
import type { KubeObject } from '../../watch-event';

export function encodeForStorage(object: KubeObject): string {
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
 * Objects one apiserver has just written, by the exact value string stored: the watch cache's
 * decode of the write's own event finds the object here instead of parsing the JSON again (the
 * same object, the same resourceVersion: a shortcut the learner cannot see; it saves the
 * costliest step of serving a write to watchers). An entry is dropped when used, or, unused,
 * when the map grows past a bound. One per apiserver, so clusters never share objects.
 */
export class JustWritten {
  private readonly objects = new Map<string, KubeObject>();

  remember(value: string, object: KubeObject): KubeObject {
    if (this.objects.size >= JUST_WRITTEN_MAX) this.objects.clear();
    this.objects.set(value, object);
    return object;
  }

  /** decodeKeyValue, or the object written with exactly this value at this revision. */
  decode(kv: KeyValue): KubeObject {
    const written = this.objects.get(kv.value);
    if (written !== undefined && written.metadata.resourceVersion === String(kv.modRevision)) {
      this.objects.delete(kv.value);
      return written;
    }
    return decodeKeyValue(kv);
  }
}

export function withResourceVersion(object: KubeObject, resourceVersion: number): KubeObject {
  return { ...object, metadata: orderMetadata({ ...object.metadata, resourceVersion: String(resourceVersion) }) };
}
