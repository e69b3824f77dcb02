/**
 * In-process A/B of the apiserver's field manager on the writes of a real workload run:
 *   FM_RECORD_TREE=DIR FM_TREES=A,B node --import tsx bench/field-manager-replay.ts
 * FM_RECORD_TREE is a worktree whose generic-registry.ts pushes every managedFieldsOf call
 * ({ live, next, request, out }) onto globalThis.__fmRecord (not kept in the code base: in
 * GenericRegistry.managedFields, name the request object, then
 *   const out = managedFieldsOf(live, next, request);
 *   (globalThis as unknown as { __fmRecord?: unknown[] }).__fmRecord?.push({ live, next, request, out });
 *   return out;
 * ); its cluster runs a Deployment of FM_REPLICAS (default 1,000) to all Running, then
 * each tree of FM_TREES (worktrees) replays the recorded calls through its own managedFieldsOf,
 * FM_ROUNDS times alternating, with each live object's managedFields replaced by what that
 * tree's replay stored for it (so its decode caches see their own output, as in a real run).
 * Prints the time per kind of write, and whether every tree stored byte-identical JSON.
 * FM_INTERLEAVE=N then times N more rounds call by call, the trees taking turns on each call
 * (in alternating order) with the inputs their first replay had: on a shared, loaded machine
 * the disturbance then falls on every tree alike. FM_HEAP=1 also samples allocations and sums
 * them per tree (by source path).
 */
import { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Json = Record<string, unknown>;
interface Call {
  live: (Json & { metadata: Json }) | undefined;
  next: Json & { metadata: Json };
  request: { subresource: string; userAgent: string; fieldManager: string | null };
  out: Json[];
}
type ManagedFieldsOf = (live: unknown, next: unknown, request: unknown) => Json[];

const recordTree = process.env['FM_RECORD_TREE'];
const trees = (process.env['FM_TREES'] ?? '').split(',').filter(Boolean);
if (!recordTree || trees.length === 0) throw new Error('FM_RECORD_TREE and FM_TREES are required');
const REPLICAS = Number(process.env['FM_REPLICAS'] ?? 1000);
const ROUNDS = Number(process.env['FM_ROUNDS'] ?? 5);

const record: Call[] = [];
(globalThis as { __fmRecord?: unknown[] }).__fmRecord = record;
{
  const { bootedCluster } = (await import(`${recordTree}/src/sim/cluster.ts`)) as typeof import('../src/sim/cluster');
  const nodes = Array.from({ length: Math.ceil(REPLICAS / 100) }, (_, i) => `node-${i + 1}`);
  const cluster = bootedCluster({ nodes, kubeControllerManager: { kubeAPIQPS: 5000, kubeAPIBurst: 10000 }, kubeScheduler: { clientConnection: { qps: 5000, burst: 10000 } } });
  cluster.engine.runFor(3_000);
  const admin = cluster.client('kubectl', { bearerToken: cluster.userToken('kubernetes-admin') ?? '' }, 'kubectl');
  const body = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } } },
  };
  admin.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body }, () => {});
  const running = () => cluster.kubelets.reduce((n, k) => n + k.podWorkers.runningPods, 0);
  while (running() < REPLICAS) cluster.engine.runFor(1_000);
}
delete (globalThis as { __fmRecord?: unknown[] }).__fmRecord;

/** The calls whose output was a given list of entries (by their identities): a later call may store the same entries again. */
const ids = new Map<unknown, number>();
const keyOf = (list: unknown[]) =>
  list
    .map((e) => {
      let id = ids.get(e);
      if (id === undefined) ids.set(e, (id = ids.size));
      return id;
    })
    .join(',');
const origins = new Map<string, number[]>();
record.forEach((c, i) => {
  if (!c.out.length) return;
  const k = keyOf(c.out);
  const list = origins.get(k) ?? [];
  list.push(i);
  origins.set(k, list);
});
/** The last call before `before` that stored `list`. */
function originOf(list: unknown[], before: number): number | undefined {
  const calls = origins.get(keyOf(list));
  let found: number | undefined;
  for (const j of calls ?? []) if (j < before) found = j;
  return found;
}
function kindOf(c: Call): string {
  const kind = `${String(c.next['kind'])}${c.request.subresource ? `/${c.request.subresource}` : ''}`;
  return `${c.live ? 'update' : 'create'} ${kind} by ${c.request.fieldManager ?? c.request.userAgent.split('/')[0]}`;
}
const kinds = record.map(kindOf);

/** The object with its managedFields as `outs` (this tree's replay) stored them; metadata shared as it was. */
function rebased(o: Call['next'], outs: Json[][], metas: Map<object, Json>, before: number): Call['next'] {
  const mf = o.metadata['managedFields'];
  const j = Array.isArray(mf) && mf.length ? originOf(mf, before) : undefined;
  if (j === undefined) return o;
  let meta = metas.get(o.metadata);
  if (!meta) {
    // The list as that call answered it: the registry stores it uncopied (since h-fm; base copied it, and reads it no other way).
    meta = { ...o.metadata, managedFields: outs[j] as Json[] };
    metas.set(o.metadata, meta);
  }
  return { ...o, metadata: meta };
}

function gc(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}
const collect = gc();

const modules: ManagedFieldsOf[] = [];
for (const t of trees) modules.push(((await import(`${t}/src/sim/apiserver/fieldmanager/field-manager.ts`)) as { managedFieldsOf: ManagedFieldsOf }).managedFieldsOf);

/** Each tree's inputs of every call, as its first replay rebased them (for FM_INTERLEAVE). */
const inputsByTree: [Call['live'], Call['next'], Call['request']][][] = [];
let inputs: [Call['live'], Call['next'], Call['request']][] | undefined;

function replay(f: ManagedFieldsOf, times: Map<string, number>): Json[][] {
  const outs: Json[][] = [];
  const metas = new Map<object, Json>();
  // Rebase first (the harness's own allocation), then time the calls alone.
  for (let i = 0; i < record.length; i++) {
    const c = record[i] as Call;
    const live = c.live ? rebased(c.live, outs, metas, i) : undefined;
    const next = rebased(c.next, outs, metas, i);
    inputs?.push([live, next, c.request]);
    const t0 = performance.now();
    outs.push(f(live, next, c.request));
    const dt = performance.now() - t0;
    const k = kinds[i] as string;
    times.set(k, (times.get(k) ?? 0) + dt);
  }
  inputs = undefined;
  return outs;
}

const totals = trees.map(() => [] as number[]);
/** The process's CPU time over each tree's replay (harness included): steadier than wall on a shared machine. */
const cpus = trees.map(() => [] as number[]);
const byKind = trees.map(() => new Map<string, number[]>());
let identical = true;
for (let round = 0; round < ROUNDS; round++) {
  const results: string[][] = [];
  trees.forEach((_, t) => {
    collect();
    const times = new Map<string, number>();
    const cpu0 = process.cpuUsage();
    if (round === 0) inputsByTree.push((inputs = []));
    const outs = replay(modules[t] as ManagedFieldsOf, times);
    const cpu = process.cpuUsage(cpu0);
    cpus[t]?.push((cpu.user + cpu.system) / 1000);
    let total = 0;
    for (const [k, v] of times) {
      total += v;
      const list = byKind[t]?.get(k) ?? [];
      list.push(v);
      byKind[t]?.set(k, list);
    }
    totals[t]?.push(total);
    if (round === 0) results.push(outs.map((o) => JSON.stringify(o)));
  });
  if (round === 0) {
    for (let t = 1; t < trees.length; t++) {
      const a = results[0] as string[];
      const b = results[t] as string[];
      for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i]) {
          identical = false;
          console.log(`call ${i} (${kinds[i]}) differs:\n  ${a[i]}\n  ${b[i]}`);
          break;
        }
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// On a shared machine the fastest round is the least disturbed: FM_STAT=min reads that one.
const stat = process.env['FM_STAT'] === 'min' ? (xs: number[]) => Math.min(...xs) : median;
const counts = new Map<string, number>();
for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
console.log(`${record.length} calls from a ${REPLICAS}-replica run; ${process.env['FM_STAT'] === 'min' ? 'minimum' : 'median'} of ${ROUNDS} rounds, µs per call`);
console.log(`${'write'.padEnd(60)} ${'count'.padStart(6)} ${trees.map((t) => t.split('/').pop()?.padStart(10)).join(' ')}`);
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) {
  console.log(`${k.padEnd(60)} ${String(n).padStart(6)} ${trees.map((_, t) => ((stat(byKind[t]?.get(k) ?? [0]) * 1000) / n).toFixed(1).padStart(10)).join(' ')}`);
}
console.log(`${'all, wall of the calls (ms)'.padEnd(60)} ${String(record.length).padStart(6)} ${trees.map((_, t) => stat(totals[t] ?? []).toFixed(1).padStart(10)).join(' ')}`);
console.log(`${'all, CPU of the replay with its harness (ms)'.padEnd(60)} ${String(record.length).padStart(6)} ${trees.map((_, t) => stat(cpus[t] ?? []).toFixed(1).padStart(10)).join(' ')}`);
console.log(identical ? 'stored managedFields: byte-identical across trees' : 'stored managedFields DIFFER');

const INTERLEAVE = Number(process.env['FM_INTERLEAVE'] ?? 0);
if (INTERLEAVE > 0) {
  const sums = trees.map(() => new Map<string, number>());
  // Two rounds to warm up, not counted.
  for (let round = 0; round < INTERLEAVE + 2; round++) {
    for (let i = 0; i < record.length; i++) {
      for (let turn = 0; turn < trees.length; turn++) {
        const t = (round + i + turn) % trees.length;
        const [live, next, request] = (inputsByTree[t] as [Call['live'], Call['next'], Call['request']][])[i] as [Call['live'], Call['next'], Call['request']];
        const t0 = performance.now();
        (modules[t] as ManagedFieldsOf)(live, next, request);
        const dt = performance.now() - t0;
        if (round < 2) continue;
        const k = kinds[i] as string;
        const m = sums[t] as Map<string, number>;
        m.set(k, (m.get(k) ?? 0) + dt);
      }
    }
  }
  console.log(`\ninterleaved, ${INTERLEAVE} rounds: µs per call, and the first tree's time over each other's`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (n < 100) continue;
    const per = trees.map((_, t) => ((sums[t]?.get(k) ?? 0) * 1000) / n / INTERLEAVE);
    console.log(`${k.padEnd(60)} ${String(n).padStart(6)} ${per.map((v) => v.toFixed(1).padStart(10)).join(' ')}   ${per.slice(1).map((v) => `×${((per[0] as number) / v).toFixed(2)}`).join(' ')}`);
  }
  const all = trees.map((_, t) => [...(sums[t] as Map<string, number>).values()].reduce((a, b) => a + b, 0) / INTERLEAVE);
  console.log(`${'all calls (ms per replay)'.padEnd(60)} ${String(record.length).padStart(6)} ${all.map((v) => v.toFixed(1).padStart(10)).join(' ')}   ${all.slice(1).map((v) => `×${((all[0] as number) / v).toFixed(2)}`).join(' ')}`);
}

if (process.env['FM_HEAP'] === '1') {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  for (let t = 0; t < trees.length; t++) {
    collect();
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    replay(modules[t] as ManagedFieldsOf, new Map());
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
    interface Node {
      callFrame: { url: string; functionName: string };
      selfSize: number;
      children: Node[];
    }
    const tree = trees[t] as string;
    const byFile = new Map<string, number>();
    const walk = (n: Node) => {
      const url = n.callFrame.url;
      if (url.includes(tree) && url.includes('fieldmanager')) {
        const f = url.slice(url.lastIndexOf('/') + 1);
        byFile.set(f, (byFile.get(f) ?? 0) + n.selfSize);
      }
      n.children.forEach(walk);
    };
    walk(profile.head);
    const sum = [...byFile.values()].reduce((a, b) => a + b, 0);
    console.log(`${tree}: ${(sum / 1e6).toFixed(1)} MB sampled in fieldmanager/, ${(sum / record.length).toFixed(0)} B per call (${[...byFile].map(([f, b]) => `${f} ${(b / 1e6).toFixed(1)}`).join(', ')})`);
  }
}
