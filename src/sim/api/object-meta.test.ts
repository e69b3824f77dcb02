import { describe, expect, it } from 'vitest';
import { orderMetadata, orderObject } from './object-meta';

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
