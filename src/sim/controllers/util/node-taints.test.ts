/** Taint changes on a Node: GET from the cache first, PATCH with the resourceVersion, a fresh GET after each conflict, 5 tries. */
import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import type { ApiResponse } from '../../api/http';
import { addOrUpdateTaintsOnNode, removeTaintsOffNode, taintSetDiff } from './node-taints';
import { fakeRestClient } from './fake-rest-client';

const node = (taints: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never = []): Node => ({ metadata: { name: 'node-1', resourceVersion: '7' }, spec: { taints } });
const ok = (body: unknown): ApiResponse => ({ code: 200, body, auditID: '' });
const conflict: ApiResponse = { code: 409, body: { kind: 'Status', reason: 'Conflict' }, auditID: '' };

describe('node taints', () => {
  it('retries a conflict with a fresh GET, and gives up after 5 tries', () => {
    const engine = new Engine({ seed: 1 });
    let conflicts = 2;
    const fake = fakeRestClient(engine, (method) => (method === 'GET' ? ok(node()) : conflicts-- > 0 ? conflict : ok(node())));
    let result: boolean | undefined;
    addOrUpdateTaintsOnNode(engine, fake.client, 'node-1', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], (r) => (result = r));
    engine.runUntilIdle();
    expect(result).toBe(true);
    expect(fake.requests).toEqual([
      'GET /api/v1/nodes/node-1?resourceVersion=0',
      'PATCH /api/v1/nodes/node-1',
      'GET /api/v1/nodes/node-1',
      'PATCH /api/v1/nodes/node-1',
      'GET /api/v1/nodes/node-1',
      'PATCH /api/v1/nodes/node-1',
    ]);

    const always = fakeRestClient(engine, (method) => (method === 'GET' ? ok(node()) : conflict));
    addOrUpdateTaintsOnNode(engine, always.client, 'node-1', [{ key: 'k', effect: 'NoSchedule' }], (r) => (result = r));
    engine.runUntilIdle();
    expect(result).toBe(false);
    expect(always.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(5);
  });

  it('sends nothing when the taint is already there, or when the node has none of those to remove', () => {
    const engine = new Engine({ seed: 1 });
    const present = fakeRestClient(engine, () => ok(node([{ key: 'k', effect: 'NoSchedule' }])));
    addOrUpdateTaintsOnNode(engine, present.client, 'node-1', [{ key: 'k', effect: 'NoSchedule' }], () => {});
    engine.runUntilIdle();
    expect(present.requests).toEqual(['GET /api/v1/nodes/node-1?resourceVersion=0']);
    const none = fakeRestClient(engine, () => ok(node()));
    let removed: boolean | undefined;
    removeTaintsOffNode(engine, none.client, node(), [{ key: 'k', effect: 'NoSchedule' }], (r) => (removed = r));
    expect(removed).toBe(true);
    expect(none.requests).toEqual([]);
  });

  it('a node that is gone (404) counts as done; another error does not', () => {
    const engine = new Engine({ seed: 1 });
    let result: boolean | undefined;
    addOrUpdateTaintsOnNode(engine, fakeRestClient(engine, () => ({ code: 404, body: {}, auditID: '' })).client, 'node-1', [{ key: 'k', effect: 'NoSchedule' }], (r) => (result = r));
    engine.runUntilIdle();
    expect(result).toBe(true);
    addOrUpdateTaintsOnNode(engine, fakeRestClient(engine, () => ({ code: 503, body: {}, auditID: '' })).client, 'node-1', [{ key: 'k', effect: 'NoSchedule' }], (r) => (result = r));
    engine.runUntilIdle();
    expect(result).toBe(false);
  });

  it('TaintSetDiff matches on key and effect', () => {
    const a = { key: 'a', effect: 'NoSchedule' };
    const b = { key: 'b', effect: 'NoSchedule' };
    expect(taintSetDiff([a], [b, { ...a, value: 'x' }])).toEqual({ add: [], remove: [b] });
  });
});
