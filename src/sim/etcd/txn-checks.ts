/**
 * What etcd checks and evaluates around a Txn: the request limits checked before anything
 * runs (api/v3rpc/key.go checkTxnRequest, checkIntervals), whether a txn only reads
 * (isTxnReadonly), and the compares (etcdserver/apply.go applyCompare, compareKV).
 */
import { errDuplicateKey, errEmptyKey, errLeaseProvided, errTooManyOps, errValueProvided } from './errors';
import { inRange, keyRange, type KeyRange } from './key-range';
import type { RangeResult } from './kv-store';
import { NO_LEASE, type Compare, type KeyValue, type PutRequest, type RequestOp, type TxnRequest } from './types';

/** --max-txn-ops default. */
export const MAX_TXN_OPS = 128;
/** --max-request-bytes default, 1.5 MiB. */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

export function checkPutRequest(r: PutRequest): void {
  if (r.key.length === 0) throw errEmptyKey();
  if (r.ignoreValue && (r.value ?? '').length !== 0) throw errValueProvided();
  if (r.ignoreLease && (r.lease ?? NO_LEASE) !== NO_LEASE) throw errLeaseProvided();
}

export function checkKeyGiven(key: string): void {
  if (key.length === 0) throw errEmptyKey();
}

function checkRequestOp(op: RequestOp): void {
  if ('requestPut' in op) checkPutRequest(op.requestPut);
  else if ('requestRange' in op) checkKeyGiven(op.requestRange.key);
  else checkKeyGiven(op.requestDeleteRange.key);
}

/**
 * One branch may not put a key twice, nor put a key that one of its deletes covers:
 * "duplicate key given in txn request" (checkIntervals).
 */
function checkIntervals(ops: readonly RequestOp[]): void {
  // One op cannot clash with another (the apiserver's txns have one per branch).
  if (ops.length < 2) return;
  const dels: KeyRange[] = [];
  for (const op of ops) {
    if ('requestDeleteRange' in op) dels.push(keyRange(op.requestDeleteRange.key, op.requestDeleteRange.rangeEnd));
  }
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('requestPut' in op)) continue;
    const key = op.requestPut.key;
    if (puts.has(key)) throw errDuplicateKey();
    for (const d of dels) if (inRange(d, key)) throw errDuplicateKey();
    puts.add(key);
  }
}

/** checkTxnRequest + checkIntervals for both branches: run before anything is applied. */
export function checkTxnRequest(r: TxnRequest, maxOps = MAX_TXN_OPS): void {
  const compare = r.compare ?? [];
  const success = r.success ?? [];
  const failure = r.failure ?? [];
  if (Math.max(compare.length, success.length, failure.length) > maxOps) throw errTooManyOps();
  for (const c of compare) checkKeyGiven(c.key);
  for (const op of success) checkRequestOp(op);
  for (const op of failure) checkRequestOp(op);
  checkIntervals(success);
  checkIntervals(failure);
}

/** A txn whose both branches only read runs without a write transaction. */
export function isTxnReadonly(r: TxnRequest): boolean {
  for (const op of r.success ?? []) if (!('requestRange' in op)) return false;
  for (const op of r.failure ?? []) if (!('requestRange' in op)) return false;
  return true;
}

/** Approximate request size for the --max-request-bytes check. */
export function requestBytes(ops: readonly RequestOp[]): number {
  let n = 0;
  for (const op of ops) {
    if ('requestPut' in op) n += op.requestPut.key.length + (op.requestPut.value ?? '').length;
    else if ('requestRange' in op) n += op.requestRange.key.length + (op.requestRange.rangeEnd ?? '').length;
    else n += op.requestDeleteRange.key.length + (op.requestDeleteRange.rangeEnd ?? '').length;
  }
  return n;
}

function sign(a: number | bigint | string, b: number | bigint | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareKV: one KeyValue (the zero KeyValue for an absent key) against one compare. */
function compareKV(c: Compare, kv: KeyValue | undefined): boolean {
  let result: number;
  switch (c.target) {
    case 'VALUE':
      result = sign(kv?.value ?? '', c.value);
      break;
    case 'VERSION':
      result = sign(kv?.version ?? 0, c.value);
      break;
    case 'CREATE':
      result = sign(kv?.createRevision ?? 0, c.value);
      break;
    case 'MOD':
      result = sign(kv?.modRevision ?? 0, c.value);
      break;
    case 'LEASE':
      result = sign(kv?.lease ?? NO_LEASE, c.value);
      break;
  }
  switch (c.result) {
    case 'EQUAL':
      return result === 0;
    case 'NOT_EQUAL':
      return result !== 0;
    case 'GREATER':
      return result > 0;
    case 'LESS':
      return result < 0;
  }
}

/**
 * applyCompare: every key in the compare's range must satisfy it. An absent key compares as
 * the zero KeyValue (so `mod(k) = 0` holds), except that a VALUE compare on nothing fails.
 */
export function applyCompare(c: Compare, read: (range: KeyRange) => RangeResult): boolean {
  const { kvs } = read(keyRange(c.key, c.rangeEnd));
  if (kvs.length === 0) return c.target === 'VALUE' ? false : compareKV(c, undefined);
  for (const kv of kvs) if (!compareKV(c, kv)) return false;
  return true;
}
