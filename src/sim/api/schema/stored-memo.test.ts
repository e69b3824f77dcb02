/**
 * The stored-value memos of strict and type decoding against the plain walks: a patched object
 * sharing its stored object's fields gets the answers a walk without the memo gives, whether
 * the shared fields are clean or not, and a field the patch replaced is walked afresh.
 */
import { describe, expect, it } from 'vitest';
import { unknownFields } from './strict-decoding';
import { firstTypeMismatch } from './type-decoding';

type Obj = Record<string, unknown>;

function pod(spec: Obj, status: Obj): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec, status };
}

describe('stored-value memos', () => {
  it('give the plain answers for clean, unknown-field and mistyped stored fields, walk after walk', () => {
    const cleanSpec = { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1' };
    const unknownSpec = { containers: [{ name: 'c', image: 'nginx', imagee: 'x' }], bogus: 1 };
    const mistypedSpec = { containers: [{ name: 'c', image: 'nginx' }], terminationGracePeriodSeconds: 'thirty' };
    for (const spec of [cleanSpec, unknownSpec, mistypedSpec]) {
      const stored = pod(spec, { phase: 'Pending' });
      for (let i = 0; i < 3; i++) {
        // A status patch: spec shared with the stored object, status new.
        const patched = { ...stored, status: { phase: 'Running', bogusStatus: i } };
        for (const sortKeys of [false, true]) {
          expect(unknownFields(patched, { sortKeys, stored })).toEqual(unknownFields(patched, { sortKeys }));
        }
        expect(firstTypeMismatch(patched, stored)).toEqual(firstTypeMismatch(patched));
      }
    }
  });

  it('walks a field the patch replaced, even when the stored one was clean', () => {
    const stored = pod({ containers: [{ name: 'c', image: 'nginx' }] }, {});
    expect(unknownFields(stored, { stored })).toEqual([]);
    expect(firstTypeMismatch(stored, stored)).toBeUndefined();
    const patched = { ...stored, spec: { containers: [{ name: 'c', image: 'nginx', imagee: 'x' }], priority: 'high' } };
    expect(unknownFields(patched, { stored })).toEqual(['spec.containers[0].imagee']);
    expect(firstTypeMismatch(patched, stored)).toEqual(firstTypeMismatch(patched));
    expect(firstTypeMismatch(patched, stored)).toBeDefined();
  });
});
