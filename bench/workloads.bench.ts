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
import { median, type Measurement } from './measure';
import { runNotes, runWorkload, type WorkloadRun } from './workloads-run';

const REPLICAS = Number(process.env['WORKLOADS_BENCH_REPLICAS'] ?? 2_000);
const RUNS = Number(process.env['WORKLOADS_BENCH_RUNS'] ?? 1);
const UPSTREAM_QPS = process.env['WORKLOADS_BENCH_QPS'] === 'upstream';

function gc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

function run(collect: () => void): Required<WorkloadRun> {
  const r = runWorkload(REPLICAS, UPSTREAM_QPS, {
    collect,
    heapUsed: () => process.memoryUsage().heapUsed,
    cpuMicros: () => {
      const c = process.cpuUsage();
      return c.user + c.system;
    },
  });
  return { ...r, cpuMs: r.cpuMs ?? NaN, heapPerPodBytes: r.heapPerPodBytes ?? NaN };
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
    notes: runNotes(runs, REPLICAS, UPSTREAM_QPS),
  };
}

if (process.argv[1]?.endsWith('workloads.bench.ts')) {
  const { printSuite } = await import('./measure');
  printSuite(workloadBenchmarks());
}
