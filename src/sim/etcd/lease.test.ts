import { describe, expect, it } from 'vitest';
import { ErrorMessages } from './errors';
import { formatLeaseId } from './lease';
import { collector, newEtcd } from './test-helpers';

describe('leases', () => {
  it('grants deterministic 16-hex-digit ids with the member prefix, without bumping the revision', () => {
    const a = newEtcd().etcd;
    const b = newEtcd().etcd;
    const id1 = a.leaseGrant(60);
    const id2 = a.leaseGrant(60);
    expect(formatLeaseId(id1.id)).toMatch(/^694d[0-9a-f]{12}$/);
    expect(id2.id).not.toBe(id1.id);
    expect(b.leaseGrant(60).id).toBe(id1.id);
    expect(id1).toMatchObject({ ttl: 60, error: '', header: { revision: 1 } });
    expect(a.revision).toBe(1);
  });

  it.each([
    [1, 2],
    [0, 2],
    [2, 2],
    [60, 60],
  ])('grant(%i) gets TTL %i (minimum 2s)', (ttl, want) => {
    expect(newEtcd().etcd.leaseGrant(ttl).ttl).toBe(want);
  });

  it.each([
    ['a TTL too large', () => newEtcd().etcd.leaseGrant(9_000_000_001), ErrorMessages.leaseTTLTooLarge],
    ['an id already in use', () => {
      const { etcd } = newEtcd();
      etcd.leaseGrant({ ttl: 10, id: 42n });
      etcd.leaseGrant({ ttl: 10, id: 42n });
    }, ErrorMessages.leaseExist],
    ['revoking an unknown lease', () => newEtcd().etcd.leaseRevoke(42n), ErrorMessages.leaseNotFound],
    ['keeping an unknown lease alive', () => newEtcd().etcd.leaseKeepAlive(42n), ErrorMessages.leaseNotFound],
  ])('%s is an error', (_name, action, message) => {
    expect(action).toThrow(message);
  });

  it('revoke deletes attached keys in one revision and watchers see DELETEs', () => {
    const { engine, etcd } = newEtcd();
    const lease = etcd.leaseGrant(60).id;
    etcd.put({ key: 'b', value: '1', lease }); // 2
    etcd.put({ key: 'a', value: '2', lease }); // 3
    etcd.put({ key: 'c', value: '3' }); // 4
    const c = collector();
    etcd.watch({ key: 'a', rangeEnd: '\0', prevKv: true }, c.push);
    expect(etcd.leaseTimeToLive(lease, { keys: true })).toMatchObject({ ttl: 60, grantedTtl: 60, keys: ['a', 'b'] });
    expect(etcd.leaseRevoke(lease).header.revision).toBe(5);
    engine.runUntilIdle();
    expect(c.texts).toEqual(['5: DELETE a@5 (prev a=2@3/3/1), DELETE b@5 (prev b=1@2/2/1)']);
    expect(etcd.listKeys()).toEqual(['c']);
    expect(etcd.leaseTimeToLive(lease)).toMatchObject({ ttl: -1, grantedTtl: 0 });
    expect(etcd.leaseLeases().leases).toEqual([]);
  });

  it('expires on the engine clock; keep-alive resets the TTL', () => {
    const { engine, etcd } = newEtcd();
    const lease = etcd.leaseGrant(10).id;
    etcd.put({ key: 'k', value: 'v', lease });
    engine.runUntil(6000);
    expect(etcd.leaseTimeToLive(lease).ttl).toBe(4);
    expect(etcd.leaseKeepAlive(lease).ttl).toBe(10);
    engine.runUntil(15_999);
    expect(etcd.listKeys()).toEqual(['k']);
    expect(etcd.leaseTimeToLive(lease).ttl).toBe(0);
    engine.runUntil(16_000);
    expect(etcd.listKeys()).toEqual([]);
    expect(etcd.revision).toBe(3);
    expect(() => etcd.leaseKeepAlive(lease)).toThrow(ErrorMessages.leaseNotFound);
    expect(engine.pending).toBe(0);
  });

  it('an expiring lease with no keys leaves the revision alone', () => {
    const { engine, etcd } = newEtcd();
    etcd.leaseGrant(5);
    engine.runUntilIdle();
    expect(etcd.revision).toBe(1);
    expect(etcd.leaseLeases().leases).toEqual([]);
  });

  it('keys move between leases and leave them when overwritten without one or deleted', () => {
    const { etcd } = newEtcd();
    const l1 = etcd.leaseGrant(60).id;
    const l2 = etcd.leaseGrant(60).id;
    const keys = (id: bigint) => etcd.leaseTimeToLive(id, { keys: true }).keys;
    etcd.put({ key: 'a', value: '', lease: l1 });
    etcd.put({ key: 'b', value: '', lease: l1 });
    etcd.put({ key: 'a', value: '', lease: l2 });
    expect([keys(l1), keys(l2)]).toEqual([['b'], ['a']]);
    etcd.put({ key: 'b', value: '' });
    etcd.deleteRange({ key: 'a' });
    expect([keys(l1), keys(l2)]).toEqual([[], []]);
    etcd.leaseRevoke(l1);
    expect(etcd.listKeys()).toEqual(['b']);
  });
});
