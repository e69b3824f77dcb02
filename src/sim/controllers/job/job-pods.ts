/**
 * How the Job controller judges its pods (pkg/controller/job: isPodFailed, getFinishedTime,
 * countTerminatingPods) and the completion indexes of Indexed Jobs (indexed_job_utils.go:
 * the `0-2,4` intervals of status.completedIndexes, the index of a pod, the pod template of an
 * index with its annotation, label, hostname and JOB_COMPLETION_INDEX variable).
 */
import { virtualMsOf } from '../../api/time';
import type { PodTemplateSpec, PodView } from '../controller-utils/types';
import { isBeingDeleted } from '../controller-utils/types';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_INDEX_ENV, JOB_TRACKING_FINALIZER, type JobView } from './job-types';
import { jsonCopy } from '../../api/json-copy';

export function hasTrackingFinalizer(pod: PodView): boolean {
  return ((pod.metadata['finalizers'] as string[] | undefined) ?? []).includes(JOB_TRACKING_FINALIZER);
}

export const isPodSucceeded = (pod: PodView): boolean => pod.status?.phase === 'Succeeded';

/**
 * isPodFailed: the Failed phase; and, unless podReplacementPolicy is Failed, a pod being
 * deleted that did not succeed (an orphan may never reach Failed).
 */
export function isPodFailed(pod: PodView, job: JobView): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec.podFailurePolicy || job.spec.podReplacementPolicy === 'Failed') return false;
  return isBeingDeleted(pod) && pod.status?.phase !== 'Succeeded';
}

/** countTerminatingPods: pods being deleted that have not reached a terminal phase. */
export function isPodTerminating(pod: PodView): boolean {
  const phase = pod.status?.phase;
  return isBeingDeleted(pod) && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * getFinishedTime: when the Ready condition went False, else the last container's finishedAt,
 * else the deletion time less its grace period (deletionTimestamp is when the kill is due), else
 * the creation time.
 */
export function podFinishedTime(pod: PodView): number {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return virtualMsOf(ready.lastTransitionTime);
  const statuses = (pod.status as { containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[] } | undefined)?.containerStatuses ?? [];
  let latest: number | undefined;
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (at) latest = Math.max(latest ?? -Infinity, virtualMsOf(at));
  }
  if (latest !== undefined) return latest;
  const deleted = pod.metadata['deletionTimestamp'] as string | undefined;
  if (deleted) return virtualMsOf(deleted) - ((pod.metadata['deletionGracePeriodSeconds'] as number | undefined) ?? 0) * 1000;
  return virtualMsOf(pod.metadata.creationTimestamp ?? '');
}

/** getCompletionIndex: the pod's index annotation, or -1 when missing or not a number. */
export function completionIndexOf(pod: PodView): number {
  const v = pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** parseIndexesFromString: `0-2,4` as a sorted list of indexes below `completions`. */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out: number[] = [];
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const first = Number(a);
    const last = b === undefined ? first : Number(b);
    for (let i = first; i <= last && i < completions; i++) out.push(i);
  }
  return out;
}

/** orderedIntervals.String(): consecutive indexes as `first-last`, joined by commas. */
export function formatIndexes(indexes: readonly number[]): string {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(succeeded: readonly number[], activePods: readonly PodView[], count: number, completions: number): number[] {
  const taken = new Set<number>(succeeded);
  for (const p of activePods) taken.add(completionIndexOf(p));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/**
 * The pod template for a Job pod: the tracking finalizer on every pod and, for an index, the
 * index annotation and label, the hostname `<job>-<index>` and the JOB_COMPLETION_INDEX
 * variable in each container (addCompletionIndexEnvVariables, addCompletionIndexAnnotation).
 */
export function jobPodTemplate(job: JobView, index?: number): PodTemplateSpec {
  const template = jsonCopy((job.spec.template ?? {}) as PodTemplateSpec);
  const meta = (template.metadata ??= {});
  meta.finalizers = [...(meta.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER];
  if (index === undefined) return template;
  meta.annotations = { ...meta.annotations, [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) };
  meta.labels = { ...meta.labels, [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) };
  const spec = (template.spec ??= {}) as { hostname?: string; containers?: { env?: unknown[] }[]; initContainers?: { env?: unknown[] }[] };
  spec.hostname ??= `${job.metadata.name ?? ''}-${index}`;
  const env = { name: JOB_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } };
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const list = (c.env ?? []) as { name?: string }[];
    if (!list.some((e) => e.name === JOB_INDEX_ENV)) c.env = [...list, env];
  }
  return template;
}
