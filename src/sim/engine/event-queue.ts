/**
 * The engine's priority queue of scheduled events, totally ordered by (time, priority, sequence
 * number). The sequence number makes equal-time events run in the order they were scheduled,
 * which is what keeps a run deterministic.
 *
 * Events come in a few thousand instants at a time (network hops of 0.5 and 2 ms, whole-ms
 * timers), so they are kept in one bucket per instant, in run order, with a binary heap of the
 * instants: a push appends, a pop takes the front bucket's next event. A heap of the events
 * themselves compared objects scattered over memory a dozen times for each pop.
 *
 * Cancelled events stay in the heap and are skipped when they reach the top (lazy deletion):
 * cancelling is O(1) and the heap never has to search.
 */

import type { EventLabel } from './trace';

export interface ScheduledEvent {
  /** Virtual time in milliseconds at which the event runs. */
  readonly at: number;
  /** Lower runs first among events at the same time. */
  readonly priority: number;
  /** Monotonic per engine: the order the events were scheduled in. */
  readonly seq: number;
  /** What the event is, for the trace: "kubelet/node-1: renew lease". */
  readonly label: EventLabel;
  readonly run: () => void;
  cancelled: boolean;
  /** Set when the event has been taken off the queue to run, so a late cancel is a no-op. */
  ran: boolean;
}

/** One instant's events, in run order: by priority, then by sequence number (the order pushed). */
interface Bucket {
  readonly at: number;
  readonly events: ScheduledEvent[];
  /** The next event to run; those before it have run. */
  head: number;
}

export class EventQueue {
  /** The events of each instant that has any left. */
  private buckets = new Map<number, Bucket>();
  /** A binary min-heap of those instants. */
  private times: number[] = [];
  /** The earliest instant's bucket (times[0]), kept so a pop needs no lookup. */
  private front: Bucket | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(event: ScheduledEvent): void {
    this.count++;
    let bucket = this.buckets.get(event.at);
    if (bucket === undefined) {
      bucket = { at: event.at, events: [event], head: 0 };
      this.buckets.set(event.at, bucket);
      this.pushTime(event.at);
      if (this.front !== undefined && event.at < this.front.at) this.front = undefined;
      return;
    }
    const events = bucket.events;
    const last = events[events.length - 1];
    // Sequence numbers only grow, so an event goes last unless it outranks queued ones.
    if (last === undefined || last.priority <= event.priority || events.length === bucket.head) {
      events.push(event);
      return;
    }
    let lo = bucket.head;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((events[mid] as ScheduledEvent).priority <= event.priority) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, event);
  }

  peek(): ScheduledEvent | undefined {
    const bucket = this.frontBucket();
    return bucket?.events[bucket.head];
  }

  pop(): ScheduledEvent | undefined {
    const bucket = this.frontBucket();
    if (bucket === undefined) return undefined;
    const event = bucket.events[bucket.head] as ScheduledEvent;
    bucket.head++;
    this.count--;
    if (bucket.head === bucket.events.length) {
      this.buckets.delete(bucket.at);
      this.popTime();
      this.front = undefined;
    }
    return event;
  }

  clear(): void {
    this.buckets = new Map();
    this.times = [];
    this.front = undefined;
    this.count = 0;
  }

  private frontBucket(): Bucket | undefined {
    if (this.front === undefined && this.times.length > 0) this.front = this.buckets.get(this.times[0] as number);
    return this.front;
  }

  private pushTime(at: number): void {
    const heap = this.times;
    let i = heap.length;
    heap.push(at);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (p <= at) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = at;
  }

  private popTime(): void {
    const heap = this.times;
    const last = heap.pop();
    const n = heap.length;
    if (last === undefined || n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (heap[r] as number) < (heap[l] as number)) c = r;
      const child = heap[c] as number;
      if (child >= last) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}
