/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): grow the new ReplicaSet up
 * to replicas + maxSurge pods in all, then shrink the old ones (oldest first) while at least
 * replicas - maxUnavailable stay available, first removing old pods that are not available.
 * One step per sync; the next comes when the ReplicaSets' status moves.
 */
import type { ApiError } from '../controller-utils/api-call';
import type { Step } from '../controller-utils/sync-runner';
import type { DeploymentContext, DeploymentView, ReplicaSetView } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { availableReplicaCount, byCreationTimestamp, deploymentComplete, filterActive, maxUnavailable, newRSNewReplicas, replicaCount, replicasOf, rsReplicas } from './util/deployment-util';

/** rolloutRolling. */
export function* rolloutRolling(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[]): Step<ApiError | undefined> {
  const { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  if (error) return error;
  let allRSs: (ReplicaSetView | undefined)[] = [...oldRSs, newRS];

  const up = yield* reconcileNewReplicaSet(ctx, allRSs, newRS, d);
  if (up.error) return up.error;
  if (up.scaled) return yield* syncRolloutStatus(ctx, allRSs, up.rs, d);

  const down = yield* reconcileOldReplicaSets(ctx, allRSs, filterActive(oldRSs), newRS, d);
  if (down.error) return down.error;
  if (down.scaled) {
    allRSs = [...down.oldRSs, newRS];
    return yield* syncRolloutStatus(ctx, allRSs, newRS, d);
  }
  if (deploymentComplete(d, d.status ?? {})) {
    const cleanupError = yield* cleanupDeployment(ctx, oldRSs, d);
    if (cleanupError) return cleanupError;
  }
  return yield* syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: scale the new ReplicaSet up (or down, if larger than the Deployment). */
function* reconcileNewReplicaSet(ctx: DeploymentContext, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: DeploymentView): Step<{ scaled: boolean; rs?: ReplicaSetView; error?: ApiError }> {
  if (!newRS || rsReplicas(newRS) === replicasOf(d)) return { scaled: false, rs: newRS };
  const target = rsReplicas(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, allRSs, newRS);
  const r = yield* scaleReplicaSetAndRecordEvent(ctx, newRS, target, d);
  return { scaled: r.scaled, rs: r.rs, ...(r.error ? { error: r.error } : {}) };
}

/** reconcileOldReplicaSets. */
function* reconcileOldReplicaSets(
  ctx: DeploymentContext,
  allRSs: readonly (ReplicaSetView | undefined)[],
  oldRSs: ReplicaSetView[],
  newRS: ReplicaSetView | undefined,
  d: DeploymentView,
): Step<{ scaled: boolean; oldRSs: ReplicaSetView[]; error?: ApiError }> {
  if (replicaCount(oldRSs) === 0) return { scaled: false, oldRSs };
  const allPodsCount = replicaCount(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = newRS ? rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, oldRSs };

  const cleaned = yield* cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  if (cleaned.error) return { scaled: false, oldRSs, error: cleaned.error };
  const scaledDown = yield* scaleDownOldReplicaSetsForRollingUpdate(ctx, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  if (scaledDown.error) return { scaled: false, oldRSs: cleaned.oldRSs, error: scaledDown.error };
  return { scaled: cleaned.count + scaledDown.count > 0, oldRSs: cleaned.oldRSs };
}

/** cleanupUnhealthyReplicas: first take away old pods that are not available. */
function* cleanupUnhealthyReplicas(ctx: DeploymentContext, oldRSs: ReplicaSetView[], d: DeploymentView, maxCleanupCount: number): Step<{ oldRSs: ReplicaSetView[]; count: number; error?: ApiError }> {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (const [i, rs] of sorted.entries()) {
    if (total >= maxCleanupCount) break;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanupCount - total, replicas - available);
    const r = yield* scaleReplicaSetAndRecordEvent(ctx, rs, replicas - count, d);
    if (r.error) return { oldRSs: sorted, count: total, error: r.error };
    total += count;
    sorted[i] = r.rs;
  }
  return { oldRSs: sorted, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, while enough stay available. */
function* scaleDownOldReplicaSetsForRollingUpdate(ctx: DeploymentContext, allRSs: readonly (ReplicaSetView | undefined)[], oldRSs: ReplicaSetView[], d: DeploymentView): Step<{ count: number; error?: ApiError }> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return { count: 0 };
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  const totalToScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of sorted) {
    if (total >= totalToScaleDown) break;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), totalToScaleDown - total);
    const r = yield* scaleReplicaSetAndRecordEvent(ctx, rs, rsReplicas(rs) - count, d);
    if (r.error) return { count: total, error: r.error };
    total += count;
  }
  return { count: total };
}
