/**
 * The Deployment controller's arithmetic and bookkeeping (pkg/controller/deployment/util/
 * deployment_util.go): maxSurge / maxUnavailable resolution (ResolveFenceposts), the new
 * ReplicaSet's next size (NewRSNewReplicas), the revision and replica annotations, replica
 * counts over ReplicaSets, completeness and progress, and which ReplicaSet is the new one.
 */
import { virtualMsOf } from '../../../api/time';
import { canonicalJson } from '../../controller-utils/compute-hash';
import type { DeploymentStatus, DeploymentView, PodTemplateSpec, ReplicaSetView } from '../../controller-utils/types';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** apps.DeprecatedRollbackTo: what the extensions/v1beta1 rollback subresource left for the controller. */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';
/** maxRevHistoryLengthInChars (deployment_controller.go). */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
/** progressDeadlineSeconds that means "none" (math.MaxInt32). */
const NO_PROGRESS_DEADLINE = 2147483647;

// Condition reasons.
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const NEW_REPLICA_SET_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';
export const REPLICA_SET_UPDATED_REASON = 'ReplicaSetUpdated';
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';
// Rollback event reasons.
export const ROLLBACK_REVISION_NOT_FOUND = 'DeploymentRollbackRevisionNotFound';
export const ROLLBACK_TEMPLATE_UNCHANGED = 'DeploymentRollbackTemplateUnchanged';
export const ROLLBACK_DONE = 'DeploymentRollback';

/** Annotations a ReplicaSet does not take from its Deployment (annotationsToSkip). */
const ANNOTATIONS_TO_SKIP = new Set([LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION]);

/** intstr.GetScaledValueFromIntOrPercent: a count, or a percentage of total rounded up or down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) return Number.parseInt(value, 10) || 0;
  const percent = Number.parseInt(value.slice(0, -1), 10) || 0;
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 makes maxUnavailable 1. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const replicasOf = (d: DeploymentView): number => d.spec.replicas ?? 1;
export const rsReplicas = (rs: ReplicaSetView): number => rs.spec.replicas ?? 1;
export const isRollingUpdate = (d: DeploymentView): boolean => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function maxSurge(d: DeploymentView): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge;
}

export function maxUnavailable(d: DeploymentView): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  return Math.min(unavailable, replicasOf(d));
}

export const sum = (rss: readonly (ReplicaSetView | undefined)[], f: (rs: ReplicaSetView) => number): number => rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);
/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const replicaCount = (rss: readonly (ReplicaSetView | undefined)[]): number => sum(rss, rsReplicas);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const actualReplicaCount = (rss: readonly (ReplicaSetView | undefined)[]): number => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: readonly (ReplicaSetView | undefined)[]): number => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: readonly (ReplicaSetView | undefined)[]): number => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: DeploymentView, allRSs: readonly (ReplicaSetView | undefined)[], newRS: ReplicaSetView): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true);
  const current = replicaCount(allRSs);
  const maxTotalPods = replicasOf(d) + surge;
  if (current >= maxTotalPods) return rsReplicas(newRS);
  const scaleUpCount = Math.min(maxTotalPods - current, replicasOf(d) - rsReplicas(newRS));
  return rsReplicas(newRS) + scaleUpCount;
}

/** Revision: the revision annotation as a number (0 when missing, undefined when unparsable). */
export function revisionOf(rs: ReplicaSetView): number | undefined {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || v === '') return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(rss: readonly ReplicaSetView[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs) ?? 0);
  return max;
}

/** LastRevision: the second-highest revision. */
export function lastRevision(rss: readonly (ReplicaSetView | undefined)[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = revisionOf(rs) ?? 0;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

function annotationsOf(o: { metadata: { annotations?: Record<string, string> } }): Record<string, string> {
  o.metadata.annotations ??= {};
  return o.metadata.annotations;
}

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations, less the skipped ones. */
function copyDeploymentAnnotationsToReplicaSet(d: DeploymentView, rs: ReplicaSetView): boolean {
  let changed = false;
  const target = annotationsOf(rs);
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; whether they changed. */
export function setReplicasAnnotations(rs: ReplicaSetView, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSetView, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision, keep the history. */
export function setNewReplicaSetAnnotations(d: DeploymentView, rs: ReplicaSetView, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const a = annotationsOf(rs);
  const had = REVISION_ANNOTATION in a;
  const oldRevision = a[REVISION_ANNOTATION] ?? '';
  if (oldRevision !== '' && !/^-?\d+$/.test(oldRevision)) return false;
  const oldRevisionInt = oldRevision === '' ? 0 : Number(oldRevision);
  const newRevisionInt = Number(newRevision);
  if (oldRevisionInt < newRevisionInt) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  // A ReplicaSet given a newer revision is one rolled back to: keep the revisions it had.
  if (had && oldRevisionInt < newRevisionInt) {
    const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
    let old = history.split(',');
    if ((old[0] ?? '').length === 0) a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) {
        totalLen -= (old[start] ?? '').length + 1;
        start++;
      }
      if (totalLen <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
        old = [...old.slice(start), oldRevision];
        a[REVISION_HISTORY_ANNOTATION] = old.join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision: whether the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: DeploymentView, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

/** SetDeploymentAnnotationsTo: the Deployment takes the annotations of the ReplicaSet rolled back to. */
export function setDeploymentAnnotationsTo(d: DeploymentView, rollbackTo: ReplicaSetView): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rollbackTo.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  const metadata = { ...(t?.metadata ?? {}), labels };
  if (Object.keys(labels).length === 0) delete (metadata as { labels?: unknown }).labels;
  return { ...(t ?? {}), metadata };
}

/**
 * The template's canonical JSON without the pod-template-hash label, remembered per template
 * object: every Deployment sync compares its template with each of its ReplicaSets', and a
 * ReplicaSet's from the informer never changes (its next version is another object).
 */
const templateKeys = new WeakMap<PodTemplateSpec, string>();

function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return canonicalJson(withoutHash(t));
  let key = templateKeys.get(t);
  if (key === undefined) templateKeys.set(t, (key = canonicalJson(withoutHash(t))));
  return key;
}

/**
 * A copy of a template has its original's key: a sync works on a copy of the informer's
 * Deployment (DeepCopy), whose template object, unlike the copy's, lives from sync to sync.
 * The copy must not be changed in place afterwards (a sync that changes the template, as a
 * rollback does, puts another object there).
 */
export function templateKeyOfCopy(copy: PodTemplateSpec | undefined, original: PodTemplateSpec | undefined): void {
  if (copy && original) templateKeys.set(copy, templateKey(original));
}

/** EqualIgnoreHash: the templates are the same but for the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

const creationOf = (rs: ReplicaSetView) => rs.metadata.creationTimestamp ?? '';

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreationTimestamp(a: ReplicaSetView, b: ReplicaSetView): number {
  if (creationOf(a) !== creationOf(b)) return creationOf(a) < creationOf(b) ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
}

/** ReplicaSetsByRevision: lowest revision first, then oldest. */
export function byRevision(a: ReplicaSetView, b: ReplicaSetView): number {
  const ra = revisionOf(a) ?? 0;
  const rb = revisionOf(b) ?? 0;
  return ra !== rb ? ra - rb : byCreationTimestamp(a, b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: DeploymentView, rsList: readonly ReplicaSetView[]): ReplicaSetView | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindOldReplicaSets' second result: every ReplicaSet but the new one. */
export function findOldReplicaSets(d: DeploymentView, rsList: readonly ReplicaSetView[]): ReplicaSetView[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export const filterActive = (rss: readonly (ReplicaSetView | undefined)[]): ReplicaSetView[] => rss.filter((rs): rs is ReplicaSetView => rs !== undefined && rsReplicas(rs) > 0);

export function hasProgressDeadline(d: DeploymentView): boolean {
  return d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== NO_PROGRESS_DEADLINE;
}

export function hasRevisionHistoryLimit(d: DeploymentView): boolean {
  return d.spec.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== NO_PROGRESS_DEADLINE;
}

/** DeploymentComplete: every replica updated and available, and this generation observed. */
export function deploymentComplete(d: DeploymentView, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= ((d.metadata['generation'] as number | undefined) ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
export function deploymentProgressing(d: DeploymentView, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: DeploymentView, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = s.conditions?.find((x) => x.type === 'Progressing');
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  if (!c.lastUpdateTime) return false;
  return virtualMsOf(c.lastUpdateTime) + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now;
}

/** IsSaturated: the new ReplicaSet runs the Deployment's whole size, all available. */
export function isSaturated(d: DeploymentView, rs: ReplicaSetView | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  if (!Number.isInteger(desired)) return false;
  return rsReplicas(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}
