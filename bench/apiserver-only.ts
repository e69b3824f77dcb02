/**
 * Only the engine and kube-apiserver benchmarks (bench/engine.bench.ts, bench/apiserver.bench.ts),
 * printed as `npm run bench` prints them: for profiling and for repeated runs of the creation
 * path's ratio (issue 10) without the other suites.
 */
import { engineBenchmarks } from './engine.bench';
import { apiserverBenchmarks } from './apiserver.bench';
import { printSuite } from './measure';

for (const suite of [engineBenchmarks, apiserverBenchmarks]) printSuite(suite());
