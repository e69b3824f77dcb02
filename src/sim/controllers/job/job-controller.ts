/**
 * The Job controller (pkg/controller/job/job_controller.go, v1.32): it runs a Job's pods to
 * completion. A sync claims the Job's pods, counts the newly finished ones (each pod carries the
 * `batch.kubernetes.io/job-tracking` finalizer until it is counted: its UID goes into
 * status.uncountedTerminatedPods, the finalizer comes off, then it moves into
 * status.succeeded/failed: job-tracking.ts), decides whether the Job has failed (backoffLimit,
 * activeDeadlineSeconds) or met its success criteria, and otherwise keeps
 * min(parallelism, completions - succeeded) pods active, waiting out the pod-failure back-off
 * before replacing failed ones. With JobPodReplacementPolicy on (beta in 1.32) the terminal
 * conditions are delayed: FailureTarget / SuccessCriteriaMet first, Failed / Complete once no
 * pod is terminating and every pod is counted. It writes as
 * system:serviceaccount:kube-system:job-controller and records SuccessfulCreate,
 * SuccessfulDelete, Completed, BackoffLimitExceeded, DeadlineExceeded, Suspended and Resumed.
 */
import type { JobStatus } from 'kubernetes-types/batch/v1';
import type { Engine } from '../../engine';
import { labelSelectorAsSelector, type LabelSelector } from '../../api/labels/label-selector';
import { findResource } from '../../api/resources';
import { simulatedTimestamp, virtualMsOf } from '../../api/time';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import { isNotFound, namespaceTerminating } from '../controller-utils/api-call';
import { claimObjectsStep } from '../controller-utils/controller-ref-manager';
import { ControllerExpectations } from '../controller-utils/expectations';
import { addPodControllerUIDIndexer, podsForOwner } from '../controller-utils/indexes';
import { isPodActive, isPodReady } from '../controller-utils/pod-util';
import { podDeletesBefore } from '../controller-utils/pod-ranking';
import { FAILED_CREATE, FAILED_DELETE, podFromTemplate, SUCCESSFUL_CREATE, SUCCESSFUL_DELETE } from '../controller-utils/pod-control';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, keyOf, newControllerRef, splitKey, type PodView } from '../controller-utils/types';
import {
  completionIndexOf,
  firstPendingIndexes,
  hasTrackingFinalizer,
  isPodFailed,
  isPodSucceeded,
  isPodTerminating,
  jobPodTemplate,
  parseIndexes,
  podFinishedTime,
} from './job-pods';
import {
  ensureCondition,
  findCondition,
  hasTrueCondition,
  isIndexed,
  isJobFinished,
  isSuspended,
  JOB_TRACKING_FINALIZER,
  MESSAGE_BACKOFF_LIMIT,
  MESSAGE_COMPLETIONS_REACHED,
  MESSAGE_DEADLINE,
  newCondition,
  REASON_BACKOFF_LIMIT_EXCEEDED,
  REASON_COMPLETIONS_REACHED,
  REASON_DEADLINE_EXCEEDED,
  serializeJobStatus,
  type JobView,
} from './job-types';
import { nextBackoffRecord, remainingBackoffMs, type BackoffRecord } from './pod-backoff';
import { trackJobStatusAndRemoveFinalizers, type SyncContext, type TrackingDeps } from './job-tracking';
import { jsonCopy } from '../../api/json-copy';

/** --concurrent-job-syncs. */
export const CONCURRENT_JOB_SYNCS = 5;
/** syncJobBatchPeriod: pod events are folded into one sync a second later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;
/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
const STRATEGIC = 'application/strategic-merge-patch+json';

const jobsInfo = findResource('jobs');
const podsInfo = findResource('pods');


export class JobController {
  private readonly jobs: Informer;
  private readonly pods: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly expectations: ControllerExpectations;
  private readonly recorder: EventRecorder;
  /** podBackoffStore: per Job key. */
  private readonly backoffs = new Map<string, BackoffRecord>();
  /**
   * finalizerExpectations: pods whose finalizer this controller removed and the informer does not
   * show yet, so a stale cache does not count them twice.
   */
  private readonly finalizersRemoved = new Set<string>();

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.jobs = informers.informerFor('jobs');
    this.pods = informers.informerFor('pods');
    addPodControllerUIDIndexer(this.pods);
    this.expectations = new ControllerExpectations(engine);
    this.recorder = new EventRecorder(engine, client, 'job-controller');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: job', CONCURRENT_JOB_SYNCS, (key, finish) => this.syncJob(key, finish));
    this.jobs.addEventHandler({
      onAdd: (job) => this.queue.add(keyOf(job)),
      onUpdate: (old, cur) => this.updateJob(old as JobView, cur as JobView),
      onDelete: (job) => {
        this.expectations.delete(keyOf(job));
        this.queue.add(keyOf(job));
      },
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.addPod(pod as PodView),
      onUpdate: (_old, cur) => this.updatePod(cur as PodView),
      onDelete: (pod) => this.deletePod(pod as PodView),
    });
  }

  start(): void {
    this.jobs.start();
    this.pods.start();
  }

  private updateJob(old: JobView, cur: JobView): void {
    const key = keyOf(cur);
    if (old.metadata.uid !== cur.metadata.uid) this.expectations.delete(key);
    this.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
    // A deadline that a spec change brought nearer: look again when it passes.
    const start = cur.status?.startTime;
    const deadline = cur.spec.activeDeadlineSeconds;
    if (start && deadline !== undefined && !isJobFinished(cur)) {
      this.queue.addAfter(key, Math.max(0, virtualMsOf(start) + deadline * 1000 - this.engine.now()));
    }
  }

  /** The Job a pod's controller reference names, if it is still that Job. */
  private jobOf(pod: PodView): JobView | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const job = this.jobs.get(pod.metadata.namespace ?? '', ref.name);
    return job && job.metadata.uid === ref.uid ? (job as JobView) : undefined;
  }

  private addPod(pod: PodView): void {
    if (!this.removeOrphanFinalizer(pod)) return;
    const job = this.jobOf(pod);
    if (!job) return;
    if (!isBeingDeleted(pod)) this.expectations.creationObserved(keyOf(job));
    this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private updatePod(pod: PodView): void {
    if (!hasTrackingFinalizer(pod)) this.finalizersRemoved.delete(pod.metadata.uid ?? '');
    if (!this.removeOrphanFinalizer(pod)) return;
    const job = this.jobOf(pod);
    if (job) this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  private deletePod(pod: PodView): void {
    this.finalizersRemoved.delete(pod.metadata.uid ?? '');
    const job = this.jobOf(pod);
    if (!job) return;
    this.expectations.deletionObserved(keyOf(job), keyOf(pod));
    this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  /**
   * syncOrphanPod: a pod still carrying the finalizer whose Job is gone (or that names no Job)
   * gets it removed, or it would never go away. Returns whether the pod has a Job to sync.
   */
  private removeOrphanFinalizer(pod: PodView): boolean {
    const ref = controllerOf(pod);
    if (!hasTrackingFinalizer(pod)) return ref !== undefined;
    if (ref && ref.kind === 'Job' && this.jobOf(pod)) return true;
    if (ref && ref.kind !== 'Job') return false;
    if (!ref && !isBeingDeleted(pod)) return false;
    if (this.finalizersRemoved.has(pod.metadata.uid ?? '')) return false;
    this.finalizersRemoved.add(pod.metadata.uid ?? '');
    runSync(this.client, this.removeFinalizer(pod), () => undefined);
    return false;
  }

  private *removeFinalizer(pod: PodView): Step<boolean> {
    if (!podsInfo) return false;
    const path = resourcePath(podsInfo, { namespace: pod.metadata.namespace, name: pod.metadata.name });
    const a = yield* call(`PATCH`, path, { body: { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } }, contentType: STRATEGIC });
    if (!a.ok && !isNotFound(a.error)) {
      this.finalizersRemoved.delete(pod.metadata.uid ?? '');
      return false;
    }
    return true;
  }

  private syncJob(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.jobs.hasSynced() || !this.pods.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const job = this.jobs.get(namespace, name) as JobView | undefined;
    if (!job) {
      this.expectations.delete(key);
      this.backoffs.delete(key);
      return finish(DONE);
    }
    // A finished Job has nothing left to do: its pods were counted before it finished.
    if (isJobFinished(job)) return finish(DONE);
    runSync(this.client, this.sync(key, jsonCopy(job)), (ok) => finish(ok ? DONE : RETRY));
  }

  private *sync(key: string, job: JobView): Step<boolean> {
    const satisfied = this.expectations.satisfied(key);
    const selector = labelSelectorAsSelector(job.spec.selector as LabelSelector | undefined);
    const claim = yield* claimObjectsStep(
      { client: this.client, owner: job, ownerResource: 'jobs', resource: 'pods', match: (p) => selector?.matches(p.metadata.labels ?? {}) ?? false },
      podsForOwner(this.pods, job).filter((p) => controllerOf(p) !== undefined || !isBeingDeleted(p)),
    );
    if (claim.error) return false;
    const pods = claim.claimed as PodView[];
    const now = this.engine.now();
    const hadUncounted = job.status?.uncountedTerminatedPods !== undefined;
    const status: JobStatus = (job.status = { ...job.status });
    status.uncountedTerminatedPods = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
    const ctx = this.newSyncContext(key, job, pods);
    const startTimeSet = status.startTime === undefined && !isSuspended(job);
    if (startTimeSet) status.startTime = simulatedTimestamp(now);

    let active = ctx.activePods.length;
    let suspendChanged = false;
    let ok = true;
    const failureTarget = findCondition(job, 'FailureTarget');
    if (failureTarget?.status === 'True') {
      ctx.finishedCondition = failureTarget;
    } else if (ctx.failed > (job.spec.backoffLimit ?? 6)) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', REASON_BACKOFF_LIMIT_EXCEEDED, MESSAGE_BACKOFF_LIMIT, now);
    } else if (this.pastActiveDeadline(job)) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', REASON_DEADLINE_EXCEEDED, MESSAGE_DEADLINE, now);
    } else if (job.spec.activeDeadlineSeconds !== undefined && !isSuspended(job) && status.startTime) {
      this.queue.addAfter(key, virtualMsOf(status.startTime) + job.spec.activeDeadlineSeconds * 1000 - now);
    }

    if (ctx.finishedCondition) {
      // The Job failed: its active pods go.
      const { deleted, deletedReady, error } = yield* this.deletePods(job, ctx.activePods);
      active -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      if (error) ok = false;
    } else {
      let manageCalled = false;
      if (satisfied && !isBeingDeleted(job)) {
        const managed = yield* this.manageJob(key, job, ctx);
        active = managed.active;
        if (managed.error) ok = false;
        manageCalled = true;
      }
      const completions = job.spec.completions;
      const complete = completions === undefined ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
      if (complete) {
        ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, now);
      } else if (manageCalled) {
        suspendChanged = this.syncSuspendCondition(job, now);
      }
    }

    const needsStatusUpdate =
      startTimeSet || suspendChanged || active !== (job.status?.active ?? 0) || ctx.ready !== job.status?.ready || ctx.terminating !== job.status?.terminating || !hadUncounted;
    status.active = active;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    const deps: TrackingDeps = {
      now: () => this.engine.now(),
      recorder: this.recorder,
      finalizersRemoved: this.finalizersRemoved,
      removeFinalizer: (pod) => this.removeFinalizer(pod),
      updateStatus: (j) => this.updateStatus(j),
      saveBackoff: (record) => this.backoffs.set(key, record),
    };
    const tracked = yield* trackJobStatusAndRemoveFinalizers(deps, ctx, needsStatusUpdate);
    return ok && tracked;
  }

  private newSyncContext(key: string, job: JobView, pods: PodView[]): SyncContext {
    const uncounted = job.status?.uncountedTerminatedPods ?? {};
    const seen = new Set([...(uncounted.succeeded ?? []), ...(uncounted.failed ?? [])]);
    const fresh = (p: PodView) => hasTrackingFinalizer(p) && !seen.has(p.metadata.uid ?? '') && !this.finalizersRemoved.has(p.metadata.uid ?? '');
    const newSucceeded = pods.filter((p) => fresh(p) && isPodSucceeded(p));
    const newFailed = pods.filter((p) => fresh(p) && isPodFailed(p, job));
    const activePods = pods.filter(isPodActive);
    const completions = job.spec.completions ?? 0;
    let succeededIndexes: number[] = [];
    let succeeded = (job.status?.succeeded ?? 0) + newSucceeded.length + (uncounted.succeeded?.length ?? 0);
    if (isIndexed(job)) {
      succeededIndexes = parseIndexes(job.status?.completedIndexes, completions);
      for (const p of newSucceeded) {
        const ix = completionIndexOf(p);
        if (ix >= 0 && ix < completions) succeededIndexes.push(ix);
      }
      succeededIndexes = [...new Set(succeededIndexes)].sort((a, b) => a - b);
      succeeded = succeededIndexes.length;
    }
    const backoff = nextBackoffRecord(
      this.backoffs.get(key) ?? { failuresAfterLastSuccess: 0 },
      newSucceeded.map(podFinishedTime),
      newFailed.map(podFinishedTime),
    );
    return {
      job,
      pods,
      activePods,
      newSucceeded,
      newFailed,
      succeeded,
      failed: (job.status?.failed ?? 0) + newFailed.length + (uncounted.failed?.length ?? 0),
      succeededIndexes,
      terminating: pods.filter(isPodTerminating).length,
      ready: activePods.filter(isPodReady).length,
      backoff,
    };
  }

  /** pastActiveDeadline: running (not suspended) for longer than activeDeadlineSeconds. */
  private pastActiveDeadline(job: JobView): boolean {
    const deadline = job.spec.activeDeadlineSeconds;
    const start = job.status?.startTime;
    if (deadline === undefined || !start || isSuspended(job)) return false;
    return this.engine.now() - virtualMsOf(start) >= deadline * 1000;
  }

  /** The Suspended condition and its events, when manageJob ran (upstream's branch after it). */
  private syncSuspendCondition(job: JobView, now: number): boolean {
    const conditions = [...(job.status?.conditions ?? [])];
    const status = job.status as JobStatus;
    if (isSuspended(job)) {
      if (!ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) return false;
      status.conditions = conditions;
      this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      return true;
    }
    if (!hasTrueCondition(job, 'Suspended')) return false;
    ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
    status.conditions = conditions;
    // The active deadline counts from the resume.
    status.startTime = simulatedTimestamp(now);
    this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
    return true;
  }

  /**
   * manageJob: delete every active pod of a suspended Job, or the surplus; else create the
   * missing ones (after the failure back-off), Indexed Jobs one per lowest pending index.
   */
  private *manageJob(key: string, job: JobView, ctx: SyncContext): Step<{ active: number; error?: boolean }> {
    let active = ctx.activePods.length;
    const parallelism = job.spec.parallelism ?? 1;
    if (isSuspended(job)) {
      const { deleted, deletedReady, error } = yield* this.deletePods(job, ctx.activePods);
      ctx.ready -= deletedReady;
      ctx.terminating += deleted;
      return { active: active - deleted, error };
    }
    let wantActive: number;
    if (job.spec.completions === undefined) {
      wantActive = ctx.succeeded > 0 ? active : parallelism;
    } else {
      wantActive = Math.max(0, Math.min(job.spec.completions - ctx.succeeded, parallelism));
    }
    const surplus = active - wantActive;
    if (surplus > 0) {
      // activePodsForRemoval: the least active go first (unscheduled, pending, not ready, newest).
      const now = this.engine.now();
      const ranked = [...ctx.activePods].sort((a, b) => (podDeletesBefore(a, 0, b, 0, now) ? -1 : podDeletesBefore(b, 0, a, 0, now) ? 1 : 0));
      const victims = ranked.slice(0, Math.min(surplus, MAX_POD_CREATE_DELETE_PER_SYNC));
      const { deleted, deletedReady, error } = yield* this.deletePods(job, victims);
      ctx.ready -= deletedReady;
      ctx.terminating += deleted;
      return { active: active - deleted, error };
    }
    if (active >= wantActive) return { active };
    const wait = remainingBackoffMs(ctx.backoff, this.engine.now());
    if (wait > 0) {
      this.queue.addAfter(key, wait);
      return { active };
    }
    const diff = Math.min(wantActive - active, MAX_POD_CREATE_DELETE_PER_SYNC);
    const indexes = isIndexed(job) ? firstPendingIndexes(ctx.succeededIndexes, ctx.activePods, diff, job.spec.completions ?? 0) : [];
    const count = isIndexed(job) ? indexes.length : diff;
    this.expectations.expectCreations(key, count);
    let error = false;
    for (let i = 0; i < count; i++) {
      const created = yield* this.createPod(job, isIndexed(job) ? indexes[i] : undefined);
      if (created) active++;
      else {
        this.expectations.lowerCreations(key, count - i);
        error = true;
        break;
      }
    }
    return { active, error };
  }

  /** CreatePodsWithGenerateName: `<job>-` or, for an index, `<job>-<index>-`. */
  private *createPod(job: JobView, index: number | undefined): Step<boolean> {
    if (!podsInfo) return false;
    const pod = podFromTemplate(jobPodTemplate(job, index), job.metadata.name ?? '', newControllerRef(job));
    if (index !== undefined) pod.metadata.generateName = `${job.metadata.name ?? ''}-${index}-`;
    const a = yield* call<KubeObject>('POST', resourcePath(podsInfo, { namespace: job.metadata.namespace }), { body: pod });
    if (!a.ok) {
      if (namespaceTerminating(a.error)) return true;
      this.recorder.event(job, 'Warning', FAILED_CREATE, `Error creating: ${a.error.message}`);
      return false;
    }
    this.recorder.event(job, 'Normal', SUCCESSFUL_CREATE, `Created pod: ${a.value.metadata.name ?? ''}`);
    return true;
  }

  /** deleteJobPods: DELETE each pod; the count of those gone or going, and of those that were ready. */
  private *deletePods(job: JobView, pods: readonly PodView[]): Step<{ deleted: number; deletedReady: number; error?: boolean }> {
    let deleted = 0;
    let deletedReady = 0;
    let error = false;
    if (!podsInfo) return { deleted, deletedReady };
    const key = keyOf(job);
    this.expectations.expectDeletions(key, pods.map(keyOf));
    for (const pod of pods) {
      const name = pod.metadata.name ?? '';
      const a = yield* call('DELETE', resourcePath(podsInfo, { namespace: pod.metadata.namespace, name }));
      if (!a.ok && !isNotFound(a.error)) {
        this.expectations.deletionObserved(key, keyOf(pod));
        this.recorder.event(job, 'Warning', FAILED_DELETE, `Error deleting: ${a.error.message}`);
        error = true;
        continue;
      }
      if (!a.ok) this.expectations.deletionObserved(key, keyOf(pod));
      else this.recorder.event(job, 'Normal', SUCCESSFUL_DELETE, `Deleted pod: ${name}`);
      deleted++;
      if (isPodReady(pod)) deletedReady++;
    }
    return { deleted, deletedReady, ...(error ? { error } : {}) };
  }

  /** updateJobStatus: PUT /status; the resourceVersion of the answer is kept for the next write. */
  private *updateStatus(job: JobView): Step<boolean> {
    if (!jobsInfo) return false;
    const path = resourcePath(jobsInfo, { namespace: job.metadata.namespace, name: job.metadata.name, subresource: 'status' });
    const a = yield* call<JobView>('PUT', path, { body: { ...job, status: serializeJobStatus(job.status ?? {}) } });
    if (!a.ok) return false;
    job.metadata = a.value.metadata;
    return true;
  }
}
