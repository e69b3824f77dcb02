import { describe, expect, it } from 'vitest';
import { naturalLess, relaxedJsonPath, sortObjects } from './sort-by';

describe('kubectl --sort-by', () => {
  it('compares names as sortorder.NaturalLess does', () => {
    expect(naturalLess('pod-2', 'pod-10')).toBe(true);
    expect(naturalLess('pod-10', 'pod-2')).toBe(false);
    expect(naturalLess('a', 'b')).toBe(true);
    expect(naturalLess('a1', 'a01')).toBe(true); // fewer leading zeros first
    expect(naturalLess('1x', 'x')).toBe(true); // digits before other characters
    expect(naturalLess('web', 'web-1')).toBe(true); // a prefix first
    expect(naturalLess('same', 'same')).toBe(false);
  });

  it('relaxes the expression as RelaxedJSONPathExpression does', () => {
    for (const e of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) expect(relaxedJsonPath(e)).toEqual({ path: '{.metadata.name}' });
    expect(relaxedJsonPath('{{.x}}')).toHaveProperty('error');
  });

  it('sorts numbers as numbers and quantities as quantities, objects without the field first, equal keys in their order', () => {
    const o = (name: string, extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'X', metadata: { name }, ...extra });
    const byNumber = sortObjects([o('a', { n: 10 }), o('b', { n: 9 }), o('c', {}), o('d', { n: 9 })], '.n');
    expect('objects' in byNumber && byNumber.objects.map((x) => x.metadata.name)).toEqual(['c', 'b', 'd', 'a']);
    const byQuantity = sortObjects([o('a', { q: '1Gi' }), o('b', { q: '512Mi' }), o('c', { q: '2G' })], '.q');
    expect('objects' in byQuantity && byQuantity.objects.map((x) => x.metadata.name)).toEqual(['b', 'a', 'c']);
    expect(sortObjects([o('a', {})], '.missing')).toEqual({ error: 'couldn\'t find any field with path "{.missing}" in the list of objects' });
    expect(sortObjects([], '.missing')).toEqual({ objects: [] });
  });
});
