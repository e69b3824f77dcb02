/**
 * The lessor (server/lease/lessor.go): leases with a TTL, the keys attached to them, expiry on
 * the engine clock. Granting schedules the expiry; a keep-alive cancels and reschedules it; at
 * expiry the lessor calls back so the member revokes the lease, which deletes its keys in one
 * revision. (Real etcd notices expiry within 500 ms; here revocation happens at the instant.)
 */
import type { Engine, EventHandle } from '../engine';
import { errLeaseExist, errLeaseNotFound, errLeaseTTLTooLarge } from './errors';
import { NO_LEASE, type LeaseID } from './types';

/** ceil(1.5 × election timeout) with the default 100 ms heartbeat and 10 election ticks. */
export const MIN_LEASE_TTL = 2;
/** lease.MaxLeaseTTL. */
export const MAX_LEASE_TTL = 9_000_000_000;

export function formatLeaseId(id: LeaseID): string {
  return BigInt.asUintN(64, id).toString(16).padStart(16, '0');
}

export class Lease {
  readonly keys = new Set<string>();
  /** Virtual time (ms) at which the lease expires. */
  expiry: number;
  handle: EventHandle | undefined;

  constructor(
    readonly id: LeaseID,
    /** Granted TTL in seconds. */
    readonly ttl: number,
    now: number,
  ) {
    this.expiry = now + ttl * 1000;
  }
}

export class Lessor {
  private readonly leases = new Map<LeaseID, Lease>();

  constructor(
    private readonly engine: Engine,
    private readonly onExpire: (id: LeaseID) => void,
  ) {}

  lookup(id: LeaseID): Lease | undefined {
    return this.leases.get(id);
  }

  /** Grant a lease; the TTL is raised to MIN_LEASE_TTL. Returns the lease. */
  grant(id: LeaseID, ttl: number): Lease {
    if (id === NO_LEASE) throw errLeaseNotFound();
    if (ttl > MAX_LEASE_TTL) throw errLeaseTTLTooLarge();
    if (this.leases.has(id)) throw errLeaseExist();
    const lease = new Lease(id, Math.max(Math.trunc(ttl), MIN_LEASE_TTL), this.engine.now());
    this.leases.set(id, lease);
    this.schedule(lease);
    return lease;
  }

  /** Forget a lease (its keys are the caller's to delete). */
  remove(id: LeaseID): Lease {
    const lease = this.leases.get(id);
    if (lease === undefined) throw errLeaseNotFound();
    if (lease.handle !== undefined) this.engine.cancel(lease.handle);
    this.leases.delete(id);
    return lease;
  }

  /** Keep-alive: restart the TTL; returns it. */
  renew(id: LeaseID): number {
    const lease = this.leases.get(id);
    if (lease === undefined) throw errLeaseNotFound();
    if (lease.handle !== undefined) this.engine.cancel(lease.handle);
    lease.expiry = this.engine.now() + lease.ttl * 1000;
    this.schedule(lease);
    return lease.ttl;
  }

  /** Whole seconds left, truncated as Go's int64(d.Seconds()). */
  remaining(lease: Lease): number {
    return Math.max(0, Math.trunc((lease.expiry - this.engine.now()) / 1000));
  }

  attach(id: LeaseID, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: LeaseID, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  /** Every lease id, in grant order. */
  ids(): LeaseID[] {
    return [...this.leases.keys()];
  }

  private schedule(lease: Lease): void {
    const delay = Math.max(0, lease.expiry - this.engine.now());
    lease.handle = this.engine.schedule(delay, `etcd: lease ${formatLeaseId(lease.id)} expired`, () => {
      lease.handle = undefined;
      if (this.leases.get(lease.id) === lease) this.onExpire(lease.id);
    });
  }
}
