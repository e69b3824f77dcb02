/**
 * The scheduling queue (scheduling_queue_test.go shapes): PrioritySort order in activeQ, back-off
 * 1 s doubling to 10 s, unschedulable pods moved back only by events their plugins registered
 * for, the 5-minute leftover flush, SchedulingGates keeping a pod out until its gates go, and the
 * nominator.
 */
import { describe, expect, it } from 'vitest';
import { podInfoOf, type QueuedPodInfo } from '../../framework/types';
import { podKey, type V1Pod } from '../../framework/v1';
import { PrioritySort } from '../../plugins/queue-sort/priority-sort';
import { SchedulingGates } from '../../plugins/scheduling-gates/scheduling-gates';
import { makePod } from '../../testing/wrappers';
import { AssignedPodDelete, NodeAdd, NodeLabelChange, NodeTaintChange } from './events';
import { PriorityQueue } from './scheduling-queue';

function newQueue() {
  const clock = { t: 0, now() { return this.t; } };
  const gates = new SchedulingGates();
  const q = new PriorityQueue((a, b) => new PrioritySort().less(a, b), clock, { preEnqueue: (p) => gates.preEnqueue(p)?.withPlugin(gates.name) ?? null });
  return { q, clock };
}

const names = (pods: V1Pod[]) => pods.map((p) => p.metadata.name);

function fail(q: PriorityQueue, info: QueuedPodInfo, ...plugins: string[]) {
  info.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(info, q.currentSchedulingCycle);
}

describe('PriorityQueue', () => {
  it('pops by priority, then by arrival', () => {
    const { q, clock } = newQueue();
    q.add(makePod({ name: 'low', priority: 0 }));
    clock.t = 1;
    q.add(makePod({ name: 'high', priority: 100 }));
    clock.t = 2;
    q.add(makePod({ name: 'low-later', priority: 0 }));
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((i) => i?.podInfo.pod.metadata.name)).toEqual(['high', 'low', 'low-later', undefined]);
  });

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 10_000],
    [9, 10_000],
  ])('attempt %i backs off %i ms', (attempts, ms) => {
    const { q } = newQueue();
    const info = { ...q.pop(), attempts } as QueuedPodInfo;
    expect(q.backoffDuration(info)).toBe(ms);
  });

  it('an unschedulable pod waits for an event its plugin registered for, then backs off before activeQ', () => {
    const { q, clock } = newQueue();
    q.add(makePod({ name: 'web' }));
    const info = q.pop() as QueuedPodInfo;
    fail(q, info, 'TaintToleration');
    expect(q.sizes).toEqual({ activeQ: 0, backoffQ: 0, unschedulablePods: 1 });
    expect(q.moveAllToActiveOrBackoffQueue(NodeLabelChange)).toBe(0);
    expect(q.moveAllToActiveOrBackoffQueue(AssignedPodDelete)).toBe(0);
    clock.t = 500;
    expect(q.moveAllToActiveOrBackoffQueue(NodeTaintChange)).toBe(1);
    expect(q.sizes).toEqual({ activeQ: 0, backoffQ: 1, unschedulablePods: 0 });
    expect(q.nextBackoffExpiry()).toBe(1_000);
    clock.t = 999;
    expect(q.flushBackoffQCompleted()).toBe(0);
    clock.t = 1_000;
    expect(q.flushBackoffQCompleted()).toBe(1);
    expect(q.pop()?.attempts).toBe(2);
  });

  it('a pod rejected by no plugin in particular goes straight to backoffQ', () => {
    const { q } = newQueue();
    q.add(makePod({ name: 'p' }));
    fail(q, q.pop() as QueuedPodInfo);
    expect(q.sizes.backoffQ).toBe(1);
  });

  it('an event during the pod cycle sends it to backoffQ instead of waiting', () => {
    const { q } = newQueue();
    q.add(makePod({ name: 'p' }));
    const info = q.pop() as QueuedPodInfo;
    q.moveAllToActiveOrBackoffQueue(NodeAdd);
    fail(q, info, 'NodeResourcesFit');
    expect(q.sizes).toEqual({ activeQ: 0, backoffQ: 1, unschedulablePods: 0 });
  });

  it('flushes pods left unschedulable for more than 5 minutes', () => {
    const { q, clock } = newQueue();
    q.add(makePod({ name: 'p' }));
    fail(q, q.pop() as QueuedPodInfo, 'NodeAffinity');
    clock.t = 5 * 60_000;
    expect(q.flushUnschedulablePodsLeftover()).toBe(0);
    clock.t = 5 * 60_000 + 1;
    expect(q.flushUnschedulablePodsLeftover()).toBe(1);
    expect(q.sizes.activeQ).toBe(1);
  });

  it('keeps a gated pod out of activeQ until its gates are removed; events do not move it', () => {
    const { q } = newQueue();
    const gated = makePod({ name: 'gated', schedulingGates: ['example.com/wait'] });
    q.add(gated);
    expect(q.sizes).toEqual({ activeQ: 0, backoffQ: 0, unschedulablePods: 1 });
    expect(q.pop()).toBeUndefined();
    expect(q.moveAllToActiveOrBackoffQueue(NodeAdd)).toBe(0);
    const ungated = { ...gated, spec: { ...gated.spec, schedulingGates: [] } } as V1Pod;
    q.update(gated, ungated);
    expect(names(q.pendingPods().activeQ)).toEqual(['gated']);
  });

  it('deletes from every queue and from the nominations', () => {
    const { q } = newQueue();
    const p = makePod({ name: 'p' });
    q.add(p);
    q.addNominatedPod(podInfoOf(p), 'n1');
    expect(q.nominatedPodsForNode('n1').map((i) => podKey(i.pod))).toEqual(['default/p']);
    q.delete(p);
    expect(q.sizes).toEqual({ activeQ: 0, backoffQ: 0, unschedulablePods: 0 });
    expect(q.nominatedPodsForNode('n1')).toEqual([]);
  });
});
