/**
 * The kubelet in a real cluster: a pod created with spec.nodeName goes Pending -> Running
 * through the apiserver (status written by system:node:node-1, events with fieldPaths), a
 * deleted pod is torn down and removed, and a stopped kubelet goes silent.
 */
import { describe, expect, it } from 'vitest';
import { call, startedCluster, userClient } from '../testing/test-cluster';
import { makePod } from '../testing/builders';

interface PodLike {
  metadata: { uid: string; deletionTimestamp?: string };
  status: { phase: string; podIP?: string; hostIP?: string; containerStatuses?: { ready: boolean; containerID?: string }[] };
}
interface EventLike {
  reason: string;
  message: string;
  involvedObject: { name: string; fieldPath?: string };
  source: { component: string; host?: string };
}

const pod = (name: string, nodeName: string, image = 'nginx:1.27') => makePod({ name, namespace: 'default', nodeName, containers: [{ name: 'nginx', image }] });

describe('kubelet', () => {
  it('runs a pod bound to its node: Pending -> Running, status as system:node:node-1, events in order', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-1', 'node-1') }).code).toBe(201);
    const phases: string[] = [];
    for (let i = 0; i < 40; i++) {
      cluster.engine.runFor(250);
      const p = call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web-1').body as PodLike;
      if (phases.at(-1) !== p.status.phase) phases.push(p.status.phase);
    }
    expect(phases).toEqual(['Pending', 'Running']);
    const p = call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web-1').body as PodLike;
    expect(p.status.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(p.status.hostIP).toBe('10.0.0.11');
    expect(p.status.containerStatuses?.[0]).toMatchObject({ ready: true, containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/) });
    const writers = cluster.apiserver.audit
      .recent(5000)
      .filter((r) => r.objectRef?.resource === 'pods' && r.objectRef.subresource === 'status' && r.verb === 'patch')
      .map((r) => `${r.user?.name} ${r.responseStatus?.code}`);
    expect(writers.length).toBeGreaterThan(0);
    expect(new Set(writers)).toEqual(new Set(['system:node:node-1 200']));
    const events = (call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: EventLike[] }).items.filter((e) => e.involvedObject.name === 'web-1');
    expect(events.map((e) => `${e.reason} ${e.involvedObject.fieldPath} ${e.source.component}/${e.source.host}`)).toEqual([
      'Pulling spec.containers{nginx} kubelet/node-1',
      'Pulled spec.containers{nginx} kubelet/node-1',
      'Created spec.containers{nginx} kubelet/node-1',
      'Started spec.containers{nginx} kubelet/node-1',
    ]);
    expect(events[1]?.message).toBe('Successfully pulled image "nginx:1.27" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.');
    // The node's runtime version and pod CIDR.
    const node = call(cluster, admin, 'GET', '/api/v1/nodes/node-2').body as { spec: { podCIDR: string }; status: { nodeInfo: { containerRuntimeVersion: string } } };
    expect(node.spec.podCIDR).toBe('10.244.2.0/24');
    expect(node.status.nodeInfo.containerRuntimeVersion).toBe('containerd://1.7.24');
  });

  it('tears a deleted pod down and removes it; a stopped kubelet writes nothing', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-2', 'node-2') });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-3', 'node-3') });
    cluster.engine.runFor(10_000);
    expect(call(cluster, admin, 'DELETE', '/api/v1/namespaces/default/pods/web-2').code).toBe(200);
    cluster.engine.runFor(5_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web-2').code).toBe(404);
    expect(cluster.kubelets[1]?.runtime.listPodSandbox()).toEqual([]);

    const kubelet = cluster.kubelets[2];
    if (!kubelet) throw new Error('no node-3');
    const lease = () => (call(cluster, admin, 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-3').body as { spec: { renewTime: string } }).spec.renewTime;
    kubelet.stop();
    const before = lease();
    const requests = cluster.apiserver.audit.recent(100_000).filter((r) => r.user?.name === 'system:node:node-3').length;
    cluster.engine.runFor(60_000);
    expect(lease()).toBe(before);
    expect(cluster.apiserver.audit.recent(100_000).filter((r) => r.user?.name === 'system:node:node-3').length).toBe(requests);
    kubelet.start();
    cluster.engine.runFor(11_000);
    expect(lease()).not.toBe(before);
  });

  it('a partitioned kubelet sends nothing; healed, it reports the pod status it missed', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const kubelet = cluster.kubelets[0];
    if (!kubelet) throw new Error('no node-1');
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-4', 'node-1') });
    cluster.engine.runFor(300);
    kubelet.partitioned = true;
    const sent = cluster.apiserver.audit.recent(100_000).filter((r) => r.user?.name === 'system:node:node-1').length;
    cluster.engine.runFor(30_000);
    expect(cluster.apiserver.audit.recent(100_000).filter((r) => r.user?.name === 'system:node:node-1').length).toBe(sent);
    const phase = () => (call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web-4').body as PodLike).status.phase;
    expect(phase()).toBe('Pending');
    // The containers ran all along: only the apiserver did not hear of it.
    expect(kubelet.runtime.listContainers({ state: 'CONTAINER_RUNNING' })).toHaveLength(1);
    kubelet.partitioned = false;
    cluster.engine.runFor(2_000);
    expect(phase()).toBe('Running');
  });
});

describe('kubelet: PodScheduled', () => {
  it('a pod placed by spec.nodeName, with no kube-scheduler, gets PodScheduled True from the kubelet, as generateAPIPodStatus appends it', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-5', 'node-1') });
    const conditions = () => (call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web-5').body as { status: { conditions?: { type: string; status: string; lastTransitionTime: string }[] } }).status.conditions ?? [];
    expect(conditions().map((c) => c.type)).not.toContain('PodScheduled');
    cluster.engine.runFor(10_000);
    expect(conditions().map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    // Set at the kubelet's first status and kept since (the pod was created at 5 s).
    expect(conditions().find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2025-01-01T00:00:05Z');
  });
});

describe('kubelet: readiness gates', () => {
  const gated = () => ({ ...pod('gated', 'node-1'), spec: { ...(pod('gated', 'node-1').spec ?? {}), readinessGates: [{ conditionType: 'example.com/feature-1' }] } });
  const ready = (cluster: ReturnType<typeof startedCluster>) =>
    (call(cluster, userClient(cluster), 'GET', '/api/v1/namespaces/default/pods/gated').body as { status: { conditions: { type: string; status: string; message?: string }[] } }).status.conditions.find((c) => c.type === 'Ready');
  const setGate = (cluster: ReturnType<typeof startedCluster>, status: string) =>
    call(cluster, userClient(cluster), 'PATCH', '/api/v1/namespaces/default/pods/gated/status', {
      body: { status: { conditions: [{ type: 'example.com/feature-1', status, lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:20Z' }] } },
      contentType: 'application/strategic-merge-patch+json',
    }).code;

  it("says which gate holds Ready back, and the kubelet syncs again when another writer sets the gate's condition (HandlePodReconcile)", () => {
    const cluster = startedCluster();
    expect(call(cluster, userClient(cluster), 'POST', '/api/v1/namespaces/default/pods', { body: gated() }).code).toBe(201);
    cluster.engine.runFor(10_000);
    expect(ready(cluster)).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/feature-1" does not exist.' });
    expect(setGate(cluster, 'False')).toBe(200);
    cluster.engine.runFor(1_000);
    expect(ready(cluster)).toMatchObject({ status: 'False', message: 'the status of pod readiness gate "example.com/feature-1" is not "True", but False' });
    expect(setGate(cluster, 'True')).toBe(200);
    cluster.engine.runFor(1_000);
    expect(ready(cluster)?.status).toBe('True');
    expect(ready(cluster)).not.toHaveProperty('message');
  });
});
