/**
 * The DaemonSet controller in a running cluster (scheduler and kubelets): one pod per eligible
 * node, pinned by node affinity and bound by kube-scheduler, with the daemon tolerations, the
 * revision and generation labels and a ControllerRevision; placement by nodeSelector and taints;
 * nodes added and tainted; RollingUpdate maxUnavailable at a time, OnDelete; and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH, update, type Harness } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';
import type { PodView } from '../controller-utils/types';
import type { DaemonSetView } from './types';

const DS_PATH = '/apis/apps/v1/namespaces/default/daemonsets';
const CR_PATH = '/apis/apps/v1/namespaces/default/controllerrevisions';

function daemonSet(name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'nginx' }], ...podSpec } }, ...spec },
  };
}

function podsOf(h: Harness, name: string): PodView[] {
  return h.list<PodView>(PODS_PATH).filter((p) => p.metadata.labels?.['app'] === name);
}

function nodesOf(pods: readonly PodView[]): string[] {
  return pods.map((p) => p.spec?.nodeName ?? '').sort();
}

describe('DaemonSet controller', () => {
  it('runs one pod on every node, pinned by node affinity, bound by the scheduler, with the daemon tolerations and labels', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') }).code).toBe(201);
    h.run(30_000);
    const ds = h.get<DaemonSetView>(`${DS_PATH}/agent`);
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const revisions = h.list<KubeObject & { revision: number }>(CR_PATH);
    expect(revisions).toHaveLength(1);
    const hash = revisions[0]?.metadata.labels?.['controller-revision-hash'] ?? '';
    expect(revisions[0]?.metadata.name).toBe(`agent-${hash}`);
    expect(revisions[0]?.revision).toBe(1);
    const pods = podsOf(h, 'agent');
    expect(nodesOf(pods)).toEqual(['node-1', 'node-2', 'node-3']);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
      expect(pod.status?.phase).toBe('Running');
      const spec = pod.spec as { affinity?: unknown; tolerations?: { key?: string; effect?: string }[] };
      expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec?.nodeName] }] }] } } });
      expect(spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ]);
    }
    // The scheduler, not the controller, binds them.
    const bindings = h.cluster.apiserver.audit.recent(5000).filter((r) => r.objectRef?.subresource === 'binding');
    expect(new Set(bindings.map((r) => r.user?.name))).toEqual(new Set(['system:kube-scheduler']));
    const creates = h.cluster.apiserver.audit.recent(5000).filter((r) => r.verb === 'create' && r.objectRef?.resource === 'pods' && !r.objectRef.subresource);
    expect(creates.map((r) => r.user?.name)).toEqual(Array(3).fill('system:serviceaccount:kube-system:daemon-set-controller'));
    expect(ds.status).toEqual({ currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 1, updatedNumberScheduled: 3, numberAvailable: 3 });
    const events = h.events('DaemonSet', 'agent');
    expect(events).toHaveLength(3);
    for (const e of events) expect(e).toMatch(/^SuccessfulCreate: Created pod: agent-[a-z0-9]{5}$/);
  });

  it('adds network-unavailable to a host-network pod and keeps a toleration the template already has', () => {
    const h = harness();
    const tolerations = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }, { key: 'x', operator: 'Exists' }];
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('net', {}, { hostNetwork: true, tolerations }) });
    h.run(20_000);
    const pod = podsOf(h, 'net')[0] as PodView;
    const got = (pod.spec as { tolerations?: { key?: string; effect?: string }[] }).tolerations?.map((t) => `${t.key}:${t.effect ?? ''}`);
    expect(got).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'x:',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/network-unavailable:NoSchedule',
    ]);
  });

  it('places by nodeSelector and taints, and removes the pod when the node loses the label', () => {
    const h = harness();
    h.cluster.addNode({ name: 'node-4', cpu: '2', memory: '4Gi', pods: 110, labels: { disk: 'ssd' } });
    h.cluster.addNode({ name: 'node-5', cpu: '2', memory: '4Gi', pods: 110, labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    h.run(20_000);
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('ssd', {}, { nodeSelector: { disk: 'ssd' } }) });
    h.run(20_000);
    // node-5's taint is not tolerated, node-1..3 lack the label.
    expect(nodesOf(podsOf(h, 'ssd'))).toEqual(['node-4']);
    expect(h.get<DaemonSetView>(`${DS_PATH}/ssd`).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1 });
    // The label goes: the node no longer wants the daemon.
    update(h, '/api/v1/nodes/node-4', (n: KubeObject) => {
      const { disk: _gone, ...rest } = n.metadata.labels ?? {};
      n.metadata.labels = rest;
    });
    h.run(60_000);
    expect(podsOf(h, 'ssd')).toHaveLength(0);
    expect(h.events('DaemonSet', 'ssd').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(1);
    expect(h.get<DaemonSetView>(`${DS_PATH}/ssd`).status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0 });
  });

  it('leaves a pod under a NoSchedule taint (counted misscheduled) and removes it under an untolerated NoExecute one', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') });
    h.run(30_000);
    update(h, '/api/v1/nodes/node-3', (n: KubeObject & { spec?: { taints?: unknown[] } }) => {
      n.spec = { ...n.spec, taints: [{ key: 'maintenance', effect: 'NoSchedule' }] };
    });
    h.run(20_000);
    expect(nodesOf(podsOf(h, 'agent'))).toEqual(['node-1', 'node-2', 'node-3']);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1 });
    update(h, '/api/v1/nodes/node-3', (n: KubeObject & { spec?: { taints?: unknown[] } }) => {
      n.spec = { ...n.spec, taints: [{ key: 'maintenance', effect: 'NoExecute' }] };
    });
    h.run(60_000);
    expect(nodesOf(podsOf(h, 'agent'))).toEqual(['node-1', 'node-2']);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('puts a pod on a node that joins, once the cloud has initialised it', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') });
    h.run(20_000);
    expect(h.cluster.addNode({ name: 'node-4', cpu: '2', memory: '4Gi', pods: 110 })).toBeUndefined();
    h.run(60_000);
    expect(nodesOf(podsOf(h, 'agent'))).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 });
  });

  it('stops counting a node that is deleted (its bound pod is left to the pod garbage collector, not simulated)', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') });
    h.run(30_000);
    expect(call(h.cluster, h.admin, 'DELETE', '/api/v1/nodes/node-3').code).toBe(200);
    h.run(5_000);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
    expect(h.events('DaemonSet', 'agent').filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([]);
  });

  it('rolls a new template out one node at a time (maxUnavailable 1), with a new revision and generation', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') });
    h.run(30_000);
    const before = new Set(podsOf(h, 'agent').map((p) => p.metadata.name));
    expect(update(h, `${DS_PATH}/agent`, (ds: DaemonSetView) => {
      ((ds.spec.template?.spec?.['containers'] as { image: string }[])[0] as { image: string }).image = 'nginx:1.27';
    })).toBe(200);
    // Never more than one node without a ready pod.
    let maxMissing = 0;
    for (let i = 0; i < 120; i++) {
      h.run(500);
      const ready = podsOf(h, 'agent').filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      maxMissing = Math.max(maxMissing, 3 - ready.length);
    }
    expect(maxMissing).toBe(1);
    const after = podsOf(h, 'agent');
    expect(after).toHaveLength(3);
    for (const pod of after) {
      expect(before.has(pod.metadata.name)).toBe(false);
      expect(pod.metadata.labels?.['pod-template-generation']).toBe('2');
    }
    const revisions = h.list<KubeObject & { revision: number }>(CR_PATH).map((r) => r.revision).sort();
    expect(revisions).toEqual([1, 2]);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  });

  it('with OnDelete, replaces a pod only once the user deletes it', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent', { updateStrategy: { type: 'OnDelete' } }) });
    h.run(30_000);
    update(h, `${DS_PATH}/agent`, (ds: DaemonSetView) => {
      ((ds.spec.template?.spec?.['containers'] as { image: string }[])[0] as { image: string }).image = 'nginx:1.27';
    });
    h.run(30_000);
    expect(podsOf(h, 'agent').every((p) => p.metadata.labels?.['pod-template-generation'] === '1')).toBe(true);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status?.updatedNumberScheduled ?? 0).toBe(0);
    const victim = podsOf(h, 'agent')[0] as PodView;
    expect(call(h.cluster, h.admin, 'DELETE', `${PODS_PATH}/${victim.metadata.name ?? ''}`).code).toBe(200);
    h.run(60_000);
    const gens = podsOf(h, 'agent').map((p) => p.metadata.labels?.['pod-template-generation']).sort();
    expect(gens).toEqual(['1', '1', '2']);
    expect(h.get<DaemonSetView>(`${DS_PATH}/agent`).status).toMatchObject({ updatedNumberScheduled: 1 });
  });

  it('records FailedCreate when the apiserver refuses its pods, and retries', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('bad', {}, { serviceAccountName: 'nope' }) });
    h.run(5_000);
    const events = h.events('DaemonSet', 'bad');
    expect(events[0]).toMatch(/^FailedCreate: Error creating: pods "bad-(?:[a-z0-9]{5})?" is forbidden: error looking up service account default\/nope: serviceaccount "nope" not found$/);
    const creates = h.cluster.apiserver.audit.recent(5000).filter((r) => r.verb === 'create' && r.objectRef?.resource === 'pods' && !r.objectRef.subresource);
    // One per sync (the first refusal stops the rest), retried with the queue's back-off.
    expect(creates.length).toBeGreaterThanOrEqual(2);
    expect(creates.length).toBeLessThan(20);
    expect(podsOf(h, 'bad')).toHaveLength(0);
    expect(h.get<DaemonSetView>(`${DS_PATH}/bad`).status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 0 });
  });

  it('deletes a failed daemon pod with a FailedDaemonPod event and makes another', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('agent') });
    h.run(30_000);
    const victim = podsOf(h, 'agent')[0] as PodView;
    const path = `${PODS_PATH}/${victim.metadata.name ?? ''}`;
    const current = h.get<PodView>(path);
    expect(call(h.cluster, h.admin, 'PUT', `${path}/status`, { body: { ...current, status: { ...current.status, phase: 'Failed' } } }).code).toBe(200);
    h.run(1_000);
    const events = h.events('DaemonSet', 'agent');
    expect(events).toContain(`FailedDaemonPod: Found failed daemon pod default/${victim.metadata.name ?? ''} on node ${victim.spec?.nodeName ?? ''}, will try to kill it`);
    expect(events).toContain(`SuccessfulDelete: Deleted pod: ${victim.metadata.name ?? ''}`);
    h.run(30_000);
    expect(nodesOf(podsOf(h, 'agent'))).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('never sees a selector that selects everything: validation refuses it', () => {
    const h = harness();
    // Validation refuses an empty selector on create; the controller's own guard is for one that got through.
    const res = call(h.cluster, h.admin, 'POST', DS_PATH, { body: daemonSet('all', { selector: {} }) });
    expect(res.code).toBe(422);
  });
});
