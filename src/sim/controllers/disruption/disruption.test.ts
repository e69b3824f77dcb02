/**
 * PodDisruptionBudgets end to end: the disruption controller's status (pkg/controller/disruption
 * updatePdbStatus), and the eviction subresource refusing then allowing
 * (pkg/registry/core/pod/storage/eviction.go checkAndDecrement).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { makePod } from '../../testing/builders';
import { call, startedCluster, userClient, type Cluster } from '../../testing/test-cluster';

const PDBS = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';

function setUp(minAvailable: number | string): { cluster: Cluster; admin: ReturnType<typeof userClient> } {
  const cluster = startedCluster();
  const admin = userClient(cluster);
  const nodes = call(cluster, admin, 'GET', '/api/v1/nodes').body as { items: KubeObject[] };
  const nodeName = nodes.items[0]?.metadata.name ?? '';
  for (const name of ['web-1', 'web-2']) {
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: makePod({ name, labels: { app: 'web' }, nodeName }) }).code).toBe(201);
  }
  const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable, selector: { matchLabels: { app: 'web' } } } };
  expect(call(cluster, admin, 'POST', PDBS, { body: pdb }).code).toBe(201);
  cluster.engine.runUntil(cluster.engine.now() + 30_000);
  return { cluster, admin };
}

const statusOf = (cluster: Cluster, admin: ReturnType<typeof userClient>) => (call(cluster, admin, 'GET', `${PDBS}/web`).body as KubeObject)['status'] as Record<string, unknown>;
const evict = (cluster: Cluster, admin: ReturnType<typeof userClient>, name: string) =>
  call(cluster, admin, 'POST', `/api/v1/namespaces/default/pods/${name}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } } });

describe('disruption controller and eviction', () => {
  it('counts the healthy pods and allows the disruptions above minAvailable', () => {
    const { cluster, admin } = setUp(1);
    const status = statusOf(cluster, admin);
    expect(status).toMatchObject({ observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
    expect(status['conditions']).toMatchObject([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1 }]);
  });

  it('lets one eviction through, records it, then refuses the next with 429 and the DisruptionBudget cause', () => {
    const { cluster, admin } = setUp(1);
    // What the eviction itself writes to the budget, seen in the watch cache: the controller may
    // drop web-1 from disruptedPods as soon as it sees the pod being deleted, before a GET.
    const written: Record<string, unknown>[] = [];
    const unobserve = cluster.apiserver.observeCache((resource, event) => {
      if (resource.resource === 'poddisruptionbudgets' && event.type === 'MODIFIED') written.push(event.object['status'] as Record<string, unknown>);
    });
    expect(evict(cluster, admin, 'web-1').code).toBe(201);
    unobserve();
    expect(written[0]?.['disruptionsAllowed']).toBe(0);
    expect(Object.keys(written[0]?.['disruptedPods'] as object)).toEqual(['web-1']);
    expect(statusOf(cluster, admin)['disruptionsAllowed']).toBe(0);
    const refused = evict(cluster, admin, 'web-2');
    expect(refused.code).toBe(429);
    expect(refused.body).toMatchObject({
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 1 healthy pods and has 1 currently' }] },
    });
    // The controller settles: web-1 is gone, one healthy pod, none to spare; False/InsufficientPods.
    cluster.engine.runUntil(cluster.engine.now() + 60_000);
    const settled = statusOf(cluster, admin);
    expect(settled).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 1, expectedPods: 1 });
    expect(settled['disruptedPods']).toBeUndefined();
    expect(settled['conditions']).toMatchObject([{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }]);
  });

  it('follows a spec change (minAvailable 2: nothing to spare), and refuses an eviction naming another pod', () => {
    const { cluster, admin } = setUp(1);
    const patch = call(cluster, admin, 'PATCH', `${PDBS}/web`, { body: { spec: { minAvailable: 2 } }, contentType: 'application/merge-patch+json' });
    expect(patch.code).toBe(200);
    cluster.engine.runUntil(cluster.engine.now() + 5_000);
    expect(statusOf(cluster, admin)).toMatchObject({ observedGeneration: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    const refused = evict(cluster, admin, 'web-1');
    expect(refused.code).toBe(429);
    expect((refused.body as { details: { causes: { message: string }[] } }).details.causes[0]?.message).toBe('The disruption budget web needs 2 healthy pods and has 2 currently');
    const mismatch = call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods/web-1/eviction', { body: { metadata: { name: 'web-2' } } });
    expect([mismatch.code, (mismatch.body as { message: string }).message]).toEqual([400, 'name in URL does not match name in Eviction object']);
  });

  it('fails safe when a percentage needs a controller the pods do not have', () => {
    const { cluster, admin } = setUp('50%');
    // Bare pods are unmanaged: expected count 0, so nothing may be disrupted.
    expect(statusOf(cluster, admin)).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 0, expectedPods: 0 });
  });
});
