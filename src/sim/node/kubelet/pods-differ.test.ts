import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podsDifferSemantically, sameJson } from './pods-differ';

const pod = (): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', uid: 'u1', resourceVersion: '10', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs', controller: true }] },
  spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], tolerations: [] },
  status: { phase: 'Pending' },
});

describe('sameJson', () => {
  // Each pair is compared both ways; the answer must be the JSON texts' equality.
  const pairs: [unknown, unknown][] = [
    [{ a: 1, b: 2 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: undefined, b: 1 }, { b: 1, c: undefined }],
    [{ a: null }, {}],
    [{ a: null }, { a: undefined }],
    [[1, undefined], [1, null]],
    [[1, 2], [1, 2, 3]],
    [[], {}],
    [{}, []],
    [{ a: [{ b: 'x' }] }, { a: [{ b: 'y' }] }],
    [{ a: [{ b: 'x' }] }, { a: [{ b: 'x' }] }],
    ['1', 1],
    [true, 'true'],
    [null, {}],
    [{ a: {} }, { a: [] }],
    [{ a: 1 }, { b: 1 }],
    // Extra or missing keys at either end, undefined members between and after.
    [{ a: 1, b: 2 }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: undefined, c: 3 }],
    [{ a: undefined, b: undefined }, {}],
    [{ a: 1, b: undefined, c: 2 }, { a: 1, c: 2, d: undefined }],
    [{ x: { a: 1, b: undefined } }, { x: { b: undefined, a: 1 } }],
    [{ a: 1, c: 2 }, { a: 1, b: 3, c: 2 }],
  ];
  it.each(pairs)('%j vs %j as their JSON texts', (a, b) => {
    expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    expect(sameJson(b, a)).toBe(JSON.stringify(b) === JSON.stringify(a));
  });
});

describe('podsDifferSemantically', () => {
  it('a new status and resourceVersion only is not a difference', () => {
    const b: Pod = { ...pod(), status: { phase: 'Running', podIP: '10.244.1.2' } };
    b.metadata = { ...b.metadata, resourceVersion: '11' };
    expect(podsDifferSemantically(pod(), b)).toBe(false);
  });

  it.each<[string, (p: Pod) => void]>([
    ['a changed image', (p) => ((p.spec?.containers[0] as { image: string }).image = 'nginx:1.28')],
    ['a new label', (p) => (p.metadata = { ...p.metadata, labels: { app: 'web', tier: 'front' } })],
    ['annotations added', (p) => (p.metadata = { ...p.metadata, annotations: { a: 'b' } })],
    ['owners dropped', (p) => (p.metadata = { ...p.metadata, ownerReferences: [] })],
    ['a deletion timestamp', (p) => (p.metadata = { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:10Z', deletionGracePeriodSeconds: 30 })],
    ['the spec keys in another order', (p) => (p.spec = { tolerations: [], containers: p.spec?.containers ?? [], nodeName: 'node-1' })],
  ])('%s is a difference', (_, change) => {
    const b = pod();
    change(b);
    expect(podsDifferSemantically(pod(), b)).toBe(true);
  });

  it('no labels and empty labels differ, as their JSON does', () => {
    const a = pod();
    a.metadata = { ...a.metadata, labels: undefined };
    const b = pod();
    b.metadata = { ...b.metadata, labels: {} };
    expect(podsDifferSemantically(a, b)).toBe(true);
    const c = pod();
    delete c.metadata?.labels;
    expect(podsDifferSemantically(a, c)).toBe(false);
  });
});
