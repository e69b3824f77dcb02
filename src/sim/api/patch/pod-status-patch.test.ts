import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './json-merge-patch';
import { goPodStatus, inMergePatchKeyOrder, podStatusPatch } from './pod-status-patch';
import { applyStrategicMergePatch } from './strategic-merge-patch';

/** Statuses shaped as src/sim/node/kubelet/pod-status.ts generates them (same key order). */
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:00:01Z';
const T2 = '2026-01-01T00:00:02Z';
const T3 = '2026-01-01T00:00:03Z';
const UNREADY = 'containers with unready status: [web]';

function condition(type: string, status: boolean, lastTransitionTime: string, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: status ? 'True' : 'False', lastProbeTime: null as unknown as string, lastTransitionTime };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

const scheduled = condition('PodScheduled', true, T0);
/** What the pod strategy and the binding leave: phase and qosClass on create, PodScheduled on bind. */
const bound: PodStatus = { phase: 'Pending', conditions: [scheduled], qosClass: 'BestEffort' };

const creating: PodStatus = {
  phase: 'Pending',
  conditions: [condition('PodReadyToStartContainers', false, T1), condition('Initialized', true, T1), condition('Ready', false, T1, 'ContainersNotReady', UNREADY), condition('ContainersReady', false, T1, 'ContainersNotReady', UNREADY), scheduled],
  hostIP: '10.0.0.2',
  hostIPs: [{ ip: '10.0.0.2' }],
  startTime: T1,
  containerStatuses: [{ name: 'web', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx', imageID: '', started: false }],
  qosClass: 'BestEffort',
};

const sandboxReady: PodStatus = {
  phase: 'Pending',
  conditions: [condition('PodReadyToStartContainers', true, T2), ...(creating.conditions ?? []).slice(1)],
  hostIP: '10.0.0.2',
  hostIPs: [{ ip: '10.0.0.2' }],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  startTime: T1,
  containerStatuses: creating.containerStatuses ?? [],
  qosClass: 'BestEffort',
};

const running: PodStatus = {
  phase: 'Running',
  conditions: [condition('PodReadyToStartContainers', true, T2), condition('Initialized', true, T1), condition('Ready', true, T3), condition('ContainersReady', true, T3), scheduled],
  hostIP: '10.0.0.2',
  hostIPs: [{ ip: '10.0.0.2' }],
  podIP: '10.244.1.5',
  podIPs: [{ ip: '10.244.1.5' }],
  startTime: T1,
  containerStatuses: [
    { name: 'web', state: { running: { startedAt: T3 } }, lastState: {}, ready: true, restartCount: 0, image: 'docker.io/library/nginx:latest', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://123', started: true },
  ],
  qosClass: 'BestEffort',
};

const ORDER = '"$setElementOrder/conditions":[{"type":"PodReadyToStartContainers"},{"type":"Initialized"},{"type":"Ready"},{"type":"ContainersReady"},{"type":"PodScheduled"}]';

const SEQUENCE: readonly { name: string; old: PodStatus; next: PodStatus; patch: string }[] = [
  {
    name: 'first sync: Pending, ContainerCreating',
    old: bound,
    next: creating,
    patch:
      `{"metadata":{"uid":"u1"},"status":{${ORDER},"conditions":[` +
      '{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z","status":"False","type":"PodReadyToStartContainers"},' +
      '{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z","status":"True","type":"Initialized"},' +
      '{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z","message":"containers with unready status: [web]","reason":"ContainersNotReady","status":"False","type":"Ready"},' +
      '{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z","message":"containers with unready status: [web]","reason":"ContainersNotReady","status":"False","type":"ContainersReady"}],' +
      '"containerStatuses":[{"image":"nginx","imageID":"","lastState":{},"name":"web","ready":false,"restartCount":0,"started":false,"state":{"waiting":{"reason":"ContainerCreating"}}}],' +
      '"hostIP":"10.0.0.2","hostIPs":[{"ip":"10.0.0.2"}],"startTime":"2026-01-01T00:00:01Z"}}',
  },
  {
    name: 'sandbox ready: PodReadyToStartContainers True, pod IP',
    old: creating,
    next: sandboxReady,
    patch: `{"metadata":{"uid":"u1"},"status":{${ORDER},"conditions":[{"lastTransitionTime":"2026-01-01T00:00:02Z","status":"True","type":"PodReadyToStartContainers"}],"podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}]}}`,
  },
  {
    name: 'Running and Ready',
    old: sandboxReady,
    next: running,
    patch:
      `{"metadata":{"uid":"u1"},"status":{${ORDER},"conditions":[` +
      '{"lastTransitionTime":"2026-01-01T00:00:03Z","message":null,"reason":null,"status":"True","type":"Ready"},' +
      '{"lastTransitionTime":"2026-01-01T00:00:03Z","message":null,"reason":null,"status":"True","type":"ContainersReady"}],' +
      '"containerStatuses":[{"containerID":"containerd://123","image":"docker.io/library/nginx:latest","imageID":"docker.io/library/nginx@sha256:abc","lastState":{},"name":"web","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-01-01T00:00:03Z"}}}],' +
      '"phase":"Running"}}',
  },
];

const pod = (status: PodStatus) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { nodeName: 'n1' }, status });

describe('podStatusPatch: the kubelet sequence', () => {
  for (const step of SEQUENCE) {
    it(step.name, () => {
      const { patch, unchanged } = podStatusPatch('u1', step.old, step.next);
      expect(JSON.stringify(patch)).toBe(step.patch);
      expect(unchanged).toBe(false);
      const patched = applyStrategicMergePatch(pod(step.old), patch, 'Pod') as { status: PodStatus };
      // The same object as the kubelet's status, key order aside ...
      expect(patched).toEqual(pod(step.next));
      // ... and the same text once encoded in the Go struct's order, as the apiserver stores it.
      expect(JSON.stringify(goPodStatus(patched.status))).toBe(JSON.stringify(step.next));
    });
  }

  it('an unchanged status is a patch of the UID alone', () => {
    expect(podStatusPatch('u1', running, structuredClone(running))).toEqual({ patch: { metadata: { uid: 'u1' } }, unchanged: true });
  });

  it('a condition stored without lastProbeTime compares as the null Go writes for it', () => {
    const stored = { ...running, conditions: (running.conditions ?? []).map(({ lastProbeTime: _, ...c }) => c) };
    expect(podStatusPatch('u1', stored, running).unchanged).toBe(true);
  });

  it('omitempty fields that are empty are not marshalled: an emptied hostIPs is a removed key', () => {
    const { patch } = podStatusPatch('u1', running, { ...running, message: '', reason: '', nominatedNodeName: '', hostIPs: [] });
    expect(JSON.stringify(patch)).toBe('{"metadata":{"uid":"u1"},"status":{"hostIPs":null}}');
  });

  it('a reason coming back is added to its condition', () => {
    const notReady: PodStatus = { ...running, conditions: [condition('PodReadyToStartContainers', true, T2), condition('Initialized', true, T1), condition('Ready', false, T3, 'ContainersNotReady', UNREADY), condition('ContainersReady', false, T3, 'ContainersNotReady', UNREADY), scheduled] };
    const { patch } = podStatusPatch('u1', running, { ...notReady, containerStatuses: running.containerStatuses ?? [] });
    expect(JSON.stringify(patch)).toBe(
      `{"metadata":{"uid":"u1"},"status":{${ORDER},"conditions":[` +
        '{"message":"containers with unready status: [web]","reason":"ContainersNotReady","status":"False","type":"Ready"},' +
        '{"message":"containers with unready status: [web]","reason":"ContainersNotReady","status":"False","type":"ContainersReady"}]}}',
    );
  });

  /**
   * Where the stored pod's key order differs from today's merge patch of the whole status: the
   * patch's keys are sorted (json.Marshal), and the apiserver's merge puts new keys after the old
   * ones in the patch's order. Upstream re-encodes the Go struct (struct order); goPodStatus does
   * the same.
   */
  it('key order after the server merge, against a merge patch of the whole status', () => {
    const { patch } = podStatusPatch('u1', bound, creating);
    const strategic = applyStrategicMergePatch(pod(bound), patch, 'Pod') as { status: PodStatus };
    const merge = applyMergePatch(pod(bound), { metadata: { uid: 'u1' }, status: creating }) as { status: PodStatus };
    expect(Object.keys(strategic.status)).toEqual(['phase', 'conditions', 'qosClass', 'containerStatuses', 'hostIP', 'hostIPs', 'startTime']);
    expect(Object.keys(merge.status)).toEqual(['phase', 'conditions', 'qosClass', 'hostIP', 'hostIPs', 'startTime', 'containerStatuses']);
    expect(Object.keys(goPodStatus(strategic.status))).toEqual(['phase', 'conditions', 'hostIP', 'hostIPs', 'startTime', 'containerStatuses', 'qosClass']);
    expect(Object.keys(strategic.status.conditions?.[0] ?? {})).toEqual(['lastProbeTime', 'lastTransitionTime', 'status', 'type']);
    expect(Object.keys(strategic.status.containerStatuses?.[0] ?? {})).toEqual(['image', 'imageID', 'lastState', 'name', 'ready', 'restartCount', 'started', 'state']);
  });
});

describe('inMergePatchKeyOrder', () => {
  it('gives the text a merge patch of the whole status stored, step by step', () => {
    let stored: ReturnType<typeof pod> = pod(bound);
    for (const step of SEQUENCE) {
      const { patch } = podStatusPatch('u1', stored.status, step.next);
      const strategic = applyStrategicMergePatch(stored, patch, 'Pod') as ReturnType<typeof pod>;
      const merge = applyMergePatch(stored, { metadata: { uid: 'u1' }, status: step.next }) as ReturnType<typeof pod>;
      const reordered = { ...strategic, status: inMergePatchKeyOrder(stored.status, strategic.status) };
      expect(JSON.stringify(reordered)).toBe(JSON.stringify(merge));
      stored = merge;
    }
  });
});

describe('goPodStatus', () => {
  it('writes what json.Marshal writes of a PodStatus', () => {
    const status = {
      phase: 'Running',
      message: '',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      podIPs: [],
    } as unknown as PodStatus;
    expect(JSON.stringify(goPodStatus(status))).toBe(
      '{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":null}],' +
        '"containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":null,"finishedAt":null}},"lastState":{},"ready":false,"restartCount":0,"image":"","imageID":""}]}',
    );
    expect(goPodStatus(undefined)).toEqual({});
  });
});
