/**
 * Issue 14's workload benchmark where a learner runs the cluster: in a Web Worker in headless
 * Chromium (/usr/bin/chromium, the browser tests' flags, and V8's --expose-gc so each run starts
 * from a full collection as in Node). Bundles workloads-worker.ts with vite,
 * serves it to the page through playwright's routing (nothing listens on a port), and times the
 * same run as workloads.bench.ts: a Deployment of WORKLOADS_BENCH_REPLICAS (default 10,000) from
 * the POST to all Running, WORKLOADS_BENCH_RUNS times (default 3, each in a fresh Worker).
 *   node --import tsx bench/workloads-browser.ts
 * A Worker has no CPU clock and no heap figure: those come from the Node benchmark.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { chromium } from 'playwright-core';
import { median, type Measurement } from './measure';
import { runNotes, type WorkloadRun } from './workloads-run';
import type { WorkloadReply, WorkloadRequest } from './workloads-worker';

const REPLICAS = Number(process.env['WORKLOADS_BENCH_REPLICAS'] ?? 10_000);
const RUNS = Number(process.env['WORKLOADS_BENCH_RUNS'] ?? 3);
const UPSTREAM_QPS = process.env['WORKLOADS_BENCH_QPS'] === 'upstream';
const ORIGIN = 'http://kubearch.bench';

async function workerBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('./workloads-worker.ts', import.meta.url)), formats: ['es'], fileName: 'worker' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.isEntry);
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite built no worker chunk');
  return chunk.code;
}

export async function browserWorkloadBenchmarks(): Promise<{ measurements: Measurement[]; notes: string[] }> {
  const code = await workerBundle();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'],
    headless: true,
  });
  const runs: WorkloadRun[] = [];
  let version = '';
  try {
    version = browser.version();
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const isWorker = route.request().url().endsWith('/worker.js');
      return route.fulfill({ contentType: isWorker ? 'text/javascript' : 'text/html', body: isWorker ? code : '<!doctype html><title>workload bench</title>' });
    });
    await page.goto(`${ORIGIN}/`);
    for (let i = 0; i < RUNS; i++) {
      const request: WorkloadRequest = { replicas: REPLICAS, upstreamQPS: UPSTREAM_QPS };
      const reply = await page.evaluate(
        (req) =>
          new Promise<WorkloadReply>((resolve) => {
            const worker = new Worker('/worker.js', { type: 'module' });
            worker.onmessage = (e: MessageEvent<WorkloadReply>) => {
              worker.terminate();
              resolve(e.data);
            };
            worker.onerror = (e) => resolve({ ok: false, error: e.message });
            worker.postMessage(req);
          }),
        request,
      );
      if (!reply.ok) throw new Error(`worker run failed: ${reply.error}`);
      runs.push(reply.run);
    }
  } finally {
    await browser.close();
  }
  const n = REPLICAS.toLocaleString('en-US');
  return {
    measurements: [{ name: `Deployment of ${n} replicas in a Web Worker, Chromium ${version}: apply to all Running (wall; 10,000 ≤ 10 s)`, median: median(runs.map((r) => r.wallMs)), unit: 'ms', runs: runs.map((r) => r.wallMs) }],
    notes: runNotes(runs, REPLICAS, UPSTREAM_QPS),
  };
}

if (process.argv[1]?.endsWith('workloads-browser.ts')) {
  const { printSuite } = await import('./measure');
  printSuite(await browserWorkloadBenchmarks());
}
