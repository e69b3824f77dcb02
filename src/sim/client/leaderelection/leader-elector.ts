/**
 * client-go's leader election (tools/leaderelection) with a Lease lock (resourcelock/leaselock.go),
 * as kube-scheduler and kube-controller-manager run it (`--leader-elect`, default on): the
 * candidate gets the Lease `kube-system/<name>`, creates it when missing, takes it over once
 * its holder has not renewed for leaseDurationSeconds, and, once leading, renews it every
 * retryPeriod with an optimistic update of the record it last wrote (the fast path of
 * tryAcquireOrRenew). Acquiring records a `LeaderElection` event "<identity> became leader" on
 * the Lease. A leader that cannot renew within renewDeadline loses the lease; upstream the
 * process then exits and is restarted by the kubelet: here it stops leading and tries again
 * (simplified, and said so in the event stream by the second LeaderElection event).
 */
import type { Engine } from '../../engine';
import { Rng } from '../../engine';
import { findResource } from '../../api/resources';
import { microTime, virtualMsOf } from '../../api/time';
import { newUid } from '../../api/uid';
import type { KubeObject } from '../../api/kube-object';
import type { EventRecorder } from '../event-recorder';
import type { RestClient } from '../rest-client';
import { resourcePath } from '../../api/resource-path';

/** The component-base defaults (LeaderElectionConfiguration): 15 s, 10 s, 2 s. */
export const LEASE_DURATION_MS = 15_000;
export const RENEW_DEADLINE_MS = 10_000;
export const RETRY_PERIOD_MS = 2_000;
/** wait.JitterUntil's factor for a candidate's retries (JitterFactor 1.2). */
const JITTER_FACTOR = 1.2;

export interface LeaderElectionConfig {
  /** The Lease's name and namespace: kube-system/kube-scheduler. */
  readonly name: string;
  readonly namespace: string;
  /** `<hostname>_<uuid>`, as the components build it. */
  readonly identity: string;
  readonly onStartedLeading: () => void;
  readonly onStoppedLeading?: () => void;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

type Lease = KubeObject & { spec?: LeaseSpec };

const LEASES = (() => {
  const info = findResource('leases');
  if (!info) throw new Error('leader election: the API has no leases');
  return info;
})();

/**
 * A component's identity for the lock: the hostname and a UUID. The UUID comes from a generator
 * of its own, derived from the seed and the lock's name, so adding leader election does not
 * shift the random numbers every other part of the cluster draws.
 */
export function leaderIdentity(engine: Engine, hostname: string, lockName: string): string {
  let h = engine.seed >>> 0;
  for (let i = 0; i < lockName.length; i++) h = Math.imul(h ^ lockName.charCodeAt(i), 0x01000193) >>> 0;
  return `${hostname}_${newUid(new Rng(h))}`;
}

export class LeaderElector {
  private observed: Lease | undefined;
  /** Virtual time at which the observed record was seen to change (observedTime). */
  private observedAt = 0;
  private leading = false;
  private lastRenew = 0;
  private running = false;
  /** Counts for the page and tests. */
  readonly stats = { renewals: 0, acquisitions: 0, losses: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    private readonly recorder: EventRecorder,
    private readonly config: LeaderElectionConfig,
  ) {}

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder the candidate last saw in the Lease. */
  leader(): string | undefined {
    return this.observed?.spec?.holderIdentity;
  }

  run(): void {
    if (this.running) return;
    this.running = true;
    this.tryAcquireOrRenew();
  }

  /** The process stops (killed, or its host went away): no more renewals; the Lease expires on its own. */
  stop(): void {
    this.running = false;
    this.leading = false;
  }

  /**
   * The process stops cleanly with ReleaseOnCancel (kube-scheduler sets it): the leader writes an
   * empty holder and a 1 s duration, so the next candidate need not wait out the lease.
   */
  release(): void {
    const lease = this.observed;
    const wasLeading = this.leading;
    this.stop();
    if (!wasLeading || !lease) return;
    const now = this.engine.now();
    const spec: LeaseSpec = { leaseDurationSeconds: 1, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: lease.spec?.leaseTransitions ?? 0 };
    this.client.request('PUT', this.path, { body: { ...lease, spec } }, () => undefined);
  }

  private get path(): string {
    return resourcePath(LEASES, { namespace: this.config.namespace, name: this.config.name });
  }

  private get collectionPath(): string {
    return resourcePath(LEASES, { namespace: this.config.namespace });
  }

  private record(now: number, previous: LeaseSpec | undefined, keepAcquire: boolean): LeaseSpec {
    return {
      holderIdentity: this.config.identity,
      leaseDurationSeconds: LEASE_DURATION_MS / 1000,
      acquireTime: keepAcquire && previous?.acquireTime ? previous.acquireTime : microTime(now),
      renewTime: microTime(now),
      // A new holder bumps the count, even of a released (holderless) Lease; creating one starts at 0.
      leaseTransitions: (previous?.leaseTransitions ?? 0) + (keepAcquire || !previous ? 0 : 1),
    };
  }

  private tryAcquireOrRenew(): void {
    if (!this.running) return;
    const now = this.engine.now();
    // 1. The leader's fast path: update the record it last wrote, without reading it first.
    if (this.leading && this.observed && now < this.observedAt + LEASE_DURATION_MS) {
      const body: Lease = { ...this.observed, spec: this.record(now, this.observed.spec, true) };
      this.client.request('PUT', this.path, { body }, (response) => {
        if (response.code === 200) return this.succeeded(response.body as Lease);
        this.slowPath();
      });
      return;
    }
    this.slowPath();
  }

  /** 2. Get the record (create it when missing), and take it if it is ours or has expired. */
  private slowPath(): void {
    this.client.request('GET', this.path, {}, (got) => {
      const now = this.engine.now();
      if (got.code === 404) {
        const body = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.config.name, namespace: this.config.namespace }, spec: this.record(now, undefined, false) };
        this.client.request('POST', this.collectionPath, { body }, (created) => {
          if (created.code === 201) this.succeeded(created.body as Lease);
          else this.failed();
        });
        return;
      }
      if (got.code !== 200) return this.failed();
      const lease = got.body as Lease;
      if (this.observed?.metadata.resourceVersion !== lease.metadata.resourceVersion) {
        this.observed = lease;
        this.observedAt = now;
      }
      const spec = lease.spec ?? {};
      const ours = spec.holderIdentity === this.config.identity;
      const held = !!spec.holderIdentity && this.observedAt + (spec.leaseDurationSeconds ?? LEASE_DURATION_MS / 1000) * 1000 > now;
      if (!ours && held) return this.failed();
      const body: Lease = { ...lease, spec: this.record(now, spec, ours) };
      this.client.request('PUT', this.path, { body }, (updated) => {
        if (updated.code === 200) this.succeeded(updated.body as Lease);
        else this.failed();
      });
    });
  }

  private succeeded(lease: Lease): void {
    if (!this.running) return;
    const now = this.engine.now();
    this.observed = lease;
    this.observedAt = now;
    this.lastRenew = now;
    if (!this.leading) {
      this.leading = true;
      this.stats.acquisitions++;
      this.recorder.event(lease, 'Normal', 'LeaderElection', `${this.config.identity} became leader`);
      this.config.onStartedLeading();
      // renew() starts at once after acquiring: wait.Until runs its function immediately.
      this.tryAcquireOrRenew();
      return;
    }
    this.stats.renewals++;
    this.engine.schedule(RETRY_PERIOD_MS, `${this.client.component}: renew lease ${this.config.namespace}/${this.config.name}`, () => this.tryAcquireOrRenew());
  }

  private failed(): void {
    if (!this.running) return;
    const now = this.engine.now();
    if (this.leading && now - this.lastRenew >= RENEW_DEADLINE_MS) {
      this.leading = false;
      this.stats.losses++;
      this.config.onStoppedLeading?.();
    }
    // A leader retries every retryPeriod until its deadline; a candidate waits a jittered period.
    const wait = this.leading ? RETRY_PERIOD_MS : RETRY_PERIOD_MS * (1 + this.engine.rng.next() * JITTER_FACTOR);
    this.engine.schedule(wait, `${this.client.component}: ${this.leading ? 'renew' : 'acquire'} lease ${this.config.namespace}/${this.config.name}`, () => this.tryAcquireOrRenew());
  }
}

/** Virtual time of a Lease's renewTime, for views that show how stale a lease is. */
export function leaseRenewedAt(lease: Lease): number | undefined {
  return lease.spec?.renewTime ? virtualMsOf(lease.spec.renewTime) : undefined;
}
