/**
 * The nodes' pod match tallies against the plain count (countPodsMatchSelector over the node's
 * pods), asked after every step of a random walk through the scheduler cache: pods assumed,
 * forgotten, confirmed, updated (status only, relabelled, moved to another namespace, terminating,
 * moved to another node), removed, with more selectors than a node keeps tallies for.
 */
import { describe, expect, it } from 'vitest';
import { Selector } from '../../api/labels/selector';
import { Rng } from '../../engine/rng';
import { SchedulerCache } from '../internal/cache/cache';
import { makeNode, makePod } from '../testing/wrappers';
import { countPodsMatchSelector, MAX_TALLIES_PER_NODE, podMatchKey } from './pod-match-tallies';
import { NodeInfo } from './types';
import type { V1Pod } from './v1';

const NODES = ['n0', 'n1', 'n2'];
const NAMESPACES = ['default', 'other'];
const APPS = ['web', 'db', 'cache'];

const SELECTORS: Selector[] = [
  Selector.fromSet({ app: 'web' }),
  Selector.fromSet({ app: 'db' }),
  Selector.fromSet({ app: 'web', tier: 'front' }),
  new Selector([{ key: 'app', operator: 'in', values: ['cache', 'db'] }]),
  new Selector([{ key: 'tier', operator: 'exists', values: [] }]),
  new Selector([{ key: 'app', operator: 'notin', values: ['web'] }]),
  new Selector([{ key: 'tier', operator: '!', values: [] }]),
  new Selector([{ key: 'app', operator: '!=', values: ['cache'] }]),
  Selector.fromSet({ tier: 'back' }),
  Selector.fromSet({ app: 'cache' }),
];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)] as T;
}

function labels(rng: Rng): Record<string, string> {
  const l: Record<string, string> = { app: pick(rng, APPS) };
  const tier = rng.int(0, 2);
  if (tier === 1) l['tier'] = 'front';
  if (tier === 2) l['tier'] = 'back';
  return l;
}

describe('PodMatchTallies', () => {
  it('agrees with a plain recount of every node after every cache change', () => {
    const rng = new Rng(7);
    const cache = new SchedulerCache();
    for (const n of NODES) cache.addNode(makeNode({ name: n, cpu: '64', memory: '64Gi', pods: '500' }));
    /** The pods the cache holds, by name: the version it holds and whether it is only assumed. */
    const held = new Map<string, { pod: V1Pod; assumed: boolean }>();
    let next = 0;
    let checks = 0;
    const check = () => {
      for (const nodeInfo of cache.snapshot().list()) {
        // A few selectors per step, drawn at random, so tallies are made, used and dropped.
        for (let k = 0; k < 3; k++) {
          const selector = pick(rng, SELECTORS);
          const ns = pick(rng, NAMESPACES);
          expect(nodeInfo.countPodsMatching(podMatchKey(selector, ns), selector, ns)).toBe(countPodsMatchSelector(nodeInfo.pods, selector, ns));
          checks++;
        }
        // The node holds exactly the versions the cache was last given.
        const expected = [...held.values()].filter((h) => h.pod.spec?.nodeName === nodeInfo.name).map((h) => h.pod);
        expect(new Set(nodeInfo.pods.map((p) => p.pod))).toEqual(new Set(expected));
        expect(nodeInfo.pods).toHaveLength(expected.length);
        // The rest of what the node sums stays as a NodeInfo built afresh from its pods has it.
        const fresh = new NodeInfo(nodeInfo.node ?? undefined, ...nodeInfo.pods.map((p) => p.pod));
        expect(nodeInfo.requested).toEqual(fresh.requested);
        expect(nodeInfo.nonZeroRequested).toEqual(fresh.nonZeroRequested);
        // The same pods; the order is the removals' (removeFromSlice moves the last pod into the gap).
        expect(new Set(nodeInfo.podsWithAffinity.map((p) => p.pod))).toEqual(new Set(fresh.podsWithAffinity.map((p) => p.pod)));
        expect(nodeInfo.podsWithAffinity).toHaveLength(fresh.podsWithAffinity.length);
      }
    };
    for (let step = 0; step < 3000; step++) {
      const names = [...held.keys()];
      const op = names.length === 0 ? 0 : rng.int(0, 8);
      const name = names.length ? pick(rng, names) : '';
      const h = held.get(name);
      if (op === 0 || op === 1) {
        const made = makePod({ name: `p${next++}`, namespace: pick(rng, NAMESPACES), labels: labels(rng), cpu: `${rng.int(1, 50)}m` });
        // Some with pod affinity, so the affinity lists move too.
        const pod = rng.int(0, 3) === 0 ? { ...made, spec: { ...made.spec, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } } } } : made;
        const bound = { ...pod, spec: { ...pod.spec, nodeName: pick(rng, NODES) } };
        if (op === 0) cache.assumePod(bound);
        else cache.addPod(bound);
        held.set(bound.metadata.name as string, { pod: bound, assumed: op === 0 });
      } else if (op === 2 && h) {
        // The binding confirmed: a new spec object, the same containers.
        const confirmed = { ...h.pod, spec: { ...h.pod.spec }, metadata: { ...h.pod.metadata, resourceVersion: String(step) } };
        cache.updatePod(h.pod, confirmed);
        held.set(name, { pod: confirmed, assumed: false });
      } else if (op === 3 && h) {
        // A kubelet's status patch.
        const patched = { ...h.pod, metadata: { ...h.pod.metadata, resourceVersion: String(step) }, status: { phase: 'Running' } };
        cache.updatePod(h.pod, patched);
        held.set(name, { pod: patched, assumed: false });
      } else if (op === 4 && h) {
        const relabelled = { ...h.pod, metadata: { ...h.pod.metadata, labels: labels(rng) } };
        cache.updatePod(h.pod, relabelled);
        held.set(name, { pod: relabelled, assumed: false });
      } else if (op === 5 && h) {
        const terminating = { ...h.pod, metadata: { ...h.pod.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
        cache.updatePod(h.pod, terminating);
        held.set(name, { pod: terminating, assumed: false });
      } else if (op === 6 && h) {
        // Another namespace under the same key cannot happen in a cluster; another node can.
        const moved = { ...h.pod, spec: { ...h.pod.spec, nodeName: pick(rng, NODES) } };
        cache.updatePod(h.pod, moved);
        held.set(name, { pod: moved, assumed: false });
      } else if (op === 7 && h) {
        if (h.assumed) cache.forgetPod(h.pod);
        else cache.removePod(h.pod);
        held.delete(name);
      } else if (op === 8 && h) {
        // Labels and deletion as they were, containers replaced (a fresh decode): the slow path.
        const redecoded = { ...h.pod, spec: { ...h.pod.spec, containers: [...(h.pod.spec?.containers ?? [])] } };
        cache.updatePod(h.pod, redecoded);
        held.set(name, { pod: redecoded, assumed: false });
      }
      check();
    }
    expect(checks).toBeGreaterThan(20_000);
    expect(cache.podCount()).toBe(held.size);
  });

  it('removes the first of two pods that share a uid, as a search from the start finds it', () => {
    const info = new NodeInfo(makeNode({ name: 'n' }));
    const a = makePod({ name: 'p', namespace: 'a', uid: 'same' });
    const b = makePod({ name: 'p', namespace: 'b', uid: 'same' });
    const c = makePod({ name: 'q', uid: 'other' });
    info.addPod(a);
    info.addPod(b);
    info.addPod(c);
    info.removePod(b);
    // removeFromSlice: the last pod takes the removed one's place.
    expect(info.pods.map((p) => p.pod)).toEqual([c, b]);
    info.replacePod(c, { ...c, status: { phase: 'Running' } });
    info.removePod(b);
    expect(info.pods.map((p) => p.pod.metadata.name)).toEqual(['q']);
    expect(info.removePod(a)).toBe(false);
  });

  it('keeps at most MAX_TALLIES_PER_NODE per node and counts a dropped selector afresh', () => {
    const info = new NodeInfo(makeNode({ name: 'n' }));
    for (let i = 0; i < 20; i++) info.addPod(makePod({ name: `p${i}`, labels: { app: `a${i % 12}` } }));
    const selectors = Array.from({ length: 12 }, (_, i) => Selector.fromSet({ app: `a${i}` }));
    for (let round = 0; round < 3; round++) {
      for (const s of selectors) expect(info.countPodsMatching(podMatchKey(s, 'default'), s, 'default')).toBe(countPodsMatchSelector(info.pods, s, 'default'));
      info.addPod(makePod({ name: `q${round}`, labels: { app: `a${round}` } }));
    }
    expect((info as unknown as { matchTallies: { size: number } }).matchTallies.size).toBe(MAX_TALLIES_PER_NODE);
  });

  it('gives selectors with the same requirements one key, and different ones different keys', () => {
    const a = Selector.fromSet({ app: 'web', tier: 'front' });
    const b = Selector.fromSet({ tier: 'front', app: 'web' });
    expect(podMatchKey(a, 'default')).toBe(podMatchKey(b, 'default'));
    expect(podMatchKey(a, 'default')).not.toBe(podMatchKey(a, 'other'));
    // 'app=a,b' as a string: one requirement with two values, or two requirements.
    const twoValues = new Selector([{ key: 'app', operator: 'in', values: ['a', 'b'] }]);
    const twoRequirements = new Selector([
      { key: 'app', operator: 'in', values: ['a'] },
      { key: 'b', operator: 'exists', values: [] },
    ]);
    expect(podMatchKey(twoValues, 'default')).not.toBe(podMatchKey(twoRequirements, 'default'));
  });

  it('an update moves the last pod into the old version\'s place and puts the new one last, as RemovePod then AddPod do', () => {
    const info = new NodeInfo(makeNode({ name: 'n' }));
    const [a, b, c] = ['a', 'b', 'c'].map((name) => makePod({ name, uid: `uid-${name}` })) as [ReturnType<typeof makePod>, ReturnType<typeof makePod>, ReturnType<typeof makePod>];
    for (const p of [a, b, c]) info.addPod(p);
    const running = { ...a, status: { phase: 'Running' } };
    info.replacePod(a, running);
    expect(info.pods.map((p) => p.pod)).toEqual([c, b, running]);
  });
});
