import { describe, expect, it } from 'vitest';
import { ErrorMessages, EtcdError } from './errors';
import { FROM_KEY, prefixEnd, prefixRange } from './key-range';
import { kvText, newEtcd } from './test-helpers';

describe('revisions', () => {
  it('a fresh store is at revision 1 and has compacted nothing', () => {
    const { etcd } = newEtcd();
    expect(etcd.revision).toBe(1);
    expect(etcd.compactRevision).toBe(-1);
    expect(etcd.range({ key: 'a' }).header.revision).toBe(1);
  });

  it.each([
    ['put a new key', (e: ReturnType<typeof newEtcd>['etcd']) => void e.put({ key: 'x', value: '1' }), 3],
    ['put an existing key', (e: ReturnType<typeof newEtcd>['etcd']) => void e.put({ key: 'a', value: '2' }), 3],
    ['delete an existing key', (e: ReturnType<typeof newEtcd>['etcd']) => void e.deleteRange({ key: 'a' }), 3],
    ['delete a missing key (no-op)', (e: ReturnType<typeof newEtcd>['etcd']) => void e.deleteRange({ key: 'zz' }), 2],
    ['delete an empty range (no-op)', (e: ReturnType<typeof newEtcd>['etcd']) => void e.deleteRange({ key: 'm', rangeEnd: 'n' }), 2],
    ['read-only txn', (e: ReturnType<typeof newEtcd>['etcd']) => void e.txn({ success: [{ requestRange: { key: 'a' } }] }), 2],
    ['txn with two puts', (e: ReturnType<typeof newEtcd>['etcd']) => void e.txn({ success: [{ requestPut: { key: 'p' } }, { requestPut: { key: 'q' } }] }), 3],
    ['txn whose failure branch writes, compare false', (e: ReturnType<typeof newEtcd>['etcd']) =>
      void e.txn({ compare: [{ key: 'a', target: 'VALUE', result: 'EQUAL', value: 'nope' }], success: [{ requestRange: { key: 'a' } }], failure: [{ requestPut: { key: 'a', value: 'f' } }] }), 3],
    ['txn whose failure branch writes, compare true (reads only)', (e: ReturnType<typeof newEtcd>['etcd']) =>
      void e.txn({ compare: [{ key: 'a', target: 'VALUE', result: 'EQUAL', value: '1' }], success: [{ requestRange: { key: 'a' } }], failure: [{ requestPut: { key: 'a', value: 'f' } }] }), 2],
    ['lease grant', (e: ReturnType<typeof newEtcd>['etcd']) => void e.leaseGrant(60), 2],
    ['lease revoke without keys', (e: ReturnType<typeof newEtcd>['etcd']) => void e.leaseRevoke(e.leaseGrant(60).id), 2],
    ['rejected put (ignore-value, missing key)', (e: ReturnType<typeof newEtcd>['etcd']) => {
      expect(() => e.put({ key: 'nope', ignoreValue: true })).toThrow(ErrorMessages.keyNotFound);
    }, 2],
    ['rejected txn (duplicate key)', (e: ReturnType<typeof newEtcd>['etcd']) => {
      expect(() => e.txn({ success: [{ requestPut: { key: 'd' } }, { requestPut: { key: 'd' } }] })).toThrow(ErrorMessages.duplicateKey);
    }, 2],
  ])('%s → revision %i', (_name, action, want) => {
    const { etcd } = newEtcd();
    etcd.put({ key: 'a', value: '1' }); // revision 2
    action(etcd);
    expect(etcd.revision).toBe(want);
  });

  it('tracks create/mod revision and version across generations', () => {
    const { etcd } = newEtcd();
    etcd.put({ key: 'foo', value: 'bar' }); // 2
    etcd.put({ key: 'foo', value: 'baz' }); // 3
    expect(kvText(etcd.range({ key: 'foo' }).kvs[0]!)).toBe('foo=baz@2/3/2');
    expect(etcd.deleteRange({ key: 'foo' })).toMatchObject({ deleted: 1, header: { revision: 4 } });
    expect(etcd.range({ key: 'foo' }).kvs).toEqual([]);
    etcd.put({ key: 'foo', value: 'again' }); // 5: a new generation
    expect(kvText(etcd.range({ key: 'foo' }).kvs[0]!)).toBe('foo=again@5/5/1');
  });

  it('reads history: header.revision stays current, a key is absent at its tombstone', () => {
    const { etcd } = newEtcd();
    etcd.put({ key: 'k', value: 'v1' }); // 2
    etcd.put({ key: 'k', value: 'v2' }); // 3
    etcd.deleteRange({ key: 'k' }); // 4
    etcd.put({ key: 'k', value: 'v3' }); // 5
    const at = (revision: number) => etcd.range({ key: 'k', revision }).kvs.map(kvText);
    expect(at(1)).toEqual([]);
    expect(at(2)).toEqual(['k=v1@2/2/1']);
    expect(at(3)).toEqual(['k=v2@2/3/2']);
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual(['k=v3@5/5/1']);
    expect(at(0)).toEqual(['k=v3@5/5/1']);
    expect(at(-3)).toEqual(['k=v3@5/5/1']);
    expect(etcd.range({ key: 'k', revision: 2 }).header.revision).toBe(5);
  });
});

describe('range', () => {
  function seeded() {
    const { etcd } = newEtcd();
    for (const [k, v] of [['a', '3'], ['b', '1'], ['b/1', 'x'], ['b/2', 'y'], ['c', '2']] as const) etcd.put({ key: k, value: v });
    etcd.put({ key: 'c', value: '0' }); // c version 2
    return etcd;
  }

  it.each([
    ['single key', { key: 'b' }, ['b'], 1, false],
    ['missing key', { key: 'zz' }, [], 0, false],
    ['[b, c)', { key: 'b', rangeEnd: 'c' }, ['b', 'b/1', 'b/2'], 3, false],
    ['prefix b/', { key: 'b/', rangeEnd: prefixEnd('b/') }, ['b/1', 'b/2'], 2, false],
    ['from key b/', { key: 'b/', rangeEnd: FROM_KEY }, ['b/1', 'b/2', 'c'], 3, false],
    ['whole keyspace', { ...prefixRange('') }, ['a', 'b', 'b/1', 'b/2', 'c'], 5, false],
    ['end before key', { key: 'c', rangeEnd: 'a' }, [], 0, false],
    ['limit 2', { key: 'a', rangeEnd: FROM_KEY, limit: 2 }, ['a', 'b'], 5, true],
    ['limit equal to count', { key: 'a', rangeEnd: FROM_KEY, limit: 5 }, ['a', 'b', 'b/1', 'b/2', 'c'], 5, false],
    ['descending by key', { key: 'a', rangeEnd: FROM_KEY, sortOrder: 'DESCEND' as const }, ['c', 'b/2', 'b/1', 'b', 'a'], 5, false],
    ['by value (ascend implied)', { key: 'a', rangeEnd: 'b/', sortTarget: 'VALUE' as const }, ['b', 'a'], 2, false],
    ['by version descending, limit 1', { key: 'a', rangeEnd: FROM_KEY, sortTarget: 'VERSION' as const, sortOrder: 'DESCEND' as const, limit: 1 }, ['c'], 5, true],
    ['by mod revision descending', { key: 'a', rangeEnd: FROM_KEY, sortTarget: 'MOD' as const, sortOrder: 'DESCEND' as const }, ['c', 'b/2', 'b/1', 'b', 'a'], 5, false],
    ['by create revision descending', { key: 'a', rangeEnd: FROM_KEY, sortTarget: 'CREATE' as const, sortOrder: 'DESCEND' as const }, ['c', 'b/2', 'b/1', 'b', 'a'], 5, false],
    ['count only', { key: 'a', rangeEnd: FROM_KEY, countOnly: true }, [], 5, false],
  ])('%s', (_name, request, keys, count, more) => {
    const resp = seeded().range(request);
    expect(resp.kvs.map((kv) => kv.key)).toEqual(keys);
    expect(resp.count).toBe(count);
    expect(resp.more).toBe(more);
    expect(resp.header.revision).toBe(7);
  });

  it('keys-only drops values but keeps the numbers', () => {
    const resp = seeded().range({ key: 'c', keysOnly: true });
    expect(kvText(resp.kvs[0]!)).toBe('c=@6/7/2');
  });

  it('prefixEnd increments the last byte', () => {
    expect(prefixEnd('/registry/pods/')).toBe('/registry/pods0');
    expect(prefixEnd('a\uffff')).toBe('b');
    expect(prefixEnd('\uffff')).toBe(FROM_KEY);
    expect(prefixRange('')).toEqual({ key: FROM_KEY, rangeEnd: FROM_KEY });
  });

  it.each([
    ['future revision', { key: 'a', revision: 8 }, ErrorMessages.futureRev, 'OutOfRange'],
    ['empty key', { key: '' }, ErrorMessages.emptyKey, 'InvalidArgument'],
  ])('%s is an error', (_name, request, message, code) => {
    const etcd = seeded();
    const error = (() => {
      try {
        etcd.range(request);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(EtcdError);
    expect(error).toMatchObject({ message, code });
  });
});

describe('put and delete options', () => {
  it('prev kv on put and delete', () => {
    const { etcd } = newEtcd();
    expect(etcd.put({ key: 'k', value: 'v1', prevKv: true }).prevKv).toBeUndefined();
    expect(kvText(etcd.put({ key: 'k', value: 'v2', prevKv: true }).prevKv!)).toBe('k=v1@2/2/1');
    etcd.put({ key: 'k2', value: 'w' });
    const del = etcd.deleteRange({ key: 'k', rangeEnd: 'l', prevKv: true });
    expect(del.deleted).toBe(2);
    expect(del.prevKvs.map(kvText)).toEqual(['k=v2@2/3/2', 'k2=w@4/4/1']);
    expect(del.header.revision).toBe(5);
  });

  it('ignore value keeps the value, ignore lease keeps the lease', () => {
    const { etcd } = newEtcd();
    const lease = etcd.leaseGrant(60).id;
    etcd.put({ key: 'k', value: 'v', lease });
    etcd.put({ key: 'k', ignoreValue: true });
    expect(etcd.range({ key: 'k' }).kvs[0]).toMatchObject({ value: 'v', lease: 0n, version: 2 });
    etcd.put({ key: 'k', value: 'w', lease });
    etcd.put({ key: 'k', value: 'x', ignoreLease: true });
    expect(etcd.range({ key: 'k' }).kvs[0]).toMatchObject({ value: 'x', lease, version: 4 });
  });

  it.each([
    ['ignore value on a missing key', { key: 'nope', ignoreValue: true }, ErrorMessages.keyNotFound],
    ['ignore lease on a missing key', { key: 'nope', ignoreLease: true }, ErrorMessages.keyNotFound],
    ['ignore value with a value', { key: 'k', value: 'v', ignoreValue: true }, ErrorMessages.valueProvided],
    ['ignore lease with a lease', { key: 'k', lease: 5n, ignoreLease: true }, ErrorMessages.leaseProvided],
    ['an unknown lease', { key: 'k', value: 'v', lease: 12345n }, ErrorMessages.leaseNotFound],
    ['an empty key', { key: '', value: 'v' }, ErrorMessages.emptyKey],
    ['a value over 1.5 MiB', { key: 'k', value: 'x'.repeat(1.5 * 1024 * 1024) }, ErrorMessages.requestTooLarge],
  ])('put with %s fails and changes nothing', (_name, request, message) => {
    const { etcd } = newEtcd();
    expect(() => etcd.put(request)).toThrow(message);
    expect(etcd.revision).toBe(1);
    expect(etcd.listKeys()).toEqual([]);
  });
});

describe('compaction', () => {
  function history() {
    const { etcd } = newEtcd();
    etcd.put({ key: 'k', value: 'v1' }); // 2
    etcd.put({ key: 'k', value: 'v2' }); // 3
    etcd.put({ key: 'other', value: 'o' }); // 4
    etcd.put({ key: 'k', value: 'v3' }); // 5
    etcd.deleteRange({ key: 'other' }); // 6
    return etcd;
  }

  it('reads at the compact revision are fine, below it are compacted, above current are future', () => {
    const etcd = history();
    expect(etcd.compact(4).header.revision).toBe(6);
    expect(etcd.compactRevision).toBe(4);
    expect(etcd.range({ key: 'k', revision: 4 }).kvs.map(kvText)).toEqual(['k=v2@2/3/2']);
    expect(() => etcd.range({ key: 'k', revision: 3 })).toThrow(ErrorMessages.compacted);
    expect(() => etcd.range({ key: 'k', revision: 7 })).toThrow(ErrorMessages.futureRev);
    expect(etcd.range({ key: 'k', revision: 5 }).kvs.map(kvText)).toEqual(['k=v3@2/5/3']);
  });

  it.each([
    [4, 4, undefined],
    [6, 6, undefined],
    [7, -1, ErrorMessages.futureRev],
    [-5, -1, ErrorMessages.compacted],
  ])('compact(%i)', (rev, after, error) => {
    const etcd = history();
    if (error) expect(() => etcd.compact(rev)).toThrow(error);
    else etcd.compact(rev);
    expect(etcd.compactRevision).toBe(after);
  });

  it('compacting at or below the compact revision again is an error', () => {
    const etcd = history();
    etcd.compact(4);
    expect(() => etcd.compact(4)).toThrow(ErrorMessages.compacted);
    expect(() => etcd.compact(3)).toThrow(ErrorMessages.compacted);
    etcd.compact(5);
  });

  it('drops old versions from the backend and removes keys deleted before the compact revision', () => {
    const etcd = history();
    expect(etcd.history('k').map((h) => h.main)).toEqual([2, 3, 5]);
    expect(etcd.history('other').map((h) => `${h.main}${h.tombstone ? 't' : ''}`)).toEqual(['4', '6t']);
    etcd.compact(6);
    expect(etcd.history('k').map((h) => h.main)).toEqual([5]);
    expect(etcd.history('other').map((h) => `${h.main}${h.tombstone ? 't' : ''}`)).toEqual(['6t']);
    etcd.put({ key: 'x', value: '1' }); // 7
    etcd.compact(7);
    expect(etcd.history('other')).toEqual([]);
    expect(etcd.listKeys()).toEqual(['k', 'x']);
    expect(etcd.range({ key: 'k' }).kvs.map(kvText)).toEqual(['k=v3@2/5/3']);
  });

  it('history shows backend keys as bbolt holds them', () => {
    const { etcd } = newEtcd();
    etcd.txn({ success: [{ requestPut: { key: 'a', value: '1' } }, { requestPut: { key: 'b', value: '2' } }] });
    etcd.deleteRange({ key: 'b' });
    expect(etcd.history('b').map((h) => h.backendKey)).toEqual([
      '0000000000000002_0000000000000001',
      '0000000000000003_0000000000000000t',
    ]);
    expect(etcd.history('b')[1]?.kv).toMatchObject({ key: 'b', modRevision: 3, createRevision: 0, version: 0, value: '' });
  });
});

describe('status', () => {
  it('counts live keys, raft entries and bytes', () => {
    const { etcd } = newEtcd();
    const fresh = etcd.status();
    expect(fresh).toMatchObject({ version: '3.4.23', revision: 1, compactRevision: -1, keys: 0, raftTerm: 2, raftIndex: 4, dbSize: 20480, dbSizeInUse: 20480, isLearner: false });
    expect(fresh.leader).toBe(fresh.header.memberId);
    etcd.put({ key: 'a', value: 'x'.repeat(10_000) });
    etcd.put({ key: 'a', value: 'y'.repeat(10_000) });
    etcd.put({ key: 'b', value: '1' });
    etcd.deleteRange({ key: 'b' });
    const busy = etcd.status();
    expect(busy).toMatchObject({ revision: 5, keys: 1, raftIndex: 8 });
    expect(busy.dbSize).toBeGreaterThan(40_000);
    etcd.compact(5);
    const after = etcd.status();
    expect(after.dbSizeInUse).toBeLessThan(busy.dbSizeInUse);
    expect(after.dbSize).toBe(busy.dbSize);
  });

  it('lists keys by prefix', () => {
    const { etcd } = newEtcd();
    for (const k of ['/registry/pods/a', '/registry/pods/b', '/registry/podtemplates/x', '/registry/services/s']) etcd.put({ key: k, value: '' });
    etcd.deleteRange({ key: '/registry/pods/b' });
    expect(etcd.listKeys('/registry/pods/')).toEqual(['/registry/pods/a']);
    expect(etcd.listKeys('/registry/pod')).toEqual(['/registry/pods/a', '/registry/podtemplates/x']);
    expect(etcd.listKeys()).toHaveLength(3);
  });
});

describe('ranges over keys created between them', () => {
  it('see every key in order, whether it was created before the last scan or after, and not one compaction dropped', () => {
    const { etcd } = newEtcd();
    const keys = (rangeEnd = 'z') => etcd.range({ key: 'k', rangeEnd }).kvs.map((kv) => kv.key);
    etcd.put({ key: 'k5', value: '1' });
    etcd.put({ key: 'k1', value: '1' });
    expect(keys()).toEqual(['k1', 'k5']);
    etcd.put({ key: 'k3', value: '1' });
    etcd.put({ key: 'k9', value: '1' });
    etcd.put({ key: 'k0', value: '1' });
    expect(keys()).toEqual(['k0', 'k1', 'k3', 'k5', 'k9']);
    expect(etcd.range({ key: 'k2', rangeEnd: FROM_KEY }).kvs.map((kv) => kv.key)).toEqual(['k3', 'k5', 'k9']);
    // A key created, deleted and compacted away before any scan, then created again.
    etcd.put({ key: 'k7', value: 'first' });
    etcd.deleteRange({ key: 'k7' });
    etcd.compact(etcd.revision);
    expect(keys()).toEqual(['k0', 'k1', 'k3', 'k5', 'k9']);
    etcd.put({ key: 'k7', value: 'second' });
    etcd.put({ key: 'k8', value: '1' });
    etcd.deleteRange({ key: 'k8' });
    etcd.compact(etcd.revision);
    expect(etcd.range({ key: 'k', rangeEnd: 'z' }).kvs.map((kv) => `${kv.key}=${kv.value}`)).toEqual(['k0=1', 'k1=1', 'k3=1', 'k5=1', 'k7=second', 'k9=1']);
    expect(etcd.range({ key: 'k', rangeEnd: 'z', countOnly: true }).count).toBe(6);
  });
});
