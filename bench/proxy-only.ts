/**
 * Only the kube-proxy benchmarks (bench/proxy.bench.ts), printed as `npm run bench` prints them:
 * for profiling and for repeated runs without the other suites.
 */
import { proxyBenchmarks } from './proxy.bench';
import { printSuite } from './measure';

printSuite(proxyBenchmarks());
