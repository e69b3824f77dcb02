/**
 * The discrete-event simulation engine: a virtual clock, a queue of scheduled events, a seeded
 * random number generator and a trace of what ran.
 *
 * Everything in src/sim that takes time (a network hop, a heartbeat, an image pull, a back-off)
 * schedules an event here; nothing reads the wall clock or sets a timer. The engine can run one
 * event, run until a virtual time, or run until idle. Playing at a speed factor against wall
 * time is the caller's job (the worker), which calls `advanceWall` from its own timer.
 */
import { EventQueue, type ScheduledEvent } from './event-queue';
import { Rng } from './rng';
import { Trace, type EventLabel, type TraceEntry } from './trace';

/** Returned by schedule; pass it to cancel. */
export type EventHandle = ScheduledEvent;

export interface EngineOptions {
  seed?: number;
  /** How many trace entries to keep for display; the hash covers every event regardless. */
  traceCapacity?: number;
}

/** Thrown when a run exceeds its step limit: almost always an event that reschedules itself at +0. */
export class RunawayError extends Error {
  constructor(
    readonly seed: number,
    readonly limit: number,
    readonly traceTail: string,
  ) {
    super(`engine ran more than ${limit} events without reaching its goal (seed ${seed}); last events:\n${traceTail}`);
    this.name = 'RunawayError';
  }
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

export class Engine {
  readonly seed: number;
  readonly rng: Rng;
  readonly trace: Trace;
  private readonly queue = new EventQueue();
  private clock = 0;
  private seq = 0;
  private live = 0;
  private speedFactor = 1;

  constructor(options: EngineOptions = {}) {
    this.seed = options.seed ?? 1;
    this.rng = new Rng(this.seed);
    this.trace = new Trace(options.traceCapacity);
  }

  /** Current virtual time in milliseconds since the cluster started. */
  now(): number {
    return this.clock;
  }

  /** Number of scheduled, not cancelled, events. */
  get pending(): number {
    return this.live;
  }

  /** Events run since start. */
  get eventsRun(): number {
    return this.trace.length;
  }

  /** Virtual milliseconds per wall millisecond when playing. */
  get speed(): number {
    return this.speedFactor;
  }

  setSpeed(factor: number): void {
    if (!Number.isFinite(factor) || factor < MIN_SPEED || factor > MAX_SPEED) {
      throw new RangeError(`speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${factor}`);
    }
    this.speedFactor = factor;
  }

  /** Schedule `run` after `delayMs` of virtual time. Lower priority runs first at equal times. */
  schedule(delayMs: number, label: EventLabel, run: () => void, priority = 0): EventHandle {
    if (!(delayMs >= 0)) throw new RangeError(`delay must be >= 0, got ${delayMs} for ${label}`);
    return this.scheduleAt(this.clock + delayMs, label, run, priority);
  }

  /** Schedule `run` at virtual time `at` (not before now). */
  scheduleAt(at: number, label: EventLabel, run: () => void, priority = 0): EventHandle {
    if (!(at >= this.clock)) throw new RangeError(`cannot schedule ${label} at ${at}, before now (${this.clock})`);
    const event: ScheduledEvent = { at, priority, seq: this.seq++, label, run, cancelled: false, ran: false };
    this.queue.push(event);
    this.live++;
    return event;
  }

  /** Cancel a scheduled event; cancelling twice, or after it ran, does nothing. */
  cancel(handle: EventHandle): void {
    if (handle.cancelled || handle.ran) return;
    handle.cancelled = true;
    this.live--;
  }

  /** Time of the next event to run, or undefined when idle. */
  nextEventTime(): number | undefined {
    return this.peekLive()?.at;
  }

  /** The next event to run (its time and label), or undefined when idle: what the page shows as "next". */
  nextEvent(): TraceEntry | undefined {
    const event = this.peekLive();
    return event && { seq: event.seq, at: event.at, label: String(event.label) };
  }

  private peekLive(): ScheduledEvent | undefined {
    let top = this.queue.peek();
    while (top !== undefined && top.cancelled) {
      this.queue.pop();
      top = this.queue.peek();
    }
    return top;
  }

  /** Run exactly one event; returns what ran, or undefined when nothing is scheduled. */
  step(): TraceEntry | undefined {
    const event = this.peekLive();
    if (event === undefined) return undefined;
    this.runEvent(event);
    return { seq: event.seq, at: event.at, label: String(event.label) };
  }

  /** The one place an event runs, for step, runUntil and runUntilIdle alike: dequeue, clock, trace, run. */
  private runEvent(event: ScheduledEvent): void {
    this.queue.pop();
    this.live--;
    event.ran = true;
    this.clock = event.at;
    this.trace.record(event.seq, event.at, event.label);
    event.run();
  }

  /**
   * Run every event due at or before `time`, then set the clock to `time`.
   * Returns the number of events run.
   */
  runUntil(time: number, maxEvents = 10_000_000): number {
    let count = 0;
    for (;;) {
      const event = this.peekLive();
      if (event === undefined || event.at > time) break;
      if (count >= maxEvents) throw new RunawayError(this.seed, maxEvents, this.trace.format());
      this.runEvent(event);
      count++;
    }
    if (time > this.clock) this.clock = time;
    return count;
  }

  /**
   * Like runUntil, but checks `stop` after each event and returns at once, between events, when
   * it holds (a breakpoint hit): the clock then stays at that event's time. Used by whoever
   * drives the engine for the user (a step, a sleep, the play loop), never by a command's wait.
   */
  runUntilStopped(time: number, stop: () => boolean, maxEvents = 10_000_000): { ran: number; stopped: boolean } {
    let ran = 0;
    for (;;) {
      const event = this.peekLive();
      if (event === undefined || event.at > time) break;
      if (ran >= maxEvents) throw new RunawayError(this.seed, maxEvents, this.trace.format());
      this.runEvent(event);
      ran++;
      if (stop()) return { ran, stopped: true };
    }
    if (time > this.clock) this.clock = time;
    return { ran, stopped: false };
  }

  /** Advance virtual time by `ms`. */
  runFor(ms: number, maxEvents?: number): number {
    return this.runUntil(this.clock + ms, maxEvents);
  }

  /**
   * Run until no event is scheduled, or until the limit; a cluster with periodic heartbeats is
   * never idle, so callers of a live cluster use runUntil instead.
   */
  runUntilIdle(maxEvents = 10_000_000): number {
    let count = 0;
    for (let event = this.peekLive(); event !== undefined; event = this.peekLive()) {
      if (count >= maxEvents) throw new RunawayError(this.seed, maxEvents, this.trace.format());
      this.runEvent(event);
      count++;
    }
    return count;
  }

  /** What `wallMs` of real time means at the current speed: used by the worker's play loop. */
  advanceWall(wallMs: number, maxEvents?: number): number {
    return this.runFor(wallMs * this.speedFactor, maxEvents);
  }
}
