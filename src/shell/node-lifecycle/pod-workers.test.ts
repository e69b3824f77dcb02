/**
 * Rules the reference vectors do not play but a correct kubelet must get right from
 * kubelet.md alone: OOMKilled, liveness restarts, sidecars, pull policies and bad image names,
 * admission rejections, back-off reset, the docs' tutorial manifests (exec liveness, pi).
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { Engine } from '../../sim/engine';
import { simulatedTimestamp } from '../../sim/api/time';
import { ContainerRuntime } from '../../sim/node/runtime/container-runtime';
import type { RuntimeFlavourName } from '../../sim/node/runtime/flavours';
import { Backoff } from '../../sim/node/kubelet/backoff';
import { PodWorkers } from '../../sim/node/kubelet/pod-workers';
import { podRow } from '../commands/kubectl/printers/pod';

interface Options {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  images?: Record<string, number>;
  flavour?: RuntimeFlavourName;
  nodeSelector?: Record<string, string>;
  existing?: number;
}

function node(options: Options) {
  const engine = new Engine({ seed: 11 });
  const runtime = new ContainerRuntime(engine, { podCIDR: '10.244.2.0/24', preloadedImages: options.images ?? {}, flavour: options.flavour ?? 'containerd' });
  const statuses: { at: number; status: PodStatus }[] = [];
  const events: { at: number; type: string; reason: string; message: string; fieldPath?: string }[] = [];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'demo', namespace: 'default', uid: 'uid-demo', creationTimestamp: simulatedTimestamp(0) },
    spec: { nodeName: 'node-2', restartPolicy: options.restartPolicy ?? 'Always', containers: options.containers, ...(options.initContainers ? { initContainers: options.initContainers } : {}), ...(options.nodeSelector ? { nodeSelector: options.nodeSelector } : {}) },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
  let current = pod;
  const workers = new PodWorkers(
    engine,
    runtime,
    {
      setPodStatus: (p, status) => {
        if (p.metadata?.uid !== 'uid-demo') return;
        statuses.push({ at: engine.now(), status });
        current = { ...current, status };
      },
      deletePod: () => {},
      event: (p, type, reason, message, fieldPath) => p.metadata?.uid === 'uid-demo' && events.push({ at: engine.now(), type, reason, message, ...(fieldPath ? { fieldPath } : {}) }),
      envLookup: { configMap: () => undefined, secret: () => undefined },
    },
    () => ({ name: 'node-2', labels: { disktype: 'hdd' }, allocatable: { cpu: 2000, memory: 4 * 1024 ** 3, pods: 3 }, hostIP: '10.0.0.12' }),
  );
  for (let i = 0; i < (options.existing ?? 0); i++) workers.updatePod({ ...pod, metadata: { ...pod.metadata, name: `other-${i}`, uid: `other-${i}` }, spec: { ...pod.spec, containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.8' }] } });
  workers.updatePod(pod);
  const printed = () => statuses.map((s) => podRow({ ...current, status: s.status }, s.at)[2]).filter((v, i, a) => v !== a[i - 1]);
  return { engine, runtime, workers, statuses, events, printed, last: () => current.status ?? {} };
}

const busybox = (name: string, script: string, extra: Partial<Container> = {}): Container => ({ name, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], ...extra });
const BUSYBOX = { 'busybox:1.36': 0 };

describe('pod workers', () => {
  it('OOMKilled (exit 137) when polinux/stress passes its memory limit, then CrashLoopBackOff', () => {
    // pods/resource/memory-request-limit-2.yaml: 250Mi from a 100Mi limit.
    const n = node({ containers: [{ name: 'memory-demo-2-ctr', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } } }] });
    n.engine.runUntil(60_000);
    expect(n.printed().slice(0, 6)).toEqual(['ContainerCreating', 'Running', 'OOMKilled', 'Running', 'OOMKilled', 'CrashLoopBackOff']);
    expect(n.last().containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    // Restarted three times by now, but container GC keeps only the newest and one dead instance.
    expect(n.last().containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(3);
    expect(n.runtime.listContainers()).toHaveLength(2);
  });

  it('restarts a container whose exec liveness probe fails three times (pods/probe/exec-liveness.yaml)', () => {
    const n = node({
      containers: [busybox('liveness', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', { image: 'registry.k8s.io/busybox', livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } })],
    });
    n.engine.runUntil(80_000);
    const unhealthy = n.events.filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy[0]?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(n.events.find((e) => e.reason === 'Killing')).toMatchObject({ type: 'Normal', message: 'Container liveness failed liveness probe, will be restarted', fieldPath: 'spec.containers{liveness}' });
    expect(n.last().containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} } });
    expect(n.last().containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('starts a sidecar (restartable init container) before the app and counts it in ContainersReady', () => {
    const n = node({ initContainers: [busybox('log-shipper', 'while true; do sleep 5; done', { restartPolicy: 'Always' })], containers: [busybox('app', 'sleep 3600')], images: BUSYBOX });
    n.engine.runUntil(5_000);
    const started = n.events.filter((e) => e.reason === 'Started').map((e) => e.fieldPath);
    expect(started).toEqual(['spec.initContainers{log-shipper}', 'spec.containers{app}']);
    expect(n.last().phase).toBe('Running');
    expect(n.last().conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(n.printed().at(-1)).toBe('Running');
  });

  it.each([
    { image: 'nginx:1.27', policy: 'Never', status: 'ErrImageNeverPull', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' },
    { image: 'Nginx', policy: 'IfNotPresent', status: 'InvalidImageName', reason: 'InspectFailed', message: 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (Nginx) must be lowercase' },
  ] as const)('$status', ({ image, policy, status, reason, message }) => {
    const n = node({ containers: [{ name: 'web', image, imagePullPolicy: policy }] });
    n.engine.runUntil(3_000);
    expect(n.printed().at(-1)).toBe(status);
    expect(n.events.map((e) => [e.reason, e.message])).toEqual([
      [reason, message],
      ['Failed', `Error: ${status}`],
    ]);
  });

  it('CRI-O words a missing tag its own way', () => {
    const n = node({ flavour: 'cri-o', containers: [{ name: 'web', image: 'nginx:nope', imagePullPolicy: 'IfNotPresent' }] });
    n.engine.runUntil(1_200);
    expect(n.last().containerStatuses?.[0]?.state?.waiting?.message).toBe('rpc error: code = Unknown desc = initializing source docker://docker.io/library/nginx:nope: reading manifest nope in docker.io/library/nginx: manifest unknown');
  });

  it.each([
    { name: 'node selector', options: { nodeSelector: { disktype: 'ssd' } }, reason: 'NodeAffinity', message: 'Pod was rejected: Predicate NodeAffinity failed' },
    { name: 'cpu', options: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '3' } } }] }, reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000" },
    { name: 'pods', options: { existing: 3 }, reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3" },
  ])('admission rejects on $name: Failed, $reason', ({ options, reason, message }) => {
    const n = node({ containers: [{ name: 'web', image: 'nginx' }], ...options });
    n.engine.runUntil(1_000);
    expect(n.last()).toMatchObject({ phase: 'Failed', reason, message });
    expect(n.events.at(-1)).toMatchObject({ type: 'Warning', reason });
    expect(n.runtime.listPodSandbox().filter((s) => s.metadata.uid === 'uid-demo')).toEqual([]);
  });

  it.each([
    // [seconds between failures (each failure at the previous + gap), back-off after each]
    { gaps: [0, 13, 33, 73], backoffs: [10, 20, 40, 80] },
    { gaps: [0, 13, 33, 73, 153, 313, 310], backoffs: [10, 20, 40, 80, 160, 300, 300] },
    // More than 2 × 300 s (the docs' "10 minutes without any problems") since the last: start over.
    { gaps: [0, 13, 613], backoffs: [10, 20, 10] },
  ])('the container back-off doubles to 5 minutes and resets after 10 minutes: $backoffs', ({ gaps, backoffs }) => {
    let now = 0;
    const backoff = new Backoff(() => now);
    const seen: number[] = [];
    for (const gap of gaps) {
      now += gap * 1000;
      backoff.next('key', now);
      seen.push(backoff.get('key') / 1000);
    }
    expect(seen).toEqual(backoffs);
  });

  it("runs the docs' pi Job container to Completed with the digits in its log", () => {
    const n = node({ restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] });
    n.engine.runUntil(20_000);
    expect(n.printed()).toEqual(['ContainerCreating', 'Running', 'Completed']);
    const id = n.last().containerStatuses?.[0]?.containerID?.replace('containerd://', '') ?? '';
    expect(n.runtime.logs(id)[0]?.text.slice(0, 12)).toBe('3.1415926535');
    expect(n.events.find((e) => e.reason === 'Pulled')?.message).toBe('Successfully pulled image "perl:5.34.0" in 5.505s (5.505s including waiting). Image size: 331178203 bytes.');
  });
});
