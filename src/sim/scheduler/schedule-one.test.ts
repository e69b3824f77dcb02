/**
 * The scheduling cycle over the v1.32 default profile: FitError texts exactly as upstream prints
 * them (schedule_one_test.go TestSchedulerSchedulePod shapes), the adaptive node sampling
 * (TestNumFeasibleNodesToFind), the single-feasible-node shortcut, seeded tie-breaks, the
 * rotating start index, preemption's nomination, and the explanation record.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { DEFAULT_PLUGINS } from './apis/config/default-plugins';
import { Snapshot } from './internal/cache/snapshot';
import { numFeasibleNodesToFind, schedulingCycle } from './schedule-one';
import { makeNode, makePod, testFramework } from './testing/wrappers';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function cycle(nodes: ReturnType<typeof makeNode>[], pods: ReturnType<typeof makePod>[], pod: ReturnType<typeof makePod>, seed = 1, start = 0) {
  const snapshot = Snapshot.from(nodes, pods);
  return schedulingCycle(testFramework(snapshot, undefined, seed), snapshot, pod, new Rng(seed), start);
}

describe('default profile', () => {
  it('has the 18 v1.32 plugins in upstream order with the Score weights', () => {
    const fwk = testFramework(new Snapshot());
    expect(DEFAULT_PLUGINS.map((p) => p.name)).toEqual([
      'SchedulingGates', 'PrioritySort', 'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DefaultPreemption',
      'NodeResourcesBalancedAllocation', 'ImageLocality', 'DefaultBinder',
    ]);
    expect(Object.fromEntries(fwk.scorePluginWeight)).toEqual({
      TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1,
    });
    expect(fwk.filterPlugins.map((p) => p.name)).toEqual([
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity',
    ]);
    expect(fwk.preScorePlugins.map((p) => p.name)).toEqual(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation']);
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [10, 10],
    [99, 99],
    [100, 100],
    [1000, 420],
    [5000, 500],
    [6000, 300],
    [20000, 1000],
  ])('%i nodes -> %i', (nodes, want) => expect(numFeasibleNodesToFind(undefined, nodes)).toBe(want));
  it('a profile percentage overrides the adaptive rule, still at least 100 nodes', () => {
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300);
    expect(numFeasibleNodesToFind(1, 1000)).toBe(100);
  });
});

describe('FitError messages', () => {
  it('no nodes at all', () => {
    const out = cycle([], [], makePod({ cpu: '1' }));
    expect(out.error).toBe('no nodes available to schedule pods');
    expect(out.explain()).toEqual({ pod: expect.stringMatching(/^default\//), nodes: [], selected: null, message: 'no nodes available to schedule pods' });
  });

  it('taints and insufficient cpu: sorted histogram, preemption postfix from the source', () => {
    const nodes = [
      makeNode({ name: 'cp-1', cpu: '4', memory: '8Gi', taints: [CONTROL_PLANE_TAINT] }),
      makeNode({ name: 'cp-2', cpu: '4', memory: '8Gi', taints: [CONTROL_PLANE_TAINT] }),
      makeNode({ name: 'worker', cpu: '1', memory: '8Gi' }),
    ];
    const out = cycle(nodes, [], makePod({ name: 'web-1', cpu: '2' }));
    expect(out.result).toBeNull();
    expect(out.fitError?.error()).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('every node unresolvable: "3 Preemption is not helpful for scheduling"', () => {
    const nodes = ['a', 'b', 'c'].map((name) => makeNode({ name, cpu: '4', memory: '8Gi', labels: { disk: 'hdd' } }));
    const out = cycle(nodes, [], makePod({ nodeSelector: { disk: 'ssd' } }));
    expect(out.fitError?.error()).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('sorts the histogram as strings: "10 …" before "2 …"', () => {
    const nodes = [
      ...Array.from({ length: 10 }, (_, i) => makeNode({ name: `small-${i}`, cpu: '1', memory: '8Gi' })),
      ...Array.from({ length: 2 }, (_, i) => makeNode({ name: `cordoned-${i}`, cpu: '8', memory: '8Gi', unschedulable: true })),
    ];
    const out = cycle(nodes, [], makePod({ cpu: '2', priority: 0 }));
    expect(out.fitError?.error()).toMatch(/^0\/12 nodes are available: 10 Insufficient cpu, 2 node\(s\) were unschedulable\. preemption: /);
  });

  it('preemptionPolicy Never: the PostFilter says why', () => {
    const pod = makePod({ cpu: '2' });
    (pod.spec as { preemptionPolicy?: string }).preemptionPolicy = 'Never';
    const out = cycle([makeNode({ name: 'n', cpu: '1', memory: '1Gi' })], [], pod);
    expect(out.fitError?.error()).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});

describe('host selection', () => {
  it('one feasible node is chosen without scoring', () => {
    const nodes = [makeNode({ name: 'big', cpu: '8', memory: '8Gi' }), makeNode({ name: 'small', cpu: '1', memory: '8Gi' })];
    const out = cycle(nodes, [], makePod({ cpu: '2' }));
    expect(out.result).toEqual({ suggestedHost: 'big', evaluatedNodes: 2, feasibleNodes: 1 });
    const big = out.explain().nodes.find((n) => n.name === 'big');
    expect(big?.scores).toEqual([]);
  });

  it('the least allocated node wins and the explanation shows each plugin weighted', () => {
    const nodes = [makeNode({ name: 'busy', cpu: '4', memory: '8Gi' }), makeNode({ name: 'idle', cpu: '4', memory: '8Gi' })];
    const out = cycle(nodes, [makePod({ nodeName: 'busy', cpu: '3', memory: '6Gi' })], makePod({ cpu: '100m', memory: '128Mi' }));
    expect(out.result?.suggestedHost).toBe('idle');
    const e = out.explain();
    expect(e.selected).toBe('idle');
    expect(e.message).toBeNull();
    const idle = e.nodes.find((n) => n.name === 'idle');
    expect(idle?.filter.map((f) => `${f.plugin}:${f.status}`)).toContain('NodeResourcesFit:Success');
    expect(idle?.filter.find((f) => f.plugin === 'NodePorts')?.status).toBe('Skip');
    const taint = idle?.scores?.find((s) => s.plugin === 'TaintToleration');
    expect(taint).toEqual({ plugin: 'TaintToleration', raw: 0, normalized: 100, weighted: 300 });
    // Skipped by its PreScore: 0 and 0.
    expect(idle?.scores?.find((s) => s.plugin === 'NodeAffinity')).toMatchObject({ normalized: 0, weighted: 0 });
    expect(idle?.total).toBe(idle?.scores?.reduce((a, s) => a + s.weighted, 0));
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('each feasible node shows its own scores when a rejected node lies between them', () => {
    const nodes = [makeNode({ name: 'busy', cpu: '4', memory: '8Gi' }), makeNode({ name: 'tainted', cpu: '4', memory: '8Gi', taints: [CONTROL_PLANE_TAINT] }), makeNode({ name: 'idle', cpu: '4', memory: '8Gi' })];
    const e = cycle(nodes, [makePod({ nodeName: 'busy', cpu: '3', memory: '6Gi' })], makePod({ cpu: '100m', memory: '128Mi' })).explain();
    const fit = (name: string) => e.nodes.find((n) => n.name === name)?.scores?.find((s) => s.plugin === 'NodeResourcesFit')?.raw;
    // LeastAllocated: busy (3.1 of 4 cpu: 22, 6.125 of 8Gi: 23) 22; idle (0.1: 97, 0.125Gi: 98) 97.
    expect([fit('busy'), fit('tainted'), fit('idle')]).toEqual([22, undefined, 97]);
    expect(e.selected).toBe('idle');
  });

  it('a node rejected by a Filter lists the plugins up to the one that rejected it, and no scores', () => {
    const nodes = [makeNode({ name: 'ok', cpu: '4', memory: '8Gi' }), makeNode({ name: 'tainted', cpu: '4', memory: '8Gi', taints: [CONTROL_PLANE_TAINT] }), makeNode({ name: 'ok2', cpu: '4', memory: '8Gi' })];
    const e = cycle(nodes, [], makePod({ cpu: '1' })).explain();
    const tainted = e.nodes.find((n) => n.name === 'tainted');
    expect(tainted).toEqual({
      name: 'tainted',
      filter: [
        { plugin: 'NodeUnschedulable', status: 'Success', reasons: [] },
        { plugin: 'NodeName', status: 'Success', reasons: [] },
        { plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      ],
    });
  });

  it('ties are broken by the seeded Rng: same seed same node, and every tied node can win', () => {
    const nodes = Array.from({ length: 4 }, (_, i) => makeNode({ name: `n${i}`, cpu: '4', memory: '8Gi' }));
    const pick = (seed: number) => cycle(nodes, [], makePod({ cpu: '1' }), seed).result?.suggestedHost;
    expect(pick(7)).toBe(pick(7));
    const winners = new Set(Array.from({ length: 40 }, (_, s) => pick(s + 1)));
    expect(winners).toEqual(new Set(['n0', 'n1', 'n2', 'n3']));
  });

  it('with 1,000 nodes only 420 feasible nodes are looked for, and the next cycle starts after them', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => makeNode({ name: `n${i}`, cpu: '4', memory: '8Gi' }));
    const out = cycle(nodes, [], makePod({ cpu: '1' }), 1, 990);
    expect(out.result?.feasibleNodes).toBe(420);
    expect(out.nextStartNodeIndex).toBe((990 + 420) % 1000);
    expect(out.explain().nodes[0]?.name).toBe('n990');
  });
});

describe('preemption', () => {
  it('nominates the node whose lower-priority pod must go, choosing the minimal victims', () => {
    const nodes = [makeNode({ name: 'n1', cpu: '2', memory: '8Gi' }), makeNode({ name: 'n2', cpu: '2', memory: '8Gi' })];
    const pods = [
      makePod({ name: 'low', nodeName: 'n1', cpu: '1500m', priority: 10 }),
      makePod({ name: 'high', nodeName: 'n2', cpu: '1500m', priority: 1000 }),
    ];
    const out = cycle(nodes, pods, makePod({ name: 'urgent', cpu: '1', priority: 100 }));
    expect(out.postFilterResult).toEqual({ nominatedNodeName: 'n1' });
    expect(out.fitError?.error()).toBe('0/2 nodes are available: 2 Insufficient cpu.');
  });
});
