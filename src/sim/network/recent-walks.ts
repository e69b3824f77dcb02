/**
 * The data plane's short memory: the last few connections it carried (from curl, wget or
 * `kubearch trace-packet`), each with its walk through every node's rules, so the page can draw
 * the latest one on the graph and list its hops after the fact. Bounded (a ring of the newest
 * `capacity`), numbered in order; recording changes nothing the connection did.
 */
import type { Delivery, Source } from './dataplane';

export interface WalkRecord {
  /** 1 for the first connection the data plane carried, then 2, 3... */
  readonly seq: number;
  /** Engine time in virtual ms when it was sent. */
  readonly at: number;
  readonly source: Source;
  readonly address: string;
  readonly port: number;
  readonly delivery: Delivery;
}

/** How many connections the data plane remembers by default. */
export const RECENT_WALKS_KEPT = 20;

export class RecentWalks {
  private readonly records: WalkRecord[] = [];
  private seq = 0;

  constructor(private readonly capacity = RECENT_WALKS_KEPT) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive whole number, got ${capacity}`);
  }

  add(record: Omit<WalkRecord, 'seq'>): WalkRecord {
    const full: WalkRecord = { seq: ++this.seq, ...record };
    this.records.push(full);
    if (this.records.length > this.capacity) this.records.shift();
    return full;
  }

  /** Oldest first; only those numbered after `since` when it is given. */
  list(since = 0): readonly WalkRecord[] {
    return since <= 0 ? [...this.records] : this.records.filter((r) => r.seq > since);
  }

  /** The number of the newest connection (0 before the first). */
  get latest(): number {
    return this.seq;
  }
}
