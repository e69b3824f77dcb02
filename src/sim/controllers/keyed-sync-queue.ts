/**
 * A controller's work queue and workers for syncs that wait on the apiserver. Upstream a worker
 * calls syncService(key) and blocks on each request; the queue guarantees a key is never synced
 * by two workers at once. Here a sync starts its requests and reports when the last answer is
 * back (`done`), and until then the key counts as being processed: adding it again only marks it
 * to run once more afterwards, as client-go's dirty set does.
 *
 * A failed sync is retried with the controller's own back-off (processNextWorkItem +
 * handleErr: AddRateLimited while under maxRetries, then dropped), since upstream controllers
 * build their queues with their own rate limiters (EndpointSlice: 1 s doubling to 1000 s).
 */
import type { Engine } from '../engine';
import { DONE, RateLimitingQueue } from '../client/workqueue';

export type SyncDone = (error?: string) => void;

export interface KeyedSyncOptions {
  /** The first retry's delay; each further failure doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** After this many retries a key is dropped (it comes back with its next event). */
  readonly maxRetries: number;
}

export class KeyedSyncQueue {
  private readonly queue: RateLimitingQueue;
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Errors that made a key be dropped, for tests and the page. */
  readonly dropped: { key: string; error: string }[] = [];

  constructor(
    engine: Engine,
    name: string,
    private readonly sync: (key: string, done: SyncDone) => void,
    private readonly options: KeyedSyncOptions,
  ) {
    this.queue = new RateLimitingQueue(engine, name, (key) => this.process(key));
  }

  add(key: string): void {
    this.queue.add(key);
  }

  addAfter(key: string, delayMs: number): void {
    this.queue.addAfter(key, delayMs);
  }

  private process(key: string) {
    if (this.inFlight.has(key)) {
      this.again.add(key);
      return DONE;
    }
    this.inFlight.add(key);
    let finished = false;
    this.sync(key, (error) => {
      if (finished) return;
      finished = true;
      this.inFlight.delete(key);
      if (error !== undefined) this.retry(key, error);
      else this.failures.delete(key);
      if (this.again.delete(key)) this.queue.add(key);
    });
    return DONE;
  }

  private retry(key: string, error: string): void {
    const n = this.failures.get(key) ?? 0;
    if (n >= this.options.maxRetries) {
      this.failures.delete(key);
      this.dropped.push({ key, error });
      return;
    }
    this.failures.set(key, n + 1);
    this.queue.addAfter(key, Math.min(this.options.baseDelayMs * 2 ** n, this.options.maxDelayMs));
  }
}

/**
 * Requests run one after another, each after the previous answer, as a worker issues them; the
 * first failure stops the chain (as finalize returns at its first error).
 */
export function runInOrder(steps: readonly ((next: (error?: string) => void) => void)[], done: (error?: string) => void): void {
  const run = (i: number): void => {
    const step = steps[i];
    if (!step) return done();
    step((error) => (error !== undefined ? done(error) : run(i + 1)));
  };
  run(0);
}
