/**
 * PodTopologySpread beyond the score vectors: the DoNotSchedule Filter (filtering_test.go shapes)
 * and the system-default spreading of a pod a Service or ReplicaSet selects.
 */
import { describe, expect, it } from 'vitest';
import { Selector } from '../../../api/labels/selector';
import { CycleState } from '../../framework/cycle-state';
import type { V1Pod } from '../../framework/v1';
import { Snapshot } from '../../internal/cache/snapshot';
import { makeNode, makePod } from '../../testing/wrappers';
import { defaultSelector } from '../helper/spread';
import { PodTopologySpread } from './pod-topology-spread';

const zoned = (name: string, zone: string) => makeNode({ name, cpu: '4', memory: '8Gi', labels: { zone } });
const fooPod = (node: string) => makePod({ nodeName: node, labels: { foo: '' } });
const constraint = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] } };

describe('PodTopologySpread Filter', () => {
  const snapshot = Snapshot.from([zoned('a1', 'zone1'), zoned('a2', 'zone1'), zoned('b1', 'zone2'), makeNode({ name: 'nolabel', cpu: '4', memory: '8Gi' })], [fooPod('a1'), fooPod('a2'), fooPod('b1')]);
  it.each([
    ['zone1 has 2, zone2 has 1: zone1 would make skew 2', 'a1', 'Unschedulable', "node(s) didn't match pod topology spread constraints"],
    ['zone2 keeps skew 1', 'b1', null, null],
    ['a node without the key', 'nolabel', 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)"],
  ])('%s', (_n, node, code, reason) => {
    const pl = new PodTopologySpread(() => snapshot);
    const pod = makePod({ labels: { foo: '' }, topologySpreadConstraints: [constraint] });
    const state = new CycleState();
    pl.preFilter(state, pod);
    const s = pl.filter(state, pod, snapshot.get(node) as NonNullable<ReturnType<typeof snapshot.get>>);
    expect(s && [s.code, ...s.reasons]).toEqual(code ? [code, reason] : null);
  });
});

describe('system-default spreading', () => {
  const owned = (node?: string): V1Pod => {
    const p = makePod({ labels: { app: 'web' }, ...(node ? { nodeName: node } : {}) });
    p.metadata['ownerReferences'] = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', controller: true }];
    return p;
  };
  const sources = {
    services: () => [{ app: 'web' }, { app: 'other' }, undefined],
    controllerSelector: () => ({ matchLabels: { app: 'web' } }),
  };

  it('DefaultSelector unions the matching Services and the controlling ReplicaSet', () => {
    expect(defaultSelector(owned(), sources).toString()).toBe('app=web,app=web');
    expect(defaultSelector(makePod({ labels: { app: 'lonely' } }), { services: () => [], controllerSelector: () => undefined }).empty()).toBe(true);
  });

  it("DefaultSelector shares one Selector per ReplicaSet selector object while no Service selects the pod, and follows a new object", () => {
    const rsSelector = { matchLabels: { app: 'web', 'pod-template-hash': 'h1' } };
    const noServices = { services: () => [], controllerSelector: () => rsSelector };
    const a = defaultSelector(owned(), noServices);
    expect(a.toString()).toBe('app=web,pod-template-hash=h1');
    expect(defaultSelector(owned(), noServices)).toBe(a);
    // A Service that selects the pod: its requirements come first, in a selector of the pod's own.
    const withService = defaultSelector(owned(), { services: () => [{ app: 'web' }], controllerSelector: () => rsSelector });
    expect(withService.toString()).toBe('app=web,app=web,pod-template-hash=h1');
    expect(withService).not.toBe(a);
    // Another selector object (an informer's new ReplicaSet) is converted afresh.
    const other = defaultSelector(owned(), { services: () => [], controllerSelector: () => ({ matchLabels: { app: 'api' } }) });
    expect(other.toString()).toBe('app=api');
  });

  it('two pods with one default selector in different namespaces count matches in their own namespace', () => {
    const nodes = ['n1', 'n2'].map((name) => makeNode({ name, cpu: '4', memory: '8Gi' }));
    const inNs = (ns: string, node?: string): V1Pod => {
      const p = owned(node);
      p.metadata.namespace = ns;
      return p;
    };
    const snapshot = Snapshot.from(nodes, [inNs('a', 'n1'), inNs('a', 'n1'), inNs('b', 'n2')]);
    const shared = new Selector([{ key: 'app', operator: '=', values: ['web'] }]);
    const pl = new PodTopologySpread(() => snapshot, () => shared);
    const raw = (pod: V1Pod) => {
      const state = new CycleState();
      expect(pl.preScore(state, pod, snapshot.list())).toBeNull();
      return snapshot.list().map((n) => pl.score(state, pod, n));
    };
    // hostname: round(count × ln(2 nodes + 2) + maxSkew − 1), 2 matches on n1 for namespace a, 1 on n2 for b.
    expect(raw(inNs('a'))).toEqual([5, 2]);
    expect(raw(inNs('b'))).toEqual([2, 3]);
    expect(raw(inNs('a'))).toEqual([5, 2]);
  });

  it('spreads replicas over hostnames even where nodes have no zone label', () => {
    const nodes = ['n1', 'n2', 'n3'].map((name) => makeNode({ name, cpu: '4', memory: '8Gi' }));
    const snapshot = Snapshot.from(nodes, [owned('n1'), owned('n1'), owned('n2')]);
    const pl = new PodTopologySpread(() => snapshot, (p) => defaultSelector(p, sources));
    const state = new CycleState();
    const pod = owned();
    expect(pl.preScore(state, pod, snapshot.list())).toBeNull();
    const scores = snapshot.list().map((n) => ({ name: n.name, score: pl.score(state, pod, n) as number }));
    pl.normalizeScore(state, pod, scores);
    expect(Object.fromEntries(scores.map((s) => [s.name, s.score]))).toEqual({ n1: expect.any(Number), n2: expect.any(Number), n3: 100 });
    expect(scores[0]?.score).toBeLessThan(scores[1]?.score as number);
  });

  it('a pod nothing selects gets no defaults (PreScore Skip)', () => {
    const snapshot = Snapshot.from([makeNode({ name: 'n1' })]);
    const pl = new PodTopologySpread(() => snapshot, () => new Selector([]));
    expect(pl.preScore(new CycleState(), makePod(), snapshot.list())?.code).toBe('Skip');
  });
});
