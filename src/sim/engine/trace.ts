/**
 * The trace of what the engine ran: a rolling hash over every event (time, sequence, label)
 * plus the last few hundred entries kept for display and for printing a failing run.
 *
 * Two runs with the same seed and inputs must end with the same hash; tests compare hashes
 * rather than whole traces so that long runs stay cheap.
 */

export interface TraceEntry {
  readonly seq: number;
  readonly at: number;
  readonly label: string;
}

/**
 * A label made of parts, joined only when someone reads it: a network message's
 * "TO: receive KIND from FROM: TEXT". Most events run unseen (a benchmark, a long play), and
 * the trace's hash of the parts is the hash of the joined text, so nothing tells the two apart.
 */
export class MessageLabel {
  constructor(
    readonly to: string,
    readonly kind: string,
    readonly from: string,
    readonly text: string,
  ) {}

  toString(): string {
    return `${this.to}: receive ${this.kind} from ${this.from}: ${this.text}`;
  }

  /** hashString over the joined text, part by part. */
  hash(h: number): number {
    h = hashString(h, this.to);
    h = hashString(h, ': receive ');
    h = hashString(h, this.kind);
    h = hashString(h, ' from ');
    h = hashString(h, this.from);
    h = hashString(h, ': ');
    return hashString(h, this.text);
  }
}

/** What the engine is given to name an event: its text, or the parts of it. */
export type EventLabel = string | MessageLabel;

const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;

function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function hashNumber(h: number, n: number): number {
  // Virtual times are integers of milliseconds in practice, but fractional delays are legal,
  // so fold both 32-bit halves of the float's integer and fraction parts.
  const int = Math.floor(n);
  h = Math.imul(h ^ (int & 0xffffffff), FNV_PRIME);
  h = Math.imul(h ^ Math.floor(int / 4294967296), FNV_PRIME);
  return Math.imul(h ^ Math.round((n - int) * 1e6), FNV_PRIME);
}

export class Trace {
  private hash = FNV_OFFSET;
  private count = 0;
  // Parallel arrays rather than an object per entry: the engine records millions of events.
  private readonly seqs: Float64Array;
  private readonly ats: Float64Array;
  private readonly labels: EventLabel[];
  private next = 0;

  constructor(readonly capacity = 512) {
    this.seqs = new Float64Array(capacity);
    this.ats = new Float64Array(capacity);
    this.labels = new Array<EventLabel>(capacity).fill('');
  }

  record(seq: number, at: number, label: EventLabel): void {
    // Hashed each time: most labels name an object and occur once, and a map of label hashes
    // costs more on a miss (V8 hashes the string for the lookup, then we do) than it saves on a hit.
    const lh = (typeof label === 'string' ? hashString(FNV_OFFSET, label) : label.hash(FNV_OFFSET)) >>> 0;
    let h = hashNumber(this.hash, at);
    h = Math.imul(h ^ seq, FNV_PRIME);
    this.hash = Math.imul(h ^ lh, FNV_PRIME);
    const i = this.next;
    this.seqs[i] = seq;
    this.ats[i] = at;
    this.labels[i] = label;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    this.count++;
  }

  /** Number of events recorded since the engine started. */
  get length(): number {
    return this.count;
  }

  /** The hash of the whole run so far, as 8 hex digits. */
  digest(): string {
    return (this.hash >>> 0).toString(16).padStart(8, '0');
  }

  /** The last `n` entries, oldest first. */
  tail(n = this.capacity): TraceEntry[] {
    const out: TraceEntry[] = [];
    const take = Math.min(n, this.capacity, this.count);
    for (let i = take; i > 0; i--) {
      const j = (this.next - i + this.capacity) % this.capacity;
      out.push({ seq: this.seqs[j] as number, at: this.ats[j] as number, label: String(this.labels[j]) });
    }
    return out;
  }

  /** A fixed-column dump of the tail, for a failing test's output. */
  format(n = 40): string {
    return this.tail(n)
      .map((e) => `${String(e.seq).padStart(8)} ${formatVirtualTime(e.at).padStart(12)}  ${e.label}`)
      .join('\n');
  }
}

/** Virtual milliseconds as "1m02.500s"-style text for traces and the clock display. */
export function formatVirtualTime(ms: number): string {
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds - minutes * 60;
  const s = seconds.toFixed(3).padStart(6, '0');
  return minutes > 0 ? `${minutes}m${s}s` : `${seconds.toFixed(3)}s`;
}
