import { describe, expect, it } from 'vitest';
import { applyJsonPatch, applyMergePatch, applyPatchDocument, applyStrategicMergePatch, createMergePatch, JsonPatchError } from './index';

type Json = Record<string, unknown>;

const pod = (): Json => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a'] },
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes with null, replaces lists', () => {
    const out = applyMergePatch(pod(), { metadata: { labels: { tier: null, env: 'prod' } }, spec: { containers: [{ name: 'only', image: 'x' }] } }) as Json;
    expect((out['metadata'] as Json)['labels']).toEqual({ app: 'web', env: 'prod' });
    expect((out['spec'] as Json)['containers']).toEqual([{ name: 'only', image: 'x' }]);
  });
  it('RFC 7386 appendix examples', () => {
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(applyMergePatch({ a: 'foo' }, 'bar')).toEqual('bar');
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });
  it('createMergePatch round-trips', () => {
    const a = pod();
    const b = { ...pod(), metadata: { name: 'web', labels: { app: 'api' } } };
    expect(applyMergePatch(a, createMergePatch(a, b))).toEqual(b);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('add, replace, remove, move, copy, test', () => {
    const out = applyJsonPatch(pod(), [
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' },
      { op: 'add', path: '/metadata/labels/env', value: 'prod' },
      { op: 'remove', path: '/metadata/labels/tier' },
      { op: 'add', path: '/spec/containers/-', value: { name: 'third', image: 'x' } },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
      { op: 'move', from: '/metadata/labels/copied', path: '/metadata/labels/moved' },
      { op: 'test', path: '/metadata/name', value: 'web' },
      { op: 'add', path: '/metadata/annotations', value: { 'a~b/c': '1' } },
      { op: 'replace', path: '/metadata/annotations/a~0b~1c', value: '2' },
    ]) as Json;
    const meta = out['metadata'] as Json;
    expect(meta['labels']).toEqual({ app: 'web', env: 'prod', moved: 'web' });
    expect(meta['annotations']).toEqual({ 'a~b/c': '2' });
    const containers = (out['spec'] as Json)['containers'] as Json[];
    expect(containers.map((c) => c['image'])).toEqual(['nginx:1.27', 'busybox', 'x']);
  });
  it('does not touch the original', () => {
    const original = pod();
    applyJsonPatch(original, [{ op: 'remove', path: '/metadata/labels' }]);
    expect((original['metadata'] as Json)['labels']).toBeDefined();
  });
  it('reports what does not apply, as evanphx/json-patch does', () => {
    expect(() => applyJsonPatch(pod(), [{ op: 'remove', path: '/metadata/nope' }])).toThrow('Unable to remove nonexistent key: nope: missing value');
    expect(() => applyJsonPatch(pod(), [{ op: 'replace', path: '/spec/nope', value: 1 }])).toThrow('replace operation does not apply: doc is missing key: /spec/nope: missing value');
    expect(() => applyJsonPatch(pod(), [{ op: 'add', path: '/a/b/c', value: 1 }])).toThrow('add operation does not apply: doc is missing path: "/a/b/c": missing value');
    expect(() => applyJsonPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'x' }])).toThrow('testing value /metadata/name failed: test failed');
    let err: unknown;
    try {
      applyJsonPatch(pod(), { op: 'add' });
    } catch (e) {
      err = e;
    }
    expect((err as JsonPatchError).phase).toBe('decode');
  });
});

describe('strategic merge patch', () => {
  const smp = (patch: Json, kind = 'Pod'): Json => applyStrategicMergePatch(pod(), patch, kind) as Json;
  const containers = (o: Json): Json[] => (o['spec'] as Json)['containers'] as Json[];

  it('merges containers by name: one image changes, the other container stays', () => {
    const out = smp({ spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    expect(containers(out)).toEqual([
      { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
    ]);
  });
  it('appends a container with a new name', () => {
    expect(containers(smp({ spec: { containers: [{ name: 'new', image: 'x' }] } })).map((c) => c['name'])).toEqual(['web', 'sidecar', 'new']);
  });
  it('merges env by name and ports by containerPort inside a container', () => {
    const out = smp({ spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }, { name: 'A', value: '9' }], ports: [{ containerPort: 443 }] }] } });
    const web = containers(out)[0] as Json;
    expect(web['env']).toEqual([{ name: 'A', value: '9' }, { name: 'B', value: '2' }]);
    expect(web['ports']).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
  });
  it('replaces atomic lists (args, tolerations)', () => {
    const out = smp({ spec: { containers: [{ name: 'sidecar', args: ['true'] }], tolerations: [{ key: 'y', operator: 'Exists' }] } });
    expect((containers(out)[1] as Json)['args']).toEqual(['true']);
    expect((out['spec'] as Json)['tolerations']).toEqual([{ key: 'y', operator: 'Exists' }]);
  });
  it('$patch: delete removes an element by its merge key', () => {
    expect(containers(smp({ spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } })).map((c) => c['name'])).toEqual(['web']);
  });
  it('$patch: replace replaces a list or a map', () => {
    expect(containers(smp({ spec: { containers: [{ $patch: 'replace' }, { name: 'solo', image: 'x' }] } }))).toEqual([{ name: 'solo', image: 'x' }]);
    expect((smp({ metadata: { labels: { $patch: 'replace', only: 'this' } } })['metadata'] as Json)['labels']).toEqual({ only: 'this' });
  });
  it('null deletes a key, maps merge', () => {
    expect((smp({ metadata: { labels: { tier: null, env: 'prod' } } })['metadata'] as Json)['labels']).toEqual({ app: 'web', env: 'prod' });
  });
  it('finalizers merge as a set; $deleteFromPrimitiveList removes', () => {
    expect((smp({ metadata: { finalizers: ['a', 'b'] } })['metadata'] as Json)['finalizers']).toEqual(['a', 'b']);
    expect((smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } })['metadata'] as Json)['finalizers']).toEqual([]);
  });
  it('$setElementOrder orders a merged list', () => {
    const out = smp({ spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }], containers: [{ name: 'web', image: 'y' }] } });
    expect(containers(out).map((c) => c['name'])).toEqual(['sidecar', 'web']);
  });
  it('$retainKeys drops keys not listed', () => {
    const out = smp({ spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/tmp' } }] } });
    expect((out['spec'] as Json)['volumes']).toEqual([{ name: 'data', hostPath: { path: '/tmp' } }]);
  });
  it('a new item of a merged list keeps its nulls, as mergeSliceWithoutSpecialElements appends it', () => {
    const original = { status: { conditions: [{ type: 'PodScheduled', status: 'True' }] } };
    const out = applyStrategicMergePatch(original, { status: { conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null }] } }, 'Pod') as Json;
    expect(JSON.stringify(out)).toBe('{"status":{"conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False","lastProbeTime":null}]}}');
  });
  it("a pod's status.podIPs and hostIPs merge by ip (patchStrategy merge), containerStatuses is replaced whole (atomic)", () => {
    const original = { status: { podIPs: [{ ip: '10.244.1.2' }], hostIPs: [{ ip: '10.0.0.11' }], containerStatuses: [{ name: 'a', ready: false }, { name: 'b', ready: false }] } };
    const patch = { status: { podIPs: [{ ip: 'fd00::2' }], hostIPs: [{ ip: 'fd00::11' }], containerStatuses: [{ name: 'a', ready: true }] } };
    expect(applyStrategicMergePatch(original, patch, 'Pod')).toEqual({
      status: { podIPs: [{ ip: '10.244.1.2' }, { ip: 'fd00::2' }], hostIPs: [{ ip: '10.0.0.11' }, { ip: 'fd00::11' }], containerStatuses: [{ name: 'a', ready: true }] },
    });
  });
  it('an element without its merge key is an error', () => {
    expect(() => smp({ spec: { containers: [{ image: 'nginx' }] } })).toThrow('map: map[image:nginx] does not contain declared merge key: name');
  });
  it('uses the pod template paths in a Deployment and port in a Service', () => {
    const deployment = { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } } } };
    const out = applyStrategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }] } } } }, 'Deployment') as Json;
    expect(out).toEqual({ spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }] } } } });
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    expect(applyStrategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 8443 }] } }, 'Service')).toEqual({
      spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] },
    });
  });
  it('a merge patch of the same body replaces the list instead', () => {
    expect(containers(applyPatchDocument('merge', pod(), { spec: { containers: [{ name: 'web', image: 'x' }] } }, 'Pod') as Json)).toEqual([{ name: 'web', image: 'x' }]);
  });
});
