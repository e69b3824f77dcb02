/**
 * Breakpoints on the cluster: conditions on what the simulated cluster does (a write to an etcd
 * key prefix, a watch event of a resource and type, a request by a user or with a verb, a pod
 * entering a phase), checked as events run, by observing etcd's commits, the apiserver's audit
 * log and its watch caches. The watch caches are observed only while a watch-event or
 * pod-phase condition is set: observing makes the apiserver follow Events (which have no
 * cache) with an etcd watch of its own, which a run without such a breakpoint should not pay. A match records a hit; whoever drives the engine (a step, a sleep,
 * the page's play loop) runs it with `Engine.runUntilStopped` and stops between events once
 * `hitPending` is true. Waits inside a command (kubectl waiting for its reply) do not stop: a
 * hit recorded then is left for the driver to report after the command.
 *
 * Deterministic and free of UI: the hits carry simulated time and the cluster's own words.
 */
import type { Engine } from '../engine';
import type { Etcd } from '../etcd';
import type { KubeApiServer } from '../apiserver/kube-apiserver';
import type { KubeObject } from '../api/kube-object';
import type { ResourceInfo } from '../api/resources';
import type { CacheEvent } from '../apiserver/cacher/watch-cache';

export type BreakCondition =
  | { readonly kind: 'etcd-write'; readonly prefix: string }
  | { readonly kind: 'watch-event'; readonly resource?: string; readonly type?: 'ADDED' | 'MODIFIED' | 'DELETED' }
  | { readonly kind: 'request'; readonly user?: string; readonly verb?: string }
  | { readonly kind: 'pod-phase'; readonly phase: string };

export interface Breakpoint {
  /** 1, 2, 3... in the order added, never reused within a cluster (as gdb numbers them). */
  readonly id: number;
  readonly condition: BreakCondition;
  /** How many times it has matched. */
  hits: number;
}

export interface BreakpointHit {
  /** The breakpoint that matched; undefined for a one-shot "step to next ..." condition. */
  readonly id: number | undefined;
  readonly condition: BreakCondition;
  /** What happened, in the cluster's words: `PUT /registry/pods/default/web (revision 412)`. */
  readonly what: string;
  /** Simulated time of the event during which it matched. */
  readonly at: number;
}

/** A condition as `kubearch break add` takes it: `etcd-write /registry/pods/`. */
export function describeCondition(c: BreakCondition): string {
  switch (c.kind) {
    case 'etcd-write':
      return `etcd-write ${c.prefix || '(any key)'}`;
    case 'watch-event':
      return ['watch', c.resource ?? '(any resource)', c.type ?? ''].join(' ').trim();
    case 'request':
      return ['request', c.user ? `--user ${c.user}` : '', c.verb ? `--verb ${c.verb}` : '', !c.user && !c.verb ? '(any)' : ''].filter(Boolean).join(' ');
    case 'pod-phase':
      return `pod-phase ${c.phase}`;
  }
}

export class Breakpoints {
  private readonly set: Breakpoint[] = [];
  private nextId = 1;
  private oneShot: BreakCondition | undefined;
  private hitsSeen: BreakpointHit[] = [];
  private latest: BreakpointHit | undefined;

  /** Stops observing the watch caches; set while a condition needs them. */
  private unobserveCache: (() => void) | undefined;

  constructor(
    private readonly engine: Engine,
    etcd: Etcd,
    private readonly apiserver: KubeApiServer,
  ) {
    etcd.onCommit((revision, changes) => {
      if (!this.watching) return;
      for (const c of changes) {
        this.match((cond) => cond.kind === 'etcd-write' && c.kv.key.startsWith(cond.prefix), () => `${c.type} ${c.kv.key} (revision ${revision})`);
      }
    });
    apiserver.audit.observe((event) => {
      if (!this.watching) return;
      const user = event.user?.name ?? 'system:anonymous';
      this.match(
        (cond) => cond.kind === 'request' && (cond.user === undefined || cond.user === user) && (cond.verb === undefined || cond.verb === event.verb),
        () => `${event.verb} ${event.requestURI} by ${user} (${event.responseStatus?.code ?? 0})`,
      );
    });
  }

  /** Observe the watch caches exactly while a set or armed condition reads them. */
  private updateCacheObserver(): void {
    const needed = this.set.some((b) => readsWatchEvents(b.condition)) || (this.oneShot !== undefined && readsWatchEvents(this.oneShot));
    if (needed && !this.unobserveCache) this.unobserveCache = this.apiserver.observeCache((resource, event) => this.onCacheEvent(resource, event));
    if (!needed && this.unobserveCache) {
      this.unobserveCache();
      this.unobserveCache = undefined;
    }
  }

  private onCacheEvent(resource: ResourceInfo, event: CacheEvent): void {
    const name = event.object.metadata.namespace ? `${event.object.metadata.namespace}/${event.object.metadata.name}` : (event.object.metadata.name ?? '');
    this.match(
      (cond) => cond.kind === 'watch-event' && (cond.resource === undefined || cond.resource === resource.resource) && (cond.type === undefined || cond.type === event.type),
      () => `watch event ${event.type} ${resource.resource} ${name} (resourceVersion ${event.resourceVersion})`,
    );
    if (resource.resource !== 'pods' || event.type === 'DELETED') return;
    const phase = podPhase(event.object);
    if (phase === undefined || phase === podPhase(event.prevObject)) return;
    this.match((cond) => cond.kind === 'pod-phase' && cond.phase === phase, () => `pod ${name} entered phase ${phase}`);
  }

  /** The breakpoints set, in the order added. */
  list(): readonly Breakpoint[] {
    return this.set;
  }

  add(condition: BreakCondition): Breakpoint {
    const bp: Breakpoint = { id: this.nextId++, condition, hits: 0 };
    this.set.push(bp);
    this.updateCacheObserver();
    return bp;
  }

  /** Remove breakpoint `id`; false when there is none. */
  delete(id: number): boolean {
    const i = this.set.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.set.splice(i, 1);
    this.updateCacheObserver();
    return true;
  }

  /** Arm a one-shot condition ("the next etcd write"), or disarm it with undefined. */
  armOnce(condition: BreakCondition | undefined): void {
    this.oneShot = condition;
    this.updateCacheObserver();
  }

  /** True once a condition matched and the hit has not been taken: a driver stops here. */
  get hitPending(): boolean {
    return this.hitsSeen.length > 0;
  }

  /** The newest hit, taken or not: a driver compares it before and after a run to learn whether it stopped. */
  get lastHit(): BreakpointHit | undefined {
    return this.latest;
  }

  /** The hits recorded since the last take, oldest first; clears them. */
  takeHits(): BreakpointHit[] {
    const hits = this.hitsSeen;
    this.hitsSeen = [];
    return hits;
  }

  private get watching(): boolean {
    return this.set.length > 0 || this.oneShot !== undefined;
  }

  private match(test: (c: BreakCondition) => boolean, what: () => string): void {
    let text: string | undefined;
    const at = this.engine.now();
    for (const bp of this.set) {
      if (!test(bp.condition)) continue;
      bp.hits++;
      this.hitsSeen.push((this.latest = { id: bp.id, condition: bp.condition, what: (text ??= what()), at }));
    }
    if (this.oneShot && test(this.oneShot)) {
      this.hitsSeen.push((this.latest = { id: undefined, condition: this.oneShot, what: (text ??= what()), at }));
      this.oneShot = undefined;
      this.updateCacheObserver();
    }
  }
}

/** The conditions matched on the watch caches' events. */
function readsWatchEvents(c: BreakCondition): boolean {
  return c.kind === 'watch-event' || c.kind === 'pod-phase';
}

function podPhase(object: KubeObject | undefined): string | undefined {
  const status = (object as { status?: { phase?: unknown } } | undefined)?.status;
  return typeof status?.phase === 'string' ? status.phase : undefined;
}
