/**
 * The Deployment controller's shared steps (pkg/controller/deployment/sync.go): find or create
 * the new ReplicaSet and keep the revision annotations in step (getAllReplicaSetsAndSyncRevision),
 * scale a ReplicaSet and record ScalingReplicaSet, proportional scaling when the Deployment is
 * resized mid-rollout (scale), the paused / scaling-only sync, old ReplicaSet clean-up beyond
 * revisionHistoryLimit, and the status (calculateStatus, syncDeploymentStatus).
 */
import { computeHash, canonicalJson } from '../controller-utils/compute-hash';
import { isAlreadyExists, namespaceTerminating, type ApiError } from '../controller-utils/api-call';
import { call, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, newControllerRef, type DeploymentStatus } from '../controller-utils/types';
import { deploymentPath, rsCollectionPath, rsPath, type DeploymentContext, type DeploymentView, type ReplicaSetView } from './context';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './util/conditions';
import {
  actualReplicaCount,
  availableReplicaCount,
  byCreationTimestamp,
  byRevision,
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  filterActive,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS_REASON,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  MAX_REPLICAS_ANNOTATION,
  maxRevision,
  maxSurge,
  maxUnavailable,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_REPLICA_SET_REASON,
  newRSNewReplicas,
  readyReplicaCount,
  replicaCount,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
  rsReplicas,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './util/deployment-util';
import { jsonCopy } from '../../api/json-copy';
import { flatString } from '../../flat-string';

export interface AllReplicaSets {
  readonly newRS: ReplicaSetView | undefined;
  readonly oldRSs: ReplicaSetView[];
  readonly error?: ApiError;
}

/** getAllReplicaSetsAndSyncRevision. */
export function* getAllReplicaSetsAndSyncRevision(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[], createIfNotExisted: boolean): Step<AllReplicaSets> {
  const oldRSs = findOldReplicaSets(d, rsList);
  const { rs, error } = yield* getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted);
  return { newRS: rs, oldRSs, ...(error ? { error } : {}) };
}

/** getNewReplicaSet: sync the new ReplicaSet's annotations, or create it (`<deployment>-<hash>`). */
function* getNewReplicaSet(
  ctx: DeploymentContext,
  d: DeploymentView,
  rsList: readonly ReplicaSetView[],
  oldRSs: readonly ReplicaSetView[],
  createIfNotExisted: boolean,
): Step<{ rs: ReplicaSetView | undefined; error?: ApiError }> {
  const now = ctx.engine.now();
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const rsCopy = jsonCopy(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySecondsNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      const a = yield* call<ReplicaSetView>('PUT', rsPath(rsCopy), { body: rsCopy });
      return a.ok ? { rs: a.value } : { rs: undefined, error: a.error };
    }
    // The revision the new ReplicaSet already carries is the Deployment's.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, 'Progressing')) {
      d.status ??= {};
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata.name ?? ''}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) {
      const a = yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: withSerializedStatus(d) });
      if (!a.ok) return { rs: undefined, error: a.error };
    }
    return { rs: rsCopy };
  }
  if (!createIfNotExisted) return { rs: undefined };

  const template = jsonCopy(d.spec.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(d.spec.template?.metadata?.labels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = jsonCopy(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  const newRS: ReplicaSetView = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: flatString(`${d.metadata.name ?? ''}-${hash}`), namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d)], labels: { ...labels } },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  newRS.spec.replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  const created = yield* call<ReplicaSetView>('POST', rsCollectionPath(d.metadata.namespace ?? ''), { body: newRS });
  let createdRS: ReplicaSetView | undefined;
  let alreadyExists = false;
  if (created.ok) createdRS = created.value;
  else if (isAlreadyExists(created.error)) {
    alreadyExists = true;
    // The name is taken: this Deployment's own ReplicaSet (an informer behind), or a hash collision.
    const got = yield* call<ReplicaSetView>('GET', rsPath(newRS));
    if (!got.ok) return { rs: undefined, error: got.error };
    const ref = controllerOf(got.value);
    if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, got.value.spec.template)) createdRS = got.value;
    else {
      d.status ??= {};
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: withSerializedStatus(d) });
      return { rs: undefined, error: created.error };
    }
  } else if (namespaceTerminating(created.error)) {
    return { rs: undefined, error: created.error };
  } else {
    const msg = `Failed to create new replica set "${newRS.metadata.name ?? ''}": ${created.error.message}`;
    if (hasProgressDeadline(d)) {
      d.status ??= {};
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, now));
      yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: withSerializedStatus(d) });
    }
    ctx.recorder.event(d, 'Warning', FAILED_RS_CREATE_REASON, msg);
    return { rs: undefined, error: created.error };
  }
  const replicas = rsReplicas(newRS);
  if (!alreadyExists && replicas > 0) {
    ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name ?? ''} from 0 to ${replicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', NEW_REPLICA_SET_REASON, `Created new replica set "${createdRS.metadata.name ?? ''}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) {
    const a = yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: withSerializedStatus(d) });
    if (!a.ok) return { rs: createdRS, error: a.error };
  }
  return { rs: createdRS };
}

/** scaleReplicaSetAndRecordEvent: `Scaled up|down replica set X from A to B`. */
export function* scaleReplicaSetAndRecordEvent(ctx: DeploymentContext, rs: ReplicaSetView, newScale: number, d: DeploymentView): Step<{ scaled: boolean; rs: ReplicaSetView; error?: ApiError }> {
  if (rsReplicas(rs) === newScale) return { scaled: false, rs };
  return yield* scaleReplicaSet(ctx, rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
}

/** scaleReplicaSet: spec.replicas and the replica annotations, by an update of the ReplicaSet. */
export function* scaleReplicaSet(ctx: DeploymentContext, rs: ReplicaSetView, newScale: number, d: DeploymentView, operation: string): Step<{ scaled: boolean; rs: ReplicaSetView; error?: ApiError }> {
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicasOf(d), max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs };
  const oldScale = rsReplicas(rs);
  const rsCopy = jsonCopy(rs);
  rsCopy.spec.replicas = newScale;
  setReplicasAnnotations(rsCopy, replicasOf(d), max);
  const a = yield* call<ReplicaSetView>('PUT', rsPath(rsCopy), { body: rsCopy });
  if (!a.ok) return { scaled: false, rs, error: a.error };
  if (sizeNeedsUpdate) ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${a.value.metadata.name ?? ''} from ${oldScale} to ${newScale}`);
  return { scaled: sizeNeedsUpdate, rs: a.value };
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(newRS: ReplicaSetView | undefined, oldRSs: readonly ReplicaSetView[]): ReplicaSetView | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** getReplicaSetFraction / GetProportion: a ReplicaSet's share of a resize. */
function proportion(rs: ReplicaSetView, d: DeploymentView, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -rsReplicas(rs);
  else {
    const maxReplicas = replicasOf(d) + maxSurge(d);
    let before = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]);
    if (!Number.isInteger(before) || before === 0) before = d.status?.replicas ?? 0;
    fraction = roundHalfAway((rsReplicas(rs) * maxReplicas) / before) - rsReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

const roundHalfAway = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

/** scale: a resize of the Deployment, spread over its ReplicaSets in proportion to their sizes. */
export function* scale(ctx: DeploymentContext, d: DeploymentView, newRS: ReplicaSetView | undefined, oldRSs: readonly ReplicaSetView[]): Step<ApiError | undefined> {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === replicasOf(d)) return undefined;
    return (yield* scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicasOf(d), d)).error;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) {
      const r = yield* scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
      if (r.error) return r.error;
    }
    return undefined;
  }
  if (!isRollingUpdate(d)) return undefined;
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let operation = '';
  if (toAdd > 0) {
    // ReplicaSetsBySizeNewer: larger first, the newer of two the same size.
    allRSs.sort((a, b) => (rsReplicas(a) === rsReplicas(b) ? byCreationTimestamp(b, a) : rsReplicas(b) - rsReplicas(a)));
    operation = 'up';
  } else if (toAdd < 0) {
    // ReplicaSetsBySizeOlder: larger first, the older of two the same size.
    allRSs.sort((a, b) => (rsReplicas(a) === rsReplicas(b) ? byCreationTimestamp(a, b) : rsReplicas(b) - rsReplicas(a)));
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name ?? '', rsReplicas(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name ?? '', rsReplicas(rs));
  }
  for (const [i, rs] of allRSs.entries()) {
    const name = rs.metadata.name ?? '';
    // Leftovers go to the largest.
    if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, (sizes.get(name) ?? 0) + toAdd - added));
    const r = yield* scaleReplicaSet(ctx, rs, sizes.get(name) ?? 0, d, operation);
    if (r.error) return r.error;
  }
  return undefined;
}

/** sync: for a paused Deployment or a resize: scale, clean up, write the status; no rollout. */
export function* syncScaleOnly(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[]): Step<ApiError | undefined> {
  const { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  if (error) return error;
  const scaleError = yield* scale(ctx, d, newRS, oldRSs);
  if (scaleError) return scaleError;
  if (d.spec.paused && d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION] === undefined) {
    const cleanupError = yield* cleanupDeployment(ctx, oldRSs, d);
    if (cleanupError) return cleanupError;
  }
  return yield* syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
export function* isScalingEvent(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[]): Step<{ scaling: boolean; error?: ApiError }> {
  const { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  if (error) return { scaling: false, error };
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
    if (!Number.isInteger(desired) || rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] === undefined) continue;
    if (desired !== replicasOf(d)) return { scaling: true };
  }
  return { scaling: false };
}

/** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function* cleanupDeployment(ctx: DeploymentContext, oldRSs: readonly ReplicaSetView[], d: DeploymentView): Step<ApiError | undefined> {
  void ctx;
  if (!hasRevisionHistoryLimit(d)) return undefined;
  const cleanable = oldRSs.filter((rs) => !isBeingDeleted(rs));
  const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 10);
  if (diff <= 0) return undefined;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    // Only those with no pods, fully observed by their controller.
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || ((rs.metadata['generation'] as number | undefined) ?? 0) > (rs.status?.observedGeneration ?? 0) || isBeingDeleted(rs)) continue;
    const a = yield* call('DELETE', rsPath(rs));
    if (!a.ok && a.error.code !== 404) return a.error;
  }
  return undefined;
}

/** calculateStatus: the counts over all ReplicaSets and the Available condition. */
export function calculateStatus(ctx: DeploymentContext, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: DeploymentView): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: (d.metadata['generation'] as number | undefined) ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: [...(d.status?.conditions ?? [])],
  };
  const now = ctx.engine.now();
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** apps/v1 DeploymentStatus as Go serialises it: every field omitempty. */
export function serializeStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

export function withSerializedStatus(d: DeploymentView): DeploymentView {
  return { ...d, status: serializeStatus(d.status ?? {}) };
}

export const statusEqual = (a: DeploymentStatus | undefined, b: DeploymentStatus): boolean => canonicalJson(serializeStatus(a ?? {})) === canonicalJson(serializeStatus(b));

/** syncDeploymentStatus: write the status when it changed. */
export function* syncDeploymentStatus(ctx: DeploymentContext, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView | undefined, d: DeploymentView): Step<ApiError | undefined> {
  const newStatus = calculateStatus(ctx, allRSs, newRS, d);
  if (statusEqual(d.status, newStatus)) return undefined;
  const a = yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: { ...d, status: serializeStatus(newStatus) } });
  return a.ok ? undefined : a.error;
}
