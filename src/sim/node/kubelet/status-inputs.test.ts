/**
 * refreshStatus skips generating a status whose inputs are unchanged since the last one
 * (statusUnchanged). Checked two ways through starts, crash loops, failed starts, image pull
 * back-off, init containers, probes, readiness gates (one named after a kubelet condition),
 * the pod's own status coming back, ConfigMaps appearing and deletion: every skip is compared
 * with generating the status anyway, and the statuses sent are compared with a run where
 * nothing is skipped.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { Engine } from '../../engine';
import { ContainerRuntime } from '../runtime/container-runtime';
import { PodWorkers } from './pod-workers';
import { jsonHash } from './json-hash';
import type { RuntimePodStatus } from './pod-status';

const busybox = (name: string, script: string, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'busybox:1.36',
  imagePullPolicy: 'IfNotPresent',
  command: ['sh', '-c', script],
  ...extra,
});
const nginx = (extra: Partial<Container> = {}): Container => ({
  name: 'nginx',
  image: 'nginx:1.27',
  ...extra,
});

function pod(
  name: string,
  spec: Omit<NonNullable<Pod['spec']>, 'containers'> & {
    containers: Container[];
  },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
    },
    spec: { nodeName: 'node-1', ...spec },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: '2024-01-01T00:00:00Z',
        },
      ],
    },
  };
}

interface Worker {
  readonly uid: string;
  lastStatusHash: number;
  statusInputs: { phase: PodStatus['phase'] } | undefined;
}
interface Internals {
  readonly workers: Map<string, Worker>;
  statusUnchanged(w: Worker, runtime: RuntimePodStatus, hostIP: string): boolean;
  generate(w: Worker, podIsTerminal: boolean, runtime: RuntimePodStatus, hostIP: string): PodStatus;
}

/** The scenario; `mode` says what to do with statusUnchanged. Returns the statuses sent, with when, and the skips. */
function scenario(mode: 'skip' | 'check' | 'never'): {
  sent: string[];
  skips: number;
} {
  const engine = new Engine({ seed: 11 });
  const runtime = new ContainerRuntime(engine, {
    podCIDR: '10.244.5.0/24',
    preloadedImages: { 'busybox:1.36': 0, 'nginx:1.27': 0 },
  });
  const latest = new Map<string, Pod>();
  const sent: string[] = [];
  const configMaps = new Map<string, Record<string, string>>();
  const workers: PodWorkers = new PodWorkers(
    engine,
    runtime,
    {
      setPodStatus: (p, status) => {
        sent.push(`${engine.now()} ${p.metadata?.name} ${JSON.stringify(status)}`);
        // The status write comes back as a new pod object a little later (a reconcile).
        engine.schedule(7, 'status back', () => {
          const current = latest.get(p.metadata?.uid ?? '');
          if (!current) return;
          const back = { ...current, status };
          latest.set(p.metadata?.uid ?? '', back);
          workers.updatePod(back);
        });
      },
      deletePod: (p) => {
        latest.delete(p.metadata?.uid ?? '');
        workers.removePod(p);
      },
      event: () => {},
      envLookup: {
        configMap: (_ns, name) => {
          const data = configMaps.get(name);
          return data ? { state: 'present', data, resourceVersion: '5' } : undefined;
        },
        secret: () => undefined,
      },
    },
    () => ({
      name: 'node-1',
      labels: {},
      allocatable: { cpu: 4000, memory: 8 * 1024 ** 3, pods: 110 },
      hostIP: '10.0.0.15',
    }),
  );
  const internals = workers as unknown as Internals;
  const unchanged = internals.statusUnchanged.bind(workers);
  const generate = internals.generate.bind(workers);
  let skips = 0;
  internals.statusUnchanged = (w, runtimeView, hostIP) => {
    if (mode === 'never') return false;
    const answer = unchanged(w, runtimeView, hostIP);
    if (answer) {
      skips++;
      if (mode === 'check') {
        // Generating anyway gives the status last sent (setStatus would send nothing), of the same phase.
        const status = generate(w, false, runtimeView, hostIP);
        expect(jsonHash(status)).toBe(w.lastStatusHash);
        expect(status.phase).toBe(w.statusInputs?.phase);
      }
    }
    return answer;
  };
  const add = (p: Pod) => {
    latest.set(p.metadata?.uid ?? '', p);
    workers.updatePod(p);
  };
  const pods = [
    pod('web', { containers: [nginx()] }),
    pod('web2', { containers: [nginx(), busybox('side', 'sleep 1000')] }),
    pod('crash', { containers: [busybox('c', 'sleep 2; exit 1')] }),
    pod('never', {
      restartPolicy: 'Never',
      containers: [busybox('c', 'sleep 2; exit 3')],
    }),
    pod('done', {
      restartPolicy: 'OnFailure',
      containers: [busybox('c', 'sleep 2; exit 0'), busybox('d', 'sleep 4; exit 1')],
    }),
    pod('init', {
      initContainers: [busybox('init-db', 'sleep 3'), busybox('sidecar', 'sleep 1000', { restartPolicy: 'Always' })],
      containers: [nginx()],
    }),
    pod('badimg', {
      containers: [{ name: 'x', image: 'nginx:does-not-exist' }],
    }),
    pod('cfg', {
      containers: [
        busybox('c', 'sleep 1000', {
          env: [
            {
              name: 'A',
              valueFrom: { configMapKeyRef: { name: 'settings', key: 'k' } },
            },
          ],
        }),
      ],
    }),
    pod('probed', {
      containers: [
        nginx({
          readinessProbe: {
            httpGet: { path: '/', port: 80 },
            periodSeconds: 2,
          },
          livenessProbe: {
            httpGet: { path: '/nope', port: 80 },
            periodSeconds: 3,
            failureThreshold: 2,
          },
        }),
      ],
    }),
    // Named after a kubelet condition: generating from its own output is not idempotent.
    pod('gate-kubelet', {
      readinessGates: [{ conditionType: 'ContainersReady' }],
      containers: [nginx()],
    }),
    pod('gate-ready', {
      readinessGates: [{ conditionType: 'Ready' }, { conditionType: 'PodReadyToStartContainers' }],
      containers: [nginx()],
    }),
    pod('gate-other', {
      readinessGates: [{ conditionType: 'example.com/ok' }],
      containers: [nginx()],
    }),
  ];
  for (const p of pods) add(p);
  engine.runFor(20_000);
  // The ConfigMap appears and the pod is updated; the other gate's condition is set True.
  configMaps.set('settings', { k: 'v' });
  const cfg = latest.get('uid-cfg') as Pod;
  add({
    ...cfg,
    metadata: {
      ...cfg.metadata,
      resourceVersion: '2',
      labels: { touched: 'yes' },
    },
  });
  const gated = latest.get('uid-gate-other') as Pod;
  add({
    ...gated,
    status: {
      ...gated.status,
      conditions: [
        ...(gated.status?.conditions ?? []),
        {
          type: 'example.com/ok',
          status: 'True',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: '2024-01-01T00:00:09Z',
        },
      ],
    },
  });
  engine.runFor(30_000);
  for (const name of ['web', 'crash', 'init']) {
    const p = latest.get(`uid-${name}`) as Pod;
    add({
      ...p,
      metadata: {
        ...p.metadata,
        deletionTimestamp: '2024-01-01T00:01:00Z',
        deletionGracePeriodSeconds: 2,
      },
    });
  }
  engine.runFor(30_000);
  return { sent, skips };
}

describe('refreshStatus skips a generation whose inputs are unchanged', () => {
  it('every skipped generation would have given the status already sent', () => {
    const { skips } = scenario('check');
    expect(skips).toBeGreaterThan(20);
  });

  it('sends the same statuses at the same times as generating every time', () => {
    const plain = scenario('never');
    const skipping = scenario('skip');
    expect(plain.sent.length).toBeGreaterThan(50);
    expect(skipping.sent).toEqual(plain.sent);
  });
});
