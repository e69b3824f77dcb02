/**
 * The engine's priority queue: a binary min-heap of scheduled events, totally ordered by
 * (time, priority, sequence number). The sequence number makes equal-time events run in the
 * order they were scheduled, which is what keeps a run deterministic.
 *
 * Cancelled events stay in the heap and are skipped when they reach the top (lazy deletion):
 * cancelling is O(1) and the heap never has to search.
 */

export interface ScheduledEvent {
  /** Virtual time in milliseconds at which the event runs. */
  readonly at: number;
  /** Lower runs first among events at the same time. */
  readonly priority: number;
  /** Monotonic per engine: the order the events were scheduled in. */
  readonly seq: number;
  /** What the event is, for the trace: "kubelet/node-1: renew lease". */
  readonly label: string;
  readonly run: () => void;
  cancelled: boolean;
  /** Set when the event has been taken off the queue to run, so a late cancel is a no-op. */
  ran: boolean;
}

function before(x: ScheduledEvent, y: ScheduledEvent): boolean {
  if (x.at !== y.at) return x.at < y.at;
  if (x.priority !== y.priority) return x.priority < y.priority;
  return x.seq < y.seq;
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(event: ScheduledEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  peek(): ScheduledEvent | undefined {
    return this.heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as ScheduledEvent, heap[l] as ScheduledEvent)) c = r;
      const child = heap[c] as ScheduledEvent;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  clear(): void {
    this.heap = [];
  }
}
