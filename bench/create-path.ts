/**
 * The apiserver's create path, per request, for A/B runs of its CPU cost:
 *   node --import tsx bench/create-path.ts [pods|events|both] [ROUNDS]
 * pods: 5,000 POSTs of a pod as the ReplicaSet controller writes one (generateName, the
 * pod-template-hash label, an owner reference, requests); events: 10,000 POSTs of an Event as
 * the event recorder writes one. Each round boots a fresh cluster; prints the process CPU time
 * (user + system, so the collector's threads count) and the wall time per request, per round,
 * and their medians over the rounds after the first (a warm-up).
 */
import { bootedCluster } from '../src/sim/cluster';
import type { RestClient } from '../src/sim/client/rest-client';
import { kubeletEvent, replicaSetPod } from './sample-bodies';

const what = process.argv[2] ?? 'both';
const rounds = Number(process.argv[3] ?? 5);

type Cluster = ReturnType<typeof bootedCluster>;

function admin(cluster: Cluster): RestClient {
  return cluster.client('replicaset-controller', { bearerToken: cluster.userToken('kubernetes-admin') ?? '' }, 'kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/70d3cc9/system:serviceaccount:kube-system:replicaset-controller');
}

function post(cluster: Cluster, client: RestClient, path: string, count: number, body: (i: number) => Record<string, unknown>): void {
  let sent = 0;
  let answered = 0;
  const sendOne = () => {
    const i = sent++;
    client.request('POST', path, { body: body(i) }, (r) => {
      answered++;
      // A generated name can collide (five random characters), as it can for the real controller.
      if (r.code !== 201 && r.code !== 409) throw new Error(JSON.stringify(r.body));
      if (sent < count) sendOne();
    });
  };
  for (let i = 0; i < 100; i++) sendOne();
  while (answered < count && cluster.engine.step()) {
    // until all are answered
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function measure(label: string, count: number, run: (cluster: Cluster, client: RestClient) => void): void {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const cluster = bootedCluster({ seed: 1, scheduler: false });
    cluster.engine.runFor(5_000);
    const client = admin(cluster);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(cluster, client);
    const w = ((performance.now() - t0) * 1000) / count;
    const c = process.cpuUsage(c0);
    const u = (c.user + c.system) / count;
    console.log(`${label} round ${round}: ${u.toFixed(1)} µs CPU, ${w.toFixed(1)} µs wall per request`);
    if (round > 0 || rounds === 1) {
      cpu.push(u);
      wall.push(w);
    }
  }
  console.log(`${label}: median ${median(cpu).toFixed(1)} µs CPU, ${median(wall).toFixed(1)} µs wall per request`);
}

if (what === 'pods' || what === 'both') measure('pods', 5_000, (cluster, client) => post(cluster, client, '/api/v1/namespaces/default/pods', 5_000, replicaSetPod));
if (what === 'events' || what === 'both') measure('events', 10_000, (cluster, client) => post(cluster, client, '/api/v1/namespaces/default/events', 10_000, kubeletEvent));
