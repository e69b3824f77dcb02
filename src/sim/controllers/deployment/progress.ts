/**
 * Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition
 * (NewReplicaSetAvailable when complete, ReplicaSetUpdated while it moves,
 * ProgressDeadlineExceeded when it has not moved for progressDeadlineSeconds), the ReplicaSets'
 * ReplicaFailure carried over, and a requeue for when the deadline would pass.
 */
import { virtualMsOf } from '../../api/time';
import type { ApiError } from '../controller-utils/api-call';
import { call, type Step } from '../controller-utils/sync-runner';
import type { DeploymentCondition, DeploymentStatus } from '../controller-utils/types';
import { deploymentPath, type DeploymentContext, type DeploymentView, type ReplicaSetView } from './context';
import { calculateStatus, serializeStatus, statusEqual } from './sync';
import { getDeploymentCondition, newDeploymentCondition, removeDeploymentCondition, setDeploymentCondition } from './util/conditions';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
  NEW_RS_AVAILABLE_REASON,
  REPLICA_SET_UPDATED_REASON,
  TIMED_OUT_REASON,
} from './util/deployment-util';

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else an old one's. */
function replicaFailures(allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined): DeploymentCondition[] {
  const ordered = newRS ? [newRS, ...allRSs.filter((rs) => rs && rs !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure' && x.status === 'True');
    if (c) return [{ type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason ?? '', message: c.message ?? '' }];
  }
  return [];
}

/** syncRolloutStatus. */
export function* syncRolloutStatus(ctx: DeploymentContext, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: DeploymentView): Step<ApiError | undefined> {
  const now = ctx.engine.now();
  const newStatus = calculateStatus(ctx, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');
  const current = getDeploymentCondition(d.status, 'Progressing');
  const isComplete = newStatus.replicas === newStatus.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isComplete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, newStatus)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name ?? ''}" has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, msg, now));
    } else if (deploymentProgressing(d, newStatus)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name ?? ''}" is progressing.`;
      const condition = newDeploymentCondition('Progressing', 'True', REPLICA_SET_UPDATED_REASON, msg, now);
      // Progress moves lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name ?? ''}" has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'False', TIMED_OUT_REASON, msg, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  const [failure] = failures;
  if (failure) setDeploymentCondition(newStatus, failure);
  else removeDeploymentCondition(newStatus, 'ReplicaFailure');

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(ctx, d, newStatus);
    return undefined;
  }
  const a = yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: { ...d, status: serializeStatus(newStatus) } });
  return a.ok ? undefined : a.error;
}

/** requeueStuckDeployment: look again when the progress deadline would pass. */
function requeueStuckDeployment(ctx: DeploymentContext, d: DeploymentView, newStatus: DeploymentStatus): void {
  const current = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, newStatus) || current.reason === TIMED_OUT_REASON) return;
  if (!current.lastUpdateTime) return;
  const after = virtualMsOf(current.lastUpdateTime) + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - ctx.engine.now();
  if (after < 1000) ctx.enqueueRateLimited(d);
  else ctx.enqueueAfter(d, after + 1000);
}
