/**
 * Model test: random sequences of put / delete / delete-range / txn / compact against the store
 * and against a plain model (one Map snapshot per revision), checking every readable revision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorMessages } from './errors';
import { FROM_KEY } from './key-range';
import { newEtcd } from './test-helpers';

interface ModelKv {
  value: string;
  create: number;
  mod: number;
  version: number;
}

type Op =
  | { op: 'put'; key: string; value: string }
  | { op: 'del'; key: string }
  | { op: 'delFrom'; key: string }
  | { op: 'txnCreate'; key: string; value: string }
  | { op: 'txnPair'; a: string; b: string; value: string }
  | { op: 'compact'; back: number };

const keyArb = fc.constantFrom('a', 'b', 'c', 'd');
const valueArb = fc.constantFrom('x', 'y', 'z');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), key: keyArb, value: valueArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('del' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delFrom' as const), key: keyArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('txnCreate' as const), key: keyArb, value: valueArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('txnPair' as const), a: keyArb, b: keyArb, value: valueArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('compact' as const), back: fc.integer({ min: 0, max: 4 }) }) },
);

class Model {
  /** snapshots[rev] = the keyspace at that revision. */
  snapshots: Map<string, ModelKv>[] = [new Map(), new Map()];
  compactRev = -1;

  get rev(): number {
    return this.snapshots.length - 1;
  }

  /** Apply a change set; an empty one does not bump the revision. */
  commit(changes: { key: string; value: string | undefined }[]): void {
    if (changes.length === 0) return;
    const rev = this.rev + 1;
    const next = new Map(this.snapshots[this.rev]);
    for (const { key, value } of changes) {
      if (value === undefined) next.delete(key);
      else {
        const prev = next.get(key);
        next.set(key, { value, create: prev?.create ?? rev, mod: rev, version: (prev?.version ?? 0) + 1 });
      }
    }
    this.snapshots.push(next);
  }

  current(): Map<string, ModelKv> {
    return this.snapshots[this.rev] as Map<string, ModelKv>;
  }
}

describe('model test', () => {
  it('matches a map-of-snapshots model at every readable revision', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { etcd } = newEtcd();
        const model = new Model();
        for (const o of ops) {
          switch (o.op) {
            case 'put':
              etcd.put({ key: o.key, value: o.value });
              model.commit([{ key: o.key, value: o.value }]);
              break;
            case 'del':
              expect(etcd.deleteRange({ key: o.key }).deleted).toBe(model.current().has(o.key) ? 1 : 0);
              model.commit(model.current().has(o.key) ? [{ key: o.key, value: undefined }] : []);
              break;
            case 'delFrom': {
              const gone = [...model.current().keys()].filter((k) => k >= o.key).sort();
              expect(etcd.deleteRange({ key: o.key, rangeEnd: FROM_KEY }).deleted).toBe(gone.length);
              model.commit(gone.map((key) => ({ key, value: undefined })));
              break;
            }
            case 'txnCreate': {
              const resp = etcd.txn({
                compare: [{ key: o.key, target: 'MOD', result: 'EQUAL', value: 0 }],
                success: [{ requestPut: { key: o.key, value: o.value } }],
                failure: [{ requestRange: { key: o.key } }],
              });
              expect(resp.succeeded).toBe(!model.current().has(o.key));
              model.commit(resp.succeeded ? [{ key: o.key, value: o.value }] : []);
              break;
            }
            case 'txnPair':
              if (o.a === o.b) {
                expect(() => etcd.txn({ success: [{ requestPut: { key: o.a, value: o.value } }, { requestPut: { key: o.b, value: o.value } }] })).toThrow(ErrorMessages.duplicateKey);
              } else {
                etcd.txn({ success: [{ requestPut: { key: o.a, value: o.value } }, { requestPut: { key: o.b, value: o.value } }] });
                model.commit([{ key: o.a, value: o.value }, { key: o.b, value: o.value }]);
              }
              break;
            case 'compact': {
              const rev = model.rev - o.back;
              if (rev <= model.compactRev) expect(() => etcd.compact(rev)).toThrow(ErrorMessages.compacted);
              else {
                etcd.compact(rev);
                model.compactRev = rev;
              }
              break;
            }
          }
          expect(etcd.revision).toBe(model.rev);
        }
        for (let rev = 1; rev <= model.rev + 1; rev++) {
          const read = () => etcd.range({ key: 'a', rangeEnd: FROM_KEY, revision: rev });
          if (rev > model.rev) expect(read).toThrow(ErrorMessages.futureRev);
          else if (rev < model.compactRev) expect(read).toThrow(ErrorMessages.compacted);
          else {
            const want = [...(model.snapshots[rev] as Map<string, ModelKv>).entries()]
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, v]) => `${k}=${v.value}@${v.create}/${v.mod}/${v.version}`);
            const got = read().kvs.map((kv) => `${kv.key}=${kv.value}@${kv.createRevision}/${kv.modRevision}/${kv.version}`);
            expect(got).toEqual(want);
          }
        }
        expect(etcd.status().keys).toBe(model.current().size);
        expect(etcd.listKeys()).toEqual([...model.current().keys()].sort());
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });
});
