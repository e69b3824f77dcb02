/**
 * Only the kube-proxy benchmarks (bench/proxy.bench.ts), printed as `npm run bench` prints them:
 * for profiling and for repeated runs without the other suites.
 */
import { proxyBenchmarks } from './proxy.bench';
import { report } from './measure';

const { measurements, notes } = proxyBenchmarks();
for (const m of measurements) console.log(report(m));
for (const n of notes) console.log(`  ${n}`);
