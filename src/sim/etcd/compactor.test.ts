import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import timing from '../../../reference/vectors/timing-defaults.json';
import { COMPACT_REV_KEY, DEFAULT_COMPACTION_INTERVAL_MS } from './compactor';
import { Etcd } from './etcd';
import { kvText } from './test-helpers';

const MIN = 60_000;

describe('periodic compactor (kube-apiserver compact.go)', () => {
  it('runs every --etcd-compaction-interval, 5m by default (reference vectors: timing-defaults)', () => {
    const text = timing['kube-apiserver']['etcd-compaction-interval'].default;
    expect(text).toBe('5m');
    expect(DEFAULT_COMPACTION_INTERVAL_MS).toBe(Number(text.slice(0, -1)) * MIN);
  });

  it('is on by default: CAS on compact_rev_key, then compacts to the revision seen an interval earlier', () => {
    const engine = new Engine({ seed: 1 });
    const etcd = new Etcd(engine);
    etcd.put({ key: 'a', value: '1' }); // 2
    engine.runUntil(5 * MIN);
    // First round: version 0 matches, writes "0" (revision 3), no compaction on bootstrap.
    expect(etcd.range({ key: COMPACT_REV_KEY }).kvs.map(kvText)).toEqual(['compact_rev_key=0@3/3/1']);
    expect(etcd.compactRevision).toBe(-1);
    etcd.put({ key: 'a', value: '2' }); // 4
    etcd.put({ key: 'a', value: '3' }); // 5
    engine.runUntil(10 * MIN);
    // Second round writes the revision recorded last time (3) and compacts to it.
    expect(etcd.range({ key: COMPACT_REV_KEY }).kvs.map(kvText)).toEqual(['compact_rev_key=3@3/6/2']);
    expect(etcd.compactRevision).toBe(3);
    expect(etcd.history('a').map((h) => h.main)).toEqual([2, 4, 5]);
    engine.runUntil(15 * MIN);
    expect(etcd.compactRevision).toBe(6);
    expect(etcd.history('a').map((h) => h.main)).toEqual([5]);
    expect(etcd.compactor?.lastError).toBe('');
  });

  it('adopts another apiserver’s compact time when the CAS fails', () => {
    const engine = new Engine({ seed: 1 });
    const etcd = new Etcd(engine, { compactor: { intervalMs: MIN } });
    // Someone else has compacted twice already: version 2.
    etcd.put({ key: COMPACT_REV_KEY, value: '0' });
    etcd.put({ key: COMPACT_REV_KEY, value: '2' });
    engine.runUntil(MIN); // CAS version == 0 fails; local time becomes 2
    expect(etcd.revision).toBe(3);
    engine.runUntil(2 * MIN); // CAS version == 2 succeeds, compacts to 3
    expect(etcd.compactRevision).toBe(3);
  });

  it('can be turned off and stopped', () => {
    const engine = new Engine({ seed: 1 });
    expect(new Etcd(engine, { compactor: false }).compactor).toBeUndefined();
    expect(engine.pending).toBe(0);
    const etcd = new Etcd(engine);
    expect(engine.pending).toBe(1);
    etcd.compactor?.stop();
    expect(engine.pending).toBe(0);
  });

  it('logs rather than throws when someone compacted further', () => {
    const engine = new Engine({ seed: 1 });
    const etcd = new Etcd(engine, { compactor: { intervalMs: MIN } });
    engine.runUntil(MIN); // writes "0" at revision 2
    etcd.put({ key: 'x', value: '1' }); // 3
    etcd.compact(3);
    engine.runUntil(2 * MIN);
    expect(etcd.compactor?.lastError).toBe('etcdserver: mvcc: required revision has been compacted');
  });
});
