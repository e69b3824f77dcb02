/**
 * One piece of the pod path, run once for a CPU profile:
 *   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-path.ts create|list|whole|workloads
 * create: 10,000 pod creations through the apiserver (bench/apiserver.bench.ts's case);
 * list: a consistent list of 10,000 pods of a namespace, 50 times;
 * whole: kube-scheduler's whole path (SCHEDULER_BENCH_WHOLE_NODES / _PODS, default 5,000 / 10,000),
 *   its timed part profiled in-process into PROFILE_OUT (run without --cpu-prof);
 * workloads: a Deployment to all pods Running (WORKLOADS_BENCH_REPLICAS).
 * Prints the wall time of the piece; read the profile with bench/profile-top.ts.
 */
import { bootedCluster } from '../src/sim/cluster';
import type { RestClient } from '../src/sim/client/rest-client';

const what = process.argv[2] ?? 'create';

function admin(cluster: ReturnType<typeof bootedCluster>): RestClient {
  return cluster.client('kubectl', { bearerToken: cluster.userToken('kubernetes-admin') ?? '' }, 'kubectl');
}

function createPods(cluster: ReturnType<typeof bootedCluster>, client: RestClient, count: number): void {
  let sent = 0;
  let answered = 0;
  const sendOne = () => {
    const i = sent++;
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default', labels: { app: 'bench' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } };
    client.request('POST', '/api/v1/namespaces/default/pods', { body }, (r) => {
      answered++;
      if (r.code !== 201) throw new Error(JSON.stringify(r.body));
      if (sent < count) sendOne();
    });
  };
  for (let i = 0; i < 100; i++) sendOne();
  while (answered < count && cluster.engine.step()) {
    // until all are answered
  }
}

const t0 = performance.now();
if (what === 'create') {
  for (let run = 0; run < 3; run++) {
    const cluster = bootedCluster({ seed: 1, scheduler: false });
    cluster.engine.runFor(5_000);
    const t = performance.now();
    createPods(cluster, admin(cluster), 10_000);
    console.log(`create: ${(10_000 / ((performance.now() - t) / 1000)).toFixed(0)} creations/s`);
  }
} else if (what === 'list') {
  const cluster = bootedCluster({ seed: 2 });
  cluster.engine.runFor(5_000);
  const client = admin(cluster);
  createPods(cluster, client, 10_000);
  cluster.engine.runFor(5_000);
  const t = performance.now();
  for (let i = 0; i < 50; i++) {
    let done = false;
    client.request('GET', '/api/v1/namespaces/default/pods', {}, () => (done = true));
    while (!done && cluster.engine.step()) {
      // until answered
    }
  }
  console.log(`list: ${((performance.now() - t) / 50).toFixed(2)} ms each`);
} else if (what === 'whole') {
  const { wholePath } = await import('./scheduler.bench');
  const nodes = Number(process.env['SCHEDULER_BENCH_WHOLE_NODES'] ?? 5_000);
  const pods = Number(process.env['SCHEDULER_BENCH_WHOLE_PODS'] ?? 10_000);
  // Only the timed part is profiled (the nodes' and pods' creation is not): PROFILE_OUT=FILE.
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  // HEAP_OUT=FILE instead samples the allocations of the timed part still alive at its end
  // (a .heapprofile for Chrome's memory panel, or bench/profile-heap.ts): what the path retains.
  const heapOut = process.env['HEAP_OUT'];
  let stopped: Promise<unknown> | undefined;
  const figure = wholePath(nodes, pods, {
    start: () => {
      if (heapOut) {
        session.post('HeapProfiler.enable');
        // HEAP_ALL=1: every allocation, the collected ones too (what the GC has to deal with).
        const all = process.env['HEAP_ALL'] === '1';
        session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: all, includeObjectsCollectedByMinorGC: all });
        return;
      }
      session.post('Profiler.enable');
      session.post('Profiler.start');
    },
    stop: () => {
      stopped = heapOut ? post('HeapProfiler.stopSampling') : post('Profiler.stop');
    },
  });
  const out = heapOut ?? process.env['PROFILE_OUT'];
  const result = (await stopped) as { profile: object };
  if (out) writeFileSync(out, JSON.stringify(result.profile));
  console.log(`whole: ${figure.toFixed(0)} pods/s`);
} else if (what === 'workloads') {
  const { workloadBenchmarks } = await import('./workloads.bench');
  // HEAP_OUT=FILE samples the run's allocations, cluster boot included: those alive at the end;
  // with HEAP_ALL=1 every one; with HEAP_PROMOTED=1 those no scavenge collected (what the GC
  // promotes: alive at the end or collected only by a full collection).
  const heapOut = process.env['HEAP_OUT'];
  const { Session } = await import('node:inspector');
  const session = new Session();
  if (heapOut) {
    session.connect();
    session.post('HeapProfiler.enable');
    const all = process.env['HEAP_ALL'] === '1';
    const promoted = process.env['HEAP_PROMOTED'] === '1';
    session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: all || promoted, includeObjectsCollectedByMinorGC: all });
  }
  const { measurements, notes } = workloadBenchmarks();
  if (heapOut) {
    const { writeFileSync } = await import('node:fs');
    const result = await new Promise<{ profile: object }>((resolve, reject) => session.post('HeapProfiler.stopSampling', (error, r) => (error ? reject(error) : resolve(r as { profile: object }))));
    writeFileSync(heapOut, JSON.stringify(result.profile));
  }
  for (const m of measurements) console.log(m.name, m.median.toFixed(1), m.unit);
  console.log(notes.join('\n'));
}
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
