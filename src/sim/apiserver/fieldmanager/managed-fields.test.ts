import { describe, expect, it } from 'vitest';
import { FieldSet, pathString } from './field-set';
import { compareObjects } from './compare';
import { createdFieldsV1 } from './created-fields';
import { capUpdateManagers, decodeManagedFields, encodeManagedFields, recordUpdate, type ManagedEntry } from './managed-fields';

function set(...fields: string[]): FieldSet {
  const s = new FieldSet();
  for (const f of fields) s.insert([`f:${f}`]);
  return s;
}

/** capmanagers_test.go TestCapUpdateManagers, with its cap of 3 and hours for times. */
function entry(manager: string, apiVersion: string, hour: number, fields: FieldSet): ManagedEntry {
  return { manager, operation: 'Update', apiVersion, subresource: '', time: new Date(Date.UTC(2025, 0, 1, hour)).toISOString().replace('.000Z', 'Z'), set: fields };
}

function summary(entries: readonly ManagedEntry[]): string[] {
  return encodeManagedFields(entries).map((e) => `${String(e['manager'])} ${String(e['apiVersion'])} ${String(e['time']).slice(11, 13)} ${Object.keys(e['fieldsV1'] as object).join(',')}`);
}

describe('FieldSet (fieldpath.Set and its FieldsV1 serialization)', () => {
  it('reads and writes FieldsV1: "." marks a member with children', () => {
    const json = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } };
    const s = FieldSet.fromFieldsV1(json);
    expect(s.has(['f:metadata', 'f:labels'])).toBe(true);
    expect(s.has(['f:metadata'])).toBe(false);
    expect(s.has(['f:spec', 'f:replicas'])).toBe(true);
    expect(s.toFieldsV1()).toEqual(json);
  });

  it('difference drops emptied children; union and intersection keep members', () => {
    const a = FieldSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {}, 'f:paused': {} } });
    const b = FieldSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {} } });
    expect(a.difference(b).toFieldsV1()).toEqual({ 'f:spec': { 'f:paused': {} } });
    expect(b.difference(a).isEmpty()).toBe(true);
    expect(a.intersection(b).equals(b)).toBe(true);
    expect(b.union(set('x')).toFieldsV1()).toEqual({ 'f:spec': { 'f:replicas': {} }, 'f:x': {} });
  });

  it('intersects, covers, coveredByAnyOf and updated answer as intersection, difference and union would', () => {
    const a = FieldSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {}, 'f:paused': {} }, 'f:x': {} });
    const b = FieldSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {} } });
    const c = FieldSet.fromFieldsV1({ 'f:spec': { 'f:template': {} }, 'f:y': {} });
    for (const [l, r] of [[a, b], [b, a], [a, c], [b, c], [c, c], [a, new FieldSet()]] as const) {
      expect(l.intersects(r)).toBe(!l.intersection(r).isEmpty());
      expect(l.covers(r)).toBe(r.difference(l).isEmpty());
      for (const o of [a, b, c, new FieldSet()]) {
        expect(o.coveredByAnyOf(l, r, new FieldSet())).toBe(o.difference(l.union(r)).isEmpty());
        expect(o.coveredByAnyOf(new FieldSet(), l, r)).toBe(o.difference(l.union(r)).isEmpty());
        expect(JSON.stringify(o.updated(l, r, c).toFieldsV1())).toBe(JSON.stringify(o.difference(l).union(r).union(c).toFieldsV1()));
        expect(JSON.stringify(o.updated(r, c, l).toFieldsV1())).toBe(JSON.stringify(o.difference(r).union(c).union(l).toFieldsV1()));
      }
    }
  });

  it('prints paths as smd Path.String does', () => {
    expect(pathString(['f:spec', 'f:replicas'])).toBe('.spec.replicas');
    expect(pathString(['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe('.spec.containers[name="nginx"].image');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });
});

describe('compareObjects (typed.Compare with the kind schema)', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
    },
  };

  it('a create owns every field set, list items by key, atomic selector as one field, no value struct itself', () => {
    const c = compareObjects(undefined, deployment, 'apps/v1.Deployment', 'main');
    expect(c.added.toFieldsV1()).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
              },
            },
          },
        },
      },
    });
    expect(c.modified.isEmpty() && c.removed.isEmpty()).toBe(true);
  });

  it('an update sees modified leaves and removed map keys; status is out of scope for the main resource', () => {
    const next = { ...deployment, metadata: { ...deployment.metadata, labels: {} }, spec: { ...deployment.spec, replicas: 3 }, status: { replicas: 3 } };
    const c = compareObjects(deployment, next, 'apps/v1.Deployment', 'main');
    expect(c.modified.toFieldsV1()).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(c.removed.toFieldsV1()).toEqual({ 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    expect(c.added.isEmpty()).toBe(true);
    expect(compareObjects(deployment, next, 'apps/v1.Deployment', 'status').added.toFieldsV1()).toEqual({ 'f:status': { 'f:replicas': {} } });
  });
});

describe('recordUpdate (Updater.Update with managedfieldsupdater.go)', () => {
  const now = '2025-01-01T01:00:00Z';
  const create = compareObjects(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } }, 'core/v1.ConfigMap', 'all');
  const created = recordUpdate([], create, { manager: 'kubectl-create', apiVersion: 'v1', subresource: '' }, '2025-01-01T00:00:00Z');

  it('moves a field to the manager that changed it and drops managers left with nothing', () => {
    const change = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: '9', b: '2' } }, 'core/v1.ConfigMap', 'all');
    const after = recordUpdate(created, change, { manager: 'kubectl-edit', apiVersion: 'v1', subresource: '' }, now);
    expect(summary(after)).toEqual(['kubectl-create v1 00 f:data', 'kubectl-edit v1 01 f:data']);
    expect((encodeManagedFields(after)[0] as { fieldsV1: unknown }).fieldsV1).toEqual({ 'f:data': { '.': {}, 'f:b': {} } });
    const removeAll = compareObjects({ data: { a: '9', b: '2' } }, { data: {} }, 'core/v1.ConfigMap', 'all');
    expect(summary(recordUpdate(after, removeAll, { manager: 'kubectl-patch', apiVersion: 'v1', subresource: '' }, now))).toEqual(['kubectl-create v1 00 f:data']);
  });

  it('a write that changes nothing keeps the entries and their times', () => {
    const none = compareObjects({ data: { a: '1' } }, { data: { a: '1' } }, 'core/v1.ConfigMap', 'all');
    expect(recordUpdate(created, none, { manager: 'kubectl-create', apiVersion: 'v1', subresource: '' }, now)).toEqual(created);
  });

  it('a writer setting again the fields it owns keeps its set and moves its time; its FieldsV1 is written as toFieldsV1 writes it', () => {
    const change = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: '9', b: '2' } }, 'core/v1.ConfigMap', 'all');
    const who = { manager: 'kubectl-create', apiVersion: 'v1', subresource: '' };
    const stored = decodeManagedFields(encodeManagedFields(created)) ?? [];
    const again = encodeManagedFields(recordUpdate(stored, change, who, now));
    expect(again.map((e) => [e['time'], JSON.stringify(e['fieldsV1'])])).toEqual([[now, JSON.stringify(encodeManagedFields(created)[0]?.['fieldsV1'])]]);
    // The same set as a client sent it, in another key order: stored as toFieldsV1 orders it.
    const sent = decodeManagedFields([{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', time: '2025-01-01T00:00:00Z', fieldsV1: { 'f:data': { 'f:b': {}, '.': {}, 'f:a': {} } } }]) ?? [];
    const rewritten = encodeManagedFields(recordUpdate(sent, change, who, now))[0]?.['fieldsV1'];
    expect(JSON.stringify(rewritten)).toBe(JSON.stringify({ 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } }));
    // Setting one of its fields again while removing another is not the set it had.
    const dropB = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: '9' } }, 'core/v1.ConfigMap', 'all');
    expect(encodeManagedFields(recordUpdate(stored, dropB, who, now))[0]?.['fieldsV1']).toEqual({ 'f:data': { '.': {}, 'f:a': {} } });
  });

  it('a subresource write is an entry of its own', () => {
    const change = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: '1', b: '3' } }, 'core/v1.ConfigMap', 'all');
    const after = recordUpdate(created, change, { manager: 'kubectl-create', apiVersion: 'v1', subresource: 'status' }, now);
    expect(encodeManagedFields(after).map((e) => e['subresource'] ?? '')).toEqual(['', 'status']);
  });

  it('decodes what it encodes, and refuses entries that are not FieldsV1 Apply or Update', () => {
    expect(decodeManagedFields(encodeManagedFields(created))?.map((e) => e.set.toFieldsV1())).toEqual([created[0]?.set.toFieldsV1()]);
    expect(decodeManagedFields([{ manager: 'x', operation: 'Delete', fieldsType: 'FieldsV1' }])).toBeUndefined();
    expect(decodeManagedFields([{ manager: 'x', operation: 'Update', fieldsType: 'FieldsV2' }])).toBeUndefined();
    expect(decodeManagedFields('nope')).toBeUndefined();
  });
});

describe('capUpdateManagers (capmanagers_test.go TestCapUpdateManagers, cap 3)', () => {
  const cases: { name: string; input: ManagedEntry[]; expected: string[] }[] = [
    {
      name: 'one version, no ancient changes',
      input: [entry('update-manager1', 'v1', 1, set('a')), entry('update-manager2', 'v1', 2, set('b')), entry('update-manager3', 'v1', 3, set('c')), entry('update-manager4', 'v1', 4, set('d'))],
      expected: ['ancient-changes v1 02 f:a,f:b', 'update-manager3 v1 03 f:c', 'update-manager4 v1 04 f:d'],
    },
    {
      name: 'one version, one ancient changes',
      input: [entry('ancient-changes', 'v1', 2, set('a', 'b')), entry('update-manager3', 'v1', 3, set('c')), entry('update-manager4', 'v1', 4, set('d')), entry('update-manager5', 'v1', 5, set('e'))],
      expected: ['ancient-changes v1 03 f:a,f:b,f:c', 'update-manager4 v1 04 f:d', 'update-manager5 v1 05 f:e'],
    },
    {
      name: 'two versions, no ancient changes',
      input: [entry('update-manager1', 'v1', 1, set('a')), entry('update-manager2', 'v2', 2, set('b')), entry('update-manager3', 'v1', 3, set('c')), entry('update-manager4', 'v1', 4, set('d')), entry('update-manager5', 'v1', 5, set('e'))],
      expected: ['update-manager2 v2 02 f:b', 'ancient-changes v1 04 f:a,f:c,f:d', 'update-manager5 v1 05 f:e'],
    },
    {
      name: 'three versions, one ancient changes',
      input: [entry('update-manager2', 'v2', 2, set('b')), entry('ancient-changes', 'v1', 4, set('a', 'c', 'd')), entry('update-manager5', 'v1', 5, set('e')), entry('update-manager6', 'v3', 6, set('f')), entry('update-manager7', 'v2', 7, set('g'))],
      expected: ['ancient-changes v1 05 f:a,f:c,f:d,f:e', 'update-manager6 v3 06 f:f', 'ancient-changes v2 07 f:b,f:g'],
    },
    {
      name: 'four versions, two ancient changes',
      input: [entry('ancient-changes', 'v1', 5, set('a', 'c', 'd', 'e')), entry('update-manager6', 'v3', 6, set('f')), entry('ancient-changes', 'v2', 7, set('b', 'g')), entry('update-manager8', 'v4', 8, set('h'))],
      expected: ['ancient-changes v1 05 f:a,f:c,f:d,f:e', 'update-manager6 v3 06 f:f', 'ancient-changes v2 07 f:b,f:g', 'update-manager8 v4 08 f:h'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const capped = capUpdateManagers([...c.input], 3);
      expect(summary(capped)).toEqual(c.expected);
      expect(summary(capUpdateManagers([...capped], 3))).toEqual(c.expected);
    });
  }
});

describe('createdFieldsV1 (the create fast path)', () => {
  const objects: [string, string, Record<string, unknown>][] = [
    [
      'apps/v1.Deployment',
      'main',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default', uid: 'u', labels: { app: 'web' }, finalizers: ['a', 'b'] },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'Recreate' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'A', value: '1' }], resources: {} }], volumes: [{ name: 'v', emptyDir: {} }], tolerations: [{ key: 'k' }] } } },
        status: { replicas: 1 },
      },
    ],
    ['core/v1.Service', 'main', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], clusterIPs: ['10.0.0.1'] } }],
    ['core/v1.ConfigMap', 'all', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { x: 'y' } }, data: { a: '1' } }],
    // Lists of one item (the map-free path), of two, of none, and of one item that is no object.
    [
      'core/v1.Pod',
      'main',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }] },
        spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }, { name: 'b', env: [] }], initContainers: ['x'], volumes: [{ name: 'v', emptyDir: {} }] },
      },
    ],
  ];
  for (const [type, scope, object] of objects) {
    it(`writes what compareObjects adds for a ${type}`, () => {
      expect(createdFieldsV1(object, type, scope as 'main' | 'all')).toEqual(compareObjects(undefined, object, type, scope as 'main' | 'all').added.toFieldsV1());
    });
  }
});
