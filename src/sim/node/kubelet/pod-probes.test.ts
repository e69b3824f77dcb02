/**
 * The pod workers hand the prober only pods that have a probe (or probe workers left): a probe
 * on a regular container or on a sidecar must still be run, and its result must show.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import { ContainerRuntime } from '../runtime/container-runtime';
import { PodWorkers } from './pod-workers';

const sleeper = (name: string, extra: Partial<Container> = {}): Container => ({ name, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'], ...extra });
const failingReadiness = { readinessProbe: { exec: { command: ['sh', '-c', 'exit 1'] }, periodSeconds: 1 } };

function run(spec: Pod['spec']): PodStatus {
  const engine = new Engine({ seed: 9 });
  const runtime = new ContainerRuntime(engine, { podCIDR: '10.244.4.0/24', preloadedImages: { 'busybox:1.36': 0 } });
  let last: PodStatus = {};
  const workers = new PodWorkers(
    engine,
    runtime,
    { setPodStatus: (_, status) => (last = status), deletePod: () => {}, event: () => {}, envLookup: { configMap: () => undefined, secret: () => undefined } },
    () => ({ name: 'node-4', labels: {}, allocatable: { cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 }, hostIP: '10.0.0.14' }),
  );
  workers.updatePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'uid-p', resourceVersion: '1' }, spec, status: { phase: 'Pending' } });
  engine.runFor(10_000);
  return last;
}

const ready = (status: PodStatus) => status.conditions?.find((c) => c.type === 'Ready')?.status;

describe('probes through the pod workers', () => {
  it('a pod without probes is Ready once running', () => {
    expect(ready(run({ containers: [sleeper('app')] }))).toBe('True');
  });

  it('a failing readiness probe on a container keeps the pod not Ready', () => {
    const status = run({ containers: [sleeper('app', failingReadiness)] });
    expect(status.phase).toBe('Running');
    expect(ready(status)).toBe('False');
  });

  it('a failing readiness probe on a sidecar keeps the pod not Ready', () => {
    const status = run({ initContainers: [sleeper('side', { restartPolicy: 'Always', ...failingReadiness })], containers: [sleeper('app')] });
    expect(status.phase).toBe('Running');
    expect(status.initContainerStatuses?.[0]).toMatchObject({ name: 'side', ready: false, started: true });
    expect(ready(status)).toBe('False');
  });
});
