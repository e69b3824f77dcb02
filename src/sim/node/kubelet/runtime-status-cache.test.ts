/**
 * The pod workers' kept GetPodStatus answer (runtimeStatus, keyed by the runtime's
 * podRecordsStamp) against a fresh ListPodSandbox + ListContainers at every call, through
 * starts, crash loops with back-off, probe kills and teardown.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import { ContainerRuntime } from '../runtime/container-runtime';
import { PodWorkers } from './pod-workers';
import type { RuntimePodStatus } from './pod-status';

const busybox = (name: string, script: string, extra: Partial<Container> = {}): Container => ({ name, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], ...extra });

function pod(uid: string, containers: Container[], initContainers: Container[] = []): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: uid, namespace: 'default', uid }, spec: { nodeName: 'node-1', containers, ...(initContainers.length ? { initContainers } : {}) }, status: { phase: 'Pending' } };
}

describe('runtimeStatus kept between changes of the pod records', () => {
  it('answers as a fresh listing every time it is asked', () => {
    const engine = new Engine({ seed: 5 });
    const runtime = new ContainerRuntime(engine, { podCIDR: '10.244.3.0/24', preloadedImages: { 'busybox:1.36': 0, 'nginx:1.27': 0 } });
    const workers = new PodWorkers(
      engine,
      runtime,
      { setPodStatus: () => {}, deletePod: () => {}, event: () => {}, envLookup: { configMap: () => undefined, secret: () => undefined } },
      () => ({ name: 'node-1', labels: {}, allocatable: { cpu: 4000, memory: 8 * 1024 ** 3, pods: 110 }, hostIP: '10.0.0.11' }),
    );
    const fresh = (workers as unknown as { listRuntimeStatus(uid: string): RuntimePodStatus }).listRuntimeStatus.bind(workers);
    const kept = workers.runtimeStatus.bind(workers);
    let asked = 0;
    workers.runtimeStatus = (uid: string) => {
      const answer = kept(uid);
      expect(answer).toEqual(fresh(uid));
      asked++;
      return answer;
    };
    const pods = [
      pod('crash', [busybox('c', 'sleep 2; exit 1')]),
      pod('web', [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/nope', port: 80 }, periodSeconds: 2, failureThreshold: 1 } }]),
      pod('init', [{ name: 'nginx', image: 'nginx:1.27' }], [busybox('init', 'sleep 1'), busybox('side', 'sleep 100', { restartPolicy: 'Always' })]),
    ];
    for (const p of pods) workers.updatePod(p);
    engine.runFor(60_000);
    const web = pods[1] as Pod;
    workers.updatePod({ ...web, metadata: { ...web.metadata, deletionTimestamp: '2024-01-01T00:01:00Z', deletionGracePeriodSeconds: 1 } });
    engine.runFor(10_000);
    workers.removePod(pods[0] as Pod);
    engine.runFor(10_000);
    expect(asked).toBeGreaterThan(30);
  });
});
