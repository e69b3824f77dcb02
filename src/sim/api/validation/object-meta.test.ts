import { describe, expect, it } from 'vitest';
import { errorText, FieldPath } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { nameIsDNSSubdomain } from './name-rules';

type Meta = KubeObject['metadata'];
const texts = (errors: readonly { type: string; field: string; detail: string }[]) => errors.map((e) => errorText(e as Parameters<typeof errorText>[0]));
const owner = (apiVersion: string) => ({ apiVersion, kind: 'ReplicaSet', name: 'rs', uid: 'u1' });

describe('ObjectMeta validation', () => {
  it.each([
    ['apps/v1', []],
    ['v1', []],
    ['apps/', ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty']],
    ['', ['metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty']],
    // split('/')[1]: the part after the first slash, up to the next.
    ['a/b/c', []],
    ['a//c', ['metadata.ownerReferences.apiVersion: Invalid value: "a//c": version must not be empty']],
  ])('an owner reference with apiVersion %j', (apiVersion, expected) => {
    const meta: Meta = { name: 'web', namespace: 'default', ownerReferences: [owner(apiVersion)] } as Meta;
    expect(texts(validateObjectMeta(meta, true, nameIsDNSSubdomain))).toEqual(expected);
  });

  it('reports each immutable field that changed on update, in upstream order, with the new value', () => {
    const old: Meta = { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' } as Meta;
    expect(texts(validateObjectMetaUpdate({ ...old }, old))).toEqual([]);
    expect(texts(validateObjectMetaUpdate({ ...old, uid: 'u2', name: 'other', deletionGracePeriodSeconds: 30 } as Meta, old))).toEqual([
      'metadata.name: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable',
    ]);
  });

  it('checks every label and annotation key, and label values, at the map\'s path', () => {
    const path = FieldPath.root('metadata').child('labels');
    expect(texts(validateLabels({ app: 'web', 'bad key': 'x', ok: 'bad value' }, path))).toEqual([
      expect.stringContaining('metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters'),
      expect.stringContaining('metadata.labels: Invalid value: "bad value": a valid label must be an empty string'),
    ]);
    expect(texts(validateAnnotations({ 'Example.com/Note': 'x', 'a/b/c': 'y' }, FieldPath.root('metadata').child('annotations')))).toEqual([
      expect.stringContaining('metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters'),
    ]);
  });
});
