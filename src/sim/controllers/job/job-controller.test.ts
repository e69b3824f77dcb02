/**
 * The Job controller in a running cluster (scheduler and kubelets): the pi Job's pod, its
 * tracking finalizer, the status as v1.32 writes it, the conditions and events; failures and
 * the back-off limit; Indexed Jobs; suspend; the active deadline.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH, update } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';
import type { PodView } from '../controller-utils/types';

const JOBS_PATH = '/apis/batch/v1/namespaces/default/jobs';

function job(name: string, command: string[], image = 'busybox', spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { containers: [{ name, image, command }], restartPolicy: 'Never' } }, ...spec },
  };
}

const pi = () => job('pi', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], 'perl:5.34.0', { backoffLimit: 4 });

describe('Job controller', () => {
  it('runs the pi Job to completion: one pod with the job labels and finalizer, SuccessCriteriaMet then Complete, the events', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: pi() }).code).toBe(201);
    h.run(3_000);
    const running = h.get<Job & KubeObject>(`${JOBS_PATH}/pi`);
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods).toHaveLength(1);
    const pod = pods[0] as PodView;
    expect(pod.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(pod.metadata['finalizers']).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi', 'controller-uid': running.metadata.uid });
    expect(running.status).toMatchObject({ active: 1, terminating: 0, uncountedTerminatedPods: {} });
    expect(running.status?.startTime).toBeDefined();
    h.run(60_000);
    const done = h.get<Job & KubeObject>(`${JOBS_PATH}/pi`);
    expect(done.status?.succeeded).toBe(1);
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.uncountedTerminatedPods).toEqual({});
    expect(done.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(done.status?.completionTime).toBeDefined();
    expect(h.get<PodView>(`${PODS_PATH}/${pod.metadata.name ?? ''}`).metadata['finalizers']).toBeUndefined();
    const events = h.events('Job', 'pi');
    expect(events).toEqual([`SuccessfulCreate: Created pod: ${pod.metadata.name ?? ''}`, 'Completed: Job completed']);
    const writes = h.cluster.apiserver.audit.recent(5000).filter((r) => r.objectRef?.resource === 'jobs' && r.objectRef.subresource === 'status');
    expect(new Set(writes.map((r) => r.user?.name))).toEqual(new Set(['system:serviceaccount:kube-system:job-controller']));
  });

  it('replaces failed pods after the back-off and fails the Job past backoffLimit: FailureTarget then Failed, BackoffLimitExceeded', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('fail', ['sh', '-c', 'exit 1'], 'busybox', { backoffLimit: 2 }) });
    h.run(5_000);
    expect(h.list(PODS_PATH)).toHaveLength(1);
    h.run(10_000);
    // The first failure waits 10 s, the second 20 s.
    expect(h.list(PODS_PATH)).toHaveLength(2);
    h.run(120_000);
    const failed = h.get<Job & KubeObject>(`${JOBS_PATH}/fail`);
    expect(h.list(PODS_PATH)).toHaveLength(3);
    expect(failed.status?.failed).toBe(3);
    expect(failed.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(h.events('Job', 'fail').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('runs an Indexed Job: one pod per index with the index annotation, label and hostname, completedIndexes', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('idx', ['sh', '-c', 'echo $JOB_COMPLETION_INDEX'], 'busybox', { completions: 3, parallelism: 3, completionMode: 'Indexed' }) });
    h.run(3_000);
    const pods = h.list<PodView & { spec: { hostname?: string } }>(PODS_PATH);
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2']);
    for (const p of pods) {
      const ix = p.metadata.labels?.['batch.kubernetes.io/job-completion-index'] ?? '';
      expect(p.metadata.name).toMatch(new RegExp(`^idx-${ix}-[a-z0-9]{5}$`));
      expect(p.spec.hostname).toBe(`idx-${ix}`);
    }
    h.run(60_000);
    const done = h.get<Job & KubeObject>(`${JOBS_PATH}/idx`);
    expect(done.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    expect(done.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('suspends a Job: deletes its active pods, Suspended condition and event; resuming starts a pod again', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('sleeper', ['sleep', '3600']) });
    h.run(5_000);
    expect(update<Job & KubeObject>(h, `${JOBS_PATH}/sleeper`, (j) => ((j.spec as { suspend?: boolean }).suspend = true))).toBe(200);
    h.run(60_000);
    const suspended = h.get<Job & KubeObject>(`${JOBS_PATH}/sleeper`);
    expect(suspended.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['Suspended', 'True', 'JobSuspended']]);
    expect(suspended.status?.active).toBeUndefined();
    expect(h.list(PODS_PATH)).toHaveLength(0);
    expect(h.events('Job', 'sleeper')).toContain('Suspended: Job suspended');
    update<Job & KubeObject>(h, `${JOBS_PATH}/sleeper`, (j) => ((j.spec as { suspend?: boolean }).suspend = false));
    h.run(5_000);
    expect(h.get<Job & KubeObject>(`${JOBS_PATH}/sleeper`).status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['Suspended', 'False', 'JobResumed']]);
    expect(h.list(PODS_PATH)).toHaveLength(1);
    expect(h.events('Job', 'sleeper')).toContain('Resumed: Job resumed');
  });

  it('fails a Job that runs past activeDeadlineSeconds with DeadlineExceeded, deleting its pod', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('slow', ['sleep', '3600'], 'busybox', { activeDeadlineSeconds: 10 }) });
    h.run(60_000);
    const j = h.get<Job & KubeObject>(`${JOBS_PATH}/slow`);
    expect(j.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(h.events('Job', 'slow')).toEqual(expect.arrayContaining([expect.stringMatching(/^SuccessfulDelete: Deleted pod: slow-/), 'DeadlineExceeded: Job was active longer than specified deadline']));
  });

  it('lets the pods of a deleted Job go: the finalizer comes off and the garbage collector removes them', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('gone', ['sleep', '3600']) });
    h.run(5_000);
    expect(call(h.cluster, h.admin, 'DELETE', `${JOBS_PATH}/gone`).code).toBe(200);
    h.run(60_000);
    expect(h.list(PODS_PATH)).toHaveLength(0);
  });
  it('scales down to a lower parallelism with SuccessfulDelete, and replaces a pod deleted by hand (counted as failed)', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('work', ['sleep', '3600'], 'busybox', { parallelism: 3, completions: 6 }) });
    h.run(5_000);
    expect(h.list(PODS_PATH)).toHaveLength(3);
    expect(update<Job & KubeObject>(h, `${JOBS_PATH}/work`, (j) => ((j.spec as { parallelism?: number }).parallelism = 1))).toBe(200);
    h.run(60_000);
    expect(h.events('Job', 'work').filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: work-'))).toHaveLength(2);
    const [left] = h.list<PodView>(PODS_PATH);
    expect(h.list(PODS_PATH)).toHaveLength(1);
    call(h.cluster, h.admin, 'DELETE', `${PODS_PATH}/${left?.metadata.name ?? ''}`);
    h.run(60_000);
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata.name).not.toBe(left?.metadata.name);
    expect(h.get<Job & KubeObject>(`${JOBS_PATH}/work`).status).toMatchObject({ active: 1, failed: 3 });
  });
});
