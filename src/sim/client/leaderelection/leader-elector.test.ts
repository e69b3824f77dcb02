/**
 * Leader election as kube-scheduler and kube-controller-manager run it: each holds its Lease in
 * kube-system, renews it every 2 s, and says "became leader" in an event; a second candidate
 * waits while the holder renews and takes over (leaseTransitions 1) once the Lease has not been
 * renewed for leaseDurationSeconds.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, call, startedCluster, userClient } from '../../testing/test-cluster';
import { EventRecorder } from '../event-recorder';
import { LEASE_DURATION_MS, LeaderElector, RETRY_PERIOD_MS } from './leader-elector';

interface Lease {
  spec: { holderIdentity: string; leaseDurationSeconds: number; acquireTime: string; renewTime: string; leaseTransitions: number };
}

const lease = (cluster: Cluster, name: string) => call(cluster, userClient(cluster), 'GET', `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`);

describe('leader election', () => {
  it('gives kube-scheduler and kube-controller-manager their Leases, renewed every retry period', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.engine.runUntil(5_000);
    for (const name of ['kube-scheduler', 'kube-controller-manager']) {
      const first = lease(cluster, name);
      expect(first.code).toBe(200);
      const spec = (first.body as Lease).spec;
      expect(spec.holderIdentity).toMatch(/^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(spec).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 0 });
      expect(spec.renewTime).toMatch(/^2025-01-01T00:00:0\d\.\d{6}Z$/);
      cluster.engine.runUntil(cluster.engine.now() + RETRY_PERIOD_MS);
      const renewed = (lease(cluster, name).body as Lease).spec;
      expect(renewed.renewTime > spec.renewTime).toBe(true);
      expect(renewed.acquireTime).toBe(spec.acquireTime);
    }
    const events = call(cluster, userClient(cluster), 'GET', '/api/v1/namespaces/kube-system/events').body as { items: { reason: string; message: string; source: { component: string }; involvedObject: { kind: string; name: string } }[] };
    const elections = events.items.filter((e) => e.reason === 'LeaderElection').map((e) => `${e.source.component} ${e.involvedObject.kind}/${e.involvedObject.name} ${e.message.replace(/_.*? /, '_<uuid> ')}`);
    expect(elections.sort()).toEqual(['default-scheduler Lease/kube-scheduler control-plane_<uuid> became leader', 'kube-controller-manager Lease/kube-controller-manager control-plane_<uuid> became leader']);
  });

  it('lets a second candidate take over only after the holder stops renewing for the lease duration', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const recorder = new EventRecorder(cluster.engine, admin, 'demo');
    const started: string[] = [];
    const candidate = (identity: string) =>
      new LeaderElector(cluster.engine, admin, recorder, { name: 'demo', namespace: 'kube-system', identity, onStartedLeading: () => started.push(identity) });
    const a = candidate('host-a_1');
    const b = candidate('host-b_2');
    a.run();
    cluster.engine.runUntil(cluster.engine.now() + 100);
    b.run();
    cluster.engine.runUntil(cluster.engine.now() + 30_000);
    expect(started).toEqual(['host-a_1']);
    expect(b.isLeader()).toBe(false);
    expect(b.leader()).toBe('host-a_1');

    const firstAcquire = (lease(cluster, 'demo').body as Lease).spec.acquireTime;
    a.stop();
    const stoppedAt = cluster.engine.now();
    cluster.engine.runUntil(stoppedAt + LEASE_DURATION_MS - RETRY_PERIOD_MS * 2);
    expect(started).toEqual(['host-a_1']);
    cluster.engine.runUntil(stoppedAt + LEASE_DURATION_MS + RETRY_PERIOD_MS * 3);
    expect(started).toEqual(['host-a_1', 'host-b_2']);
    const spec = (lease(cluster, 'demo').body as Lease).spec;
    expect(spec).toMatchObject({ holderIdentity: 'host-b_2', leaseTransitions: 1 });
    // A new holder's acquireTime is when it took over, not the first holder's.
    expect(spec.acquireTime > firstAcquire).toBe(true);
  });
});
