/** ImageLocality over the scheduler cache: scores follow the images nodes gain and lose between cycles. */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/types';
import { SchedulerCache } from '../../internal/cache/cache';
import { makeNode, makePod, testHandle } from '../../testing/wrappers';
import { New } from './image-locality';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it('scores every node alike while no node has the image, and the node with it once one does', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'a' }));
    cache.addNode(makeNode({ name: 'b' }));
    const pl = New(undefined, { ...testHandle(cache.snapshot()), snapshotSharedLister: () => cache.snapshot() });
    const pod = makePod({ name: 'p', images: ['big'] });
    const scores = () => {
      const state = new CycleState();
      return ['a', 'b'].map((n) => pl.score(state, pod, cache.snapshot().get(n) as NodeInfo));
    };
    expect(scores()).toEqual([0, 0]);
    cache.updateNode(makeNode({ name: 'b' }), makeNode({ name: 'b', images: { 'big:latest': 500 * MB } }));
    // 500 MiB on 1 of 2 nodes counts 250 MiB: (250 − 23) × 100 / (1000 − 23), truncated.
    expect(scores()).toEqual([0, 23]);
    cache.removeNode(makeNode({ name: 'b' }));
    expect(scores()[0]).toBe(0);
  });
});
