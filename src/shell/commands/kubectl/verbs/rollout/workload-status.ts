/**
 * DaemonSetStatusViewer and StatefulSetStatusViewer (polymorphichelpers/rollout_status.go, 1.32):
 * what `kubectl rollout status` prints for one observed DaemonSet or StatefulSet, word for word
 * (the DaemonSet's wrong-strategy error names the StatefulSet constant, as upstream's does).
 */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';

export type Viewed = { readonly message: string; readonly done: boolean } | { readonly error: string };

export function daemonSetStatus(obj: KubeObject): Viewed {
  const ds = obj as unknown as DaemonSet;
  const name = JSON.stringify(obj.metadata.name ?? '');
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const s = ds.status;
  if ((ds.metadata?.generation ?? 0) <= (s?.observedGeneration ?? 0)) {
    const desired = s?.desiredNumberScheduled ?? 0;
    if ((s?.updatedNumberScheduled ?? 0) < desired) {
      return { message: `Waiting for daemon set ${name} rollout to finish: ${s?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    }
    if ((s?.numberAvailable ?? 0) < desired) {
      return { message: `Waiting for daemon set ${name} rollout to finish: ${s?.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    }
    return { message: `daemon set ${name} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

export function statefulSetStatus(obj: KubeObject): Viewed {
  const sts = obj as unknown as StatefulSet;
  const strategy = sts.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const s = sts.status;
  const observed = s?.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec?.replicas;
  if (replicas !== undefined && (s?.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (s?.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const updated = s?.updatedReplicas ?? 0;
  if (strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (s?.updateRevision !== s?.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${s?.updateRevision ?? ''}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${s?.currentReplicas ?? 0} pods at revision ${s?.currentRevision ?? ''}...\n`, done: true };
}
