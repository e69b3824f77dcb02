/**
 * The simulation as the worker holds it: one cluster, its shell, the play loop and the batcher
 * that turns what happened into deltas for the page. It is the clock driver of the action
 * registry (play, pause, speed, reset need its wall-clock timers), and every action, from a
 * button or from `kubearch` typed in the terminal, goes through `performAction`. No comlink
 * here, so it can be tested in Node with fake timers.
 */
import { BOOT_MS } from '../sim/cluster';
import { Shell } from '../shell/shell';
import { commands } from '../shell/commands';
import { kubearchCommand } from '../shell/commands/kubearch';
import { performAction, type ActionRequest, type ActionResult, type ClockDriver } from '../shell/actions';
import { CLUSTER_NAME, type ForegroundEdit } from '../shell/session';
import { parseManifests } from '../shell/manifest';
import type { AuditEvent } from '../sim/apiserver/audit/audit-event';
import { TappedCluster } from './kubectl-tap';
import { appliedObjects, causeMarkers } from './submit-result';
import { readView } from './views';
import type { TerminalOutcome, ApplyResult, EtcdEventView, ClockState, EtcdSummary, RequestView, SimulationDelta, TrafficView, ViewArgs, ViewName, ViewResult, WatchEventView } from './protocol';

/** ~60 deltas a second at most. */
export const FLUSH_INTERVAL_MS = 16;
/** How often the play loop advances the engine, in wall milliseconds. */
const TICK_MS = 16;
/** A tick that falls behind (a slow event, a throttled tab) catches up at most this much. */
const MAX_TICK_WALL_MS = 100;
const MAX_ENGINE_EVENTS_PER_DELTA = 50;
const MAX_TRAFFIC_PER_DELTA = 200;
// A cluster's boot writes a few hundred requests; the first delta carries them all.
const MAX_REQUESTS_PER_DELTA = 1000;
const MAX_ETCD_EVENTS_PER_DELTA = 1000;

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

export class SimulationSession implements ClockDriver {
  private cluster!: TappedCluster;
  private shell!: Shell;
  private listener: ((delta: SimulationDelta) => void) | undefined;
  private playTimer: unknown;
  private lastTick = 0;
  private pendingWatch: WatchEventView[] = [];
  private pendingTraffic: TrafficView[] = [];
  private pendingRequests: AuditEvent[] = [];
  private pendingEtcd: EtcdEventView[] = [];
  // Not reset with the cluster: a reset must change it even if the new cluster makes as many keys.
  private keySet = 0;
  private watchIndex = 0;
  private lastTraceCount = 0;
  private resetPending = true;
  private pendingEdit: ForegroundEdit | undefined;
  private flushScheduled = false;
  private lastFlush = -Infinity;

  constructor(
    seed: number,
    private readonly timers: Timers = browserTimers,
  ) {
    this.build(seed);
  }

  private build(seed: number): void {
    this.cluster = new TappedCluster({ seed });
    // The terminal's `kubearch` has this session's clock: play, pause, speed and reset work there.
    this.shell = new Shell(this.cluster, { interactive: true, registry: { ...commands, kubearch: kubearchCommand(this) } });
    this.pendingWatch = [];
    this.pendingTraffic = [];
    this.pendingRequests = [];
    this.pendingEtcd = [];
    this.watchIndex = 0;
    this.lastTraceCount = 0;
    this.resetPending = true;
    this.cluster.network.observe((m) => {
      pushCapped(this.pendingTraffic, { id: m.id, from: m.from, to: m.to, kind: m.kind, label: m.label, sentAt: m.sentAt, arrivesAt: m.arrivesAt }, MAX_TRAFFIC_PER_DELTA);
    });
    this.cluster.etcd.onCommit((revision, changes) => {
      for (const c of changes) {
        pushCapped(this.pendingEtcd, { revision, type: c.type, key: c.kv.key, time: this.cluster.engine.now() }, MAX_ETCD_EVENTS_PER_DELTA);
        if (c.type === 'DELETE' || c.kv.version === 1) this.keySet++;
      }
    });
    this.cluster.apiserver.audit.observe((event) => {
      // Kept as audit events: the view (and a mutation's summary) is built only for those sent.
      pushCapped(this.pendingRequests, event, MAX_REQUESTS_PER_DELTA);
    });
    this.cluster.apiserver.observeCache((resource, event) => {
      this.pendingWatch.push({
        index: this.watchIndex++,
        type: event.type,
        kind: resource.kind,
        namespace: event.object.metadata.namespace ?? '',
        name: event.object.metadata.name ?? '',
        resourceVersion: String(event.resourceVersion),
        time: this.cluster.engine.now(),
      });
    });
    // Boot with the observers attached, so the page shows what a cluster writes as it starts.
    this.cluster.engine.runUntil(BOOT_MS);
  }

  subscribe(listener: (delta: SimulationDelta) => void): void {
    this.listener = listener;
    this.resetPending = true;
    this.flushNow();
  }

  /** One action of the registry, whoever asks (a button, a lab); the page gets its result to show. */
  perform(request: ActionRequest): ActionResult {
    const result = performAction({ simulator: this.shell.simulator, exec: (argv) => this.exec(argv), driver: this }, request);
    this.flushNow();
    return result;
  }

  /** A view fetched on demand (etcd keys, a key's history, the admission plugins...). */
  view<N extends ViewName>(name: N, args: ViewArgs<N>): ViewResult<N> {
    return readView({ cluster: this.cluster, shell: this.shell, clock: () => this.clock() }, name, args);
  }

  get playing(): boolean {
    return this.playTimer !== undefined;
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

  setSpeed(factor: number): void {
    this.cluster.engine.setSpeed(factor);
    this.requestFlush();
  }

  /**
   * The editor's Submit: `kubectl apply -f -` with the text as standard input, as the terminal
   * would run it (its text is kubectl's), and each object's outcome read from the answers
   * kubectl got, with the server's causes placed at their fields in the text.
   */
  applyManifests(text: string, user = 'kubernetes-admin'): ApplyResult {
    const parsed = parseManifests(text);
    if (parsed.kind === 'error') {
      return { ok: false, errors: parsed.errors, objects: [], output: parsed.errors.map((e) => `error: ${e.message}`).join('\n') };
    }
    const context = `${user}@${CLUSTER_NAME}`;
    const { value: outcome, exchanges } = this.cluster.recordKubectl(() =>
      this.shell.run(`kubectl apply --context ${context} -f - <<'KUBEARCH_EOF'\n${text.replace(/\n?$/, '\n')}KUBEARCH_EOF\n`),
    );
    this.flushNow();
    const entry = outcome.kind === 'ran' ? outcome.entries[0] : undefined;
    if (!entry) return { ok: false, errors: [], objects: [], output: 'error: the manifest could not be passed to kubectl' };
    const objects = appliedObjects(parsed, exchanges);
    if (entry.exitCode !== 0) {
      const output = [entry.stdout.trimEnd(), entry.stderr.trimEnd()].filter(Boolean).join('\n');
      return { ok: false, errors: causeMarkers(text, parsed, objects), objects, output };
    }
    return { ok: true, errors: [], objects, output: entry.stdout.trimEnd() };
  }

  /** A line (or several) typed in the page's terminal. */
  runCommand(text: string): TerminalOutcome {
    this.interrupt();
    const outcome = this.shell.run(text);
    const foreground = this.shell.session.foreground;
    let result: TerminalOutcome = outcome;
    if (foreground?.kind === 'stream') {
      foreground.onOutput(() => this.requestFlush());
      result = { ...outcome, foreground: { kind: 'stream' } };
    } else if (foreground?.kind === 'edit') {
      this.pendingEdit = foreground;
      this.shell.session.takeForeground();
      result = { ...outcome, foreground: { kind: 'edit', text: foreground.text, user: this.shell.session.context().user } };
    }
    this.flushNow();
    return result;
  }

  /** Ctrl-C in the terminal: stop the foreground command (kubectl get -w); returns what it printed last. */
  interrupt(): string {
    const foreground = this.shell.session.takeForeground();
    if (foreground?.kind !== 'stream') return '';
    const rest = foreground.drain();
    foreground.stop();
    return rest;
  }

  /** The end of a `kubectl edit`: the edited text to apply, or undefined to cancel. */
  finishEdit(text: string | undefined): { exitCode: number; stdout: string; stderr: string } {
    const edit = this.pendingEdit;
    this.pendingEdit = undefined;
    if (!edit) return { exitCode: 1, stdout: '', stderr: 'error: no kubectl edit is in progress\n' };
    const result = text === undefined ? edit.cancel() : edit.submit(text);
    this.flushNow();
    return result;
  }

  etcdSummary(): EtcdSummary {
    const status = this.cluster.etcd.status();
    return { revision: status.revision, compactRevision: status.compactRevision, keys: status.keys, dbSize: status.dbSize, keySet: this.keySet };
  }

  /** A command run for an action (`etcdctl compaction REV`), as the operator would type it. */
  private exec(argv: readonly string[]): { exitCode: number; stdout: string; stderr: string } {
    const outcome = this.shell.run(argv.map(shellQuote).join(' '));
    const entry = outcome.kind === 'ran' ? outcome.entries[0] : outcome.kind === 'error' ? outcome.entry : undefined;
    return entry ?? { exitCode: 2, stdout: '', stderr: `${argv.join(' ')}: incomplete command\n` };
  }

  private tick(): void {
    const now = this.timers.now();
    const wall = Math.min(now - this.lastTick, MAX_TICK_WALL_MS);
    this.lastTick = now;
    this.cluster.engine.advanceWall(wall);
    this.requestFlush();
  }

  private terminalOutput(): string {
    const foreground = this.shell.session.foreground;
    return foreground?.kind === 'stream' ? foreground.drain() : '';
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
    const engineEvents = newEvents > 0 ? engine.trace.tail(Math.min(newEvents, MAX_ENGINE_EVENTS_PER_DELTA)) : [];
    const terminalOutput = this.terminalOutput();
    const delta: SimulationDelta = {
      reset: this.resetPending,
      views: {
        clock: this.clock(),
        etcd: this.etcdSummary(),
        ...(this.pendingWatch.length ? { watchEvents: this.pendingWatch } : {}),
        ...(engineEvents.length ? { engineEvents } : {}),
        ...(this.pendingTraffic.length ? { traffic: this.pendingTraffic.slice(-MAX_TRAFFIC_PER_DELTA) } : {}),
        ...(this.pendingRequests.length ? { requests: this.pendingRequests.slice(-MAX_REQUESTS_PER_DELTA).map(requestView) } : {}),
        ...(this.pendingEtcd.length ? { etcdEvents: this.pendingEtcd.slice(-MAX_ETCD_EVENTS_PER_DELTA) } : {}),
        ...(terminalOutput ? { terminalOutput } : {}),
      },
    };
    this.resetPending = false;
    this.pendingWatch = [];
    this.pendingTraffic = [];
    this.pendingRequests = [];
    this.pendingEtcd = [];
    this.lastFlush = this.timers.now();
    this.listener(delta);
  }
}

/** One word of a command line, quoted for the shell when it needs to be. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Append, dropping the oldest in one go once the list is twice `cap` long: amortised O(1), unlike shift(). */
function pushCapped<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  if (list.length > 2 * cap) list.splice(0, list.length - cap);
}

function requestView(event: AuditEvent): RequestView {
  return {
    auditID: event.auditID,
    time: event.requestReceivedTimestamp,
    durationMs: event.stageTimestamp - event.requestReceivedTimestamp,
    source: event.source,
    user: event.user?.name ?? 'system:anonymous',
    ...(event.impersonatedUser ? { impersonatedUser: event.impersonatedUser.name } : {}),
    verb: event.verb,
    requestURI: event.requestURI,
    resource: event.objectRef?.subresource ? `${event.objectRef.resource}/${event.objectRef.subresource}` : (event.objectRef?.resource ?? ''),
    namespace: event.objectRef?.namespace ?? '',
    name: event.objectRef?.name ?? '',
    code: event.responseStatus?.code ?? 0,
    ...(event.responseStatus?.reason ? { reason: event.responseStatus.reason } : {}),
    ...(event.responseStatus?.message ? { message: event.responseStatus.message } : {}),
    stages: event.stages.map((s) => ({ name: s.name, outcome: s.outcome, ...(s.detail ? { detail: s.detail } : {}), at: s.at })),
  };
}
