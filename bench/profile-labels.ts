/**
 * Where a workload run's time goes, by engine event label: wraps every scheduled event's run
 * with a wall-clock timer (bench-only; the sim itself never reads the clock) and prints the
 * time per component and per kind of event, largest first.
 *   WORKLOADS_BENCH_REPLICAS=2000 node --import tsx bench/profile-labels.ts
 */
import { Engine } from '../src/sim/engine/engine';
import type { EventLabel } from '../src/sim/engine/trace';
import { bootedCluster } from '../src/sim/cluster';

const REPLICAS = Number(process.env['WORKLOADS_BENCH_REPLICAS'] ?? 2_000);
const byKey = new Map<string, { ms: number; n: number }>();
let measuring = false;

/** "kube-apiserver: receive request from kubelet/node-3: PATCH pods/status" → a key without names. */
function keyOf(label: string): string {
  return label
    .replace(/node-\d+/g, 'node-N')
    .replace(/web-[0-9a-z]+-[0-9a-z]+/g, 'POD')
    .replace(/web-[0-9a-z]+/g, 'RS')
    .replace(/\b[0-9a-f]{8,}\b/g, 'ID')
    .replace(/\d+/g, 'N')
    .slice(0, 110);
}

const original = Engine.prototype.scheduleAt;
Engine.prototype.scheduleAt = function (this: Engine, at: number, label: EventLabel, run: () => void, priority?: number) {
  const wrapped = () => {
    if (!measuring) return run();
    const t = performance.now();
    run();
    const key = keyOf(String(label));
    const entry = byKey.get(key) ?? { ms: 0, n: 0 };
    entry.ms += performance.now() - t;
    entry.n++;
    byKey.set(key, entry);
  };
  return original.call(this, at, label, wrapped, priority);
};

const nodes = Array.from({ length: Math.ceil(REPLICAS / 100) }, (_, i) => `node-${i + 1}`);
const cluster = bootedCluster({ nodes, kubeControllerManager: { kubeAPIQPS: 5000, kubeAPIBurst: 10000 }, kubeScheduler: { clientConnection: { qps: 5000, burst: 10000 } } });
cluster.engine.runFor(3_000);
const admin = cluster.client('kubectl', { bearerToken: cluster.userToken('kubernetes-admin') ?? '' }, 'kubectl');
const running = () => cluster.kubelets.reduce((n, k) => n + k.podWorkers.runningPods, 0);
const body = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } } },
};
measuring = true;
const t0 = performance.now();
admin.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body }, () => undefined);
while (running() < REPLICAS) cluster.engine.runFor(1_000);
const total = performance.now() - t0;
measuring = false;

const byComponent = new Map<string, { ms: number; n: number }>();
for (const [key, v] of byKey) {
  const component = key.split(':')[0] ?? key;
  const e = byComponent.get(component) ?? { ms: 0, n: 0 };
  e.ms += v.ms;
  e.n += v.n;
  byComponent.set(component, e);
}
const print = (title: string, map: Map<string, { ms: number; n: number }>, top: number) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    console.log(`${v.ms.toFixed(0).padStart(7)} ms ${((100 * v.ms) / total).toFixed(1).padStart(5)}% ${String(v.n).padStart(8)}× ${((1000 * v.ms) / v.n).toFixed(1).padStart(7)} µs  ${k}`);
  }
};
console.log(`${REPLICAS} replicas: ${total.toFixed(0)} ms wall`);
print('by component', byComponent, 30);
print('by event', byKey, 60);
