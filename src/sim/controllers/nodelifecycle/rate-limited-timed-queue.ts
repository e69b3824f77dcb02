/**
 * The node lifecycle controller's per-zone NoExecute tainter (pkg/controller/nodelifecycle/
 * scheduler/rate_limited_queue.go): a queue of node names, each at most once until removed,
 * ordered by when it may next be tried, and drained through a token bucket
 * (flowcontrol.NewTokenBucketRateLimiter(qps, EvictionRateLimiterBurst = 1)) so that
 * `--node-eviction-rate` 0.1 taints at most one node every 10 s in a healthy zone. The bucket
 * starts full. A qps of 0 (SwapLimiter(0), a zone in full disruption) never accepts.
 *
 * The clock is the engine's: `now` is passed in, and `nextTryAt` tells the caller when to
 * come back, where upstream polls every NodeEvictionPeriod (100 ms).
 */

export const EVICTION_RATE_LIMITER_BURST = 1;

/** flowcontrol's token bucket (golang.org/x/time/rate): `burst` tokens, refilled at `qps`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (this.qps > 0) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  tryAccept(now: number): boolean {
    if (this.qps <= 0) return false;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** When the next token is there; Infinity for a limiter that never accepts. */
  nextTokenAt(now: number): number {
    if (this.qps <= 0) return Infinity;
    this.refill(now);
    return this.tokens >= 1 ? now : now + ((1 - this.tokens) / this.qps) * 1000;
  }
}

interface TimedValue {
  readonly value: string;
  readonly uid: string;
  readonly addedAt: number;
  processAt: number;
}

/** What `try` is told about each value: true when done, or false with a wait before the next try. */
export type TimedAction = (value: string, uid: string) => { readonly done: true } | { readonly done: false; readonly waitMs: number };

export class RateLimitedTimedQueue {
  private readonly queue: TimedValue[] = [];
  /** Values added and not removed: the same value is not added twice (UniqueQueue's set). */
  private readonly set = new Set<string>();

  constructor(private limiter: TokenBucket) {}

  get qps(): number {
    return this.limiter.qps;
  }

  /** Add a value to be processed now; false when it is already there. */
  add(value: string, uid: string, now: number): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.queue.push({ value, uid, addedAt: now, processAt: now });
    this.sort();
    return true;
  }

  /** Remove a value, so that it may be added again. True when it was known. */
  remove(value: string): boolean {
    if (!this.set.has(value)) return false;
    this.set.delete(value);
    const i = this.queue.findIndex((v) => v.value === value);
    if (i >= 0) this.queue.splice(i, 1);
    return true;
  }

  get length(): number {
    return this.queue.length;
  }

  /**
   * Try: process values whose time has come while the limiter accepts. A value that is done
   * leaves the queue but stays in the set (it is not added again until removed); one that is
   * not comes back after its wait.
   */
  try(now: number, action: TimedAction): void {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (head.processAt > now) return;
      if (!this.limiter.tryAccept(now)) return;
      const result = action(head.value, head.uid);
      if (result.done) {
        this.queue.shift();
      } else {
        head.processAt = now + result.waitMs + 1e-6;
        this.sort();
      }
    }
  }

  /** When `try` can next do something: the head's time or the next token, whichever is later. */
  nextTryAt(now: number): number {
    const head = this.queue[0];
    if (!head) return Infinity;
    return Math.max(head.processAt, this.limiter.nextTokenAt(now));
  }

  /** SwapLimiter: a new bucket for a new rate; a bucket that was empty stays empty (burst 1). */
  swapLimiter(qps: number, now: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, now);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }

  private sort(): void {
    this.queue.sort((a, b) => a.processAt - b.processAt || a.addedAt - b.addedAt);
  }
}
