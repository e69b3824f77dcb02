/**
 * A StatefulSet's status (stateful_set_control.go computeReplicaStatus, completeRollingUpdate,
 * updateStatefulSetStatus): its created pods, the ready and available ones, those at the current
 * and at the update revision; a finished rolling update makes the update revision current.
 */
import type { PodView } from '../controller-utils/types';
import { isRunningAndAvailable, isRunningAndReady, isTerminating, podRevision } from './stateful-pod';
import type { StatefulSetStatus, StatefulSetView } from './types';

export function computeStatus(set: StatefulSetView, pods: readonly PodView[], currentRevision: string, updateRevision: string, collisionCount: number, now: number): StatefulSetStatus {
  const status: StatefulSetStatus = { replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0 };
  status.observedGeneration = set.metadata['generation'] as number | undefined;
  for (const pod of pods) {
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas = (status.readyReplicas ?? 0) + 1;
      if (isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, now)) status.availableReplicas++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === currentRevision) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
      if (podRevision(pod) === updateRevision) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
    }
  }
  status.currentRevision = currentRevision;
  status.updateRevision = updateRevision;
  status.collisionCount = collisionCount;
  // completeRollingUpdate: every pod updated and ready, so the update revision is now the current one.
  if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  return status;
}

/** apps/v1 StatefulSetStatus as Go serialises it: replicas and availableReplicas always, the rest omitempty. */
export function serializeStatus(s: StatefulSetStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: s.replicas, availableReplicas: s.availableReplicas };
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  // A pointer the controller always sets: 0 is written.
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

/** inconsistentStatus: whether the stored status differs from the computed one. */
export function statusUnchanged(set: StatefulSetView, next: StatefulSetStatus): boolean {
  return JSON.stringify(serializeStatus(next)) === JSON.stringify(set.status ? serializeStatus(set.status) : undefined);
}
