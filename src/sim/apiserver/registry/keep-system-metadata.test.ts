/** keepSystemMetadata's no-copy answer against the plain copy it stands for. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { keepSystemMetadata } from './strategy';

/** The plain computation: the update's metadata overlaid with the stored object's system fields. */
function plain(object: KubeObject, old: KubeObject): KubeObject {
  const m = old.metadata;
  return {
    ...object,
    metadata: {
      ...object.metadata,
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      creationTimestamp: m.creationTimestamp,
      ...(m['deletionTimestamp'] !== undefined ? { deletionTimestamp: m['deletionTimestamp'] } : {}),
      ...(m['deletionGracePeriodSeconds'] !== undefined ? { deletionGracePeriodSeconds: m['deletionGracePeriodSeconds'] } : {}),
      ...(m.generateName !== undefined ? { generateName: m.generateName } : {}),
    },
  };
}

const shape = (o: KubeObject) => [JSON.stringify(o), Object.keys(o.metadata), Object.entries(o.metadata)];

describe('keepSystemMetadata', () => {
  const old: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', uid: 'u', creationTimestamp: 't', generateName: 'p-' } };
  const cases: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', uid: 'u', creationTimestamp: 't', generateName: 'p-', labels: { a: 'b' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', labels: { a: 'b' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', uid: 'other', creationTimestamp: 't', generateName: 'p-' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', uid: 'u', creationTimestamp: 't' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd', uid: 'u', creationTimestamp: 't', generateName: 'p-', deletionTimestamp: 'x' } },
  ];
  it('answers as the copy does, with or without deletion fields on the stored object', () => {
    for (const stored of [old, { ...old, metadata: { ...old.metadata, deletionTimestamp: 'x', deletionGracePeriodSeconds: 30 } }]) {
      for (const object of cases) expect(shape(keepSystemMetadata(object, stored))).toEqual(shape(plain(object, stored)));
    }
  });

  it('gives a cluster-scoped object without a namespace key the copy with one', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'u', creationTimestamp: 't' } };
    expect(shape(keepSystemMetadata(node, node))).toEqual(shape(plain(node, node)));
  });
});
