/** The deleter's error paths with a fake apiserver: discovery failing, content that will not go, a finalizer left. */
import { describe, expect, it } from 'vitest';
import type { Namespace, NamespaceCondition } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import type { ApiResponse } from '../../api/http';
import { fakeRestClient } from '../util/fake-rest-client';
import { NamespacedResourcesDeleter, type DeleteOutcome } from './namespaced-resources-deleter';

const terminating: Namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', deletionTimestamp: '2025-01-01T00:00:10Z', resourceVersion: '9' },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Terminating' },
};
const res = (code: number, body: unknown = {}): ApiResponse => ({ code, body, auditID: '' });

function run(answer: (method: string, path: string) => ApiResponse | undefined): { outcome: DeleteOutcome | undefined; conditions: NamespaceCondition[]; requests: string[] } {
  const engine = new Engine({ seed: 1 });
  let conditions: NamespaceCondition[] = [];
  const fake = fakeRestClient(engine, (method, path, body) => {
    const given = answer(method, path);
    if (given) return given;
    if (method === 'GET' && path === '/api/v1/namespaces/team-a') return res(200, terminating);
    if (method === 'PUT' && path.endsWith('/status')) {
      conditions = (body as Namespace).status?.conditions ?? [];
      return res(200, body);
    }
    if (method === 'GET' && path.includes('/namespaces/team-a/')) return res(200, { items: [] });
    return res(200, { groups: [] });
  });
  let outcome: DeleteOutcome | undefined;
  new NamespacedResourcesDeleter(engine, fake.client).delete('team-a', (o) => (outcome = o));
  engine.runUntilIdle();
  return { outcome, conditions, requests: fake.requests };
}

const conditionOf = (conditions: NamespaceCondition[], type: string) => conditions.find((c) => c.type === type);

describe('NamespacedResourcesDeleter', () => {
  it('discovery failing: the condition says so, the namespace is not finalized, the controller retries', () => {
    const r = run((method, path) => (path === '/apis' ? res(503) : undefined));
    expect(r.outcome?.kind).toBe('error');
    expect(conditionOf(r.conditions, 'NamespaceDeletionDiscoveryFailure')).toMatchObject({ status: 'True', reason: 'DiscoveryFailed', message: 'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: apis' });
    expect(r.requests.some((q) => q.includes('/finalize'))).toBe(false);
    // The core resources were still emptied.
    expect(r.requests).toContain('DELETE /api/v1/namespaces/team-a/configmaps');
  });

  it('objects with a finalizer: NamespaceFinalizersRemaining, and a 15 s estimate', () => {
    const held = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team-a', finalizers: ['example.com/keep'] } };
    const r = run((method, path) => (method === 'GET' && path === '/api/v1/namespaces/team-a/configmaps' ? res(200, { items: [held] }) : undefined));
    expect(r.outcome).toEqual({ kind: 'remaining', estimateSeconds: 15 });
    expect(conditionOf(r.conditions, 'NamespaceFinalizersRemaining')).toMatchObject({ status: 'True', message: 'Some finalizers are remaining: example.com/keep in 1 resource instances' });
    expect(conditionOf(r.conditions, 'NamespaceContentRemaining')?.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
  });

  it('objects left without a finalizer or a grace period: NamespaceDeletionContentFailure, an error', () => {
    const stuck = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'stuck', namespace: 'team-a' } };
    const r = run((method, path) => (method === 'GET' && path === '/api/v1/namespaces/team-a/secrets' ? res(200, { items: [stuck] }) : undefined));
    expect(r.outcome?.kind).toBe('error');
    expect(conditionOf(r.conditions, 'NamespaceDeletionContentFailure')).toMatchObject({
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: team-a for gvr: secrets.',
    });
  });

  it('a namespace not being deleted, or already gone, is left alone', () => {
    expect(run((method, path) => (path === '/api/v1/namespaces/team-a' ? res(404) : undefined)).outcome).toEqual({ kind: 'done' });
    const active = { ...terminating, metadata: { name: 'team-a' } };
    const r = run((method, path) => (path === '/api/v1/namespaces/team-a' ? res(200, active) : undefined));
    expect(r.outcome).toEqual({ kind: 'done' });
    expect(r.requests).toEqual(['GET /api/v1/namespaces/team-a']);
  });
});
