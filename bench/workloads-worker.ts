/**
 * The Web Worker side of workloads-browser.ts: runs one workload benchmark run where the page
 * runs the cluster, in a Worker, and posts the figures back.
 */
import { runWorkload, type WorkloadRun } from './workloads-run';

export interface WorkloadRequest {
  replicas: number;
  upstreamQPS: boolean;
}

export type WorkloadReply = { ok: true; run: WorkloadRun } | { ok: false; error: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkloadRequest>) => void) | null;
  postMessage(reply: WorkloadReply): void;
  gc?: () => void;
};

scope.onmessage = (e) => {
  try {
    // Chromium runs with --js-flags=--expose-gc, which gives workers `gc` too.
    const run = runWorkload(e.data.replicas, e.data.upstreamQPS, { collect: () => scope.gc?.() });
    scope.postMessage({ ok: true, run });
  } catch (error) {
    scope.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
};
