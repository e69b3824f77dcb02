/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, v1.32): for each
 * CronJob it reconciles status.active with the Jobs it owns (SawCompletedJob when one finishes,
 * lastSuccessfulTime), then, unless suspended, finds the most recent scheduled time the
 * simulated clock has passed; if it is not too late (startingDeadlineSeconds), not already run,
 * and the concurrencyPolicy allows (Forbid skips, Replace deletes the running Jobs), it creates
 * the Job `<cronjob>-<scheduled minutes since the epoch>` from the jobTemplate and records it in
 * status.active and lastScheduleTime. Finished Jobs beyond the history limits are deleted,
 * oldest first. It requeues itself 100 ms after the next scheduled time. Schedules are read in
 * UTC: spec.timeZone is not simulated.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import { CronParseError, parseStandard, type CronSchedule } from '../../api/cron/schedule';
import { findResource } from '../../api/resources';
import { SIMULATION_EPOCH_MS, simulatedTimestamp } from '../../api/time';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import { isAlreadyExists, isNotFound, namespaceTerminating } from '../controller-utils/api-call';
import { addControllerUIDIndexer, CONTROLLER_UID_INDEX } from '../controller-utils/indexes';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, keyOf, newControllerRef, splitKey } from '../controller-utils/types';
import { jsonCopy } from '../../api/json-copy';

/** nextScheduleDelta: the requeue lands just after the scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;
/** More missed start times than this, and the controller says so (TooManyMissedTimes). */
const MAX_MISSED_START_TIMES = 100;
/** --concurrent-cron-job-syncs. */
const CONCURRENT_CRONJOB_SYNCS = 5;
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

type CronJobView = KubeObject & CronJob & { spec: NonNullable<CronJob['spec']> };
type JobView = KubeObject & Job;

const cronJobsInfo = findResource('cronjobs');
const jobsInfo = findResource('jobs');

/** The finished condition of a Job (jobutil.FinishedCondition): Complete or Failed, True. */
function finishedCondition(job: JobView): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

const wallMs = (timestamp: string): number => Date.parse(timestamp);
/** RFC3339 of a wall-clock time, as metav1.Time and the scheduled-timestamp annotation print it. */
const rfc3339 = (wall: number): string => simulatedTimestamp(wall - SIMULATION_EPOCH_MS);
/** Go's time.RFC1123Z in UTC, for MissSchedule. */
function rfc1123z(wall: number): string {
  const d = new Date(wall);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()] ?? ''}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the Unix epoch>`. */
export function jobNameFor(cronJobName: string, scheduledWallMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledWallMs / 60_000)}`;
}

interface SyncResult {
  readonly ok: boolean;
  /** When to look again, in ms from now. */
  readonly requeueAfter?: number;
}

export class CronJobController {
  private readonly cronJobs: Informer;
  private readonly jobs: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.cronJobs = informers.informerFor('cronjobs');
    this.jobs = informers.informerFor('jobs');
    addControllerUIDIndexer(this.jobs);
    this.recorder = new EventRecorder(engine, client, 'cronjob-controller');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: cronjob', CONCURRENT_CRONJOB_SYNCS, (key, finish) => this.syncKey(key, finish));
    this.cronJobs.addEventHandler({
      onAdd: (cj) => this.queue.add(keyOf(cj)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (cj) => this.queue.add(keyOf(cj)),
    });
    const enqueueOwner = (job: KubeObject) => {
      const ref = controllerOf(job);
      if (!ref || ref.kind !== 'CronJob') return;
      const cj = this.cronJobs.get(job.metadata.namespace ?? '', ref.name);
      if (cj && cj.metadata.uid === ref.uid) this.queue.add(keyOf(cj));
    };
    this.jobs.addEventHandler({ onAdd: enqueueOwner, onUpdate: (_old, cur) => enqueueOwner(cur), onDelete: enqueueOwner });
  }

  start(): void {
    this.cronJobs.start();
    this.jobs.start();
  }

  private now(): number {
    return SIMULATION_EPOCH_MS + this.engine.now();
  }

  private syncKey(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.cronJobs.hasSynced() || !this.jobs.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const cj = this.cronJobs.get(namespace, name) as CronJobView | undefined;
    if (!cj) return finish(DONE);
    runSync(this.client, this.sync(jsonCopy(cj)), (r) => {
      if (!r.ok) return finish(RETRY);
      if (r.requeueAfter !== undefined) this.queue.addAfter(key, Math.max(r.requeueAfter, 1));
      finish(DONE);
    });
  }

  /** getJobsToBeReconciled: the Jobs whose controller reference is this CronJob. */
  private ownedJobs(cj: CronJobView): JobView[] {
    return this.jobs.byIndex(CONTROLLER_UID_INDEX, cj.metadata.uid ?? '').filter((j) => j.metadata.namespace === cj.metadata.namespace) as JobView[];
  }

  private *sync(cj: CronJobView): Step<SyncResult> {
    const jobs = this.ownedJobs(cj);
    const synced = yield* this.syncCronJob(cj, jobs);
    let updateStatus = synced.updateStatus;
    if (yield* this.cleanupFinishedJobs(cj, jobs)) updateStatus = true;
    if (updateStatus && !(yield* this.updateStatus(cj))) return { ok: false };
    return { ok: synced.ok, ...(synced.requeueAfter !== undefined ? { requeueAfter: synced.requeueAfter } : {}) };
  }

  private *syncCronJob(cj: CronJobView, jobs: readonly JobView[]): Step<SyncResult & { updateStatus: boolean }> {
    const status = (cj.status = { ...cj.status });
    let active = [...(status.active ?? [])];
    let updateStatus = false;
    const children = new Set<string>();
    for (const job of jobs) {
      const uid = job.metadata.uid ?? '';
      children.add(uid);
      const found = active.some((r) => r.uid === uid);
      const finished = finishedCondition(job);
      if (!found && !finished) {
        // The cache may not show our own status write yet: read the CronJob afresh first.
        if (cronJobsInfo) {
          const fresh = yield* call<CronJobView>('GET', resourcePath(cronJobsInfo, { namespace: cj.metadata.namespace, name: cj.metadata.name }));
          if (fresh.ok && (fresh.value.status?.active ?? []).some((r) => r.uid === uid)) {
            Object.assign(status, fresh.value.status);
            cj.metadata = fresh.value.metadata;
            active = [...(fresh.value.status?.active ?? [])];
            continue;
          }
        }
        this.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name ?? ''}`);
      } else if (found && finished) {
        active = active.filter((r) => r.uid !== uid);
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name ?? ''}, condition: ${finished}`);
        updateStatus = true;
      }
      const completion = job.status?.completionTime;
      if (finished === 'Complete' && completion && (!status.lastSuccessfulTime || wallMs(completion) > wallMs(status.lastSuccessfulTime))) {
        status.lastSuccessfulTime = completion;
        updateStatus = true;
      }
    }
    // Active Jobs that are gone (deleted by hand, or by their TTL).
    for (const ref of [...active]) {
      if (children.has(ref.uid ?? '') || !jobsInfo) continue;
      const got = yield* call<JobView>('GET', resourcePath(jobsInfo, { namespace: ref.namespace, name: ref.name }));
      if (got.ok && got.value.metadata.uid === ref.uid) continue;
      if (!got.ok && !isNotFound(got.error)) return { ok: false, updateStatus };
      this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
      active = active.filter((r) => r.uid !== ref.uid);
      updateStatus = true;
    }
    status.active = active;
    if (isBeingDeleted(cj) || cj.spec.suspend === true) return { ok: true, updateStatus };

    let schedule: CronSchedule;
    try {
      schedule = parseStandard(cj.spec.schedule);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${e.message}`);
      return { ok: true, updateStatus };
    }
    const now = this.now();
    const scheduled = this.mostRecentScheduleTime(cj, now, schedule);
    const requeueAfter = this.nextScheduleDelay(cj, now, schedule);
    if (scheduled === undefined) return { ok: true, updateStatus, requeueAfter };
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return { ok: true, updateStatus, requeueAfter };
    }
    const name = jobNameFor(cj.metadata.name ?? '', scheduled);
    if (active.some((r) => r.name === name) || (status.lastScheduleTime !== undefined && wallMs(status.lastScheduleTime) === scheduled)) {
      return { ok: true, updateStatus, requeueAfter };
    }
    if (cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { ok: true, updateStatus, requeueAfter };
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const ref of active) {
        if (!(yield* this.deleteJob(cj, ref.namespace ?? '', ref.name ?? ''))) return { ok: false, updateStatus };
        status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
        updateStatus = true;
      }
    }
    if (!jobsInfo) return { ok: false, updateStatus };
    const created = yield* call<JobView>('POST', resourcePath(jobsInfo, { namespace: cj.metadata.namespace }), { body: this.jobFromTemplate(cj, name, scheduled) });
    let job: JobView | undefined;
    if (created.ok) {
      job = created.value;
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name ?? ''}`);
    } else if (namespaceTerminating(created.error)) {
      return { ok: true, updateStatus };
    } else if (isAlreadyExists(created.error)) {
      // Made by someone else, or by this controller before a status write was lost.
      const got = yield* call<JobView>('GET', resourcePath(jobsInfo, { namespace: cj.metadata.namespace, name }));
      if (!got.ok) return { ok: false, updateStatus };
      if (controllerOf(got.value)?.uid !== cj.metadata.uid) return { ok: true, updateStatus, requeueAfter };
      job = got.value;
    } else {
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${created.error.message}`);
      return { ok: false, updateStatus };
    }
    const ref: ObjectReference = { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = rfc3339(scheduled);
    return { ok: true, updateStatus: true, requeueAfter };
  }

  /**
   * mostRecentScheduleTime: the latest scheduled time in (earliest, now], earliest being the last
   * schedule (or creation), no earlier than now − startingDeadlineSeconds.
   */
  private mostRecentScheduleTime(cj: CronJobView, now: number, schedule: CronSchedule): number | undefined {
    let earliest = wallMs(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? rfc3339(now));
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
    let t = schedule.next(earliest);
    if (t > now) return undefined;
    let missed = 0;
    let last = t;
    while (t <= now) {
      last = t;
      missed++;
      t = schedule.next(t);
    }
    if (missed > MAX_MISSED_START_TIMES) {
      this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    return last;
  }

  /** nextScheduleTimeDuration: from now to 100 ms after the next scheduled time. */
  private nextScheduleDelay(cj: CronJobView, now: number, schedule: CronSchedule): number | undefined {
    const next = schedule.next(Math.max(now, wallMs(cj.metadata.creationTimestamp ?? rfc3339(now))));
    return Number.isFinite(next) ? next + NEXT_SCHEDULE_DELTA_MS - now : undefined;
  }

  /** getJobFromTemplate2: the template's labels and annotations, the scheduled-time annotation, the controller reference. */
  private jobFromTemplate(cj: CronJobView, name: string, scheduled: number): KubeObject {
    const template = cj.spec.jobTemplate;
    const labels = template.metadata?.labels ?? {};
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        ...(Object.keys(labels).length ? { labels: { ...labels } } : {}),
        annotations: { ...template.metadata?.annotations, [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduled) },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: jsonCopy(template.spec ?? {}),
    };
  }

  /** deleteJob: background propagation, with SuccessfulDelete. */
  private *deleteJob(cj: CronJobView, namespace: string, name: string): Step<boolean> {
    if (!jobsInfo) return false;
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
    const a = yield* call('DELETE', resourcePath(jobsInfo, { namespace, name }), { body });
    if (!a.ok && !isNotFound(a.error)) {
      this.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${a.error.message}`);
      return false;
    }
    this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    return true;
  }

  /** cleanupFinishedJobs: beyond each history limit, the finished Jobs that started first go. */
  private *cleanupFinishedJobs(cj: CronJobView, jobs: readonly JobView[]): Step<boolean> {
    const limits: [('Complete' | 'Failed'), number | undefined][] = [
      ['Complete', cj.spec.successfulJobsHistoryLimit],
      ['Failed', cj.spec.failedJobsHistoryLimit],
    ];
    let updated = false;
    for (const [type, limit] of limits) {
      if (limit === undefined) continue;
      const finished = jobs.filter((j) => finishedCondition(j) === type && !isBeingDeleted(j));
      if (finished.length <= limit) continue;
      // byJobStartTime: by status.startTime (unset last), then by name.
      const start = (j: JobView) => (j.status?.startTime ? wallMs(j.status.startTime) : Number.POSITIVE_INFINITY);
      finished.sort((a, b) => start(a) - start(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
      for (const job of finished.slice(0, finished.length - limit)) {
        if (yield* this.deleteJob(cj, job.metadata.namespace ?? '', job.metadata.name ?? '')) updated = true;
      }
    }
    return updated;
  }

  /** UpdateStatus: PUT /status with active, lastScheduleTime and lastSuccessfulTime. */
  private *updateStatus(cj: CronJobView): Step<boolean> {
    if (!cronJobsInfo) return false;
    const s = cj.status ?? {};
    const status = {
      ...(s.active?.length ? { active: s.active } : {}),
      ...(s.lastScheduleTime ? { lastScheduleTime: s.lastScheduleTime } : {}),
      ...(s.lastSuccessfulTime ? { lastSuccessfulTime: s.lastSuccessfulTime } : {}),
    };
    const path = resourcePath(cronJobsInfo, { namespace: cj.metadata.namespace, name: cj.metadata.name, subresource: 'status' });
    const a = yield* call('PUT', path, { body: { ...cj, status } });
    return a.ok || isNotFound(a.error);
  }
}
