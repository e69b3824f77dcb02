import { describe, expect, it } from 'vitest';
import { orderMetadata, orderObject, withOrderedField } from './object-meta';

describe('orderMetadata', () => {
  it("puts the fields in ObjectMeta's Go order, unknown ones after in their order, and drops undefined ones", () => {
    const ordered = orderMetadata({ labels: { a: 'b' }, zeta: 1, resourceVersion: '7', name: 'web', alpha: 2, uid: undefined, namespace: 'default' } as never);
    expect(Object.keys(ordered)).toEqual(['name', 'namespace', 'resourceVersion', 'labels', 'zeta', 'alpha']);
    expect(ordered).toEqual({ name: 'web', namespace: 'default', resourceVersion: '7', labels: { a: 'b' }, zeta: 1, alpha: 2 });
  });

  it('hands back metadata that is in order already as it is', () => {
    const metadata = { name: 'web', namespace: 'default', uid: 'u', creationTimestamp: 't', labels: {}, custom: true } as never;
    expect(orderMetadata(metadata)).toBe(metadata);
    expect(orderMetadata({ name: 'web', uid: undefined } as never)).toEqual({ name: 'web' });
  });

  it('orders an object: apiVersion, kind, metadata, then the rest', () => {
    const object = orderObject({ spec: {}, metadata: { uid: 'u', name: 'n' }, kind: 'Pod', apiVersion: 'v1' } as never);
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.metadata)).toEqual(['name', 'uid']);
  });
});

describe('orderObject of an object whose head is in order', () => {
  it('hands it back as it is when its metadata is in order too', () => {
    const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', uid: 'u' }, spec: {}, status: {} } as never;
    expect(orderObject(object)).toBe(object);
  });

  it('orders only its metadata, in a copy, leaving the rest where it is', () => {
    const object = { apiVersion: 'v1', kind: 'Pod', metadata: { uid: 'u', name: 'n' }, spec: { a: 1 }, status: {} };
    const ordered = orderObject(object as never);
    expect(ordered).not.toBe(object);
    expect(Object.keys(ordered)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(Object.keys(ordered.metadata)).toEqual(['name', 'uid']);
    expect(ordered['spec']).toBe(object.spec);
    expect(Object.keys(object.metadata)).toEqual(['uid', 'name']);
  });
});

describe('withOrderedField', () => {
  it('is orderMetadata of the metadata with the field set, whatever order it comes in', () => {
    const cases = [
      { name: 'web', namespace: 'default', uid: 'u', creationTimestamp: 't', labels: { a: 'b' }, custom: 1 },
      { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '3', creationTimestamp: 't' },
      { labels: { a: 'b' }, name: 'web', resourceVersion: '3', custom: 1 },
      { name: 'web', finalizers: [], custom: 1 },
      { custom: 1 },
      {},
    ];
    for (const metadata of cases) {
      const set = withOrderedField(metadata as never, 'resourceVersion', '42');
      const expected = orderMetadata({ ...metadata, resourceVersion: '42' } as never);
      expect(set).toEqual(expected);
      expect(Object.keys(set)).toEqual(Object.keys(expected));
    }
  });

  it('falls back to orderMetadata for a field that is not ObjectMeta\'s or a value it omits', () => {
    expect(Object.keys(withOrderedField({ name: 'web', labels: {} } as never, 'extra', 1))).toEqual(['name', 'labels', 'extra']);
    expect(withOrderedField({ name: 'web', finalizers: ['f'] } as never, 'finalizers', [])).toEqual({ name: 'web' });
  });

  it('leaves the metadata it was given unchanged', () => {
    const metadata = { name: 'web', uid: 'u' };
    withOrderedField(metadata as never, 'resourceVersion', '1');
    expect(metadata).toEqual({ name: 'web', uid: 'u' });
  });
});
