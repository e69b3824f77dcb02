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

/** The pods a controller owns plus the orphans of its namespace it may adopt. */
export function podsForOwner(pods: Informer, owner: KubeObject): KubeObject[] {
  return [...pods.byIndex(POD_CONTROLLER_UID_INDEX, owner.metadata.uid ?? ''), ...pods.byIndex(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace(owner.metadata.namespace ?? ''))];
}
