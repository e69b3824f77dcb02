/**
 * client-go flowcontrol.Backoff, as the kubelet uses it twice: container restarts (10 s
 * doubling to 300 s, MaxContainerBackOff) and image pulls (10 s doubling to 300 s,
 * MaxImageBackOff). An entry not updated for 2 × max (10 minutes) has expired: that is the
 * "reset after 10 minutes running" of the docs. No jitter: the kubelet creates both without.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }

  /** The current back-off of `id` (0 when none). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Record a failure at eventTime: start at the initial period or double it, capped. */
  next(id: string, eventTime: number): void {
    const entry = this.entries.get(id);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) this.entries.set(id, { backoff: this.initialMs, lastUpdate: this.now() });
    else {
      entry.backoff = Math.min(entry.backoff * 2, this.maxMs);
      entry.lastUpdate = this.now();
    }
  }

  /** Container restarts: is now still within the back-off counted from eventTime (the last exit)? */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return this.now() - eventTime < entry.backoff;
  }

  /** Image pulls: is eventTime within the back-off counted from the last failure? */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return eventTime - entry.lastUpdate < entry.backoff;
  }

  /** When the back-off of `id` counted from `from` ends (for the pod worker's requeue). */
  expiry(id: string, from: number): number | undefined {
    const entry = this.entries.get(id);
    return entry ? from + entry.backoff : undefined;
  }

  /** When the back-off counted from the last failure ends (image pulls). */
  expiryAfterUpdate(id: string): number | undefined {
    const entry = this.entries.get(id);
    return entry ? entry.lastUpdate + entry.backoff : undefined;
  }

  /** Drop entries of a pod that is gone (the kubelet's GC of its back-off maps). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
