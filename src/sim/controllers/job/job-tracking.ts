/**
 * How the Job controller counts finished pods (pkg/controller/job/job_controller.go
 * trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished): a
 * finished pod's UID goes into status.uncountedTerminatedPods (an Indexed Job's index into
 * completedIndexes) and the status is written; then its `batch.kubernetes.io/job-tracking`
 * finalizer comes off; then what lost its finalizer moves into succeeded/failed. The interim
 * condition (FailureTarget, SuccessCriteriaMet) is written first; the terminal one (Failed,
 * Complete, with completionTime) once nothing is uncounted and no pod is terminating, with the
 * Completed or failure event.
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { simulatedTimestamp } from '../../api/time';
import type { EventRecorder } from '../../client/event-recorder';
import type { Step } from '../controller-utils/sync-runner';
import { isBeingDeleted, type PodView } from '../controller-utils/types';
import { completionIndexOf, formatIndexes, hasTrackingFinalizer, isPodFailed, isPodSucceeded, parseIndexes } from './job-pods';
import { ensureCondition, isIndexed, newCondition, type JobView } from './job-types';
import type { BackoffRecord } from './pod-backoff';

/** What one sync works out before it writes the status (upstream's syncJobCtx). */
export interface SyncContext {
  job: JobView;
  pods: PodView[];
  activePods: PodView[];
  /** Pods that finished and still carry the finalizer, not yet in uncountedTerminatedPods. */
  newSucceeded: PodView[];
  newFailed: PodView[];
  succeeded: number;
  failed: number;
  succeededIndexes: number[];
  terminating: number;
  ready: number;
  finishedCondition?: JobCondition;
  backoff: BackoffRecord;
}

/** What tracking needs from the controller: its clock, recorder, writes and memory. */
export interface TrackingDeps {
  now(): number;
  readonly recorder: EventRecorder;
  /** finalizerExpectations: pods whose finalizer was removed and the cache does not show it yet. */
  readonly finalizersRemoved: Set<string>;
  removeFinalizer(pod: PodView): Step<boolean>;
  updateStatus(job: JobView): Step<boolean>;
  /** The pod back-off is kept once the pods are counted. */
  saveBackoff(record: BackoffRecord): void;
}

/**
 * trackJobStatusAndRemoveFinalizers: put the interim condition and the newly finished pods'
 * UIDs in the status, take the finalizers off, count the pods whose finalizer is gone, and
 * finish the Job once nothing is uncounted or terminating.
 */
export function* trackJobStatusAndRemoveFinalizers(deps: TrackingDeps, ctx: SyncContext, needsStatusUpdate: boolean): Step<boolean> {
  const job = ctx.job;
  const status = job.status as JobStatus;
  const uncounted = status.uncountedTerminatedPods as { succeeded: string[]; failed: string[] };
  const now = deps.now();
  let needsFlush = needsStatusUpdate;
  let finished = ctx.finishedCondition;
  const conditions = [...(status.conditions ?? [])];
  if (finished?.type === 'FailureTarget') {
    if (!conditions.some((c) => c.type === 'FailureTarget')) {
      conditions.push(finished);
      needsFlush = true;
    }
    finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (!conditions.some((c) => c.type === 'SuccessCriteriaMet')) {
      conditions.push(finished);
      needsFlush = true;
    }
    finished = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }
  status.conditions = conditions;

  const podsToRemoveFinalizer: PodView[] = [];
  const uidsWithFinalizer = new Set<string>();
  for (const pod of ctx.pods) if (hasTrackingFinalizer(pod) && !deps.finalizersRemoved.has(pod.metadata.uid ?? '')) uidsWithFinalizer.add(pod.metadata.uid ?? '');
  const newSucceededIndexes: number[] = [];
  const completions = job.spec.completions ?? 0;
  const prevIndexes = new Set(parseIndexes(status.completedIndexes, completions));
  for (const pod of ctx.pods) {
    const uid = pod.metadata.uid ?? '';
    if (!uidsWithFinalizer.has(uid)) continue;
    const succeeded = isPodSucceeded(pod);
    const failed = !succeeded && isPodFailed(pod, job);
    // A finished Job lets go of pods that will never finish (the Job is done with them).
    if (!succeeded && !failed && !(finished && isBeingDeleted(pod))) continue;
    podsToRemoveFinalizer.push(pod);
    if (succeeded) {
      if (isIndexed(job)) {
        const ix = completionIndexOf(pod);
        if (ix >= 0 && ix < completions && !prevIndexes.has(ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!uncounted.succeeded.includes(uid)) {
        uncounted.succeeded.push(uid);
        needsFlush = true;
      }
    } else if (failed && !uncounted.failed.includes(uid)) {
      uncounted.failed.push(uid);
      needsFlush = true;
    }
  }
  if (isIndexed(job) && newSucceededIndexes.length > 0) {
    const all = [...prevIndexes, ...newSucceededIndexes];
    status.completedIndexes = formatIndexes(all);
    status.succeeded = new Set(all).size;
  }

  // flushUncountedAndRemoveFinalizers.
  if (needsFlush) {
    const written = yield* deps.updateStatus(job);
    if (!written) return false;
    needsFlush = false;
  }
  for (const pod of podsToRemoveFinalizer) {
    deps.finalizersRemoved.add(pod.metadata.uid ?? '');
    const removed = yield* deps.removeFinalizer(pod);
    if (removed) uidsWithFinalizer.delete(pod.metadata.uid ?? '');
  }
  // cleanUncountedPodsWithoutFinalizers: what lost its finalizer is counted now.
  const countable = (uids: string[]) => uids.filter((uid) => !uidsWithFinalizer.has(uid));
  const nowSucceeded = countable(uncounted.succeeded);
  const nowFailed = countable(uncounted.failed);
  if (nowSucceeded.length + nowFailed.length > 0) {
    if (!isIndexed(job)) status.succeeded = (status.succeeded ?? 0) + nowSucceeded.length;
    status.failed = (status.failed ?? 0) + nowFailed.length;
    uncounted.succeeded = uncounted.succeeded.filter((u) => !nowSucceeded.includes(u));
    uncounted.failed = uncounted.failed.filter((u) => !nowFailed.includes(u));
    needsFlush = true;
  }
  // The pod back-off is kept once the pods are counted.
  deps.saveBackoff(ctx.backoff);

  // enactJobFinished.
  let jobFinished = false;
  if (finished && uncounted.succeeded.length + uncounted.failed.length === 0 && (status.terminating ?? 0) === 0) {
    ensureCondition(conditions, finished.type ?? '', 'True', finished.reason ?? '', finished.message ?? '', now);
    status.conditions = conditions;
    if (finished.type === 'Complete') status.completionTime = simulatedTimestamp(now);
    jobFinished = true;
    needsFlush = true;
  }
  if (!needsFlush) return true;
  const written = yield* deps.updateStatus(job);
  if (!written) return false;
  if (jobFinished) {
    if (finished?.type === 'Complete') deps.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    else if (finished) deps.recorder.event(job, 'Warning', finished.reason ?? '', finished.message ?? '');
  }
  return true;
}
