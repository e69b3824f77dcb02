/**
 * kube-proxy benchmarks (issue 15): one node's iptables-mode rules for 10,000 ClusterIP Services
 * with 5 endpoints each (about 170,000 rules). Targets: a full sync <= 200 ms, a partial sync
 * after one endpoint changed <= 5 ms, `iptables-save` of the node <= 500 ms; and the heap the
 * node's tables take. A sync here is the whole of syncProxyRules: building the rules and loading
 * them into the node's netfilter (the simulated iptables-restore): the full sync through
 * KubeProxyRules.sync, the partial one through the slice handler and syncProxyRules.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { KubeProxyRules } from '../src/sim/node/kube-proxy/kube-proxy-rules';
import { iptablesSave } from '../src/sim/node/netfilter/save';
import { median, timeRuns, type Measurement } from './measure';

const SERVICES = 10_000;
const ENDPOINTS = 5;

const ip = (base: number, i: number) => `${base}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function service(i: number): Service {
  return {
    metadata: { namespace: `ns${i % 50}`, name: `svc-${i}`, resourceVersion: '1' },
    spec: { type: 'ClusterIP', clusterIP: ip(10, 0x600000 + i), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  };
}

function slice(i: number, generation = 1): EndpointSlice {
  return {
    addressType: 'IPv4',
    metadata: { namespace: `ns${i % 50}`, name: `svc-${i}-abcde`, labels: { 'kubernetes.io/service-name': `svc-${i}` }, resourceVersion: String(generation) },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: ENDPOINTS }, (_, e) => ({
      addresses: [ip(10, 0xf40000 + ((i * ENDPOINTS + e + generation * 7) & 0xffff) + (generation > 1 && e === 0 ? 0x10000 : 0))],
      conditions: { ready: true },
      nodeName: `node-${e % 3}`,
    })),
  };
}

const services = Array.from({ length: SERVICES }, (_, i) => service(i));
const slices = Array.from({ length: SERVICES }, (_, i) => slice(i));

function freshProxy(): KubeProxyRules {
  return new KubeProxyRules({ nodeName: 'node-1', nodeIP: '192.168.0.2', clusterCIDR: '10.244.0.0/16' });
}

function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Heap held after one node's full sync: the netfilter tables plus kube-proxy's per-service
 * fragments (which share the rule objects the tables hold).
 */
function syncedHeapBytes(): number {
  const gc = gcFunction();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const proxy = freshProxy();
  proxy.sync(services, slices);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (proxy.netfilter.ruleCount() < 60_000) throw new Error('bench: too few rules');
  return after - before;
}

export function proxyBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  let rules = 0;
  // Process CPU time beside wall time: on a shared machine the wall figure includes waiting for a core.
  const fullCpuMs: number[] = [];
  const fullMs = timeRuns(5, () => {
    const c0 = process.cpuUsage();
    const p = freshProxy();
    p.sync(services, slices);
    const c = process.cpuUsage(c0);
    fullCpuMs.push((c.user + c.system) / 1000);
    rules = p.netfilter.ruleCount();
  });

  const proxy = freshProxy();
  proxy.sync(services, slices);
  // A partial sync as the informers drive it: the handler for the changed slice, then syncProxyRules.
  const partialMs: number[] = [];
  const partialCpuMs: number[] = [];
  for (let run = 0; run < 21; run++) {
    const k = (run * 997) % SERVICES;
    const changed = slice(k, run + 2);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    proxy.updateEndpointSlice(changed);
    const r = proxy.syncProxyRules();
    partialMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    partialCpuMs.push((c.user + c.system) / 1000);
    if (r.mode !== 'iptables' || r.rewrittenServices !== 1) throw new Error('bench: a partial sync rewrote more than one service');
  }
  partialMs.shift();

  // Rules written by kube-proxy are spelled the iptables-save way when first read, so the first
  // save after a sync pays for that; later ones only print.
  const firstSaveMs: number[] = [];
  const firstSaveCpuMs: number[] = [];
  let saved = 0;
  for (let run = 0; run < 3; run++) {
    const p = freshProxy();
    p.sync(services, slices);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    saved = iptablesSave(p.netfilter).length;
    firstSaveMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    firstSaveCpuMs.push((c.user + c.system) / 1000);
  }
  const saveCpuMs: number[] = [];
  const saveMs = timeRuns(5, () => {
    const c0 = process.cpuUsage();
    saved = iptablesSave(proxy.netfilter).length;
    const c = process.cpuUsage(c0);
    saveCpuMs.push((c.user + c.system) / 1000);
  });

  const heap = [syncedHeapBytes(), syncedHeapBytes(), syncedHeapBytes()];
  return {
    measurements: [
      { name: `kube-proxy: full sync, ${SERVICES.toLocaleString('en-US')} services x ${ENDPOINTS} endpoints`, median: median(fullMs), unit: 'ms', runs: fullMs },
      { name: 'kube-proxy: partial sync after one endpoint changed', median: median(partialMs), unit: 'ms', runs: partialMs },
      { name: `iptables-save, first after a full sync (${rules.toLocaleString('en-US')} rules)`, median: median(firstSaveMs), unit: 'ms', runs: firstSaveMs },
      { name: `iptables-save again (${rules.toLocaleString('en-US')} rules)`, median: median(saveMs), unit: 'ms', runs: saveMs },
      { name: "heap of one node's tables and kube-proxy's fragments", median: median(heap) / 1e6, unit: 'MB', runs: heap.map((h) => h / 1e6) },
    ],
    notes: [
      `targets: full sync <= 200 ms, partial sync <= 5 ms, iptables-save <= 500 ms; save output ${(saved / 1e6).toFixed(1)} MB`,
      `process CPU time (all threads, GC included): full sync ${median(fullCpuMs.slice(1)).toFixed(0)} ms, partial sync ${median(partialCpuMs.slice(1)).toFixed(1)} ms, first save ${median(firstSaveCpuMs).toFixed(0)} ms, save again ${median(saveCpuMs.slice(1)).toFixed(0)} ms`,
      `load average while running: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    ],
  };
}
