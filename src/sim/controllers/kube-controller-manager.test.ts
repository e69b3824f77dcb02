/**
 * kube-controller-manager's client flags: `--kube-api-qps` / `--kube-api-burst` set each
 * controller client's token bucket (defaults 20 and 30), refused when they cannot be a bucket.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster, call, userClient, type ClusterOptions } from '../testing/test-cluster';
import { PODS_PATH, replicaSet, RS_PATH } from '../testing/workloads';
import { kubeControllerManager } from './kube-controller-manager';
import { buildAuth } from '../apiserver/auth-setup';

/** How many pods a ReplicaSet of `replicas` has one simulated second after it is created. */
function podsAfterOneSecond(options: ClusterOptions, replicas: number): number {
  const cluster = bootedCluster({ seed: 1, ...options });
  const admin = userClient(cluster);
  expect(call(cluster, admin, 'POST', RS_PATH, { body: replicaSet('web', replicas) }).code).toBe(201);
  cluster.engine.runUntil(cluster.engine.now() + 1_000);
  return (call(cluster, admin, 'GET', PODS_PATH).body as { items: unknown[] }).items.length;
}

describe('kube-controller-manager --kube-api-qps / --kube-api-burst', () => {
  it('lets the ReplicaSet controller create a small ReplicaSet within a second at the defaults (20/30)', () => {
    expect(podsAfterOneSecond({}, 7)).toBe(7);
  });

  it('holds the ReplicaSet controller to its client bucket when lowered: each create and its event take a token', () => {
    // One token at start and two a second: pod, SuccessfulCreate event, pod.
    const pods = podsAfterOneSecond({ kubeControllerManager: { kubeAPIQPS: 2, kubeAPIBurst: 1 } }, 7);
    expect(pods).toBeGreaterThan(0);
    expect(pods).toBeLessThanOrEqual(2);
  });

  it('refuses a QPS that is not positive or a burst below 1', () => {
    const tokens = buildAuth({ nodeNames: [], now: () => 0 }).serviceAccountTokens;
    expect(() => kubeControllerManager({ tokens, kubeAPIQPS: 0 })).toThrow('invalid --kube-api-qps 0 / --kube-api-burst 30: the QPS must be positive and the burst at least 1');
    expect(() => kubeControllerManager({ tokens, kubeAPIBurst: 0.5 })).toThrow('invalid --kube-api-qps 20 / --kube-api-burst 0.5');
  });
});
