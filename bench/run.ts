/**
 * `npm run bench`: every benchmark, printed as medians with the ratios the issues ask for.
 * Run on an otherwise idle machine; figures in README.md come from here.
 */
import { engineBenchmarks } from './engine.bench';
import { etcdBenchmarks } from './etcd.bench';
import { apiserverBenchmarks } from './apiserver.bench';
import { schedulerBenchmarks } from './scheduler.bench';
import { proxyBenchmarks } from './proxy.bench';
import { printSuite } from './measure';

const suites = [
  { title: 'Engine (issue 2)', run: engineBenchmarks },
  { title: 'etcd (issue 3)', run: etcdBenchmarks },
  { title: 'kube-apiserver and the client library (issue 4)', run: apiserverBenchmarks },
  { title: 'kube-scheduler, SchedulingBasic (issue 12)', run: schedulerBenchmarks },
  { title: 'kubelet and the container runtime (issue 13)', run: (await import('./kubelet.bench')).kubeletBenchmarks },
  { title: 'kube-proxy and netfilter (issue 15)', run: proxyBenchmarks },
  { title: 'workload controllers: a Deployment to all pods Running (issue 14)', run: (await import('./workloads.bench')).workloadBenchmarks },
  { title: 'workload controllers in a Web Worker in Chromium, where the page runs the cluster (issue 14)', run: (await import('./workloads-browser')).browserWorkloadBenchmarks },
];

console.log(`KubeArch benchmarks — node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const suite of suites) {
  console.log(`## ${suite.title}`);
  printSuite(await suite.run());
  console.log('');
}
