/**
 * kube-scheduler's clientConnection (KubeSchedulerConfiguration, default qps 50 / burst 100):
 * the process's client bucket that its binds, lists and events take tokens from.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster, call, userClient, type ClusterOptions } from '../testing/test-cluster';
import { kubeSchedulerComponent } from './kube-scheduler-component';

function boundAfterOneSecond(options: ClusterOptions, count: number): number {
  const cluster = bootedCluster({ seed: 1, ...options });
  // Past the start-up lists and the election, which take their tokens too.
  cluster.engine.runUntil(cluster.engine.now() + 10_000);
  const admin = userClient(cluster);
  for (let i = 0; i < count; i++) {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body }).code).toBe(201);
  }
  cluster.engine.runUntil(cluster.engine.now() + 1_000);
  const pods = (call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods').body as { items: { spec: { nodeName?: string } }[] }).items;
  return pods.filter((p) => p.spec.nodeName).length;
}

describe('kube-scheduler clientConnection qps / burst', () => {
  it('binds a handful of pods at once at the defaults (50/100)', () => {
    expect(boundAfterOneSecond({}, 6)).toBe(6);
  });

  it('binds no faster than its bucket allows when lowered: each bind and its Scheduled event take a token', () => {
    const bound = boundAfterOneSecond({ kubeScheduler: { clientConnection: { qps: 2, burst: 1 } } }, 6);
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(2);
  });

  it('refuses a QPS that is not positive or a burst below 1', () => {
    expect(() => kubeSchedulerComponent({ clientConnection: { qps: -1 } })).toThrow('invalid clientConnection qps -1 / burst 100: the QPS must be positive and the burst at least 1');
    expect(() => kubeSchedulerComponent({ clientConnection: { burst: 0 } })).toThrow('invalid clientConnection qps 50 / burst 0');
  });
});
