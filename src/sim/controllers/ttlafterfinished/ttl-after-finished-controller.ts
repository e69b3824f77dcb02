/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished, v1.32): a Job with
 * spec.ttlSecondsAfterFinished is deleted that many seconds after it finished (the
 * lastTransitionTime of its Complete or Failed condition), with foreground propagation and a UID
 * precondition, after a fresh read from the apiserver confirms it is still due. It records no
 * events, as upstream.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Engine } from '../../engine';
import { findResource } from '../../api/resources';
import { virtualMsOf } from '../../api/time';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import { isNotFound } from '../controller-utils/api-call';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { isBeingDeleted, keyOf, splitKey } from '../controller-utils/types';

/** --concurrent-ttl-after-finished-syncs. */
const CONCURRENT_TTL_SYNCS = 5;

type JobView = KubeObject & Job;

const jobsInfo = findResource('jobs');

/** jobFinishTime: when the Complete or Failed condition became True. */
export function jobFinishTime(job: JobView): number | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True' && c.lastTransitionTime) return virtualMsOf(c.lastTransitionTime);
  }
  return undefined;
}

/** needsCleanup: a TTL is set and the Job has finished. */
function needsCleanup(job: JobView): boolean {
  return job.spec?.ttlSecondsAfterFinished !== undefined && jobFinishTime(job) !== undefined && !isBeingDeleted(job);
}

export class TTLAfterFinishedController {
  private readonly jobs: Informer;
  private readonly queue: RateLimitingQueue;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.jobs = informers.informerFor('jobs');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: ttl_jobs_to_delete', CONCURRENT_TTL_SYNCS, (key, finish) => this.processJob(key, finish));
    const enqueue = (job: KubeObject) => {
      if (needsCleanup(job as JobView)) this.queue.add(keyOf(job));
    };
    this.jobs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cur) => enqueue(cur) });
  }

  start(): void {
    this.jobs.start();
  }

  /** How long until the Job expires: ≤ 0 when it is due. */
  private timeLeft(job: JobView): number {
    const finished = jobFinishTime(job) ?? this.engine.now();
    return finished + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000 - this.engine.now();
  }

  private processJob(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.jobs.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const job = this.jobs.get(namespace, name) as JobView | undefined;
    if (!job || !needsCleanup(job)) return finish(DONE);
    const left = this.timeLeft(job);
    if (left > 0) {
      this.queue.addAfter(key, left);
      return finish(DONE);
    }
    runSync(this.client, this.deleteIfExpired(namespace, name), (ok) => finish(ok ? DONE : RETRY));
  }

  /** The cache may be stale: read the Job afresh, check again, delete it in the foreground. */
  private *deleteIfExpired(namespace: string, name: string): Step<boolean> {
    if (!jobsInfo) return true;
    const path = resourcePath(jobsInfo, { namespace, name });
    const fresh = yield* call<JobView>('GET', path);
    if (!fresh.ok) return isNotFound(fresh.error);
    if (!needsCleanup(fresh.value)) return true;
    const left = this.timeLeft(fresh.value);
    if (left > 0) {
      this.queue.addAfter(keyOf(fresh.value), left);
      return true;
    }
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: fresh.value.metadata.uid }, propagationPolicy: 'Foreground' };
    const a = yield* call('DELETE', path, { body });
    return a.ok || isNotFound(a.error);
  }
}
