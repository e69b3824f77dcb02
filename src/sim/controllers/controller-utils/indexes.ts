/**
 * The informer indexes the workload controllers read by (pkg/controller/controller_utils.go
 * AddPodControllerUIDIndexer and the ReplicaSet controller's controllerUIDIndex): pods by
 * their controller's uid (orphans under one key per namespace), ReplicaSets by their
 * controller's uid. A sync reads its own pods from the index instead of listing the namespace.
 */
import type { Informer } from '../../client/informer';
import type { KubeObject } from '../../api/kube-object';
import { controllerOf } from './types';

export const POD_CONTROLLER_UID_INDEX = 'podControllerUID';
export const CONTROLLER_UID_INDEX = 'controllerUID';

export const orphanPodIndexKeyForNamespace = (namespace: string): string => `_ORPHAN_POD/${namespace}`;

export function addPodControllerUIDIndexer(pods: Informer): void {
  pods.addIndexer(POD_CONTROLLER_UID_INDEX, (pod) => {
    const ref = controllerOf(pod);
    return [ref ? ref.uid : orphanPodIndexKeyForNamespace(pod.metadata.namespace ?? '')];
  });
}

export function addControllerUIDIndexer(informer: Informer): void {
  informer.addIndexer(CONTROLLER_UID_INDEX, (o) => {
    const ref = controllerOf(o);
    return ref ? [ref.uid] : [];
  });
}

/**
 * The pods a controller owns plus the orphans of its namespace it may adopt (those `keep`
 * accepts, when given), in one array read straight from the index: a ReplicaSet of 10,000
 * replicas syncs thousands of times while it fills, and each copy of its pods is garbage.
 */
export function podsForOwner(pods: Informer, owner: KubeObject, keep?: (pod: KubeObject) => boolean): KubeObject[] {
  const out: KubeObject[] = [];
  for (const key of [owner.metadata.uid ?? '', orphanPodIndexKeyForNamespace(owner.metadata.namespace ?? '')]) {
    for (const pod of pods.indexed(POD_CONTROLLER_UID_INDEX, key)) if (!keep || keep(pod)) out.push(pod);
  }
  return out;
}
