/**
 * The node lifecycle and taint-eviction controllers in a real cluster, with the timings of the
 * v1.32 sources: a new node loses TaintNodesByCondition's not-ready:NoSchedule once Ready; a
 * stopped kubelet's node goes Ready=Unknown ("Kubelet stopped posting node status.") after the
 * 50 s grace period, is tainted unreachable NoSchedule at once and NoExecute on the next 5 s
 * pass, its pods marked NotReady with `NodeNotReady` events; the taint-eviction-controller
 * deletes a pod 300 s (its DefaultTolerationSeconds toleration) after the taint, a pod without
 * the toleration at once; the kubelet back, the taints go and a pending eviction is cancelled.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { call, startedCluster, userClient } from '../../testing/test-cluster';
import { SIMULATION_EPOCH_MS } from '../../api/time';
import { Cluster } from '../../testing/test-cluster';
import { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { NodeLifecycleController } from './node-lifecycle-controller';

interface EventLike {
  reason: string;
  message: string;
  type: string;
  involvedObject: { kind: string; name: string; namespace?: string };
  source: { component: string };
}

const admin = (c: Cluster) => userClient(c);
const getNode = (c: Cluster, name: string) => call(c, admin(c), 'GET', `/api/v1/nodes/${name}`).body as Node;
const getPod = (c: Cluster, name: string) => call(c, admin(c), 'GET', `/api/v1/namespaces/default/pods/${name}`);
const events = (c: Cluster) => (call(c, admin(c), 'GET', '/api/v1/namespaces/default/events').body as { items: EventLike[] }).items;
const taintsOf = (node: Node) => (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const ready = (node: Node) => node.status?.conditions?.find((c) => c.type === 'Ready');

function pod(name: string, nodeName: string, tolerations?: object[]): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...(tolerations ? { tolerations } : {}) } };
}

/** Steps the engine in `stepMs` until `check` holds; the virtual time it first held. */
function runUntilTrue(c: Cluster, check: () => boolean, limitMs: number, stepMs = 250): number {
  const end = c.engine.now() + limitMs;
  while (c.engine.now() < end) {
    if (check()) return c.engine.now();
    c.engine.runFor(stepMs);
  }
  throw new Error(`not true within ${limitMs} ms`);
}

function kubeletOf(c: Cluster, name: string) {
  const kubelet = c.kubelets.find((k) => k.shape.name === name);
  if (!kubelet) throw new Error(`no kubelet ${name}`);
  return kubelet;
}

describe('node-lifecycle-controller', () => {
  it('takes the not-ready:NoSchedule taint of TaintNodesByCondition off Ready nodes and registers them', () => {
    const c = startedCluster();
    c.engine.runFor(5_000);
    for (const name of ['node-1', 'node-2', 'node-3']) expect(taintsOf(getNode(c, name))).toEqual([]);
    const registered = events(c).filter((e) => e.reason === 'RegisteredNode');
    expect(registered.map((e) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.type} ${e.source.component}: ${e.message}`).sort()).toEqual([
      'Node/node-1 Normal node-controller: Node node-1 event: Registered Node node-1 in Controller',
      'Node/node-2 Normal node-controller: Node node-2 event: Registered Node node-2 in Controller',
      'Node/node-3 Normal node-controller: Node node-3 event: Registered Node node-3 in Controller',
    ]);
    // The taint writes were made by the node-controller service account.
    const writers = c.apiserver.audit.recent(5000).filter((r) => r.objectRef?.resource === 'nodes' && r.verb === 'patch' && !r.objectRef.subresource);
    expect(new Set(writers.map((r) => r.user?.name))).toEqual(new Set(['system:serviceaccount:kube-system:node-controller']));
  });

  it('marks a silent node Unknown after the 50 s grace period, taints it, marks its pods NotReady, evicts after 300 s', () => {
    const c = startedCluster();
    expect(call(c, admin(c), 'POST', '/api/v1/namespaces/default/pods', { body: pod('web', 'node-2') }).code).toBe(201);
    // Tolerates the unreachable taint for 0 s: deleted as soon as it is there.
    const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' };
    expect(call(c, admin(c), 'POST', '/api/v1/namespaces/default/pods', { body: pod('impatient', 'node-2', [{ ...unreachable, tolerationSeconds: 0 }]) }).code).toBe(201);
    // Tolerates it forever (no tolerationSeconds): stays.
    expect(call(c, admin(c), 'POST', '/api/v1/namespaces/default/pods', { body: pod('patient', 'node-2', [unreachable]) }).code).toBe(201);
    runUntilTrue(c, () => ((getPod(c, 'web').body as Pod).status?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'), 20_000);
    const web = getPod(c, 'web').body as Pod;
    // DefaultTolerationSeconds gave it 300 s for both NoExecute taints.
    expect(web.spec?.tolerations?.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:300',
      'node.kubernetes.io/unreachable:NoExecute:300',
    ]);

    kubeletOf(c, 'node-2').stop();
    const lease = call(c, admin(c), 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-2').body as { spec: { renewTime: string } };
    const lastRenew = Date.parse(lease.spec.renewTime) - SIMULATION_EPOCH_MS;
    const unknownAt = runUntilTrue(c, () => ready(getNode(c, 'node-2'))?.status === 'Unknown', 120_000, 100);
    // Seen on the first 5 s monitor pass after 50 s without a renewal (plus the pass that saw the last one).
    expect(unknownAt - lastRenew).toBeGreaterThan(50_000);
    expect(unknownAt - lastRenew).toBeLessThanOrEqual(60_200);
    const node = getNode(c, 'node-2');
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node.status?.conditions?.find((x) => x.type === type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    }
    // The others keep reporting.
    expect(ready(getNode(c, 'node-1'))?.status).toBe('True');

    const noExecuteAt = runUntilTrue(c, () => taintsOf(getNode(c, 'node-2')).includes('node.kubernetes.io/unreachable:NoExecute'), 20_000, 100);
    expect(taintsOf(getNode(c, 'node-2'))).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    // The NoExecute taint comes on the next monitor pass (5 s), through the zone's rate-limited tainter.
    expect(noExecuteAt - unknownAt).toBeLessThanOrEqual(5_500);
    expect(getNode(c, 'node-2').spec?.taints?.[1]?.timeAdded).toBeDefined();

    const webNow = getPod(c, 'web').body as Pod;
    expect(webNow.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    const evs = events(c);
    expect(evs.filter((e) => e.reason === 'NodeNotReady').map((e) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.type} ${e.source.component}: ${e.message}`).sort()).toEqual([
      'Node/node-2 Normal node-controller: Node node-2 status is now: NodeNotReady',
      'Pod/impatient Warning node-controller: Node is not ready',
      'Pod/patient Warning node-controller: Node is not ready',
      'Pod/web Warning node-controller: Node is not ready',
    ]);
    // The impatient pod is marked for deletion at once; the kubelet is down, so it stays Terminating.
    c.engine.runFor(1_000);
    expect((getPod(c, 'impatient').body as Pod).metadata?.deletionTimestamp).toBeDefined();
    expect((getPod(c, 'web').body as Pod).metadata?.deletionTimestamp).toBeUndefined();

    const deletedAt = runUntilTrue(c, () => (getPod(c, 'web').body as Pod).metadata?.deletionTimestamp !== undefined, 400_000, 1_000);
    expect(deletedAt - noExecuteAt).toBeGreaterThanOrEqual(300_000);
    expect(deletedAt - noExecuteAt).toBeLessThanOrEqual(301_000);
    const evicted = getPod(c, 'web').body as Pod;
    expect(evicted.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    const marking = events(c).filter((e) => e.reason === 'TaintManagerEviction').map((e) => `${e.source.component}: ${e.message}`);
    expect(marking).toEqual(['taint-eviction-controller: Marking for deletion Pod default/impatient', 'taint-eviction-controller: Marking for deletion Pod default/web']);
    expect((getPod(c, 'patient').body as Pod).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a node back before the toleration runs out loses its taints and the pending eviction is cancelled', () => {
    const c = startedCluster();
    expect(call(c, admin(c), 'POST', '/api/v1/namespaces/default/pods', { body: pod('web', 'node-3') }).code).toBe(201);
    c.engine.runFor(10_000);
    kubeletOf(c, 'node-3').partitioned = true;
    runUntilTrue(c, () => taintsOf(getNode(c, 'node-3')).includes('node.kubernetes.io/unreachable:NoExecute'), 120_000, 500);
    kubeletOf(c, 'node-3').partitioned = false;
    runUntilTrue(c, () => ready(getNode(c, 'node-3'))?.status === 'True' && taintsOf(getNode(c, 'node-3')).length === 0, 30_000, 500);
    expect(events(c).filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/web']);
    c.engine.runFor(400_000);
    expect((getPod(c, 'web').body as Pod).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('every node silent (full disruption): the control plane assumes it is cut off, no NoExecute taint, no eviction', () => {
    const c = startedCluster();
    expect(call(c, admin(c), 'POST', '/api/v1/namespaces/default/pods', { body: pod('web', 'node-1') }).code).toBe(201);
    c.engine.runFor(10_000);
    for (const name of ['node-1', 'node-2', 'node-3']) kubeletOf(c, name).stop();
    runUntilTrue(c, () => ['node-1', 'node-2', 'node-3'].every((n) => ready(getNode(c, n))?.status === 'Unknown'), 120_000, 1_000);
    c.engine.runFor(400_000);
    for (const name of ['node-1', 'node-2', 'node-3']) expect(taintsOf(getNode(c, name))).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect((getPod(c, 'web').body as Pod).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('retries a status write that fails with a fresh GET, 20 ms apart, and still marks the node on that pass', () => {
    const c = new Cluster({ scheduler: false, controllers: ['*', '-node-lifecycle-controller'] });
    c.engine.runUntil(3_000);
    const real = admin(c);
    let refused = 0;
    const flaky = Object.assign(Object.create(real) as RestClient, {
      request(...args: Parameters<RestClient['request']>): boolean {
        const [method, path, , done] = args;
        if (method === 'PUT' && path === '/api/v1/nodes/node-2/status' && refused < 2) {
          refused++;
          c.engine.schedule(1, 'test: refuse', () => done({ code: 409, body: { kind: 'Status', reason: 'Conflict' }, auditID: '' }));
          return true;
        }
        return real.request(...args);
      },
    });
    new NodeLifecycleController(c.engine, new SharedInformerFactory(c.engine, real), flaky).start();
    c.engine.runFor(10_000);
    kubeletOf(c, 'node-2').stop();
    runUntilTrue(c, () => ready(getNode(c, 'node-2'))?.status === 'Unknown', 120_000, 1_000);
    expect(refused).toBe(2);
    const gets = c.apiserver.audit.recent(100_000).filter((r) => r.verb === 'get' && r.objectRef?.resource === 'nodes' && r.objectRef.name === 'node-2' && r.user?.name === 'kubernetes-admin');
    expect(gets.length).toBeGreaterThanOrEqual(2);
  });
});
