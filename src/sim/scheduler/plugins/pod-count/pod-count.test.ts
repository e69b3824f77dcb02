/** The pod-count teaching profile: the default Filters, and the fewest pods wins, nothing else scored. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng';
import { podCountTeachingProfile } from '../../apis/config/default-plugins';
import { Snapshot } from '../../internal/cache/snapshot';
import { schedulingCycle } from '../../schedule-one';
import { makeNode, makePod, testFramework } from '../../testing/wrappers';

describe('pod-count teaching profile', () => {
  const nodes = [makeNode({ name: 'big-busy', cpu: '64', memory: '256Gi' }), makeNode({ name: 'small-idle', cpu: '2', memory: '2Gi' }), makeNode({ name: 'tiny', cpu: '100m', memory: '2Gi' })];
  const pods = [makePod({ nodeName: 'big-busy' }), makePod({ nodeName: 'big-busy' })];

  it('scores only PodCount, and the node with fewest pods that fits wins', () => {
    const snapshot = Snapshot.from(nodes, pods);
    const fwk = testFramework(snapshot, podCountTeachingProfile());
    expect(fwk.scorePlugins.map((p) => p.name)).toEqual(['PodCount']);
    const out = schedulingCycle(fwk, snapshot, makePod({ cpu: '500m' }), new Rng(1));
    expect(out.result?.suggestedHost).toBe('small-idle');
    expect(out.explain().nodes.find((n) => n.name === 'big-busy')?.scores).toEqual([{ plugin: 'PodCount', raw: 2, normalized: 0, weighted: 0 }]);
  });

  it('the default profile prefers the big node instead (LeastAllocated)', () => {
    const snapshot = Snapshot.from(nodes, pods);
    const out = schedulingCycle(testFramework(snapshot), snapshot, makePod({ cpu: '500m' }), new Rng(1));
    expect(out.result?.suggestedHost).toBe('big-busy');
  });
});
