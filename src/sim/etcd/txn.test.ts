import { describe, expect, it } from 'vitest';
import { ErrorMessages } from './errors';
import { kvText, newEtcd } from './test-helpers';
import type { Compare, CompareResult, RequestOp, ResponseOp } from './types';

function seeded() {
  const { etcd } = newEtcd();
  etcd.put({ key: 'k', value: 'v' }); // 2
  etcd.put({ key: 'k', value: 'w' }); // 3: create 2, mod 3, version 2
  return etcd;
}

const cmp = (target: Compare['target'], result: CompareResult, value: string | number | bigint, key = 'k'): Compare =>
  ({ key, target, result, value }) as Compare;

describe('txn compares', () => {
  it.each([
    [cmp('VALUE', 'EQUAL', 'w'), true],
    [cmp('VALUE', 'EQUAL', 'v'), false],
    [cmp('VALUE', 'NOT_EQUAL', 'v'), true],
    [cmp('VALUE', 'GREATER', 'v'), true],
    [cmp('VALUE', 'LESS', 'x'), true],
    [cmp('VALUE', 'EQUAL', '', 'absent'), false], // a value compare on nothing always fails
    [cmp('VALUE', 'NOT_EQUAL', 'x', 'absent'), false],
    [cmp('VERSION', 'EQUAL', 2), true],
    [cmp('VERSION', 'GREATER', 1), true],
    [cmp('VERSION', 'LESS', 2), false],
    [cmp('VERSION', 'EQUAL', 0, 'absent'), true],
    [cmp('CREATE', 'EQUAL', 2), true],
    [cmp('CREATE', 'EQUAL', 0, 'absent'), true],
    [cmp('MOD', 'EQUAL', 3), true],
    [cmp('MOD', 'NOT_EQUAL', 3), false],
    [cmp('MOD', 'EQUAL', 0, 'absent'), true],
    [cmp('MOD', 'LESS', 4), true],
    [cmp('LEASE', 'EQUAL', 0n), true],
    [cmp('LEASE', 'GREATER', 0n), false],
  ])('%o → %s', (compare, succeeded) => {
    const etcd = seeded();
    const resp = etcd.txn({ compare: [compare], success: [{ requestRange: { key: 'k' } }] });
    expect(resp.succeeded).toBe(succeeded);
    expect(resp.responses).toHaveLength(succeeded ? 1 : 0);
    expect(etcd.revision).toBe(3);
  });

  it('a range compare must hold for every key in it', () => {
    const etcd = seeded();
    etcd.put({ key: 'k2', value: 'w' }); // 4
    const all = (value: string) => etcd.txn({ compare: [{ key: 'k', rangeEnd: 'l', target: 'VALUE', result: 'EQUAL', value }] }).succeeded;
    expect(all('w')).toBe(true);
    etcd.put({ key: 'k2', value: 'z' });
    expect(all('w')).toBe(false);
  });

  it('all compares must hold; an empty compare list succeeds', () => {
    const etcd = seeded();
    expect(etcd.txn({ compare: [cmp('VERSION', 'EQUAL', 2), cmp('VALUE', 'EQUAL', 'w')] }).succeeded).toBe(true);
    expect(etcd.txn({ compare: [cmp('VERSION', 'EQUAL', 2), cmp('VALUE', 'EQUAL', 'v')] }).succeeded).toBe(false);
    expect(etcd.txn({}).succeeded).toBe(true);
  });
});

describe('txn writes', () => {
  it('all writes share one main revision with sub-revisions, in op order', () => {
    const { etcd } = newEtcd();
    const resp = etcd.txn({
      success: [
        { requestPut: { key: 'a', value: '1' } },
        { requestPut: { key: 'b', value: '2' } },
        { requestRange: { key: 'a' } },
        { requestDeleteRange: { key: 'zz' } },
      ],
    });
    expect(resp.header.revision).toBe(2);
    const [p1, p2, get, del] = resp.responses as [ResponseOp, ResponseOp, ResponseOp, ResponseOp];
    expect('responsePut' in p1 && p1.responsePut.header.revision).toBe(2);
    expect('responsePut' in p2 && p2.responsePut.header.revision).toBe(2);
    // A range after a write in the same txn sees it, at the txn's revision.
    expect('responseRange' in get && get.responseRange.kvs.map(kvText)).toEqual(['a=1@2/2/1']);
    expect('responseRange' in get && get.responseRange.header.revision).toBe(2);
    expect('responseDeleteRange' in del && del.responseDeleteRange).toMatchObject({ deleted: 0, header: { revision: 2 } });
    expect(etcd.history('a').map((h) => [h.main, h.sub])).toEqual([[2, 0]]);
    expect(etcd.history('b').map((h) => [h.main, h.sub])).toEqual([[2, 1]]);
    expect(etcd.revision).toBe(2);
  });

  it('nested responses carry only the revision in their header; the txn header is full', () => {
    const { etcd } = newEtcd();
    const resp = etcd.txn({ success: [{ requestPut: { key: 'a' } }] });
    const put = resp.responses[0] as { responsePut: { header: unknown } };
    expect(put.responsePut.header).toEqual({ clusterId: 0n, memberId: 0n, revision: 2, raftTerm: 0 });
    expect(resp.header).toMatchObject({ revision: 2, raftTerm: 2 });
    expect(resp.header.memberId).not.toBe(0n);
  });

  it('a range before any write reads at the begin revision', () => {
    const { etcd } = newEtcd();
    etcd.put({ key: 'a', value: 'old' });
    const resp = etcd.txn({ success: [{ requestRange: { key: 'a' } }, { requestPut: { key: 'a', value: 'new', prevKv: true } }] });
    const [get, put] = resp.responses as unknown as [{ responseRange: { header: { revision: number } } }, { responsePut: { prevKv: unknown } }];
    expect(get.responseRange.header.revision).toBe(2);
    expect(kvText(put.responsePut.prevKv as never)).toBe('a=old@2/2/1');
  });

  it('the kube-apiserver create shape: If(mod(k) = 0) Then Put Else Get', () => {
    const { etcd } = newEtcd();
    const create = () =>
      etcd.txn({
        compare: [{ key: '/registry/pods/default/web-0', target: 'MOD', result: 'EQUAL', value: 0 }],
        success: [{ requestPut: { key: '/registry/pods/default/web-0', value: 'pod' } }],
        failure: [{ requestRange: { key: '/registry/pods/default/web-0' } }],
      });
    expect(create()).toMatchObject({ succeeded: true, header: { revision: 2 } });
    const again = create();
    expect(again.succeeded).toBe(false);
    expect(again.header.revision).toBe(2);
    expect((again.responses[0] as { responseRange: { kvs: unknown[] } }).responseRange.kvs).toHaveLength(1);
  });

  const put = (key: string): RequestOp => ({ requestPut: { key, value: 'x' } });
  it.each([
    ['the same key put twice in success', { success: [put('a'), put('a')] }, ErrorMessages.duplicateKey],
    ['the same key put twice in the branch not taken', { compare: [cmp('MOD', 'EQUAL', 0, 'nothing')], failure: [put('a'), put('a')] }, ErrorMessages.duplicateKey],
    ['a put inside a delete range of the same branch', { success: [{ requestDeleteRange: { key: 'a', rangeEnd: 'c' } }, put('b')] }, ErrorMessages.duplicateKey],
    ['129 operations', { success: Array.from({ length: 129 }, (_, i) => put(`k${i}`)) }, ErrorMessages.tooManyOps],
    ['129 compares', { compare: Array.from({ length: 129 }, () => cmp('MOD', 'EQUAL', 0)) }, ErrorMessages.tooManyOps],
    ['an empty key', { success: [put('')] }, ErrorMessages.emptyKey],
    ['ignore value on a missing key', { success: [{ requestPut: { key: 'missing', ignoreValue: true } }] }, ErrorMessages.keyNotFound],
    ['an unknown lease', { success: [{ requestPut: { key: 'a', lease: 77n } }] }, ErrorMessages.leaseNotFound],
    ['a range at a future revision', { success: [put('a'), { requestRange: { key: 'a', revision: 99 } }] }, ErrorMessages.futureRev],
  ])('rejects %s without a revision bump', (_name, request, message) => {
    const { etcd } = newEtcd();
    expect(() => etcd.txn(request)).toThrow(message);
    expect(etcd.revision).toBe(1);
    expect(etcd.listKeys()).toEqual([]);
  });

  it('128 operations and puts of different keys in the two branches are fine', () => {
    const { etcd } = newEtcd();
    etcd.txn({ success: Array.from({ length: 128 }, (_, i) => put(`k${i}`)), failure: [put('k0')] });
    expect(etcd.revision).toBe(2);
    expect(etcd.listKeys()).toHaveLength(128);
  });

  it('a range in a txn at a compacted revision is rejected', () => {
    const { etcd } = newEtcd();
    etcd.put({ key: 'a', value: '1' });
    etcd.put({ key: 'a', value: '2' });
    etcd.compact(3);
    expect(() => etcd.txn({ success: [{ requestRange: { key: 'a', revision: 2 } }] })).toThrow(ErrorMessages.compacted);
  });
});
