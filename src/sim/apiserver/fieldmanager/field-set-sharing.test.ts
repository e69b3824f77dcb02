/**
 * The field manager's memos against the plain computations: sets sharing subtrees after union
 * and difference, each node's FieldsV1 made once (and made again after an insert), the
 * interned `f:` elements and the sorted list-map keys.
 */
import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-set';
import { fieldElement } from './struct-fields';
import { sortedMapKeys } from './list-types';
import { prefixFromUserAgent } from './field-manager';

function setOf(paths: string[][]): FieldSet {
  const s = new FieldSet();
  for (const p of paths) s.insert(p);
  return s;
}

const A = [['f:spec', 'f:replicas'], ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image'], ['f:metadata', 'f:labels', 'f:app']];
const B = [['f:spec', 'f:paused'], ['f:status', 'f:replicas'], ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"b"}', 'f:image']];

/** The paths of a set, as a freshly built set would list them. */
const pathsOf = (s: FieldSet) => s.paths().map((p) => p.join(' '));
const plainFieldsV1 = (s: FieldSet) => setOf(s.paths()).toFieldsV1();

describe('FieldSet subtree sharing and FieldsV1 memo', () => {
  it('union and difference give the sets a copying computation gives', () => {
    const a = setOf(A);
    const b = setOf(B);
    const union = a.union(b);
    expect(pathsOf(union)).toEqual(pathsOf(setOf([...A, ...B])));
    expect(pathsOf(union.difference(b))).toEqual(pathsOf(setOf(A)));
    expect(pathsOf(union.difference(a))).toEqual(pathsOf(setOf(B)));
    // The operands are left as they were.
    expect(pathsOf(a)).toEqual(pathsOf(setOf(A)));
    expect(pathsOf(b)).toEqual(pathsOf(setOf(B)));
  });

  it("a node's FieldsV1 is made once and equals a fresh set's", () => {
    const a = setOf(A);
    const union = a.union(setOf(B));
    const first = union.toFieldsV1();
    expect(union.toFieldsV1()).toBe(first);
    expect(first).toEqual(plainFieldsV1(union));
    expect(a.toFieldsV1()).toEqual(plainFieldsV1(a));
  });

  it('an insert after FieldsV1 was made makes it again', () => {
    const s = setOf(A);
    const before = s.toFieldsV1();
    s.insert(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"a"}', 'f:args']);
    const after = s.toFieldsV1();
    expect(after).not.toBe(before);
    expect(after).toEqual(plainFieldsV1(s));
    expect(JSON.stringify(after)).toContain('f:args');
  });

  it('fieldElement and sortedMapKeys are the plain strings and sorts', () => {
    for (const key of ['replicas', 'app.kubernetes.io/name', '', 'f:x']) expect(fieldElement(key)).toBe(`f:${key}`);
    const keys = ['protocol', 'containerPort'];
    expect(sortedMapKeys(keys)).toEqual([...keys].sort());
    expect(sortedMapKeys(keys)).toBe(sortedMapKeys(keys));
    expect(keys).toEqual(['protocol', 'containerPort']);
  });
});

describe('FieldSet key order', () => {
  it('orders any number of keys as a byte-order sort does', () => {
    for (const n of [0, 1, 2, 3, 7, 16, 17, 40]) {
      const keys = Array.from({ length: n }, (_, i) => `f:k${(i * 7919) % 97}${i % 3 === 0 ? '.x' : ''}`);
      const s = setOf(keys.map((k) => [k]));
      expect(Object.keys(s.toFieldsV1())).toEqual([...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });
});

describe('prefixFromUserAgent', () => {
  it("is the user agent's first word however the agents alternate", () => {
    for (const ua of ['kubectl/v1.32.0 (linux/amd64)', 'kubelet/v1.32', 'kubectl/v1.32.0 (linux/amd64)', '', 'noslash', 'kubelet/v1.32']) {
      expect(prefixFromUserAgent(ua)).toBe(ua.split('/')[0]);
    }
  });
});
