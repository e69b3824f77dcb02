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

/** The counts calculateStatus reports: the claimed active pods, and how many carry the template labels, are ready, are available. */
export interface ReplicaCounts {
  readonly replicas: number;
  readonly fullyLabeled: number;
  readonly ready: number;
  readonly available: number;
}

/** The counts over the claimed pods themselves (the loop of upstream's calculateStatus). */
export function countReplicas(rs: ReplicaSetView, filteredPods: readonly PodView[], now: number): ReplicaCounts {
  const templateLabels = templateLabelsOf(rs);
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
  return { replicas: filteredPods.length, fullyLabeled, ready, available };
}

export function calculateStatus(rs: ReplicaSetView, counts: ReplicaCounts, manageReplicasErr: ApiError | undefined, now: number): ReplicaSetStatus {
  let conditions = rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasErr && !failure) {
    const diff = counts.replicas - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: simulatedTimestamp(now), reason, message: manageReplicasErr.message }];
  } else if (!manageReplicasErr && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    ...rs.status,
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    ...(conditions.length ? { conditions } : { conditions: undefined }),
  };
}

const NO_LABELS: Readonly<Record<string, string>> = {};

/** The template's labels, taken apart once per sync, not per pod. */
export function templateLabelsOf(rs: ReplicaSetView): [string, string][] {
  return Object.entries(rs.spec.template?.metadata?.labels ?? {});
}

/** Whether the pod carries every one of the template's labels. */
export function hasLabels(labels: Readonly<Record<string, string>>, wanted: readonly [string, string][]): boolean {
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
