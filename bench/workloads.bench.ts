/**
 * Workload controllers benchmark (issue 14): a Deployment of N replicas (WORKLOADS_BENCH_REPLICAS,
 * default 2,000; the target is 10,000 in ≤ 10 s wall) from the POST of the Deployment to
 * all N pods Running, with kube-controller-manager (deployment, replicaset, garbage collector),
 * kube-scheduler and the kubelets all in the loop, on ceil(N/100) nodes (110 pods each at
 * most). Reports wall time, simulated time, and the heap the whole cluster grew by per pod
 * (pod, ReplicaSet status writes, etcd history, watch caches, informers, kubelet records).
 *
 * Client rate limits: by default the run raises them as KWOK's scale setup does
 * (kwokctl's disableQPSLimits: kube-controller-manager and kube-scheduler with
 * `--kube-api-qps=5000 --kube-api-burst=10000`), since upstream's defaults (kube-controller-manager
 * 20/30, kube-scheduler clientConnection 50/100) make the ReplicaSet controller create at most
 * 20 pods a simulated second. WORKLOADS_BENCH_QPS=upstream runs with those defaults instead.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bootedCluster, type ClusterOptions } from '../src/sim/cluster';
import { median, type Measurement } from './measure';

const REPLICAS = Number(process.env['WORKLOADS_BENCH_REPLICAS'] ?? 2_000);
const RUNS = Number(process.env['WORKLOADS_BENCH_RUNS'] ?? 1);
const UPSTREAM_QPS = process.env['WORKLOADS_BENCH_QPS'] === 'upstream';
/** KWOK's DefaultUnlimitedQPS / DefaultUnlimitedBurst (pkg/consts), what its disableQPSLimits sets. */
const KWOK_QPS = 5000;
const KWOK_BURST = 10000;
const clientLimits: Pick<ClusterOptions, 'kubeControllerManager' | 'kubeScheduler'> = UPSTREAM_QPS
  ? {}
  : { kubeControllerManager: { kubeAPIQPS: KWOK_QPS, kubeAPIBurst: KWOK_BURST }, kubeScheduler: { clientConnection: { qps: KWOK_QPS, burst: KWOK_BURST } } };

function gc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

interface Run {
  wallMs: number;
  /** The process's CPU time (user + system) over the same span: steadier than wall on a shared machine. */
  cpuMs: number;
  simMs: number;
  heapPerPodBytes: number;
  /** apiserver requests (audit records) from the POST to all Running, and engine events run. */
  requests: number;
  events: number;
}

function run(collect: () => void): Run {
  const nodes = Array.from({ length: Math.ceil(REPLICAS / 100) }, (_, i) => `node-${i + 1}`);
  const cluster = bootedCluster({ nodes, ...clientLimits });
  cluster.engine.runFor(3_000);
  const token = cluster.userToken('kubernetes-admin');
  if (!token) throw new Error('no admin token');
  const admin = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
  const running = () => cluster.kubelets.reduce((n, k) => n + k.podWorkers.runningPods, 0);
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const body = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } } },
  };
  let requests = 0;
  const unobserve = cluster.apiserver.audit.observe(() => requests++);
  const eventsBefore = cluster.engine.eventsRun;
  const simStart = cluster.engine.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let created = 0;
  admin.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body }, (r) => (created = r.code));
  while (running() < REPLICAS) {
    cluster.engine.runFor(1_000);
    if (created && created !== 201) throw new Error(`Deployment not created: ${created}`);
    if (cluster.engine.now() - simStart > 30 * 60_000) throw new Error(`only ${running()}/${REPLICAS} Running after 30 simulated minutes`);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const simMs = cluster.engine.now() - simStart;
  const events = cluster.engine.eventsRun - eventsBefore;
  unobserve();
  collect();
  const heapPerPodBytes = (process.memoryUsage().heapUsed - heapBefore) / REPLICAS;
  // Keep the cluster reachable until measured.
  if (cluster.engine.now() < 0) console.log(cluster);
  return { wallMs, cpuMs, simMs, heapPerPodBytes, requests, events };
}

export function workloadBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  const collect = gc();
  const runs = Array.from({ length: RUNS }, () => run(collect));
  const n = REPLICAS.toLocaleString('en-US');
  return {
    measurements: [
      { name: `Deployment of ${n} replicas: apply to all Running (wall; 10,000 ≤ 10 s)`, median: median(runs.map((r) => r.wallMs)), unit: 'ms', runs: runs.map((r) => r.wallMs) },
      { name: '  CPU time (user + system) over the same span', median: median(runs.map((r) => r.cpuMs)), unit: 'ms', runs: runs.map((r) => r.cpuMs) },
      { name: '  cluster heap growth per pod', median: median(runs.map((r) => r.heapPerPodBytes / 1024)), unit: 'KB', runs: runs.map((r) => r.heapPerPodBytes / 1024) },
    ],
    notes: [
      `simulated time to all Running: ${runs.map((r) => (r.simMs / 1000).toFixed(1)).join(', ')} s on ${Math.ceil(REPLICAS / 100)} nodes`,
      `per pod: ${runs.map((r) => (r.requests / REPLICAS).toFixed(1)).join(', ')} apiserver requests, ${runs.map((r) => (r.events / REPLICAS).toFixed(0)).join(', ')} engine events`,
      UPSTREAM_QPS
        ? 'client rate limits: upstream defaults (kube-controller-manager --kube-api-qps 20 --kube-api-burst 30, kube-scheduler clientConnection 50/100)'
        : `client rate limits: KWOK's (kube-controller-manager and kube-scheduler --kube-api-qps=${KWOK_QPS} --kube-api-burst=${KWOK_BURST}); WORKLOADS_BENCH_QPS=upstream for the defaults`,
    ],
  };
}

if (process.argv[1]?.endsWith('workloads.bench.ts')) {
  const { printSuite } = await import('./measure');
  printSuite(workloadBenchmarks());
}
