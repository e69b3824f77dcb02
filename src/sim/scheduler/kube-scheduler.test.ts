/**
 * kube-scheduler in a real simulated cluster (3 nodes of 2 CPU): pods go from Pending to bound
 * through pods/binding as system:kube-scheduler, with `Scheduled` events; a pod that fits nowhere
 * gets the FitError text as a `FailedScheduling` event from default-scheduler and the
 * PodScheduled=False/Unschedulable condition, and is scheduled once a pod frees room.
 */
import { describe, expect, it } from 'vitest';
import { KUBE_SCHEDULER_CERTIFICATE } from '../apiserver/authentication/x509';
import { call, startedCluster, userClient } from '../testing/test-cluster';
import { KubeScheduler } from './kube-scheduler';

function setup() {
  const cluster = startedCluster();
  const scheduler = new KubeScheduler(cluster.engine, cluster.client('kube-scheduler', { clientCertificate: KUBE_SCHEDULER_CERTIFICATE }, 'kube-scheduler'), {});
  scheduler.start();
  const admin = userClient(cluster);
  const settle = (ms = 2_000) => cluster.engine.runUntil(cluster.engine.now() + ms);
  const createPod = (name: string, cpu: string) =>
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', {
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu, memory: '64Mi' } } }] } },
    });
  const getPod = (name: string) => call(cluster, admin, 'GET', `/api/v1/namespaces/default/pods/${name}`).body as {
    spec: { nodeName?: string };
    status: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  };
  const events = () =>
    (call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: { reason: string; message: string; type: string; involvedObject: { name: string }; source: { component: string }; reportingComponent: string }[] }).items;
  return { cluster, scheduler, admin, settle, createPod, getPod, events };
}

describe('KubeScheduler', () => {
  it('binds pending pods to nodes and reports Scheduled', () => {
    const { cluster, settle, createPod, getPod, events } = setup();
    for (const name of ['web-1', 'web-2', 'web-3']) expect(createPod(name, '500m').code).toBe(201);
    settle();
    const nodes = ['web-1', 'web-2', 'web-3'].map((n) => getPod(n).spec.nodeName);
    for (const n of nodes) expect(cluster.nodeNames).toContain(n);
    // LeastAllocated and BalancedAllocation spread equal pods over equal nodes.
    expect(new Set(nodes).size).toBe(3);
    const scheduled = events().filter((e) => e.reason === 'Scheduled');
    expect(scheduled.map((e) => e.message).sort()).toEqual(['web-1', 'web-2', 'web-3'].map((n, i) => `Successfully assigned default/${n} to ${nodes[i]}`).sort());
    expect(scheduled[0]).toMatchObject({ type: 'Normal', source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler' });
    const binds = cluster.apiserver.audit.recent(5000).filter((r) => r.objectRef?.subresource === 'binding');
    expect(binds.map((r) => r.user?.name)).toEqual(['system:kube-scheduler', 'system:kube-scheduler', 'system:kube-scheduler']);
    expect(getPod('web-1').status.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
  });

  it('reports a pod that fits nowhere with upstream message and condition, and schedules it when room appears', () => {
    const { cluster, admin, settle, createPod, getPod, events, scheduler } = setup();
    for (const name of ['hog-a', 'hog-b', 'hog-c']) expect(createPod(name, '1500m').code).toBe(201);
    settle();
    expect(new Set(['hog-a', 'hog-b', 'hog-c'].map((n) => getPod(n).spec.nodeName)).size).toBe(3);
    expect(createPod('big', '1').code).toBe(201);
    settle();
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const failed = events().filter((e) => e.reason === 'FailedScheduling');
    expect(failed[0]).toMatchObject({ type: 'Warning', message, involvedObject: { name: 'big' }, source: { component: 'default-scheduler' } });
    expect(getPod('big').spec.nodeName).toBeUndefined();
    expect(getPod('big').status.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(scheduler.queue.sizes.unschedulablePods).toBe(1);
    const explained = scheduler.latestAttempt('default', 'big')?.explain();
    expect(explained).toMatchObject({ pod: 'default/big', selected: null, message });
    expect(explained?.nodes.map((n) => n.filter.at(-1))).toEqual([0, 1, 2].map(() => ({ plugin: 'NodeResourcesFit', status: 'Unschedulable', reasons: ['Insufficient cpu'] })));

    // Deleting a pod is an event NodeResourcesFit registered for: the pod is retried and fits.
    const freed = getPod('hog-b').spec.nodeName;
    expect(call(cluster, admin, 'DELETE', '/api/v1/namespaces/default/pods/hog-b').code).toBe(200);
    settle(3_000);
    expect(getPod('big').spec.nodeName).toBe(freed);
    expect(events().filter((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'big')).toHaveLength(1);
  });

  it('preempts a lower-priority pod for a system-cluster-critical one: Preempted event, nomination, then binding', () => {
    const { cluster, admin, settle, createPod, getPod, events } = setup();
    for (const name of ['low-a', 'low-b', 'low-c']) expect(createPod(name, '1500m').code).toBe(201);
    settle();
    const critical = call(cluster, admin, 'POST', '/api/v1/namespaces/kube-system/pods', {
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'critical' }, spec: { priorityClassName: 'system-cluster-critical', priority: 2000000000, containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '1', memory: '64Mi' } } }] } },
    });
    expect(critical.code).toBe(201);
    settle(5_000);
    const preempted = events().filter((e) => e.reason === 'Preempted');
    expect(preempted).toHaveLength(1);
    const victim = preempted[0]?.involvedObject.name ?? '';
    expect(preempted[0]?.message).toMatch(/^Preempted by pod \S+ on node node-\d$/);
    const criticalPod = call(cluster, admin, 'GET', '/api/v1/namespaces/kube-system/pods/critical').body as { spec: { nodeName?: string }; status: { nominatedNodeName?: string } };
    const victimNode = preempted[0]?.message.split(' on node ')[1];
    expect(criticalPod.status.nominatedNodeName ?? criticalPod.spec.nodeName).toBe(victimNode);
    expect(call(cluster, admin, 'GET', `/api/v1/namespaces/default/pods/${victim}`).code).toBe(404);
    expect(criticalPod.spec.nodeName).toBe(victimNode);
    for (const name of ['low-a', 'low-b', 'low-c'].filter((n) => n !== victim)) expect(getPod(name).spec.nodeName).toBeDefined();
  });
});
