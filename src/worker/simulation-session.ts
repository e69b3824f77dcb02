/**
 * The simulation as the worker holds it: one cluster, its shell, the play loop and the batcher
 * that turns what happened into deltas for the page. No comlink here, so it can be tested in
 * Node with fake timers.
 */
import { Cluster } from '../sim/cluster';
import type { TraceEntry } from '../sim/engine';
import { Shell, type ScriptOutcome } from '../shell/shell';
import { parseManifests } from '../shell/manifest';
import type { Topology } from '../sim/topology';
import type { ApplyResult, ClockState, SimulationDelta, WatchEventView } from './protocol';

/** ~60 deltas a second at most. */
export const FLUSH_INTERVAL_MS = 16;
/** How often the play loop advances the engine, in wall milliseconds. */
const TICK_MS = 16;
/** A tick that falls behind (a slow event, a throttled tab) catches up at most this much. */
const MAX_TICK_WALL_MS = 100;
const MAX_ENGINE_EVENTS_PER_DELTA = 50;

export interface Timers {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
}

export const browserTimers: Timers = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
};

export class SimulationSession {
  private cluster!: Cluster;
  private shell!: Shell;
  private listener: ((delta: SimulationDelta) => void) | undefined;
  private playTimer: unknown;
  private lastTick = 0;
  private pendingWatch: WatchEventView[] = [];
  private watchIndex = 0;
  private lastTraceCount = 0;
  private resetPending = true;
  private flushScheduled = false;
  private lastFlush = -Infinity;

  constructor(
    seed: number,
    private readonly timers: Timers = browserTimers,
  ) {
    this.build(seed);
  }

  private build(seed: number): void {
    this.cluster = new Cluster({ seed });
    this.shell = new Shell(this.cluster, undefined, true);
    this.pendingWatch = [];
    this.watchIndex = 0;
    this.lastTraceCount = 0;
    this.resetPending = true;
    this.cluster.store.watch((event) => {
      this.pendingWatch.push({
        index: this.watchIndex++,
        type: event.type,
        kind: event.kind,
        namespace: event.namespace,
        name: event.name,
        resourceVersion: event.resourceVersion,
        time: event.time,
      });
    });
  }

  subscribe(listener: (delta: SimulationDelta) => void): void {
    this.listener = listener;
    this.resetPending = true;
    this.flushNow();
  }

  topology(): Topology {
    return this.cluster.topology;
  }

  clock(): ClockState {
    const { engine } = this.cluster;
    return {
      time: engine.now(),
      eventsRun: engine.eventsRun,
      pending: engine.pending,
      nextEventTime: engine.nextEventTime(),
      playing: this.playTimer !== undefined,
      speed: engine.speed,
      seed: engine.seed,
      traceDigest: engine.trace.digest(),
    };
  }

  reset(seed: number): void {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number >= 0, got ${seed}`);
    this.pause();
    this.build(seed);
    this.flushNow();
  }

  play(): void {
    if (this.playTimer !== undefined) return;
    this.lastTick = this.timers.now();
    this.playTimer = this.timers.setInterval(() => this.tick(), TICK_MS);
    this.requestFlush();
  }

  pause(): void {
    if (this.playTimer === undefined) return;
    this.timers.clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.flushNow();
  }

  /** Run exactly one engine event. */
  step(): TraceEntry | undefined {
    const ran = this.cluster.engine.step();
    this.flushNow();
    return ran;
  }

  setSpeed(factor: number): void {
    this.cluster.engine.setSpeed(factor);
    this.requestFlush();
  }

  /** The editor's Submit: `kubectl apply -f -` with the text as standard input. */
  applyManifests(text: string): ApplyResult {
    const parsed = parseManifests(text);
    if (parsed.kind === 'error') {
      return { ok: false, errors: parsed.errors, output: parsed.errors.map((e) => `error: ${e.message}`).join('\n') };
    }
    if (parsed.objects.length === 0) return { ok: false, errors: [], output: 'error: no objects passed to apply' };
    const outcome = this.shell.run(`kubectl apply -f - <<'KUBEARCH_EOF'\n${text.replace(/\n?$/, '\n')}KUBEARCH_EOF\n`);
    this.flushNow();
    const entry = outcome.kind === 'ran' ? outcome.entries[0] : undefined;
    if (!entry) return { ok: false, errors: [], output: 'error: the manifest could not be passed to kubectl' };
    if (entry.exitCode !== 0) return { ok: false, errors: [], output: entry.stderr.trimEnd() };
    return { ok: true, output: entry.stdout.trimEnd() };
  }

  /** A line (or several) typed in the page's terminal. */
  runCommand(text: string): ScriptOutcome {
    const outcome = this.shell.run(text);
    this.flushNow();
    return outcome;
  }

  commandNames(): string[] {
    return this.shell.commandNames();
  }

  private tick(): void {
    const now = this.timers.now();
    const wall = Math.min(now - this.lastTick, MAX_TICK_WALL_MS);
    this.lastTick = now;
    this.cluster.engine.advanceWall(wall);
    this.requestFlush();
  }

  private requestFlush(): void {
    if (this.flushScheduled) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - this.timers.now());
    this.flushScheduled = true;
    this.timers.setTimeout(() => {
      this.flushScheduled = false;
      this.flushNow();
    }, wait);
  }

  private flushNow(): void {
    if (!this.listener) return;
    const { engine } = this.cluster;
    const newEvents = engine.eventsRun - this.lastTraceCount;
    this.lastTraceCount = engine.eventsRun;
    const delta: SimulationDelta = {
      reset: this.resetPending,
      clock: this.clock(),
      watchEvents: this.pendingWatch,
      engineEvents: newEvents > 0 ? engine.trace.tail(Math.min(newEvents, MAX_ENGINE_EVENTS_PER_DELTA)) : [],
    };
    this.resetPending = false;
    this.pendingWatch = [];
    this.lastFlush = this.timers.now();
    this.listener(delta);
  }
}
