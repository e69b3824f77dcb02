import { describe, expect, it } from 'vitest';
import { KeyIndex, RevisionNotFoundError } from './key-index';
import { packRevision } from './revision';
import type { KeyValue } from './types';

const r = (main: number, sub = 0) => packRevision(main, sub);
const kv = (main: number): KeyValue => ({ key: 'foo', createRevision: main, modRevision: main, version: 1, value: '', lease: 0n });

/** Generations as [[main...], ...] with a 't' suffix on tombstones, oldest first. */
function shape(ki: KeyIndex): string[][] {
  return ki.generations.map((g, gi) =>
    g.revs.map((rev, i) => {
      const main = Math.floor(rev / packRevision(1, 0));
      const tomb = gi !== ki.generations.length - 1 && i === g.revs.length - 1;
      return `${main}${tomb ? 't' : ''}`;
    }),
  );
}

/** key_index.go's example: put(1);put(2);tombstone(3);put(4);tombstone(5). */
function example(): KeyIndex {
  const ki = new KeyIndex('foo');
  ki.put(r(1), kv(1));
  ki.put(r(2), kv(2));
  ki.tombstone(r(3), kv(3));
  ki.put(r(4), kv(4));
  ki.tombstone(r(5), kv(5));
  return ki;
}

describe('keyIndex', () => {
  it('builds generations as in key_index.go', () => {
    const ki = example();
    expect(shape(ki)).toEqual([['1', '2', '3t'], ['4', '5t'], []]);
    expect(ki.modified).toBe(r(5));
    expect(ki.generations[0]?.created).toBe(r(1));
    expect(ki.generations[0]?.ver).toBe(3);
    expect(ki.generations[1]?.created).toBe(r(4));
  });

  it.each([
    // atRev, modified, created, version (undefined: absent)
    [0, undefined],
    [1, { modified: 1, created: 1, ver: 1 }],
    [2, { modified: 2, created: 1, ver: 2 }],
    [3, undefined], // read at the tombstone's own revision: absent
    [4, { modified: 4, created: 4, ver: 1 }],
    [5, undefined],
    [6, undefined],
  ])('get(%i)', (at, want) => {
    const got = example().get(at);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toEqual({ modified: r(want.modified), created: r(want.created), ver: want.ver });
  });

  it.each([
    [2, [['2', '3t'], ['4', '5t'], []], [2]],
    [3, [['3t'], ['4', '5t'], []], [3]],
    [4, [['4', '5t'], []], [4]],
    [5, [['5t'], []], [5]],
    [6, [[]], []],
  ])('compact(%i) keeps the newest version at or below it', (at, gens, kept) => {
    const ki = example();
    const available = new Set<number>();
    ki.compact(at, available);
    expect(shape(ki)).toEqual(gens);
    expect([...available]).toEqual(kept.map((m) => r(m)));
    expect(ki.isEmpty()).toBe(at === 6);
  });

  it('compacts step by step as the doc comment shows', () => {
    const ki = example();
    const seen = new Set<number>();
    ki.compact(2, seen);
    ki.compact(4, seen);
    expect(shape(ki)).toEqual([['4', '5t'], []]);
    ki.compact(5, seen);
    expect(shape(ki)).toEqual([['5t'], []]);
    ki.compact(6, seen);
    expect(ki.isEmpty()).toBe(true);
  });

  it('a live key compacted past its history keeps its newest revision', () => {
    const ki = new KeyIndex('k');
    for (let m = 2; m <= 6; m++) ki.put(r(m), kv(m));
    const available = new Set<number>();
    ki.compact(100, available);
    expect(shape(ki)).toEqual([['6']]);
    expect(ki.get(100)).toEqual({ modified: r(6), created: r(2), ver: 5 });
  });

  it('tombstone on an empty generation is an error; puts must grow', () => {
    const ki = new KeyIndex('k');
    expect(() => ki.tombstone(r(2), kv(2))).toThrow(RevisionNotFoundError);
    ki.put(r(3, 1), kv(3));
    expect(() => ki.put(r(3, 0), kv(3))).toThrow();
    ki.put(r(3, 2), kv(3)); // same main, higher sub: fine (one txn)
    expect(ki.get(3)?.ver).toBe(2);
  });
});
