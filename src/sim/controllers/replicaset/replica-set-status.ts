/**
 * A ReplicaSet's status (pkg/controller/replicaset/replica_set_utils.go): calculateStatus counts
 * its active pods, those carrying every template label, the ready and the available ones (ready
 * for minReadySeconds), and keeps a ReplicaFailure condition while creating or deleting pods
 * fails; updateReplicaSetStatus writes it through /status only when something changed, with
 * observedGeneration, retrying once on a fresh read.
 */
import { simulatedTimestamp } from '../../api/time';
import type { ApiError } from '../controller-utils/api-call';
import { isPodAvailable, isPodReady } from '../controller-utils/pod-util';
import type { PodView, ReplicaSetStatus, ReplicaSetView } from '../controller-utils/types';

export function calculateStatus(rs: ReplicaSetView, filteredPods: readonly PodView[], manageReplicasErr: ApiError | undefined, now: number): ReplicaSetStatus {
  const templateLabels = Object.entries(rs.spec.template?.metadata?.labels ?? {});
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (hasLabels(pod.metadata.labels ?? NO_LABELS, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      // IsPodAvailable: with no minReadySeconds, ready is available (no second look at the condition).
      if (minReadySeconds === 0 || isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  let conditions = rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasErr && !failure) {
    const diff = filteredPods.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: simulatedTimestamp(now), reason, message: manageReplicasErr.message }];
  } else if (!manageReplicasErr && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    ...rs.status,
    replicas: filteredPods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(conditions.length ? { conditions } : { conditions: undefined }),
  };
}

const NO_LABELS: Readonly<Record<string, string>> = {};

/** Whether the pod carries every one of the template's labels (taken apart once per sync, not per pod). */
function hasLabels(labels: Readonly<Record<string, string>>, wanted: readonly [string, string][]): boolean {
  for (const [k, v] of wanted) if (labels[k] !== v) return false;
  return true;
}

/** Whether updateReplicaSetStatus has nothing to write. */
export function statusUnchanged(rs: ReplicaSetView, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata['generation'] as number | undefined) === cur.observedGeneration &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}

/** apps/v1 ReplicaSetStatus as Go serialises it: the counts other than replicas are omitempty. */
export function serializeStatus(status: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: status.replicas };
  if (status.fullyLabeledReplicas) out.fullyLabeledReplicas = status.fullyLabeledReplicas;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.availableReplicas) out.availableReplicas = status.availableReplicas;
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  if (status.conditions?.length) out.conditions = status.conditions;
  return out;
}
