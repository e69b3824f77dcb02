/** The scheduler cache (cache_test.go shapes): assume, forget, confirm, node removal, image counts. */
import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../testing/wrappers';
import { SchedulerCache } from './cache';

const onNode = (pod: ReturnType<typeof makePod>, node: string) => ({ ...pod, spec: { ...pod.spec, nodeName: node } });

describe('SchedulerCache', () => {
  it('counts an assumed pod on its node, and forgets it when binding fails', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'n1', cpu: '4', memory: '8Gi' }));
    const pod = onNode(makePod({ name: 'p', cpu: '1' }), 'n1');
    cache.assumePod(pod);
    expect(cache.isAssumedPod(pod)).toBe(true);
    expect(cache.snapshot().get('n1')?.requested.milliCPU).toBe(1000);
    expect(() => cache.assumePod(pod)).toThrow(/can't be assumed/);
    cache.forgetPod(pod);
    expect(cache.snapshot().get('n1')?.requested.milliCPU).toBe(0);
    expect(cache.podCount()).toBe(0);
  });

  it('confirms an assumed pod when the informer reports it, without counting it twice', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'n1', cpu: '4', memory: '8Gi' }));
    const pod = onNode(makePod({ name: 'p', cpu: '1' }), 'n1');
    cache.assumePod(pod);
    cache.finishBinding(pod);
    cache.addPod({ ...pod, metadata: { ...pod.metadata, resourceVersion: '7' } });
    expect(cache.isAssumedPod(pod)).toBe(false);
    expect(cache.snapshot().get('n1')?.pods).toHaveLength(1);
    cache.removePod(pod);
    expect(cache.snapshot().get('n1')?.pods).toHaveLength(0);
  });

  it('keeps a node\'s sums and pod order across a status-only update, and moves the updated pod to the end as remove-then-add does', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'n1', cpu: '4', memory: '8Gi' }));
    const a = onNode(makePod({ name: 'a', cpu: '1', labels: { app: 'web' } }), 'n1');
    const b = onNode(makePod({ name: 'b', cpu: '2', labels: { app: 'web' } }), 'n1');
    cache.addPod(a);
    cache.addPod(b);
    const generation = cache.snapshot().get('n1')?.generation;
    const running = { ...a, metadata: { ...a.metadata, resourceVersion: '8' }, status: { phase: 'Running' } };
    cache.updatePod(a, running);
    const info = cache.snapshot().get('n1');
    expect(info?.pods.map((p) => p.pod)).toEqual([b, running]);
    expect(info?.requested.milliCPU).toBe(3000);
    // Everything else about the node still moved on.
    expect(info?.generation).not.toBe(generation);
  });

  it('lists only nodes that exist; a pod bound to an unknown node waits for it', () => {
    const cache = new SchedulerCache();
    cache.addPod(onNode(makePod({ name: 'early', cpu: '1' }), 'late'));
    expect(cache.nodeCount()).toBe(0);
    cache.addNode(makeNode({ name: 'late', cpu: '4', memory: '8Gi' }));
    expect(cache.snapshot().get('late')?.requested.milliCPU).toBe(1000);
    cache.removeNode(makeNode({ name: 'late' }));
    expect(cache.nodeCount()).toBe(0);
  });

  it('counts how many nodes have each image', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'a', images: { 'nginx:latest': 100 } }));
    cache.addNode(makeNode({ name: 'b', images: { 'nginx:latest': 100, 'redis:7': 50 } }));
    expect(cache.snapshot().get('a')?.imageStates.get('nginx:latest')).toEqual({ size: 100, numNodes: 2 });
    cache.removeNode(makeNode({ name: 'b' }));
    expect(cache.snapshot().get('a')?.imageStates.get('nginx:latest')?.numNodes).toBe(1);
  });

  it("tells whether any node has an image, as nodes with it come and go", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode({ name: 'a', images: { 'nginx:latest': 100 } }));
    expect([cache.snapshot().hasImageOnSomeNode('nginx:latest'), cache.snapshot().hasImageOnSomeNode('redis:7')]).toEqual([true, false]);
    cache.addNode(makeNode({ name: 'b', images: { 'redis:7': 50 } }));
    expect(cache.snapshot().hasImageOnSomeNode('redis:7')).toBe(true);
    cache.updateNode(makeNode({ name: 'a', images: { 'nginx:latest': 100 } }), makeNode({ name: 'a' }));
    cache.removeNode(makeNode({ name: 'b' }));
    expect([cache.snapshot().hasImageOnSomeNode('nginx:latest'), cache.snapshot().hasImageOnSomeNode('redis:7')]).toEqual([false, false]);
  });

  it('lists the nodes with affinity pods anew only when a node gains its first or loses its last one', () => {
    const cache = new SchedulerCache();
    for (const name of ['n1', 'n2']) cache.addNode(makeNode({ name, cpu: '4', memory: '8Gi' }));
    const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'a' } } }] } };
    const a1 = onNode(makePod({ name: 'a1', labels: { app: 'a' }, affinity: antiAffinity }), 'n1');
    const a2 = onNode(makePod({ name: 'a2', labels: { app: 'a' }, affinity: antiAffinity }), 'n1');
    const plain = onNode(makePod({ name: 'plain' }), 'n2');
    const names = () => cache.snapshot().havePodsWithRequiredAntiAffinityList().map((n) => n.name);
    expect(names()).toEqual([]);
    cache.addPod(a1);
    expect(names()).toEqual(['n1']);
    const listed = cache.snapshot().havePodsWithAffinityList();
    cache.addPod(plain);
    cache.addPod(a2);
    cache.removePod(a1);
    // No node's flags flipped: the same list, still right.
    expect(cache.snapshot().havePodsWithAffinityList()).toBe(listed);
    expect(names()).toEqual(['n1']);
    cache.removePod(a2);
    expect(names()).toEqual([]);
    expect(cache.snapshot().havePodsWithAffinityList()).toEqual([]);
  });
});
