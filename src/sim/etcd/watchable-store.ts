/**
 * Watches (server/storage/mvcc/watchable_store.go plus the per-stream parts of
 * api/v3rpc/watch.go): watchers over a key or a range, fed from the store's commits.
 *
 * - A watch from revision 0 (or one after the current revision) is synced: it sees only later
 *   events. A watch from an older revision first replays the history still in the backend, in
 *   batches of up to 1,000 revisions whose header carries the current revision.
 * - From a compacted revision (start < compactMainRev) the watch is cancelled at once with
 *   compactRevision set and header revision 0, and no events.
 * - Live events arrive as one response per revision, a txn's changes together in op order.
 * - With prevKv, updates and deletes carry the previous pair (never a create).
 * - With progressNotify, a watcher that got no events during an interval gets an empty
 *   response carrying the current revision.
 *
 * Nothing is delivered inside the write: responses go onto a queue and reach the callbacks
 * `deliveryDelayMs` later, from an event on the engine.
 */
import type { Engine, EventHandle } from '../engine';
import { inRange, keyRange, type KeyRange } from './key-range';
import { isTombstone } from './backend';
import type { Change, KVStore } from './kv-store';
import { mainOf } from './revision';
import type { KeyValue, ResponseHeader, WatchCallback, WatchEvent, WatchRequest, WatchResponse, Watcher } from './types';

/** watchBatchMaxRevs: revisions per replayed response. */
export const WATCH_BATCH_MAX_REVS = 1000;

export interface WatchableStoreOptions {
  /** Virtual ms between a commit and its delivery to watchers. Default 1. */
  readonly deliveryDelayMs?: number;
  /** --experimental-watch-progress-notify-interval. Default 10 minutes. */
  readonly progressNotifyIntervalMs?: number;
}

interface WatcherState {
  readonly id: number;
  readonly range: KeyRange;
  /** Events below this revision are not for this watcher. */
  readonly minRev: number;
  readonly prevKv: boolean;
  readonly noPut: boolean;
  readonly noDelete: boolean;
  readonly callback: WatchCallback;
  progressHandle: EventHandle | undefined;
  /** Events were queued since the last progress tick. */
  sentSinceTick: boolean;
  canceled: boolean;
}

interface Pending {
  readonly watcher: WatcherState;
  readonly response: WatchResponse;
  readonly at: number;
}

function isCreate(kv: KeyValue): boolean {
  return kv.createRevision === kv.modRevision;
}

export class WatchableStore {
  private nextId = 0;
  private readonly watchers = new Map<number, WatcherState>();
  private readonly byKey = new Map<string, Set<WatcherState>>();
  private readonly ranged = new Set<WatcherState>();
  private queue: Pending[] = [];
  private head = 0;
  private flushHandle: EventHandle | undefined;
  private flushing = false;
  readonly deliveryDelayMs: number;
  readonly progressNotifyIntervalMs: number;

  constructor(
    private readonly engine: Engine,
    private readonly store: KVStore,
    private readonly header: (revision: number) => ResponseHeader,
    options: WatchableStoreOptions = {},
  ) {
    this.deliveryDelayMs = options.deliveryDelayMs ?? 1;
    this.progressNotifyIntervalMs = options.progressNotifyIntervalMs ?? 10 * 60_000;
    store.onCommit((rev, changes) => this.notify(rev, changes));
  }

  watch(req: WatchRequest, callback: WatchCallback): Watcher {
    const id = this.nextId++;
    const current = this.store.currentRev;
    const start = req.startRevision ?? 0;
    const filters = req.filters ?? [];
    const w: WatcherState = {
      id,
      range: keyRange(req.key, req.rangeEnd),
      minRev: start <= 0 || start > current ? Math.max(start, current + 1) : start,
      prevKv: req.prevKv ?? false,
      noPut: filters.includes('NOPUT'),
      noDelete: filters.includes('NODELETE'),
      callback,
      progressHandle: undefined,
      sentSinceTick: false,
      canceled: false,
    };
    const handle: Watcher = { id, cancel: () => void this.cancel(id) };
    const unsynced = start > 0 && start <= current;
    if (unsynced && start < this.store.compactMainRev) {
      w.canceled = true;
      this.enqueue(w, {
        header: this.header(0),
        watchId: id,
        events: [],
        compactRevision: this.store.compactMainRev,
        canceled: true,
        cancelReason: '',
      });
      return handle;
    }
    this.watchers.set(id, w);
    if (w.range.kind === 'single') {
      let set = this.byKey.get(w.range.key);
      if (set === undefined) this.byKey.set(w.range.key, (set = new Set()));
      set.add(w);
    } else {
      this.ranged.add(w);
    }
    if (unsynced) this.replay(w, current);
    if (req.progressNotify) this.scheduleProgress(w);
    return handle;
  }

  /**
   * WatchRequest.progress_request: the watcher gets an empty response carrying the current
   * revision, queued behind every event already committed, so when it arrives the watcher has
   * seen everything up to that revision. False when there is no such watcher.
   */
  requestProgress(id: number): boolean {
    const w = this.watchers.get(id);
    if (w === undefined) return false;
    this.enqueue(w, { header: this.header(this.store.currentRev), watchId: id, events: [], compactRevision: 0, canceled: false, cancelReason: '' });
    return true;
  }

  /** Cancel a watcher; false when there was none with that id. */
  cancel(id: number): boolean {
    const w = this.watchers.get(id);
    if (w === undefined) return false;
    w.canceled = true;
    this.watchers.delete(id);
    if (w.range.kind === 'single') {
      const set = this.byKey.get(w.range.key);
      set?.delete(w);
      if (set !== undefined && set.size === 0) this.byKey.delete(w.range.key);
    } else {
      this.ranged.delete(w);
    }
    if (w.progressHandle !== undefined) this.engine.cancel(w.progressHandle);
    return true;
  }

  /** The pair a key had at `rev`, as the watch server looks up prev_kv; none if compacted. */
  private kvAt(key: string, rev: number): KeyValue | undefined {
    if (rev < this.store.compactMainRev || rev < 1) return undefined;
    return this.store.index.keyIndex(key)?.kvAt(rev);
  }

  /** Replay history from w.minRev to `current` (syncWatchers). */
  private replay(w: WatcherState, current: number): void {
    let events: WatchEvent[] = [];
    let revs = 0;
    let lastMain = -1;
    const flush = () => {
      if (events.length > 0) this.send(w, { header: this.header(current), watchId: w.id, events, compactRevision: 0, canceled: false, cancelReason: '' });
      events = [];
      revs = 0;
    };
    this.store.backend.scan(w.minRev, current, (rev, kv) => {
      const tombstone = isTombstone(kv);
      if (!inRange(w.range, kv.key)) return;
      if (tombstone ? w.noDelete : w.noPut) return;
      const main = mainOf(rev);
      if (main !== lastMain) {
        if (revs === WATCH_BATCH_MAX_REVS) flush();
        revs++;
        lastMain = main;
      }
      const prevKv = w.prevKv && (tombstone || !isCreate(kv)) ? this.kvAt(kv.key, kv.modRevision - 1) : undefined;
      events.push(prevKv === undefined ? { type: tombstone ? 'DELETE' : 'PUT', kv } : { type: tombstone ? 'DELETE' : 'PUT', kv, prevKv });
    });
    flush();
  }

  /** A commit: one response per interested watcher, its events in op order. */
  private notify(rev: number, changes: readonly Change[]): void {
    if (this.watchers.size === 0) return;
    if (changes.length === 1) return this.notifyOne(rev, changes[0] as Change);
    const plain: (WatchEvent | undefined)[] = [];
    const withPrev: (WatchEvent | undefined)[] = [];
    const perWatcher = new Map<WatcherState, WatchEvent[]>();
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i] as Change;
      const add = (w: WatcherState) => {
        if (rev < w.minRev || (c.type === 'PUT' ? w.noPut : w.noDelete)) return;
        let ev: WatchEvent;
        if (w.prevKv && c.prevKv !== undefined) {
          ev = withPrev[i] ??= { type: c.type, kv: c.kv, prevKv: c.prevKv };
        } else {
          ev = plain[i] ??= { type: c.type, kv: c.kv };
        }
        const list = perWatcher.get(w);
        if (list === undefined) perWatcher.set(w, [ev]);
        else list.push(ev);
      };
      const exact = this.byKey.get(c.kv.key);
      if (exact !== undefined) for (const w of exact) add(w);
      for (const w of this.ranged) if (inRange(w.range, c.kv.key)) add(w);
    }
    if (perWatcher.size === 0) return;
    const targets = [...perWatcher.entries()].sort((a, b) => a[0].id - b[0].id);
    // One header for the commit: responses are read-only, like the KeyValues they share.
    const header = this.header(rev);
    for (const [w, events] of targets) {
      this.send(w, { header, watchId: w.id, events, compactRevision: 0, canceled: false, cancelReason: '' });
    }
  }

  /**
   * notify for a commit of one change (nearly every commit: the apiserver writes one key per
   * txn): the same responses, without the per-watcher map, the sort and a closure per change.
   */
  private notifyOne(rev: number, c: Change): void {
    let targets: WatcherState[] | undefined;
    const consider = (w: WatcherState) => {
      if (rev < w.minRev || (c.type === 'PUT' ? w.noPut : w.noDelete)) return;
      if (targets === undefined) targets = [w];
      else targets.push(w);
    };
    const exact = this.byKey.get(c.kv.key);
    if (exact !== undefined) for (const w of exact) consider(w);
    for (const w of this.ranged) if (inRange(w.range, c.kv.key)) consider(w);
    if (targets === undefined) return;
    // In id order, as notify sends them.
    if (targets.length > 1) targets.sort((a, b) => a.id - b.id);
    const header = this.header(rev);
    let plain: WatchEvent | undefined;
    let withPrev: WatchEvent | undefined;
    for (const w of targets) {
      // The event is shared, as notify shares it; each response has its own list.
      const event = w.prevKv && c.prevKv !== undefined ? (withPrev ??= { type: c.type, kv: c.kv, prevKv: c.prevKv }) : (plain ??= { type: c.type, kv: c.kv });
      this.send(w, { header, watchId: w.id, events: [event], compactRevision: 0, canceled: false, cancelReason: '' });
    }
  }

  private send(w: WatcherState, response: WatchResponse): void {
    w.sentSinceTick = true;
    this.enqueue(w, response);
  }

  private scheduleProgress(w: WatcherState): void {
    w.progressHandle = this.engine.schedule(this.progressNotifyIntervalMs, `etcd: watch ${w.id} progress notify`, () => {
      w.progressHandle = undefined;
      if (w.canceled) return;
      if (!w.sentSinceTick) {
        this.enqueue(w, { header: this.header(this.store.currentRev), watchId: w.id, events: [], compactRevision: 0, canceled: false, cancelReason: '' });
      }
      w.sentSinceTick = false;
      this.scheduleProgress(w);
    });
  }

  private enqueue(watcher: WatcherState, response: WatchResponse): void {
    const at = this.engine.now() + this.deliveryDelayMs;
    this.queue.push({ watcher, response, at });
    if (this.flushHandle === undefined && !this.flushing) this.scheduleFlush(at);
  }

  private scheduleFlush(at: number): void {
    this.flushHandle = this.engine.scheduleAt(at, 'etcd: deliver watch responses', () => this.flush());
  }

  private flush(): void {
    this.flushHandle = undefined;
    const now = this.engine.now();
    this.flushing = true;
    try {
      while (this.head < this.queue.length) {
        const p = this.queue[this.head] as Pending;
        if (p.at > now) break;
        this.head++;
        // A cancelled watcher hears nothing more, except the response that cancelled it.
        if (p.watcher.canceled && !p.response.canceled) continue;
        p.watcher.callback(p.response);
      }
    } finally {
      this.flushing = false;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      } else {
        if (this.head > 1024) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.scheduleFlush((this.queue[this.head] as Pending).at);
      }
    }
  }
}
