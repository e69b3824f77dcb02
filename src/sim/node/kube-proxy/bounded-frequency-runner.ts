/**
 * BoundedFrequencyRunner (pkg/util/async/bounded_frequency_runner.go) on the engine's clock:
 * kube-proxy's proxier asks for a sync whenever a Service or EndpointSlice changes (`run()`),
 * and the runner calls `fn` at most `burst` times in a row and then no more often than once per
 * `minIntervalMs` (a token bucket), and at least once per `maxIntervalMs` even when nobody asks.
 * Changes that arrive within minSyncPeriod of a sync are batched into the next one.
 */
import type { Engine, EventHandle } from '../../engine';

export class BoundedFrequencyRunner {
  private tokens: number;
  private lastRefill: number;
  private lastRun = Number.NEGATIVE_INFINITY;
  private timer: EventHandle | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private signalled: EventHandle | undefined;
  private running = false;
  /** Runs so far, for tests and the page. */
  runs = 0;

  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly fn: () => void,
    private readonly minIntervalMs: number,
    private readonly maxIntervalMs: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
    this.lastRefill = engine.now();
  }

  /** Loop: start the periodic timer (the first run comes when asked, or after maxInterval). */
  loop(): void {
    this.running = true;
    this.resetTimer(this.maxIntervalMs);
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.engine.cancel(this.timer);
    if (this.signalled) this.engine.cancel(this.signalled);
    this.timer = this.signalled = undefined;
  }

  /** Run: ask for a run as soon as the bounds allow; asking again before it happens changes nothing. */
  run(): void {
    if (!this.running || this.signalled) return;
    this.signalled = this.engine.schedule(0, `${this.name}: run requested`, () => {
      this.signalled = undefined;
      this.tryRun();
    });
  }

  private tryAccept(): boolean {
    if (this.minIntervalMs <= 0) return true;
    const now = this.engine.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) / this.minIntervalMs);
    this.lastRefill = now;
    // A token that is all but whole counts (float dust would otherwise spin the timer in place).
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(this.tokens, 1);
    this.tokens -= 1;
    return true;
  }

  private tryRun(): void {
    if (!this.running) return;
    if (this.tryAccept()) {
      this.lastRun = this.engine.now();
      this.runs++;
      this.fn();
      this.resetTimer(this.maxIntervalMs);
      return;
    }
    // Too soon: come back when the next token is there, unless the timer fires earlier anyway.
    const nextPossible = Math.max(1, Math.ceil((1 - this.tokens) * this.minIntervalMs));
    if (this.engine.now() + nextPossible < this.timerAt) this.resetTimer(nextPossible);
  }

  private resetTimer(delayMs: number): void {
    if (this.timer) this.engine.cancel(this.timer);
    this.timerAt = this.engine.now() + delayMs;
    this.timer = this.engine.schedule(delayMs, `${this.name}: timer`, () => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.tryRun();
    });
  }

  /** When the runner last ran `fn` (engine ms), or -Infinity. */
  get lastRunAt(): number {
    return this.lastRun;
  }
}
