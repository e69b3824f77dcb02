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
});
