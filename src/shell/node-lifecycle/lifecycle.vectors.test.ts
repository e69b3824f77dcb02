/**
 * Plays every scenario of reference/vectors/kubelet-lifecycle.json against the pod workers and
 * the runtime on a bare engine (the apiserver path is covered by kubelet.test.ts): at each step
 * the pod status excerpt, the STATUS column as kubectl prints it, and the kubelet's events.
 *
 * Tolerance: the file says its times are "typical, not exact". A step passes when some status
 * in effect within ±2 s of its time (±4 s for `alt` branches, whose times are rougher) matches
 * the excerpt and prints the STATUS, and its kubelet events occur in order between the previous
 * step and then. Placeholders (`<64hex>`, `<uid>`, `T+2s`) match any value of their shape; the
 * illustrative pod IP matches any address of the node's pod CIDR. Events from other components
 * (default-scheduler, node-controller, taint-eviction-controller) are not the kubelet's and are
 * checked where those components are built. SOURCE_OVERRIDES lists where the upstream source
 * wins over the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1';
import { Engine } from '../../sim/engine';
import { simulatedTimestamp } from '../../sim/api/time';
import { ContainerRuntime } from '../../sim/node/runtime/container-runtime';
import { PodWorkers } from '../../sim/node/kubelet/pod-workers';
import { podRow } from '../commands/kubectl/printers/pod';

const here = dirname(fileURLToPath(import.meta.url));
const VECTORS = JSON.parse(readFileSync(join(here, '../../../reference/vectors/kubelet-lifecycle.json'), 'utf8')) as { vectors: Vector[] };

interface VectorEvent {
  type: string;
  reason: string;
  message: string;
  source: string;
  fieldPath?: string;
  involvedObject?: string;
}
interface Step {
  t_seconds: number;
  alt?: string;
  kubectl_status: string;
  pod_status_excerpt: Record<string, unknown>;
  events: VectorEvent[];
  node?: unknown;
}
interface Vector {
  id: string;
  scenario: string;
  steps: Step[];
}

const TOLERANCE_MS = 2_000;
const ALT_TOLERANCE_MS = 4_000;

/**
 * Where kubelet source (v1.32) and the file disagree, the source wins: [vector, step index, path
 * in the excerpt, value the source gives, why].
 */
const SOURCE_OVERRIDES: [string, number, string, unknown, string][] = [
  ['graceful-delete', 2, 'phase', 'Succeeded', 'SyncTerminatingPod writes generateAPIPodStatus(pod, stoppedPodStatus, true): every container stopped with exit 0 -> Succeeded (getPhase, kubelet_pods.go)'],
  [
    'graceful-delete',
    2,
    'conditions',
    [
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'PodScheduled', status: 'True' },
    ],
    'status/generate.go: a Succeeded pod has Initialized True and ContainersReady/Ready False, all with reason PodCompleted',
  ],
  ['graceful-delete', 2, 'kubectl_status', 'Completed', 'printPod (1.27+) prints Terminating only for a non-terminal phase; a deleted Succeeded pod prints Completed'],
];

interface Recorded {
  statuses: { at: number; status: PodStatus }[];
  events: { at: number; type: string; reason: string; message: string; fieldPath?: string }[];
  goneAt?: number;
}

interface Setup {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  name?: string;
  uid?: string;
  preloaded?: Record<string, number>;
}

const busybox = (name: string, script: string): Container => ({ name, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script] });
const nginx = (image = 'nginx:1.27'): Container => ({ name: 'nginx', image, imagePullPolicy: image.includes(':') && !image.endsWith(':latest') ? 'IfNotPresent' : 'Always' });

function makePod(setup: Setup): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: setup.name ?? 'web-1', namespace: 'default', uid: setup.uid ?? '6b2f3c1e-0d4a-4c59-9a57-3f2c1d0e9b11', creationTimestamp: simulatedTimestamp(0), resourceVersion: '1' },
    spec: {
      nodeName: 'node-1',
      restartPolicy: setup.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: 30,
      containers: setup.containers,
      ...(setup.initContainers ? { initContainers: setup.initContainers } : {}),
    },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: simulatedTimestamp(0) }], qosClass: 'BestEffort' },
  };
}

/** A node with the pod workers, the runtime and a recording host. */
function startNode(setup: Setup) {
  const engine = new Engine({ seed: 7 });
  const runtime = new ContainerRuntime(engine, { podCIDR: '10.244.1.0/24', preloadedImages: setup.preloaded ?? {} });
  let pod = makePod(setup);
  // What the apiserver holds before the kubelet's first write (the scheduler's PodScheduled).
  const rec: Recorded = { statuses: [{ at: 0, status: pod.status ?? {} }], events: [] };
  const workers: PodWorkers = new PodWorkers(
    engine,
    runtime,
    {
      setPodStatus: (_p, status) => {
        rec.statuses.push({ at: engine.now(), status });
        pod = { ...pod, status };
      },
      deletePod: () => {
        rec.goneAt = engine.now();
        engine.schedule(100, 'informer: DELETED', () => workers.removePod(pod));
      },
      event: (_p, type, reason, message, fieldPath) => rec.events.push({ at: engine.now(), type, reason, message, ...(fieldPath ? { fieldPath } : {}) }),
      envLookup: { configMap: () => undefined, secret: () => undefined },
    },
    () => ({ name: 'node-1', labels: {}, allocatable: { cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 }, hostIP: '10.0.0.11' }),
  );
  // The binding reaches the kubelet's watch 0.3 s after the scheduler wrote it.
  engine.schedule(300, 'kubelet: pod ADDED', () => workers.updatePod(pod));
  return {
    engine,
    runtime,
    workers,
    rec,
    pod: () => pod,
    deletePod: () => {
      pod = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: simulatedTimestamp(engine.now() + 30_000), deletionGracePeriodSeconds: 30 } };
      workers.updatePod(pod);
    },
  };
}

type Node = ReturnType<typeof startNode>;

function matchValue(actual: unknown, expected: unknown, key = ''): boolean {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return false;
    if (key === 'podIP') return actual.startsWith('10.244.1.');
    if (/^T[+-]/.test(expected)) return /^\d{4}-\d\d-\d\dT/.test(actual);
    if (expected === '<uid>') return actual.length > 0;
    const pattern = expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<64hex>/g, '[0-9a-f]{64}').replace(/<uid>/g, '[0-9a-f-]+');
    return new RegExp(`^${pattern}$`).test(actual);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    // Each expected element matches an actual one with its type/name, in the same order.
    let from = 0;
    for (const e of expected) {
      const idKey = (e as Record<string, unknown>)['type'] !== undefined ? 'type' : 'name';
      const id = (e as Record<string, unknown>)[idKey];
      const index = actual.findIndex((a, i) => i >= from && (a as Record<string, unknown>)[idKey] === id);
      if (index < 0 || !matchValue(actual[index], e)) return false;
      from = index + 1;
    }
    return true;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => matchValue((actual as Record<string, unknown>)[k], v, k));
  }
  return actual === expected;
}

function withOverrides(vectorId: string, index: number, step: Step): Step {
  const out = structuredClone(step);
  for (const [id, at, path, value] of SOURCE_OVERRIDES) {
    if (id !== vectorId || at !== index) continue;
    if (path === 'kubectl_status') out.kubectl_status = value as string;
    else out.pod_status_excerpt[path] = value;
  }
  return out;
}

/** Statuses in effect during [from, to]: the one before `from`, and every one written in it. */
function statusesIn(rec: Recorded, from: number, to: number): { at: number; status: PodStatus }[] {
  const before = rec.statuses.filter((s) => s.at < from).at(-1);
  return [...(before ? [before] : []), ...rec.statuses.filter((s) => s.at >= from && s.at <= to)];
}

function printedStatus(node: Node, status: PodStatus, at: number): string {
  return podRow({ ...node.pod(), status }, at)[2] ?? '';
}

function checkStep(node: Node, vectorId: string, index: number, vectorStep: Step, origin: number, previousT: number | undefined): void {
  const step = withOverrides(vectorId, index, vectorStep);
  const tol = step.alt ? ALT_TOLERANCE_MS : TOLERANCE_MS;
  const t = origin + step.t_seconds * 1000;
  node.engine.runUntil(Math.max(node.engine.now(), t + tol));
  const label = `${vectorId} step ${index} (t=${step.t_seconds}${step.alt ? `, alt: ${step.alt}` : ''})`;
  // Events: the kubelet's, in order, since the previous step.
  const from = previousT === undefined || step.alt ? t - tol : origin + previousT * 1000 - tol;
  const seen = node.rec.events.filter((e) => e.at > from && e.at <= t + tol);
  let cursor = 0;
  for (const e of step.events.filter((x) => x.source === 'kubelet')) {
    const i = seen.findIndex((s, j) => j >= cursor && s.reason === e.reason && s.type === e.type && matchValue(s.message, e.message) && s.fieldPath === e.fieldPath);
    expect(i, `${label}: event ${e.type} ${e.reason} "${e.message}" in ${JSON.stringify(seen.map((s) => `${s.at} ${s.reason} ${s.message}`))}`).toBeGreaterThanOrEqual(0);
    cursor = i + 1;
  }
  if (step.kubectl_status === '(gone)') {
    expect(node.rec.goneAt, `${label}: deleted`).toBeLessThanOrEqual(t + tol);
    return;
  }
  const candidates = statusesIn(node.rec, t - tol, t + tol);
  const { metadata, ...excerpt } = step.pod_status_excerpt;
  if (metadata) expect(matchValue(node.pod().metadata, metadata), `${label}: metadata`).toBe(true);
  const wanted = step.kubectl_status.split(' then ');
  if (wanted.length > 1) {
    const printed = candidates.map((c) => printedStatus(node, c.status, c.at));
    let at = 0;
    for (const w of wanted) {
      const i = printed.indexOf(w, at);
      expect(i, `${label}: STATUS ${w} in ${printed.join(' -> ')}`).toBeGreaterThanOrEqual(0);
      at = i + 1;
    }
    expect(candidates.some((c) => matchValue(c.status, excerpt)), `${label}: excerpt`).toBe(true);
    return;
  }
  const match = candidates.find((c) => matchValue(c.status, excerpt) && printedStatus(node, c.status, c.at) === step.kubectl_status);
  expect(match, `${label}: no status matched ${JSON.stringify(excerpt)} / ${step.kubectl_status}; had ${JSON.stringify(candidates.map((c) => [c.at, printedStatus(node, c.status, c.at), c.status]))}`).toBeDefined();
}

/** How each scenario is set up, and when its clock starts (the deletion for graceful-delete). */
const SCENARIOS: Record<string, { setup: Setup; alt?: Setup; origin?: (node: Node) => number }> = {
  'normal-pull-start': { setup: { containers: [nginx('nginx')] } },
  'image-already-present': { setup: { containers: [nginx('nginx:1.27')], preloaded: { 'nginx:1.27': 0 } } },
  'errimagepull-backoff': { setup: { containers: [nginx('nginx:nope')] } },
  'crashloop-always': { setup: { containers: [busybox('nginx', 'sleep 3; exit 1')], preloaded: { 'busybox:1.36': 0 } } },
  'exit1-never': {
    setup: { name: 'job-1', restartPolicy: 'Never', containers: [busybox('job', 'sleep 3; exit 1')], preloaded: { 'busybox:1.36': 0 } },
    alt: { name: 'job-1', restartPolicy: 'OnFailure', containers: [busybox('job', 'sleep 3; exit 1')], preloaded: { 'busybox:1.36': 0 } },
  },
  'init-container': {
    setup: { initContainers: [busybox('init-db', 'sleep 5')], containers: [nginx()], preloaded: { 'busybox:1.36': 0, 'nginx:1.27': 0 } },
    alt: { initContainers: [busybox('init-db', 'sleep 5; exit 1')], containers: [nginx()], preloaded: { 'busybox:1.36': 0, 'nginx:1.27': 0 } },
  },
  // The probe path is `/` (nginx answers /ready with 404); the app's 503 from t=60 s is injected.
  'readiness-fail': {
    setup: { containers: [{ ...nginx(), readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 } }], preloaded: { 'nginx:1.27': 0 } },
  },
  'graceful-delete': {
    setup: { containers: [nginx()], preloaded: { 'nginx:1.27': 0 } },
    origin: (node) => {
      node.engine.runUntil(300_000);
      node.deletePod();
      return 300_000;
    },
  },
};

describe('kubelet lifecycle vectors', () => {
  it('covers every vector of the file', () => {
    expect(VECTORS.vectors.map((v) => v.id).sort()).toEqual([...Object.keys(SCENARIOS), 'node-kubelet-stops'].sort());
  });

  for (const vector of VECTORS.vectors.filter((v) => v.id !== 'node-kubelet-stops')) {
    const scenario = SCENARIOS[vector.id];
    if (!scenario) continue;
    for (const branch of ['main', 'alt'] as const) {
      const steps = vector.steps.map((s, i) => [s, i] as const).filter(([s]) => (branch === 'alt') === (s.alt !== undefined));
      if (steps.length === 0) continue;
      it(`${vector.id}${branch === 'alt' ? ` (alt: ${steps[0]?.[0].alt})` : ''}: ${vector.scenario}`, () => {
        const setup = branch === 'alt' ? scenario.alt ?? scenario.setup : scenario.setup;
        const node = startNode(setup);
        if (vector.id === 'readiness-fail') {
          node.engine.schedule(60_000, 'app starts answering 503', () => {
            for (const c of node.runtime.listContainers({ state: 'CONTAINER_RUNNING' })) node.runtime.process(c.id)?.injectHttpStatus(503);
          });
        }
        const origin = scenario.origin?.(node) ?? 0;
        let previous: number | undefined;
        for (const [step, index] of steps) {
          checkStep(node, vector.id, index, step, origin, previous);
          previous = step.t_seconds;
        }
      });
    }
  }

  it('node-kubelet-stops: the kubelet side — after stop() no status is written and the pod still prints Running', () => {
    const node = startNode({ containers: [nginx()], preloaded: { 'nginx:1.27': 0 } });
    node.engine.runUntil(60_000);
    expect(printedStatus(node, node.pod().status ?? {}, 60_000)).toBe('Running');
    node.workers.stop();
    const written = node.rec.statuses.length;
    const events = node.rec.events.length;
    node.engine.runUntil(60_000 + 351_000);
    expect(node.rec.statuses.length).toBe(written);
    expect(node.rec.events.length).toBe(events);
    // The containers keep running: stopping the kubelet does not stop the runtime.
    expect(node.runtime.listContainers({ state: 'CONTAINER_RUNNING' })).toHaveLength(1);
    // The node's conditions, taints and eviction are the node-lifecycle and taint-eviction controllers'.
  });
});
