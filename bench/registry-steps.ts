/**
 * Where the generic registry's own steps spend their time in a whole workload run (issue 14's
 * Deployment to all Running, WORKLOADS_BENCH_REPLICAS, default 2,000): each step method of
 * GenericRegistry and AdmissionChain is wrapped to add up its wall time per call, so two
 * versions of the code can be compared step by step under the real mix of requests and objects:
 *   node --import tsx bench/registry-steps.ts
 * Steps a version does not have are skipped (a step one version splits or fuses shows as such).
 */
import { GenericRegistry } from '../src/sim/apiserver/registry/generic-registry';
import { AdmissionChain } from '../src/sim/apiserver/admission/chain';

const STEPS: [object, string][] = [
  [GenericRegistry.prototype, 'decodable'],
  [GenericRegistry.prototype, 'patchedDecodable'],
  [GenericRegistry.prototype, 'typeCheck'],
  [GenericRegistry.prototype, 'patchTypeCheck'],
  [GenericRegistry.prototype, 'fieldValidation'],
  [GenericRegistry.prototype, 'decode'],
  [GenericRegistry.prototype, 'validate'],
  [GenericRegistry.prototype, 'managedFields'],
  [AdmissionChain.prototype, 'admit'],
  [AdmissionChain.prototype, 'validate'],
];

const spent = new Map<string, { ms: number; calls: number }>();
let depth = 0;
for (const [proto, name] of STEPS) {
  const target = proto as Record<string, unknown>;
  const original = target[name];
  if (typeof original !== 'function') continue;
  const label = `${proto === GenericRegistry.prototype ? 'registry' : 'admission'}.${name}`;
  const record = { ms: 0, calls: 0 };
  spent.set(label, record);
  target[name] = function (this: unknown, ...args: unknown[]) {
    // Only the outermost step counts (decodable calls typeCheck and fieldValidation).
    if (depth > 0) return (original as (...a: unknown[]) => unknown).apply(this, args);
    depth++;
    const t = performance.now();
    try {
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } finally {
      record.ms += performance.now() - t;
      record.calls++;
      depth--;
    }
  };
}

const { workloadBenchmarks } = await import('./workloads.bench');
const c0 = process.cpuUsage();
workloadBenchmarks();
const c = process.cpuUsage(c0);
let sum = 0;
for (const [label, r] of spent) {
  if (r.calls === 0) continue;
  if (label !== 'registry.managedFields') sum += r.ms;
  console.log(`${label.padEnd(32)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.calls.toString().padStart(7)} calls  ${((r.ms * 1000) / r.calls).toFixed(1).padStart(6)} µs each`);
}
console.log(`${'sum (without managedFields)'.padEnd(32)} ${sum.toFixed(0).padStart(6)} ms;  process CPU ${((c.user + c.system) / 1000).toFixed(0)} ms`);
