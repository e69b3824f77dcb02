/**
 * kube-apiserver benchmarks (issue 4): pod creations per second through the whole pipeline
 * (network hop, authentication, authorization, admission, validation, an etcd transaction, the
 * watch cache), a list of 10,000 pods, a namespace list of 3,000 pods, and the cost of one watch
 * event fanned out to 10 informers. Wall time is measured around simulated work: the engine runs
 * as fast as it can.
 */
import { bootedCluster, type Cluster } from '../src/sim/cluster';
import { Informer } from '../src/sim/client/informer';
import type { RestClient } from '../src/sim/client/rest-client';
import type { ApiResponse } from '../src/sim/api/http';
import { plainHeapEventsPerSecond } from './engine.bench';
import { median, selfTimedRuns, timeRuns, type Measurement } from './measure';

const CREATIONS = 10_000;

function pod(name: string, namespace: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

function settle(cluster: Cluster): void {
  cluster.engine.runUntil(cluster.engine.now() + 5_000);
}

/** In-flight requests at a time, as a client with a pool of connections keeps them. */
const IN_FLIGHT = 100;

/** Sends `count` creations, IN_FLIGHT at a time, and runs the engine until every answer is back; returns wall ms. */
function createPods(cluster: Cluster, client: RestClient, namespace: string, count: number, prefix: string): number {
  let answered = 0;
  let sent = 0;
  let failed: ApiResponse | undefined;
  const t0 = performance.now();
  const sendOne = () => {
    const i = sent++;
    client.request('POST', `/api/v1/namespaces/${namespace}/pods`, { body: pod(`${prefix}-${i}`, namespace) }, (r) => {
      answered++;
      if (r.code !== 201) failed ??= r;
      if (sent < count) sendOne();
    });
  };
  for (let i = 0; i < Math.min(IN_FLIGHT, count); i++) sendOne();
  while (answered < count && cluster.engine.step()) {
    // run until every creation is answered
  }
  const ms = performance.now() - t0;
  if (failed) throw new Error(`a creation failed: ${JSON.stringify(failed.body)}`);
  if (answered < count) throw new Error(`only ${answered}/${count} creations answered`);
  return ms;
}

function listOnce(cluster: Cluster, client: RestClient, path: string): { ms: number; items: number } {
  let items = -1;
  const t0 = performance.now();
  client.request('GET', path, {}, (r) => {
    items = (r.body as { items?: unknown[] }).items?.length ?? -1;
  });
  while (items < 0 && cluster.engine.step()) {
    // until the answer is back
  }
  return { ms: performance.now() - t0, items };
}

function adminClient(cluster: Cluster): RestClient {
  const token = cluster.userToken('kubernetes-admin');
  if (!token) throw new Error('no admin token');
  return cluster.client('kubectl', { bearerToken: token }, 'kubectl');
}

function namespace(cluster: Cluster, client: RestClient, name: string): void {
  client.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } }, () => {});
  settle(cluster);
}

export function apiserverBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  const notes: string[] = [];

  // Creations: a fresh cluster each run, 10,000 pods in one namespace. kube-scheduler is off so
  // the figure is the creation path itself (the load the scheduler, controllers and kubelets put
  // on it comes on top); the bare heap runs between creation runs, so the ratio compares the two
  // under the same machine load.
  const creationRuns: number[] = [];
  const creationCpuRuns: number[] = [];
  const heapRuns: number[] = [];
  plainHeapEventsPerSecond();
  for (let run = 0; run < 7; run++) {
    const cluster = bootedCluster({ seed: 1, scheduler: false });
    settle(cluster);
    const client = adminClient(cluster);
    // Process CPU time too: on a shared machine it moves less than wall time with the load.
    const cpu0 = process.cpuUsage();
    const ms = createPods(cluster, client, 'default', CREATIONS, 'p');
    const cpu = process.cpuUsage(cpu0);
    creationRuns.push(CREATIONS / (ms / 1000));
    creationCpuRuns.push(CREATIONS / ((cpu.user + cpu.system) / 1e6));
    heapRuns.push(plainHeapEventsPerSecond());
  }
  const perMillion = creationRuns.map((c, i) => c / ((heapRuns[i] as number) / 1e6));
  notes.push(
    `pod creations per million bare-heap events/s: ${Math.round(median(perMillion)).toLocaleString('en-US')} (median of ${perMillion.length} paired runs; heap ${(median(heapRuns) / 1e6).toFixed(2)} M events/s; target >= 1,500)`,
    `pod creations per second of process CPU time: ${Math.round(median(creationCpuRuns)).toLocaleString('en-US')} (median of ${creationCpuRuns.length})`,
  );

  // Lists: 10,000 pods in `default`, 3,000 in `team-a`.
  const cluster = bootedCluster({ seed: 2 });
  settle(cluster);
  const client = adminClient(cluster);
  namespace(cluster, client, 'team-a');
  createPods(cluster, client, 'default', 10_000, 'p');
  createPods(cluster, client, 'team-a', 3_000, 't');
  settle(cluster);
  const sizes = new Set<number>();
  // resourceVersion "": a consistent read, served by the watch cache once it is fresh (1.31+).
  const listAll = timeRuns(21, () => sizes.add(listOnce(cluster, client, '/api/v1/namespaces/default/pods').items));
  const listNs = timeRuns(51, () => sizes.add(listOnce(cluster, client, '/api/v1/namespaces/team-a/pods').items));
  const listNsCache = timeRuns(51, () => sizes.add(listOnce(cluster, client, '/api/v1/namespaces/team-a/pods?resourceVersion=0').items));
  // With a limit the cacher delegates to etcd (shouldDelegateList), decoding every value.
  const listNsEtcd = timeRuns(21, () => sizes.add(listOnce(cluster, client, '/api/v1/namespaces/team-a/pods?limit=5000').items));
  notes.push(`list sizes seen: ${[...sizes].sort((a, b) => a - b).join(', ')} (expect 3000 and 10000)`);

  // Watch fan-out: 10 pod informers; every engine event is timed, and the ones that fan a
  // pod event out (the watch cache applying etcd's event and sending it to each watcher) and
  // deliver it (each informer receiving it and running its handler) are summed, per delivery.
  const FANOUT_PODS = 1_000;
  const fanout = bootedCluster({ seed: 3 });
  settle(fanout);
  const fanClient = adminClient(fanout);
  let delivered = 0;
  const informers: Informer[] = [];
  for (let i = 0; i < 10; i++) {
    const informer = new Informer(fanout.engine, fanout.client(`bench-informer-${i}`, { bearerToken: fanout.userToken('kubernetes-admin') ?? '' }, 'bench'), 'pods');
    informer.addEventHandler({ onAdd: () => delivered++ });
    informer.start();
    informers.push(informer);
  }
  settle(fanout);
  let round = 0;
  const perDeliveryUs = selfTimedRuns(9, () => {
    const target = delivered + FANOUT_PODS * 10;
    const before = delivered;
    let fanMs = 0;
    let sent = 0;
    let answered = 0;
    const sendOne = () => {
      const i = sent++;
      fanClient.request('POST', '/api/v1/namespaces/default/pods', { body: pod(`r${round}-${i}`, 'default') }, () => {
        answered++;
        if (sent < FANOUT_PODS) sendOne();
      });
    };
    for (let i = 0; i < IN_FLIGHT; i++) sendOne();
    for (;;) {
      if (delivered >= target && answered >= FANOUT_PODS) break;
      const t0 = performance.now();
      const ran = fanout.engine.step();
      const ms = performance.now() - t0;
      if (!ran) break;
      if (ran.label.startsWith('bench-informer-') || ran.label.includes('receive watch-event from etcd: watch /registry/pods/')) fanMs += ms;
    }
    round++;
    return (fanMs * 1000) / Math.max(1, delivered - before);
  });
  notes.push(`fan-out: ${FANOUT_PODS} pod creations per run, ${delivered} deliveries to 10 informers in all; the figure includes decoding each event once in the watch cache`);
  for (const i of informers) i.stop();

  return {
    measurements: [
      { name: `pod creations through the pipeline (${CREATIONS.toLocaleString('en-US')}, ${IN_FLIGHT} in flight)`, median: median(creationRuns), unit: 'creations/s', runs: creationRuns },
      { name: 'list 10,000 pods of a namespace (consistent, watch cache)', median: median(listAll), unit: 'ms', runs: listAll },
      { name: 'list 3,000 pods of a namespace (consistent, watch cache)', median: median(listNs), unit: 'ms', runs: listNs },
      { name: 'list 3,000 pods of a namespace (resourceVersion=0)', median: median(listNsCache), unit: 'ms', runs: listNsCache },
      { name: 'list 3,000 pods of a namespace (?limit=5000: from etcd)', median: median(listNsEtcd), unit: 'ms', runs: listNsEtcd },
      { name: 'watch event to 10 informers, per informer', median: median(perDeliveryUs), unit: 'µs', runs: perDeliveryUs },
    ],
    notes,
  };
}
