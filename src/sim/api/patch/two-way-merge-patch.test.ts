import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, StrategicMergePatchError } from './strategic-merge-patch';
import { createTwoWayMergePatch, goValueText, type Json, type JsonMap } from './two-way-merge-patch';

/**
 * Vectors from upstream's patch_test.go (createStrategicMergePatchTestCaseData and
 * strategicMergePatchRawTestCases, the `twoWay` halves). Upstream's MergeItem fields are placed
 * where a Pod has the same tags: `mergingList` (merge by name) at spec.containers,
 * `mergingIntList` (merge, scalars) at metadata.finalizers, plain fields at the root.
 */
const inContainers = (list: Json[]): JsonMap => ({ spec: { containers: list } });
const inFinalizers = (list: Json[]): JsonMap => ({ metadata: { finalizers: list } });

const UPSTREAM: readonly { name: string; original: JsonMap; modified: JsonMap; twoWay: string }[] = [
  { name: 'nil patch', original: { name: 1 }, modified: { name: 1 }, twoWay: '{}' },
  { name: 'add field to map', original: { name: 1 }, modified: { name: 1, value: 1 }, twoWay: '{"value":1}' },
  { name: 'add field and delete field from map', original: { name: 1 }, modified: { value: 1 }, twoWay: '{"name":null,"value":1}' },
  { name: 'delete field from nested map', original: { simpleMap: { key1: 1, key2: 1 } }, modified: { simpleMap: { key1: 1 } }, twoWay: '{"simpleMap":{"key2":null}}' },
  { name: 'delete all fields from map', original: { name: 1, value: 1 }, modified: {}, twoWay: '{"name":null,"value":null}' },
  { name: 'add field and delete all fields from map', original: { name: 1, value: 1 }, modified: { other: 'a' }, twoWay: '{"name":null,"other":"a","value":null}' },
  { name: 'replace list of scalars', original: { nonMergingIntList: [1, 2] }, modified: { nonMergingIntList: [2, 3] }, twoWay: '{"nonMergingIntList":[2,3]}' },
  {
    name: 'delete all maps from merging list',
    original: inContainers([{ name: 1 }, { name: 2 }]),
    modified: inContainers([]),
    twoWay: '{"spec":{"containers":[{"$patch":"delete","name":1},{"$patch":"delete","name":2}]}}',
  },
  { name: 'merge empty merging lists', original: inContainers([]), modified: inContainers([]), twoWay: '{}' },
  {
    name: 'delete items in lists of scalars',
    original: inFinalizers([1, 2, 3]),
    modified: inFinalizers([1, 2]),
    twoWay: '{"metadata":{"$deleteFromPrimitiveList/finalizers":[3],"$setElementOrder/finalizers":[1,2]}}',
  },
  {
    name: 'delete all duplicate items in lists of scalars',
    original: inFinalizers([1, 2, 3, 3]),
    modified: inFinalizers([1, 2]),
    twoWay: '{"metadata":{"$deleteFromPrimitiveList/finalizers":[3],"$setElementOrder/finalizers":[1,2]}}',
  },
  {
    name: 'add and delete items in lists of scalars',
    original: inFinalizers([1, 2, 3]),
    modified: inFinalizers([1, 2, 4]),
    twoWay: '{"metadata":{"$deleteFromPrimitiveList/finalizers":[3],"$setElementOrder/finalizers":[1,2,4],"finalizers":[4]}}',
  },
  {
    name: 'merge lists of maps',
    original: inContainers([{ name: 1 }, { name: 2, value: 2 }]),
    modified: inContainers([{ name: 4, value: 4 }, { name: 1 }, { name: 2, value: 2 }, { name: 3, value: 3 }]),
    twoWay: '{"spec":{"$setElementOrder/containers":[{"name":4},{"name":1},{"name":2},{"name":3}],"containers":[{"name":4,"value":4},{"name":3,"value":3}]}}',
  },
  {
    name: 'add field to map in merging list',
    original: inContainers([{ name: 1 }, { name: 2, value: 2 }]),
    modified: inContainers([{ name: 1, value: 1 }, { name: 2, value: 2 }]),
    twoWay: '{"spec":{"$setElementOrder/containers":[{"name":1},{"name":2}],"containers":[{"name":1,"value":1}]}}',
  },
];

describe('createTwoWayMergePatch: upstream patch_test.go vectors', () => {
  for (const c of UPSTREAM) {
    it(c.name, () => {
      const patch = createTwoWayMergePatch(c.original, c.modified, 'Pod');
      expect(JSON.stringify(patch)).toBe(c.twoWay);
      expect(applyStrategicMergePatch(c.original, patch, 'Pod')).toEqual(c.modified);
    });
  }

  it('missing merge key should error out', () => {
    expect(() => createTwoWayMergePatch(inContainers([{ name: 1, value: 'a' }]), inContainers([{ value: 'b' }]), 'Pod')).toThrow(new StrategicMergePatchError('map: map[value:b] does not contain declared merge key: name'));
  });
});

describe('createTwoWayMergePatch: list rules', () => {
  const ports = (...p: number[]): JsonMap => ({ spec: { containers: [{ name: 'web', ports: p.map((containerPort) => ({ containerPort })) }] } });

  it('writes removed items after the others, in the order of the merge key as text (%v), not as numbers', () => {
    const patch = createTwoWayMergePatch(ports(8080, 80, 443, 9000), ports(9000), 'Pod');
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/ports":[{"containerPort":9000}],"name":"web","ports":[{"$patch":"delete","containerPort":443},{"$patch":"delete","containerPort":80},{"$patch":"delete","containerPort":8080}]}]}}',
    );
    expect(applyStrategicMergePatch(ports(8080, 80, 443, 9000), patch, 'Pod')).toEqual(ports(9000));
  });

  it('sends only $setElementOrder when merged items only moved', () => {
    const patch = createTwoWayMergePatch(inContainers([{ name: 'a' }, { name: 'b' }]), inContainers([{ name: 'b' }, { name: 'a' }]), 'Pod');
    expect(JSON.stringify(patch)).toBe('{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}');
  });

  it('sends nothing when a merged list of scalars only moved (upstream sorts the original in place before comparing)', () => {
    expect(JSON.stringify(createTwoWayMergePatch(inFinalizers(['b', 'a']), inFinalizers(['a', 'b']), 'Pod'))).toBe('{}');
  });

  it('replaces an atomic list of maps whole, keys sorted as json.Marshal writes a map', () => {
    const original = { spec: { tolerations: [{ key: 'x', operator: 'Exists' }] } };
    const modified = { spec: { tolerations: [{ operator: 'Equal', key: 'x', value: 'y' }] } };
    expect(JSON.stringify(createTwoWayMergePatch(original, modified, 'Pod'))).toBe('{"spec":{"tolerations":[{"key":"x","operator":"Equal","value":"y"}]}}');
  });

  it('adds a whole list when the original had none or an empty one', () => {
    expect(JSON.stringify(createTwoWayMergePatch({ spec: {} }, inContainers([{ name: 'a' }]), 'Pod'))).toBe('{"spec":{"containers":[{"name":"a"}]}}');
    expect(JSON.stringify(createTwoWayMergePatch(inContainers([]), inContainers([{ name: 'a' }]), 'Pod'))).toBe('{"spec":{"containers":[{"name":"a"}]}}');
  });

  it('replaces a value whose type changed, and sends a changed $patch directive', () => {
    expect(JSON.stringify(createTwoWayMergePatch({ a: 1 }, { a: '1' }, 'Pod'))).toBe('{"a":"1"}');
    expect(JSON.stringify(createTwoWayMergePatch({ a: { x: 1 } }, { a: null }, 'Pod'))).toBe('{"a":null}');
    expect(JSON.stringify(createTwoWayMergePatch({ $patch: 'merge' }, { $patch: 'replace' }, 'Pod'))).toBe('{"$patch":"replace"}');
  });

  it('writes $retainKeys into a changed item of a list tagged merge,retainKeys (resourceClaimStatuses)', () => {
    const status = (...items: JsonMap[]): JsonMap => ({ status: { resourceClaimStatuses: items } });
    const patch = createTwoWayMergePatch(status({ name: 'gpu', resourceClaimName: 'a' }), status({ name: 'gpu' }), 'Pod');
    expect(JSON.stringify(patch)).toBe('{"status":{"$setElementOrder/resourceClaimStatuses":[{"name":"gpu"}],"resourceClaimStatuses":[{"$retainKeys":["name"],"name":"gpu","resourceClaimName":null}]}}');
    expect(applyStrategicMergePatch(status({ name: 'gpu', resourceClaimName: 'a' }), patch, 'Pod')).toEqual(status({ name: 'gpu' }));
  });

  it('merges pod IPs by ip', () => {
    const ips = (...ip: string[]): JsonMap => ({ status: { podIPs: ip.map((i) => ({ ip: i })) } });
    const patch = createTwoWayMergePatch(ips('10.0.0.1'), ips('10.0.0.1', 'fd00::1'), 'Pod');
    expect(JSON.stringify(patch)).toBe('{"status":{"$setElementOrder/podIPs":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}],"podIPs":[{"ip":"fd00::1"}]}}');
  });

  it('rejects mixed list element types and non-object documents', () => {
    expect(() => createTwoWayMergePatch(inFinalizers(['a']), inFinalizers([{ a: 1 }]), 'Pod')).toThrow(StrategicMergePatchError);
    expect(() => createTwoWayMergePatch([], {}, 'Pod')).toThrow(StrategicMergePatchError);
  });

  it("prints values as Go's %v does", () => {
    expect([goValueText(8080), goValueText(1e6), goValueText(1.5), goValueText(0.00001), goValueText(null), goValueText(true), goValueText({ b: 1, a: 'x' })]).toEqual(['8080', '1000000', '1.5', '1e-05', '<nil>', 'true', 'map[a:x b:1]']);
  });
});
