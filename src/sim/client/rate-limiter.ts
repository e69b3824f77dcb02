/**
 * client-go's client-side rate limiter (util/flowcontrol NewTokenBucketRateLimiter, which every
 * rest.Config gets from its QPS and Burst): a bucket of `burst` tokens refilled at `qps` a
 * second; a request takes a token or waits, in order, until one is there. kube-controller-manager
 * runs with --kube-api-qps 20 and --kube-api-burst 30 unless told otherwise, so a ReplicaSet of
 * 10,000 replicas fills at about 20 requests a second, as in a real cluster, and a controller's
 * syncs that wait for tokens meet fewer, larger batches of changes. kube-scheduler's bucket comes
 * from its clientConnection (50/100).
 */
import type { Engine } from '../engine';

/** kube-controller-manager's --kube-api-qps and --kube-api-burst defaults. */
export const KUBE_CONTROLLER_MANAGER_QPS = 20;
export const KUBE_CONTROLLER_MANAGER_BURST = 30;

export class TokenBucketRateLimiter {
  private tokens: number;
  private last: number;
  private readonly waiting: (() => void)[] = [];
  private draining = false;

  constructor(
    private readonly engine: Engine,
    private readonly qps: number,
    private readonly burst: number,
    private readonly label: string,
  ) {
    this.tokens = burst;
    this.last = engine.now();
  }

  /** Wait: run `go` now if a token is free and nobody is ahead, else when its turn comes. */
  wait(go: () => void): void {
    this.refill();
    if (this.waiting.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return go();
    }
    this.waiting.push(go);
    this.drainLater();
  }

  private refill(): void {
    const now = this.engine.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  private drainLater(): void {
    if (this.draining) return;
    this.draining = true;
    // Whole milliseconds: a fraction of a token's time would not move the clock (float rounding).
    const delay = Math.max(1, Math.ceil(((1 - this.tokens) / this.qps) * 1000));
    this.engine.schedule(delay, `${this.label}: client rate limiter`, () => {
      this.draining = false;
      this.refill();
      while (this.waiting.length > 0 && this.tokens >= 1 - 1e-9) {
        this.tokens -= 1;
        this.waiting.shift()?.();
      }
      if (this.waiting.length > 0) this.drainLater();
    });
  }
}
