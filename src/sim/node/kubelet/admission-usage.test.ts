/**
 * Admission through the pod workers, which keep each pod's requests rather than summing them
 * from the pods on every admission: the sum must follow the pods as they change and go.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import { ContainerRuntime } from '../runtime/container-runtime';
import { PodWorkers } from './pod-workers';

function kubelet() {
  const engine = new Engine({ seed: 5 });
  const runtime = new ContainerRuntime(engine, { podCIDR: '10.244.3.0/24', preloadedImages: { 'registry.k8s.io/pause:3.10': 0 } });
  const rejected: { name: string; reason: string; message: string }[] = [];
  const statuses = new Map<string, PodStatus>();
  const workers = new PodWorkers(
    engine,
    runtime,
    {
      setPodStatus: (p, status) => statuses.set(p.metadata?.name ?? '', status),
      deletePod: () => {},
      event: (p, type, reason, message) => type === 'Warning' && reason.startsWith('OutOf') && rejected.push({ name: p.metadata?.name ?? '', reason, message }),
      envLookup: { configMap: () => undefined, secret: () => undefined },
    },
    () => ({ name: 'node-3', labels: {}, allocatable: { cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 }, hostIP: '10.0.0.13' }),
  );
  return { engine, workers, rejected, statuses };
}

function pod(name: string, cpu: string, extra: { resourceVersion?: string; deletionTimestamp?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: extra.resourceVersion ?? '1', ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp, deletionGracePeriodSeconds: 30 } : {}) },
    spec: { nodeName: 'node-3', containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu } } }] },
    status: { phase: 'Pending' },
  };
}

describe('admission with the requests the pod workers keep', () => {
  it('counts a pod by its spec as last updated, not as first admitted', () => {
    const k = kubelet();
    k.workers.updatePod(pod('a', '500m'));
    k.engine.runFor(5_000);
    // The same pod with more cpu (a resize written past validation): the sum must see it.
    k.workers.updatePod(pod('a', '1500m', { resourceVersion: '2' }));
    k.workers.updatePod(pod('b', '1'));
    expect(k.rejected).toEqual([{ name: 'b', reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000" }]);
    expect(k.statuses.get('b')).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
  });

  it('a status-only update keeps the requests; a terminating pod no longer counts', () => {
    const k = kubelet();
    k.workers.updatePod(pod('a', '1500m'));
    k.engine.runFor(5_000);
    k.workers.updatePod({ ...pod('a', '1500m', { resourceVersion: '2' }), status: k.statuses.get('a') ?? {} });
    k.workers.updatePod(pod('b', '1'));
    expect(k.rejected.map((r) => r.message)).toEqual(["Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000"]);
    k.workers.updatePod(pod('a', '1500m', { resourceVersion: '3', deletionTimestamp: '2025-01-01T00:00:05Z' }));
    k.engine.runFor(1_000);
    k.workers.updatePod(pod('c', '1'));
    expect(k.rejected.map((r) => r.name)).toEqual(['b']);
    expect(k.statuses.get('c')?.phase).not.toBe('Failed');
  });
});

describe('the running sum of the admitted pods', () => {
  it('equals a pass over the workers through admissions, resizes, rejections, teardowns and removals', () => {
    const k = kubelet();
    type Usage = { pods: number; cpu: number; memory: number };
    const inner = k.workers as unknown as { admittedUsage(uid: string): Usage; admittedUsageRecount(uid: string): Usage };
    const names: string[] = [];
    const check = () => {
      for (const uid of [...names.map((n) => `uid-${n}`), 'uid-none']) expect(inner.admittedUsage(uid)).toEqual(inner.admittedUsageRecount(uid));
    };
    let seed = 3;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let step = 0; step < 120; step++) {
      const choice = random(5);
      if (choice <= 1 || names.length === 0) {
        const name = `p${step}`;
        names.push(name);
        k.workers.updatePod(pod(name, `${100 + random(900)}m`));
      } else if (choice === 2) {
        const name = names[random(names.length)] ?? '';
        k.workers.updatePod(pod(name, `${100 + random(900)}m`, { resourceVersion: `${step + 2}` }));
      } else if (choice === 3) {
        const name = names[random(names.length)] ?? '';
        k.workers.updatePod(pod(name, '100m', { resourceVersion: `${step + 2}`, deletionTimestamp: '2025-01-01T00:00:05Z' }));
      } else {
        const name = names.splice(random(names.length), 1)[0] ?? '';
        k.workers.removePod(pod(name, '100m'));
      }
      check();
      k.engine.runFor(random(3) * 1_000);
      check();
    }
    expect(k.rejected.length).toBeGreaterThan(0);
  });
});
