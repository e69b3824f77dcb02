/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to
 * 0, wait until none of their pods is left running, then create or scale the new one to
 * spec.replicas.
 */
import type { ApiError } from '../controller-utils/api-call';
import type { Step } from '../controller-utils/sync-runner';
import type { PodView } from '../controller-utils/types';
import type { DeploymentContext, DeploymentView, ReplicaSetView } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { actualReplicaCount, deploymentComplete, filterActive, replicasOf } from './util/deployment-util';

/** rolloutRecreate; `podMap` holds the Deployment's pods by their ReplicaSet's uid. */
export function* rolloutRecreate(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[], podMap: ReadonlyMap<string, readonly PodView[]>): Step<ApiError | undefined> {
  let { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  if (error) return error;
  let allRSs: (ReplicaSetView | undefined)[] = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    const r = yield* scaleReplicaSetAndRecordEvent(ctx, rs, 0, d);
    if (r.error) return r.error;
    if (r.scaled) scaledDown = true;
  }
  if (scaledDown) return yield* syncRolloutStatus(ctx, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return yield* syncRolloutStatus(ctx, allRSs, newRS, d);

  if (!newRS) {
    ({ newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
    if (error) return error;
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) {
    const r = yield* scaleReplicaSetAndRecordEvent(ctx, newRS, replicasOf(d), d);
    if (r.error) return r.error;
  }
  if (deploymentComplete(d, d.status ?? {})) {
    const cleanupError = yield* cleanupDeployment(ctx, oldRSs, d);
    if (cleanupError) return cleanupError;
  }
  return yield* syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods has not finished. */
export function oldPodsRunning(newRS: ReplicaSetView | undefined, oldRSs: readonly ReplicaSetView[], podMap: ReadonlyMap<string, readonly PodView[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
