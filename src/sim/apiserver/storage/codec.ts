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
  const written = justWritten.get(kv.value);
  if (written !== undefined && written.metadata.resourceVersion === String(kv.modRevision)) {
    justWritten.delete(kv.value);
    return written;
  }
  return decodeFromStorage(kv.value, kv.modRevision);
}

/**
 * Objects this apiserver has just written, by the exact value string stored: the watch cache's
 * decode of the write's own event finds the object here instead of parsing the JSON again (the
 * same object, the same resourceVersion: a shortcut the learner cannot see; it saves the
 * costliest step of serving a write to watchers). An entry is dropped when used, or, unused,
 * when the map grows past a bound.
 */
const justWritten = new Map<string, KubeObject>();
const JUST_WRITTEN_MAX = 4096;

export function rememberWritten(value: string, object: KubeObject): KubeObject {
  if (justWritten.size >= JUST_WRITTEN_MAX) justWritten.clear();
  justWritten.set(value, object);
  return object;
}

export function withResourceVersion(object: KubeObject, resourceVersion: number): KubeObject {
  return { ...object, metadata: orderMetadata({ ...object.metadata, resourceVersion: String(resourceVersion) }) };
}
