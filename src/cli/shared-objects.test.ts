/**
 * The rule that lets the simulation share objects by reference: an object the apiserver has
 * stored (what its watch cache, every informer and the writer's answer hold) is never changed
 * by anyone. Here every such object is deep-frozen as it is stored, so a component that changes
 * one in place throws (modules are strict) and the transcript no longer matches. Real clusters
 * cannot show this bug, as every process decodes its own copy; the rest client's copy of request
 * bodies closes the other direction (a writer changing what it sent).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../sim/api/kube-object';
import { JustWritten } from '../sim/apiserver/storage/codec';
import { expectedTranscript, masked, play } from './kubectl-scripts.test-helpers';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('objects the apiserver stores are never changed in place', () => {
  beforeAll(() => {
    const remember = JustWritten.prototype.remember;
    const decode = JustWritten.prototype.decode;
    vi.spyOn(JustWritten.prototype, 'remember').mockImplementation(function (this: JustWritten, key: string, value: string, object: KubeObject) {
      return remember.call(this, key, value, deepFreeze(object));
    });
    vi.spyOn(JustWritten.prototype, 'decode').mockImplementation(function (this: JustWritten, kv) {
      return deepFreeze(decode.call(this, kv));
    });
  });
  afterAll(() => vi.restoreAllMocks());

  // The workload controllers, the kubelet and kube-proxy at work; every script's transcript is
  // what kubectl-scripts.test.ts checks, so a match here means no component wrote to a frozen object.
  it.each(['deployment-rollout.sh', 'cronjob.sh', 'daemonset-rollback.sh', 'statefulset.sh', 'service-traffic.sh', 'qos.sh', 'taints.sh', 'explain-why.sh'])('%s plays as it does unfrozen', (script) => {
    expect(masked(play(script))).toBe(expectedTranscript(script));
  });
});
