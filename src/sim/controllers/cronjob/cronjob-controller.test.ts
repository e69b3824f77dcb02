/**
 * The CronJob controller on the simulated clock: a Job a minute named by its scheduled minute,
 * status.active / lastScheduleTime / lastSuccessfulTime, SawCompletedJob, the history limit,
 * Forbid and Replace, suspend, startingDeadlineSeconds, and an unparseable schedule.
 */
import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { call } from '../../testing/test-cluster';
import { harness, update } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';
import { jobNameFor } from './cronjob-controller';

const CJ_PATH = '/apis/batch/v1/namespaces/default/cronjobs';
const JOBS_PATH = '/apis/batch/v1/namespaces/default/jobs';
/** 2025-01-01T00:01:00Z, the first minute after the cluster boots. */
const FIRST_MINUTE = Date.UTC(2025, 0, 1, 0, 1);

function cronJob(name: string, command: string[], spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name, image: 'busybox:1.28', command }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  };
}

const hello = (spec: Record<string, unknown> = {}) => cronJob('hello', ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'], spec);

describe('CronJob controller', () => {
  it('creates hello-<minutes since the epoch> each minute, owned by the CronJob, and tracks it to completion', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello() }).code).toBe(201);
    h.run(59_000);
    const name = jobNameFor('hello', FIRST_MINUTE);
    expect(name).toBe('hello-28928161');
    const job = h.get<Job & KubeObject>(`${JOBS_PATH}/${name}`);
    const cj = h.get<CronJob & KubeObject>(`${CJ_PATH}/hello`);
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-01T00:01:00Z' });
    expect(h.events('CronJob', 'hello')).toEqual([`SuccessfulCreate: Created job ${name}`]);
    h.run(20_000);
    const after = h.get<CronJob & KubeObject>(`${CJ_PATH}/hello`);
    expect(after.status?.lastScheduleTime).toBe('2025-01-01T00:01:00Z');
    expect(after.status?.active).toBeUndefined();
    expect(after.status?.lastSuccessfulTime).toBeDefined();
    expect(h.events('CronJob', 'hello')).toContain(`SawCompletedJob: Saw completed job: ${name}, condition: Complete`);
  });

  it('keeps successfulJobsHistoryLimit finished Jobs, deleting the oldest', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello({ successfulJobsHistoryLimit: 1 }) });
    h.run(3 * 60_000 + 30_000);
    const jobs = h.list<Job & KubeObject>(JOBS_PATH).map((j) => j.metadata.name);
    expect(jobs).toEqual([jobNameFor('hello', FIRST_MINUTE + 2 * 60_000)]);
    expect(h.events('CronJob', 'hello')).toContain(`SuccessfulDelete: Deleted job ${jobNameFor('hello', FIRST_MINUTE)}`);
  });

  it('Forbid skips a run while one is active; Replace deletes it and starts the new one', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', CJ_PATH, { body: cronJob('forbid', ['sleep', '3600'], { concurrencyPolicy: 'Forbid' }) });
    call(h.cluster, h.admin, 'POST', CJ_PATH, { body: cronJob('replace', ['sleep', '3600'], { concurrencyPolicy: 'Replace' }) });
    h.run(2 * 60_000);
    expect(h.events('CronJob', 'forbid')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    expect(h.get<CronJob & KubeObject>(`${CJ_PATH}/forbid`).status?.active?.map((r) => r.name)).toEqual([jobNameFor('forbid', FIRST_MINUTE)]);
    expect(h.events('CronJob', 'replace')).toContain(`SuccessfulDelete: Deleted job ${jobNameFor('replace', FIRST_MINUTE)}`);
    expect(h.get<CronJob & KubeObject>(`${CJ_PATH}/replace`).status?.active?.map((r) => r.name)).toEqual([jobNameFor('replace', FIRST_MINUTE + 60_000)]);
  });

  it('a suspended CronJob starts nothing; resumed, it runs the latest missed time', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello({ suspend: true }) });
    h.run(2 * 60_000);
    expect(h.list(JOBS_PATH)).toHaveLength(0);
    update<CronJob & KubeObject>(h, `${CJ_PATH}/hello`, (cj) => ((cj.spec as { suspend?: boolean }).suspend = false));
    h.run(1_000);
    expect(h.list<KubeObject>(JOBS_PATH).map((j) => j.metadata.name)).toEqual([jobNameFor('hello', FIRST_MINUTE + 60_000)]);
  });

  it('refuses a bad schedule, a TZ prefix and a long name at the apiserver', () => {
    const h = harness();
    const bad = call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello({ schedule: '* * *' }) });
    expect(bad.code).toBe(422);
    expect((bad.body as { message: string }).message).toContain('spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    const tz = call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello({ schedule: 'CRON_TZ=UTC * * * * *' }) });
    expect((tz.body as { message: string }).message).toContain('cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const long = cronJob('x'.repeat(53), ['true']);
    expect((call(h.cluster, h.admin, 'POST', CJ_PATH, { body: long }).body as { message: string }).message).toContain('must be no more than 52 characters');
    const always = call(h.cluster, h.admin, 'POST', CJ_PATH, { body: { ...hello(), spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } } } });
    expect((always.body as { message: string }).message).toContain('spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('defaults concurrencyPolicy, suspend and the history limits', () => {
    const h = harness();
    const created = call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello() }).body as CronJob;
    expect([created.spec?.concurrencyPolicy, created.spec?.suspend, created.spec?.successfulJobsHistoryLimit, created.spec?.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
  });

  it('misses a run whose startingDeadlineSeconds has passed', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', CJ_PATH, { body: hello({ suspend: true, startingDeadlineSeconds: 10 }) });
    h.run(90_000);
    update<CronJob & KubeObject>(h, `${CJ_PATH}/hello`, (cj) => ((cj.spec as { suspend?: boolean }).suspend = false));
    h.run(1_000);
    expect(h.list(JOBS_PATH)).toHaveLength(0);
  });
});
