import { describe, expect, it } from 'vitest';
import { errorText, FieldPath, invalid } from './field-errors';

describe('FieldPath', () => {
  it.each([
    ['a root', FieldPath.root('spec'), 'spec'],
    ['children, indexes and keys', FieldPath.root('spec').child('containers').index(0).child('resources').child('limits').key('cpu'), 'spec.containers[0].resources.limits[cpu]'],
    ['a child with more names', FieldPath.root('spec').child('secret', 'secretName'), 'spec.secret.secretName'],
    ['a child of an empty root, bare', FieldPath.root('').child('name'), 'name'],
    ['an index of an empty root', FieldPath.root('').index(2), '[2]'],
    ['more names after an empty child keep their dots', FieldPath.root('').child('', 'x'), '.x'],
    ['a key with dots and slashes', FieldPath.root('metadata').child('labels').key('example.com/app'), 'metadata.labels[example.com/app]'],
  ])('%s prints as upstream', (_, path, text) => {
    expect(String(path)).toBe(text);
    // Printed twice (kept after the first) and through a template string alike.
    expect(`${path}`).toBe(text);
  });

  it('a parent printed first does not change its children', () => {
    const parent = FieldPath.root('spec').child('containers');
    expect(String(parent)).toBe('spec.containers');
    const child = parent.index(1).child('image');
    expect(errorText(invalid(child, '', 'bad'))).toBe('spec.containers[1].image: Invalid value: "": bad');
  });
});
