/**
 * One run of issue 14's workload benchmark, free of Node: a Deployment of `replicas` from the
 * POST to all its pods Running, with kube-controller-manager, kube-scheduler and the kubelets in
 * the loop, on ceil(replicas/100) nodes. Shared by the Node benchmark (workloads.bench.ts) and
 * the one that runs it in a Web Worker in Chromium (workloads-browser.ts), where the page runs
 * the cluster.
 */
import { bootedCluster, type ClusterOptions } from '../src/sim/cluster';

/** KWOK's DefaultUnlimitedQPS / DefaultUnlimitedBurst (pkg/consts), what its disableQPSLimits sets. */
const KWOK_QPS = 5000;
const KWOK_BURST = 10000;


export function clientLimits(upstreamQPS: boolean): Pick<ClusterOptions, 'kubeControllerManager' | 'kubeScheduler'> {
  return upstreamQPS ? {} : { kubeControllerManager: { kubeAPIQPS: KWOK_QPS, kubeAPIBurst: KWOK_BURST }, kubeScheduler: { clientConnection: { qps: KWOK_QPS, burst: KWOK_BURST } } };
}

/** What the host measures around the timed part: Node has a CPU clock and the heap, a Worker neither. */
export interface RunHooks {
  /** Called after boot, before the timed part, and again after it: a full collection if the host has one. */
  collect(): void;
  heapUsed?(): number;
  /** The process's CPU microseconds (user + system) so far. */
  cpuMicros?(): number;
}

export interface WorkloadRun {
  wallMs: number;
  /** The process's CPU time over the same span, when the host has it: steadier than wall on a shared machine. */
  cpuMs?: number;
  simMs: number;
  heapPerPodBytes?: number;
  /** apiserver requests (audit records) from the POST to all Running, and engine events run. */
  requests: number;
  events: number;
  /** The engine trace's hash at the end: the same in every runtime, since the simulation is deterministic. */
  traceDigest: string;
}

export function runWorkload(replicas: number, upstreamQPS: boolean, hooks: RunHooks): WorkloadRun {
  const nodes = Array.from({ length: Math.ceil(replicas / 100) }, (_, i) => `node-${i + 1}`);
  const cluster = bootedCluster({ nodes, ...clientLimits(upstreamQPS) });
  cluster.engine.runFor(3_000);
  const token = cluster.userToken('kubernetes-admin');
  if (!token) throw new Error('no admin token');
  const admin = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
  const running = () => cluster.kubelets.reduce((n, k) => n + k.podWorkers.runningPods, 0);
  hooks.collect();
  const heapBefore = hooks.heapUsed?.();
  const body = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } } },
  };
  let requests = 0;
  const unobserve = cluster.apiserver.audit.observe(() => requests++);
  const eventsBefore = cluster.engine.eventsRun;
  const simStart = cluster.engine.now();
  const t0 = performance.now();
  const cpu0 = hooks.cpuMicros?.();
  let created = 0;
  admin.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body }, (r) => (created = r.code));
  while (running() < replicas) {
    cluster.engine.runFor(1_000);
    if (created && created !== 201) throw new Error(`Deployment not created: ${created}`);
    if (cluster.engine.now() - simStart > 30 * 60_000) throw new Error(`only ${running()}/${replicas} Running after 30 simulated minutes`);
  }
  const wallMs = performance.now() - t0;
  const cpu1 = hooks.cpuMicros?.();
  const simMs = cluster.engine.now() - simStart;
  const events = cluster.engine.eventsRun - eventsBefore;
  const traceDigest = cluster.engine.trace.digest();
  unobserve();
  hooks.collect();
  const heapAfter = hooks.heapUsed?.();
  // Keep the cluster reachable until measured.
  if (cluster.engine.now() < 0) console.log(cluster);
  return {
    wallMs,
    ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuMs: (cpu1 - cpu0) / 1000 } : {}),
    simMs,
    ...(heapBefore !== undefined && heapAfter !== undefined ? { heapPerPodBytes: (heapAfter - heapBefore) / replicas } : {}),
    requests,
    events,
    traceDigest,
  };
}

/** The notes both benchmarks print under their figures: simulated time, work per pod, the trace, the client limits. */
export function runNotes(runs: readonly WorkloadRun[], replicas: number, upstreamQPS: boolean): string[] {
  return [
    `simulated time to all Running: ${runs.map((r) => (r.simMs / 1000).toFixed(1)).join(', ')} s on ${Math.ceil(replicas / 100)} nodes`,
    `per pod: ${runs.map((r) => (r.requests / replicas).toFixed(1)).join(', ')} apiserver requests, ${runs.map((r) => (r.events / replicas).toFixed(0)).join(', ')} engine events; trace ${[...new Set(runs.map((r) => r.traceDigest))].join(', ')}`,
    upstreamQPS
      ? 'client rate limits: upstream defaults (kube-controller-manager --kube-api-qps 20 --kube-api-burst 30, kube-scheduler clientConnection 50/100)'
      : `client rate limits: KWOK's (kube-controller-manager and kube-scheduler --kube-api-qps=${KWOK_QPS} --kube-api-burst=${KWOK_BURST}); WORKLOADS_BENCH_QPS=upstream for the defaults`,
  ];
}
