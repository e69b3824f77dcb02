/** NodeUnschedulable Filter (node_unschedulable_test.go TestNodeUnschedulable). */
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../framework/types';
import { makeNode, makePod } from '../../testing/wrappers';
import { NodeUnschedulable } from './node-unschedulable';

const tolerating = makePod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });

describe('NodeUnschedulable', () => {
  it.each([
    ['schedulable node', makePod(), false, null],
    ['cordoned node', makePod(), true, 'node(s) were unschedulable'],
    ['cordoned node, pod tolerates it', tolerating, true, null],
  ])('%s', (_n, pod, unschedulable, reason) => {
    const s = new NodeUnschedulable().filter(null, pod, new NodeInfo(makeNode({ name: 'n', unschedulable })));
    expect(s && [s.code, ...s.reasons]).toEqual(reason ? ['UnschedulableAndUnresolvable', reason] : null);
  });

  it('follows the node when the cache sets a cordoned or uncordoned one, and rejects a NodeInfo without a node', () => {
    const info = new NodeInfo(makeNode({ name: 'n' }));
    const filter = () => new NodeUnschedulable().filter(null, makePod(), info)?.reasons ?? null;
    expect(filter()).toBeNull();
    info.setNode(makeNode({ name: 'n', unschedulable: true }));
    expect(filter()).toEqual(['node(s) were unschedulable']);
    info.setNode(makeNode({ name: 'n' }));
    expect(filter()).toBeNull();
    info.node = null;
    expect(filter()).toEqual(['node(s) had unknown conditions']);
  });
});
