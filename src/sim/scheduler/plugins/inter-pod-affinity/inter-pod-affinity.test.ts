/** InterPodAffinity Filter (filtering_test.go shapes): affinity, anti-affinity, existing pods' anti-affinity, the first pod of a group. */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { V1Affinity } from '../../framework/v1';
import { Snapshot } from '../../internal/cache/snapshot';
import { makeNode, makePod } from '../../testing/wrappers';
import { InterPodAffinity } from './inter-pod-affinity';

const term = (app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'zone' });
const affinity = (app: string): V1Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app)] } });
const anti = (app: string): V1Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(app)] } });
const nodes = [makeNode({ name: 'a', labels: { zone: 'z1' } }), makeNode({ name: 'b', labels: { zone: 'z2' } }), makeNode({ name: 'none' })];

describe('InterPodAffinity Filter', () => {
  it.each([
    ['affinity satisfied in the zone', [makePod({ nodeName: 'a', labels: { app: 'db' } })], makePod({ affinity: affinity('db') }), 'a', null],
    ['affinity not satisfied in the other zone', [makePod({ nodeName: 'a', labels: { app: 'db' } })], makePod({ affinity: affinity('db') }), 'b', ['UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules"]],
    ['affinity on a node without the key', [makePod({ nodeName: 'a', labels: { app: 'db' } })], makePod({ affinity: affinity('db') }), 'none', ['UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules"]],
    ['the first pod of a self-affine group may go anywhere', [], makePod({ labels: { app: 'web' }, affinity: affinity('web') }), 'b', null],
    ['anti-affinity against a pod in the zone', [makePod({ nodeName: 'a', labels: { app: 'web' } })], makePod({ affinity: anti('web') }), 'a', ['Unschedulable', "node(s) didn't match pod anti-affinity rules"]],
    ['an existing pod anti-affine to the incoming one', [makePod({ nodeName: 'a', labels: { app: 'x' }, affinity: anti('web') })], makePod({ labels: { app: 'web' } }), 'a', ['Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules"]],
    ['that existing pod does not matter in another zone', [makePod({ nodeName: 'a', labels: { app: 'x' }, affinity: anti('web') })], makePod({ labels: { app: 'web' } }), 'b', null],
  ])('%s', (_n, existing, pod, node, want) => {
    const snapshot = Snapshot.from(nodes, existing);
    const pl = new InterPodAffinity(() => snapshot);
    const state = new CycleState();
    const [, pre] = pl.preFilter(state, pod);
    if (pre?.code === 'Skip') return expect(want).toBeNull();
    const s = pl.filter(state, pod, snapshot.get(node) as NonNullable<ReturnType<Snapshot['get']>>);
    expect(s && [s.code, ...s.reasons]).toEqual(want);
  });
});
