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

export function withResourceVersion(object: KubeObject, resourceVersion: number): KubeObject {
  return { ...object, metadata: orderMetadata({ ...object.metadata, resourceVersion: String(resourceVersion) }) };
}
