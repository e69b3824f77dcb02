import { describe, expect, it } from 'vitest';
import { sameLabels } from '../../api/labels/same-labels';
import { sameOwnerReference } from './equality';

describe('the pod handlers\' equality checks', () => {
  it('compares label maps by content, in any key order, absent as empty', () => {
    expect(sameLabels({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameLabels(undefined, {})).toBe(true);
    expect(sameLabels({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameLabels({ a: '1' }, { b: '1' })).toBe(false);
    expect(sameLabels({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(sameLabels({ a: '1' }, undefined)).toBe(false);
  });

  it('compares owner references field by field', () => {
    const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true };
    expect(sameOwnerReference(ref, { ...ref })).toBe(true);
    expect(sameOwnerReference(undefined, undefined)).toBe(true);
    expect(sameOwnerReference(ref, undefined)).toBe(false);
    expect(sameOwnerReference(ref, { ...ref, uid: 'u2' })).toBe(false);
    expect(sameOwnerReference(ref, { ...ref, controller: false })).toBe(false);
    const { blockOwnerDeletion: _, ...without } = ref;
    expect(sameOwnerReference(ref, without)).toBe(false);
  });
});
