/** The data plane's memory of its last connections: bounded, numbered, and filled by every connect. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { Dataplane } from './dataplane';
import { RecentWalks } from './recent-walks';

const record = (port: number) => ({ at: port, source: { node: 'node-1' }, address: '10.96.0.1', port, delivery: { outcome: 'rejected' as const, hops: [] } });

describe('RecentWalks', () => {
  it('keeps the newest ones, numbered in order, and lists those after a number', () => {
    const ring = new RecentWalks(3);
    expect(ring.latest).toBe(0);
    expect(ring.list()).toEqual([]);
    for (const port of [1, 2, 3, 4, 5]) ring.add(record(port));
    expect(ring.latest).toBe(5);
    expect(ring.list().map((r) => `${r.seq}:${r.port}`)).toEqual(['3:3', '4:4', '5:5']);
    expect(ring.list(4).map((r) => r.seq)).toEqual([5]);
    expect(ring.list(5)).toEqual([]);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new RecentWalks(0)).toThrow('capacity must be a positive whole number, got 0');
    expect(() => new RecentWalks(1.5)).toThrow(RangeError);
  });

  it('is filled by every connection the data plane carries, failed ones too', () => {
    const dataplane = new Dataplane(() => [], new Rng(1), () => 1500);
    const delivery = dataplane.connect({ node: 'node-9' }, '10.96.0.1', 443);
    expect(dataplane.recent.list()).toEqual([{ seq: 1, at: 1500, source: { node: 'node-9' }, address: '10.96.0.1', port: 443, delivery }]);
    expect(delivery).toEqual({ outcome: 'timeout', hops: [], reason: 'no node node-9' });
  });
});
