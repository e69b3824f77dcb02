/**
 * kubelet benchmarks (issue 13): 500 nodes with 30 pods each, created bound (spec.nodeName),
 * from the first creation until all 15,000 are Running — wall time and simulated-to-wall
 * speed-up — then the speed-up in the minute after and, after a short settle, while they run
 * steady (leases, no probes), and the heap the
 * node side keeps per pod beyond the pod objects (pod workers, runtime records, sandboxes,
 * processes, logs), measured on the kubelets' own structures without an apiserver so that etcd's
 * history of status writes is not counted. Targets: ≤ 5 KB per pod; ≥ 50× real time steady.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Pod } from 'kubernetes-types/core/v1';
import { bootedCluster } from '../src/sim/cluster';
import { Engine } from '../src/sim/engine';
import { ContainerRuntime } from '../src/sim/node/runtime/container-runtime';
import { PodWorkers } from '../src/sim/node/kubelet/pod-workers';
import { median, selfTimedRuns, type Measurement } from './measure';

/**
 * KUBELET_BENCH_NODES sets the size; the default is the 500 (about three minutes on the
 * project's machine), smaller for a quick look.
 */
const NODES = Number(process.env['KUBELET_BENCH_NODES'] ?? 500);
const PODS_PER_NODE = 30;
const IN_FLIGHT = 100;
const STEADY_SIMULATED_MS = 60_000;
/**
 * Right after the last pod is Running the cluster is still busy with the start's tail (the
 * last Ready status writes, their events, the watch fan-out); the steady figure is taken after
 * this much simulated time, and the first minute after all Running is reported beside it.
 */
const SETTLE_SIMULATED_MS = 10_000;
const CLUSTER_RUNS = Number(process.env['KUBELET_BENCH_RUNS'] ?? 1);

function gc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

function pod(name: string, nodeName: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } };
}

interface ClusterRun {
  toRunningWallMs: number;
  toRunningSimMs: number;
  /** The first minute after the last pod is Running. */
  afterRunningWallMs: number;
  /** A minute after a further settle. */
  steadyWallMs: number;
}

function clusterRun(): ClusterRun {
  const names = Array.from({ length: NODES }, (_, i) => `node-${i + 1}`);
  const cluster = bootedCluster({ nodes: names });
  cluster.engine.runFor(3_000);
  const token = cluster.userToken('kubernetes-admin');
  if (!token) throw new Error('no admin token');
  const admin = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
  const total = NODES * PODS_PER_NODE;
  const running = () => cluster.kubelets.reduce((n, k) => n + k.podWorkers.runningPods, 0);
  let sent = 0;
  let failed = '';
  const sendOne = () => {
    const i = sent++;
    const node = names[i % NODES] ?? 'node-1';
    admin.request('POST', '/api/v1/namespaces/default/pods', { body: pod(`p-${i}`, node) }, (r) => {
      if (r.code !== 201) failed ||= JSON.stringify(r.body);
      if (sent < total) sendOne();
    });
  };
  const simStart = cluster.engine.now();
  const t0 = performance.now();
  for (let i = 0; i < IN_FLIGHT; i++) sendOne();
  while (running() < total) {
    if (failed) throw new Error(`a creation failed: ${failed}`);
    cluster.engine.runFor(1_000);
    if (cluster.engine.now() - simStart > 30 * 60_000) throw new Error(`only ${running()}/${total} Running after 30 simulated minutes`);
  }
  const toRunningWallMs = performance.now() - t0;
  const toRunningSimMs = cluster.engine.now() - simStart;
  const t1 = performance.now();
  cluster.engine.runFor(STEADY_SIMULATED_MS);
  const afterRunningWallMs = performance.now() - t1;
  cluster.engine.runFor(SETTLE_SIMULATED_MS);
  const t2 = performance.now();
  cluster.engine.runFor(STEADY_SIMULATED_MS);
  return { toRunningWallMs, toRunningSimMs, afterRunningWallMs, steadyWallMs: performance.now() - t2 };
}

/** Heap the node side keeps per running pod, beyond the Pod objects themselves. */
function heapPerPodBytes(collect: () => void): number {
  const engine = new Engine({ seed: 1 });
  const pods = Array.from({ length: NODES * PODS_PER_NODE }, (_, i): Pod => {
    const p = pod(`p-${i}`, `node-${(i % NODES) + 1}`);
    return { ...p, metadata: { ...p.metadata, uid: `uid-${i}`, resourceVersion: '1' }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
  });
  collect();
  const before = process.memoryUsage().heapUsed;
  const nodes = Array.from({ length: NODES }, (_, n) => {
    const runtime = new ContainerRuntime(engine, { podCIDR: `10.244.${(n % 250) + 1}.0/24`, preloadedImages: { 'nginx:1.27': 0 } });
    return new PodWorkers(
      engine,
      runtime,
      { setPodStatus: () => {}, deletePod: () => {}, event: () => {}, envLookup: { configMap: () => undefined, secret: () => undefined } },
      () => ({ name: `node-${n + 1}`, hostIP: '10.0.0.1', labels: {}, allocatable: { cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 } }),
    );
  });
  pods.forEach((p, i) => nodes[i % NODES]?.updatePod(p));
  engine.runFor(10_000);
  const runningCount = nodes.reduce((n, w) => n + w.runningPods, 0);
  if (runningCount !== pods.length) throw new Error(`heap run: ${runningCount}/${pods.length} Running`);
  collect();
  const after = process.memoryUsage().heapUsed;
  // Keep everything reachable until measured.
  if (nodes.length + pods.length < 0) console.log(nodes, pods);
  return (after - before) / pods.length;
}

export function kubeletBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  const collect = gc();
  const runs: ClusterRun[] = [];
  // One cluster run (minutes at 500 nodes); the heap figure is the median of three.
  for (let i = 0; i < CLUSTER_RUNS; i++) runs.push(clusterRun());
  const heap = selfTimedRuns(3, () => heapPerPodBytes(collect));
  const wall = runs.map((r) => r.toRunningWallMs);
  const createSpeedup = runs.map((r) => r.toRunningSimMs / r.toRunningWallMs);
  const afterRunning = runs.map((r) => STEADY_SIMULATED_MS / r.afterRunningWallMs);
  const steady = runs.map((r) => STEADY_SIMULATED_MS / r.steadyWallMs);
  return {
    measurements: [
      { name: `${NODES} nodes × ${PODS_PER_NODE} pods: creation to all Running (wall)`, median: median(wall), unit: 'ms', runs: wall },
      { name: '  simulated-to-wall speed-up while they start', median: median(createSpeedup), unit: '×', runs: createSpeedup },
      { name: '  speed-up in the first simulated minute after all Running', median: median(afterRunning), unit: '×', runs: afterRunning },
      { name: `  speed-up with ${(NODES * PODS_PER_NODE).toLocaleString('en-US')} pods running steady (target ≥ 50×)`, median: median(steady), unit: '×', runs: steady },
      { name: 'kubelet heap per running pod beyond its object (target ≤ 5 KB)', median: median(heap) / 1024, unit: 'KB', runs: heap.map((b) => b / 1024) },
    ],
    notes: [
      `simulated time from first creation to all Running: ${runs.map((r) => (r.toRunningSimMs / 1000).toFixed(1)).join(', ')} s; steady: the minute after a further ${SETTLE_SIMULATED_MS / 1000} s settle`,
      'heap per pod: pod workers + runtime (sandbox, container, process, logs) of 15,000 nginx pods on 500 nodes, no apiserver',
    ],
  };
}

/** The heap figure alone (KB per pod, median of three), for a quick look without the cluster runs. */
export function kubeletHeapPerPod(): number {
  const collect = gc();
  return median(selfTimedRuns(3, () => heapPerPodBytes(collect))) / 1024;
}
