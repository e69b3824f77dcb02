/** The zone tainter's queue: unique values, a token bucket of burst 1 at --node-eviction-rate, SwapLimiter. */
import { describe, expect, it } from 'vitest';
import { RateLimitedTimedQueue, TokenBucket } from './rate-limited-timed-queue';
import { computeZoneState, getZoneKey, labelsToReconcile } from './zones';

describe('RateLimitedTimedQueue', () => {
  it('takes one node at once and the next 10 s later at 0.1 qps', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(0.1, 1, 0));
    expect(q.add('node-1', 'u1', 0)).toBe(true);
    expect(q.add('node-1', 'u1', 0)).toBe(false);
    q.add('node-2', 'u2', 0);
    const done: string[] = [];
    q.try(0, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['node-1']);
    expect(q.nextTryAt(0)).toBe(10_000);
    q.try(9_999, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['node-1']);
    q.try(10_000, (v) => (done.push(v), { done: true }));
    expect(done).toEqual(['node-1', 'node-2']);
    // Done values stay known until removed.
    expect(q.add('node-1', 'u1', 20_000)).toBe(false);
    expect(q.remove('node-1')).toBe(true);
    expect(q.add('node-1', 'u1', 20_000)).toBe(true);
  });

  it('a value that is not done comes back after its wait; qps 0 never accepts', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(10, 1, 0));
    q.add('node-1', 'u1', 0);
    q.try(0, () => ({ done: false, waitMs: 50 }));
    expect(q.length).toBe(1);
    expect(q.nextTryAt(0)).toBeGreaterThanOrEqual(50);
    q.swapLimiter(0, 100);
    expect(q.nextTryAt(100)).toBe(Infinity);
    q.try(1_000, () => ({ done: true }));
    expect(q.length).toBe(1);
  });
});

describe('zones', () => {
  it('ComputeZoneState: full disruption with no Ready node, partial above 55 % with more than 2 down', () => {
    const r = { type: 'Ready', status: 'True' };
    const u = { type: 'Ready', status: 'Unknown' };
    expect(computeZoneState([u, u, u], 0.55).state).toBe('FullDisruption');
    expect(computeZoneState([r, u, u], 0.55).state).toBe('Normal');
    expect(computeZoneState([r, u, u, u], 0.55)).toEqual({ unhealthy: 3, state: 'PartialDisruption' });
    expect(computeZoneState([r, r, u, u, u, r], 0.55).state).toBe('Normal');
    expect(computeZoneState([undefined, r], 0.55).unhealthy).toBe(1);
  });

  it('GetZoneKey: region and zone, beta labels as fallback, "" without either', () => {
    expect(getZoneKey({ metadata: {} })).toBe('');
    expect(getZoneKey({ metadata: { labels: { 'topology.kubernetes.io/region': 'r1', 'topology.kubernetes.io/zone': 'r1-a' } } })).toBe('r1:\u0000:r1-a');
    expect(getZoneKey({ metadata: { labels: { 'failure-domain.beta.kubernetes.io/zone': 'z' } } })).toBe(':\u0000:z');
  });

  it('reconciles the beta os/arch labels from the stable ones', () => {
    expect(labelsToReconcile({ 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' })).toEqual({ 'beta.kubernetes.io/arch': 'amd64' });
    expect(labelsToReconcile({ 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/os': 'windows' })).toEqual({ 'beta.kubernetes.io/os': 'linux' });
  });
});
