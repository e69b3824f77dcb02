/** ActivePodsWithRanks.Less's order, rule by rule, as controller_utils_test.go checks it. */
import { describe, expect, it } from 'vitest';
import { simulatedTimestamp } from '../../api/time';
import { getPodsToDelete, POD_DELETION_COST } from './pod-ranking';
import type { PodView } from './types';

const NOW = 3_600_000;

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readyAt?: number; restarts?: number; created?: number; cost?: number } = {}): PodView {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: name, creationTimestamp: simulatedTimestamp(o.created ?? 0), ...(o.cost !== undefined ? { annotations: { [POD_DELETION_COST]: String(o.cost) } } : {}) },
    spec: { ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: simulatedTimestamp(o.readyAt ?? 0) }],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  };
}

const order = (pods: PodView[], related: PodView[] = pods) => getPodsToDelete(pods, related, pods.length - 1, NOW).map((p) => p.metadata.name);

describe('getPodsToDelete', () => {
  it('deletes unassigned before assigned, Pending before Running, not ready before ready', () => {
    expect(order([pod('running', { node: 'a' }), pod('unassigned', { phase: 'Pending' }), pod('x', { node: 'b' })])[0]).toBe('unassigned');
    expect(order([pod('running', { node: 'a' }), pod('pending', { node: 'a', phase: 'Pending' }), pod('x', { node: 'b' })])[0]).toBe('pending');
    expect(order([pod('ready', { node: 'a' }), pod('unready', { node: 'a', ready: false }), pod('x', { node: 'b' })])[0]).toBe('unready');
  });

  it('then the lower pod-deletion-cost, then the pod doubled up on a node', () => {
    expect(order([pod('high', { node: 'a', cost: 10 }), pod('low', { node: 'b', cost: -5 }), pod('x', { node: 'c', cost: 10 })])[0]).toBe('low');
    expect(order([pod('alone', { node: 'a' }), pod('double-1', { node: 'b' }), pod('double-2', { node: 'b' })])).toEqual(['double-1', 'double-2']);
  });

  it('then the one ready for less time (log2 buckets), more restarts, and the newer', () => {
    expect(order([pod('old', { node: 'a', readyAt: 0 }), pod('new', { node: 'b', readyAt: NOW - 1000 }), pod('x', { node: 'c', readyAt: 0 })])[0]).toBe('new');
    expect(order([pod('calm', { node: 'a' }), pod('crashy', { node: 'b', restarts: 4 }), pod('x', { node: 'c' })])[0]).toBe('crashy');
    expect(order([pod('elder', { node: 'a', created: 0 }), pod('young', { node: 'b', created: NOW - 2000 }), pod('x', { node: 'c', created: 0 })])[0]).toBe('young');
  });

  it('returns every pod when asked for as many', () => {
    const pods = [pod('a'), pod('b')];
    expect(getPodsToDelete(pods, pods, 2, NOW)).toEqual(pods);
  });
});
