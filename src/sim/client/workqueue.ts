/**
 * A rate-limited work queue (client-go util/workqueue): controllers enqueue keys, not objects;
 * a key is never processed twice at once, and is queued at most once however often it is
 * added. Failed keys come back after a per-item exponential back-off (5 ms doubling to 1000 s)
 * combined with an overall token bucket (10 qps, burst 100), as DefaultControllerRateLimiter.
 *
 * Processing is driven by the engine: when a key is ready, `process` runs in an event; its
 * answer says whether the key is done or must be retried. A controller whose sync waits for
 * the apiserver's answers uses `RateLimitingQueue.withWorkers`: the key stays in processing
 * until the sync calls `finish`, and up to `workers` keys are processed at once, as upstream's
 * `--concurrent-*-syncs` goroutines each hold one key.
 */
import type { Engine, EventHandle } from '../engine';

export type ProcessResult = { readonly retry: false } | { readonly retry: true; readonly after?: number };
export const DONE: ProcessResult = { retry: false };
export const RETRY: ProcessResult = { retry: true };

/** A sync that answers later: it calls `finish` once, when its writes have come back. */
export type AsyncProcess = (key: string, finish: (result: ProcessResult) => void) => void;

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000_000;
const QPS = 10;
const BURST = 100;

export class RateLimitingQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly waiting = new Map<string, EventHandle>();
  private scheduled: EventHandle | undefined;
  private tokens = BURST;
  private lastRefill = 0;
  private handle: AsyncProcess;
  private workers = 1;

  constructor(
    private readonly engine: Engine,
    /** "kube-controller-manager/deployment": the label of the events it runs. */
    readonly name: string,
    process: (key: string) => ProcessResult,
  ) {
    this.handle = (key, finish) => finish(process(key));
  }

  /** A queue whose syncs answer asynchronously, `workers` keys at a time. */
  static withWorkers(engine: Engine, name: string, workers: number, process: AsyncProcess): RateLimitingQueue {
    const q = new RateLimitingQueue(engine, name, () => DONE);
    q.handle = process;
    q.workers = Math.max(1, workers);
    return q;
  }

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.kick();
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    // The delaying queue keeps one entry a key, at the earlier of its ready times.
    const waiting = this.waiting.get(key);
    if (waiting) {
      if (waiting.at <= this.engine.now() + delayMs) return;
      this.engine.cancel(waiting);
    }
    this.waiting.set(
      key,
      this.engine.schedule(delayMs, `${this.name}: requeue ${key}`, () => {
        this.waiting.delete(key);
        this.add(key);
      }),
    );
  }

  /** The delay the rate limiter gives a key's next retry: max(per-item back-off, bucket wait). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const itemDelay = Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS);
    this.addAfter(key, Math.max(itemDelay, this.bucketDelay()));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  private bucketDelay(): number {
    const now = this.engine.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.lastRefill) / 1000) * QPS);
    this.lastRefill = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / QPS) * 1000;
  }

  private kick(): void {
    if (this.scheduled || this.queue.length === 0 || this.processing.size >= this.workers) return;
    this.scheduled = this.engine.schedule(0, `${this.name}: process queue`, () => {
      this.scheduled = undefined;
      this.drainOne();
      this.kick();
    });
  }

  private drainOne(): void {
    const key = this.queue.shift();
    if (key === undefined) return;
    this.dirty.delete(key);
    this.processing.add(key);
    let finished = false;
    const finish = (result: ProcessResult) => {
      if (finished) return;
      finished = true;
      this.done(key, result);
    };
    try {
      this.handle(key, finish);
    } catch (error) {
      finish(DONE);
      throw error;
    }
  }

  /** queue.Done plus Forget or AddRateLimited, as a worker's processNextWorkItem ends. */
  private done(key: string, result: ProcessResult): void {
    this.processing.delete(key);
    if (result.retry) {
      if (result.after !== undefined) this.addAfter(key, result.after);
      else this.addRateLimited(key);
    } else {
      this.forget(key);
    }
    // A key added again while it was processed goes back on the queue now.
    if (this.dirty.has(key) && !this.queue.includes(key)) {
      this.queue.push(key);
    }
    this.kick();
  }
}
