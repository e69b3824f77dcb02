/** The DaemonSet and StatefulSet status viewers, case by case as rollout_status.go writes them. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { daemonSetStatus, statefulSetStatus } from './workload-status';

const obj = (kind: string, generation: number, spec: object, status: object) => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'x', generation }, spec, status }) as unknown as KubeObject;

describe('DaemonSetStatusViewer', () => {
  it('waits for the spec, then updated pods, then available ones', () => {
    expect(daemonSetStatus(obj('DaemonSet', 2, {}, { observedGeneration: 1 }))).toEqual({ message: 'Waiting for daemon set spec update to be observed...\n', done: false });
    expect(daemonSetStatus(obj('DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1 }))).toEqual({ message: 'Waiting for daemon set "x" rollout to finish: 1 out of 3 new pods have been updated...\n', done: false });
    expect(daemonSetStatus(obj('DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 }))).toEqual({ message: 'Waiting for daemon set "x" rollout to finish: 2 of 3 updated pods are available...\n', done: false });
    expect(daemonSetStatus(obj('DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }))).toEqual({ message: 'daemon set "x" successfully rolled out\n', done: true });
    expect(daemonSetStatus(obj('DaemonSet', 1, { updateStrategy: { type: 'OnDelete' } }, {}))).toEqual({ error: 'rollout status is only available for RollingUpdate strategy type' });
  });
});

describe('StatefulSetStatusViewer', () => {
  it('waits for ready pods, then a partitioned roll out; without rollingUpdate compares revisions', () => {
    const ru = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } };
    expect(statefulSetStatus(obj('StatefulSet', 1, { replicas: 3, updateStrategy: ru }, { observedGeneration: 1, readyReplicas: 1 }))).toEqual({ message: 'Waiting for 2 pods to be ready...\n', done: false });
    expect(statefulSetStatus(obj('StatefulSet', 1, { replicas: 3, updateStrategy: ru }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }))).toEqual({ message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n', done: false });
    expect(statefulSetStatus(obj('StatefulSet', 1, { replicas: 3, updateStrategy: ru }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2 }))).toEqual({ message: 'partitioned roll out complete: 2 new pods have been updated...\n', done: true });
    const plain = { type: 'RollingUpdate' };
    expect(statefulSetStatus(obj('StatefulSet', 1, { replicas: 2, updateStrategy: plain }, { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 1, updateRevision: 'x-2', currentRevision: 'x-1' }))).toEqual({ message: 'waiting for statefulset rolling update to complete 1 pods at revision x-2...\n', done: false });
    expect(statefulSetStatus(obj('StatefulSet', 0, {}, { observedGeneration: 0 }))).toEqual({ message: 'Waiting for statefulset spec update to be observed...\n', done: false });
  });
});
