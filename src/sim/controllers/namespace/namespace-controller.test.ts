/**
 * The namespace controller in a real cluster: DELETE of a namespace leaves it Terminating with
 * the `kubernetes` finalizer; the controller deletes every object in it (as
 * system:serviceaccount:kube-system:namespace-controller), waits for pods terminating gracefully
 * (estimate/2 + 1 s) with NamespaceContentRemaining set, then finalizes it and it is gone.
 */
import { describe, expect, it } from 'vitest';
import type { Namespace } from 'kubernetes-types/core/v1';
import { call, startedCluster, userClient } from '../../testing/test-cluster';
import { failureConditions, updateConditions } from './namespace-conditions';

const configMap = (name: string, data: Record<string, string>, namespace: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('namespace-controller', () => {
  it('empties a namespace being deleted, then finalizes it', () => {
    const c = startedCluster();
    const admin = userClient(c);
    expect(call(c, admin, 'POST', '/api/v1/namespaces', { body: ns('team-a') }).code).toBe(201);
    expect(call(c, admin, 'POST', '/api/v1/namespaces/team-a/configmaps', { body: configMap('settings', { a: '1' }, 'team-a') }).code).toBe(201);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team-a' }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    expect(call(c, admin, 'POST', '/api/v1/namespaces/team-a/pods', { body: pod }).code).toBe(201);
    c.engine.runFor(10_000);

    const deleted = call(c, admin, 'DELETE', '/api/v1/namespaces/team-a');
    expect(deleted.code).toBe(200);
    const terminating = deleted.body as Namespace;
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.spec?.finalizers).toEqual(['kubernetes']);
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();

    c.engine.runFor(2_000);
    expect(call(c, admin, 'GET', '/api/v1/namespaces/team-a/configmaps/settings').code).toBe(404);
    // The pod terminates gracefully on its node; the namespace waits for it.
    const waiting = call(c, admin, 'GET', '/api/v1/namespaces/team-a').body as Namespace;
    const byType = Object.fromEntries((waiting.status?.conditions ?? []).map((x) => [x.type, `${x.status} ${x.reason}: ${x.message}`]));
    expect(byType).toEqual({
      NamespaceDeletionDiscoveryFailure: 'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure: 'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure: 'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: pods. has 1 resource instances',
      NamespaceFinalizersRemaining: 'False ContentRemoved: All content successfully removed',
    });
    // Creating in it is refused meanwhile (NamespaceLifecycle).
    expect(call(c, admin, 'POST', '/api/v1/namespaces/team-a/configmaps', { body: configMap('late', {}, 'team-a') }).code).toBe(403);

    // terminationGracePeriodSeconds 30: the controller comes back after 30/2 + 1 = 16 s, and again until the pod is gone.
    c.engine.runFor(60_000);
    expect(call(c, admin, 'GET', '/api/v1/namespaces/team-a/pods/web').code).toBe(404);
    expect(call(c, admin, 'GET', '/api/v1/namespaces/team-a').code).toBe(404);
    const writes = c.apiserver.audit.recent(100_000).filter((r) => r.objectRef?.resource === 'namespaces' && r.objectRef.subresource === 'finalize');
    expect(writes.map((r) => `${r.verb} ${r.user?.name} ${r.responseStatus?.code}`)).toEqual(['update system:serviceaccount:kube-system:namespace-controller 200']);
  });

  it('an empty namespace goes at once', () => {
    const c = startedCluster();
    const admin = userClient(c);
    expect(call(c, admin, 'POST', '/api/v1/namespaces', { body: ns('empty') }).code).toBe(201);
    c.engine.runFor(2_000);
    expect(call(c, admin, 'DELETE', '/api/v1/namespaces/empty').code).toBe(200);
    c.engine.runFor(3_000);
    expect(call(c, admin, 'GET', '/api/v1/namespaces/empty').code).toBe(404);
  });
});

describe('namespace conditions', () => {
  it('sets the ok variants, moves lastTransitionTime only on a status flip, reports finalizers and failures', () => {
    const ok = updateConditions([], [], 1_000);
    expect(ok?.map((x) => `${x.type}=${x.status}`)).toHaveLength(5);
    expect(updateConditions(ok ?? [], [], 2_000)).toBeUndefined();
    const failures = failureConditions({ deleteErrors: ['b', 'a'], remaining: new Map([['widgets.example.com', 2]]), finalizers: new Map([['example.com/keep', 2]]), discoveryError: 'Discovery failed for some groups, 1 failing: x' }, 3_000);
    const next = updateConditions(ok ?? [], failures, 3_000) ?? [];
    const get = (type: string) => next.find((x) => x.type === type);
    expect(get('NamespaceFinalizersRemaining')).toMatchObject({ status: 'True', reason: 'SomeFinalizerRemain', message: 'Some finalizers are remaining: example.com/keep in 2 resource instances' });
    expect(get('NamespaceContentRemaining')?.message).toBe('Some resources are remaining: widgets.example.com has 2 resource instances');
    expect(get('NamespaceDeletionContentFailure')).toMatchObject({ reason: 'ContentDeletionFailed', message: 'Failed to delete all resource types, 2 remaining: a, b' });
    expect(get('NamespaceDeletionDiscoveryFailure')).toMatchObject({ status: 'True', reason: 'DiscoveryFailed', lastTransitionTime: '2025-01-01T00:00:03Z' });
    expect(get('NamespaceDeletionGroupVersionParsingFailure')?.lastTransitionTime).toBe('2025-01-01T00:00:01Z');
  });
});
