/**
 * Priority through the whole create path: defaulting leaves spec.priority alone, so a pod that
 * names a PriorityClass is admitted with the class's value (it was refused with "the integer
 * value of priority (0) must not be provided in pod spec" when defaulting wrote 0 first).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/kube-object';
import { call, startedCluster, userClient } from '../../../../testing/test-cluster';

describe('Priority admission in a cluster', () => {
  it.each([
    ['system-cluster-critical', 2000000000],
    [undefined, 0],
  ])('a pod with priorityClassName %s gets priority %d', (className, value) => {
    const cluster = startedCluster();
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { ...(className ? { priorityClassName: className } : {}), containers: [{ name: 'c', image: 'nginx' }] } };
    const r = call(cluster, userClient(cluster), 'POST', '/api/v1/namespaces/default/pods', { body });
    expect(r.code).toBe(201);
    const spec = (r.body as KubeObject)['spec'] as { priority?: number; preemptionPolicy?: string };
    expect([spec.priority, spec.preemptionPolicy]).toEqual([value, 'PreemptLowerPriority']);
  });

  it('still refuses a pod that names a class and brings its own priority', () => {
    const cluster = startedCluster();
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { priorityClassName: 'system-cluster-critical', priority: 5, containers: [{ name: 'c', image: 'nginx' }] } };
    const r = call(cluster, userClient(cluster), 'POST', '/api/v1/namespaces/default/pods', { body });
    expect(r.code).toBe(403);
    expect((r.body as { message: string }).message).toContain('the integer value of priority (5) must not be provided in pod spec');
  });

  it('serves the two system classes the post-start hook creates, and will not delete them', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const list = call(cluster, admin, 'GET', '/apis/scheduling.k8s.io/v1/priorityclasses').body as { items: KubeObject[] };
    expect(list.items.map((pc) => [pc.metadata.name, pc['value'], pc['preemptionPolicy'], pc['description']])).toEqual([
      ['system-cluster-critical', 2000000000, 'PreemptLowerPriority', 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
      ['system-node-critical', 2000001000, 'PreemptLowerPriority', 'Used for system critical pods that must not be moved from their current node.'],
    ]);
    const refused = call(cluster, admin, 'DELETE', '/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical');
    expect([refused.code, (refused.body as { message: string }).message]).toEqual([
      403,
      'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    ]);
  });

  it('admits a pod with a user class, and makes a globalDefault class the default', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const high = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, globalDefault: true, preemptionPolicy: 'Never' };
    expect(call(cluster, admin, 'POST', '/apis/scheduling.k8s.io/v1/priorityclasses', { body: high }).code).toBe(201);
    const second = call(cluster, admin, 'POST', '/apis/scheduling.k8s.io/v1/priorityclasses', { body: { ...high, metadata: { name: 'other' } } });
    expect([second.code, (second.body as { message: string }).message]).toEqual([403, 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass high is already marked as default. Only one default can exist']);
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const r = call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body });
    const spec = (r.body as KubeObject)['spec'] as { priority?: number; preemptionPolicy?: string; priorityClassName?: string };
    expect([r.code, spec.priorityClassName, spec.priority, spec.preemptionPolicy]).toEqual([201, 'high', 1000, 'Never']);
  });
});

