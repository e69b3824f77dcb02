/**
 * The field manager's shortcuts (compare.ts: equal subtrees skipped by deepEqual, list-maps in
 * the same order matched by position; managed-fields.ts: the writer setting again only fields
 * of its own, the decoded-list memo, the insertion sort) checked against a plain computation on
 * random writes to a pod: the fields of each side as a create sets them, compared path by path,
 * every entry losing gained ∪ removed and the writer gaining, all on fresh sets, sorted with the
 * library sort. Writes: the kubelet re-setting its status (as a new object, as a patch makes
 * it), changing, adding and removing status fields and conditions, conditions reordered, another
 * manager writing a condition, a controller changing labels and the spec, with an Apply entry
 * and a client-sent entry among the managers. Also: the set operations on random sets, and the
 * decoded-list memo against decoding a copy.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { compareObjects, deepEqual } from './compare';
import { FieldSet } from './field-set';
import { managedFieldsOf, withManagedFields, type FieldManagerRequest } from './field-manager';
import { decodeManagedFields, encodeManagedFields } from './managed-fields';

type Json = Record<string, unknown>;

/** A seeded generator (mulberry32): the same writes every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fresh = (s: FieldSet) => {
  const out = new FieldSet();
  for (const p of s.paths()) out.insert(p);
  return out;
};
const plainUnion = (a: FieldSet, b: FieldSet) => {
  const out = new FieldSet();
  for (const p of [...a.paths(), ...b.paths()]) out.insert(p);
  return out;
};
const plainDifference = (a: FieldSet, b: FieldSet) => {
  const out = new FieldSet();
  for (const p of a.paths()) if (!b.has(p)) out.insert(p);
  return out;
};

/** The value at a path of FieldsV1 elements (the first list item with the keys, as the walk takes). */
function valueAt(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const e of path) {
    const body = e.slice(2);
    if (e.startsWith('f:')) cur = (cur as Json | undefined)?.[body];
    else if (e.startsWith('k:')) {
      const keys = JSON.parse(body) as Json;
      cur = (cur as Json[] | undefined)?.find((item) => Object.entries(keys).every(([k, v]) => deepEqual(item[k], v)));
    } else if (e.startsWith('v:')) cur = JSON.parse(body);
    else throw new Error(`unexpected element ${e}`);
  }
  return cur;
}

const isLeaf = (s: FieldSet, path: readonly string[]) => !s.hasUnder(path);

/** What the write added, modified and removed, from the two objects' create sets. */
function plainCompare(live: KubeObject, next: KubeObject, scope: 'main' | 'status') {
  const l = compareObjects(undefined, live, 'core/v1.Pod', scope).added;
  const r = compareObjects(undefined, next, 'core/v1.Pod', scope).added;
  const modified = new FieldSet();
  for (const p of r.paths()) if (l.has(p) && isLeaf(l, p) && isLeaf(r, p) && !deepEqual(valueAt(live, p), valueAt(next, p))) modified.insert(p);
  return { added: plainDifference(r, l), modified, removed: plainDifference(l, r) };
}

interface PlainEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  subresource: string;
  time: string | undefined;
  set: FieldSet;
  /** The stored entry, kept as it was while its set is (as the apiserver keeps it). */
  raw?: Json;
}

function seconds(time: string | undefined): number {
  return time === undefined ? 0 : Math.floor(Date.parse(time) / 1000);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The managedFields an Update stores, computed plainly. */
function plainManagedFields(live: KubeObject, next: KubeObject, request: FieldManagerRequest, manager: string): Json[] {
  const raw = (live.metadata.managedFields ?? []) as Json[];
  const entries: PlainEntry[] = raw.map((e) => ({
    manager: e['manager'] as string,
    operation: e['operation'] as string,
    apiVersion: e['apiVersion'] as string,
    subresource: (e['subresource'] as string | undefined) ?? '',
    time: e['time'] as string | undefined,
    set: fresh(FieldSet.fromFieldsV1(e['fieldsV1'])),
    raw: e,
  }));
  const c = plainCompare(live, next, request.subresource === 'status' ? 'status' : 'main');
  const gained = plainUnion(c.added, c.modified);
  const lost = plainUnion(gained, c.removed);
  const text = (set: FieldSet) => JSON.stringify(set.paths());
  let out: PlainEntry[] = entries
    .map((e) => {
      const set = plainDifference(e.set, lost);
      return text(set) === text(e.set) ? e : { ...e, set, raw: undefined };
    })
    .filter((e) => !e.set.isEmpty());
  if (!gained.isEmpty()) {
    const own = out.find((e) => e.operation === 'Update' && e.manager === manager && e.apiVersion === 'v1' && e.subresource === request.subresource);
    const entry = { manager, operation: 'Update', apiVersion: 'v1', subresource: request.subresource, time: request.now, set: plainUnion(own?.set ?? new FieldSet(), gained) };
    out = own ? out.map((e) => (e === own ? entry : e)) : [...out, entry];
  }
  out.sort((a, b) => cmp(a.operation, b.operation) || seconds(a.time) - seconds(b.time) || cmp(a.manager, b.manager) || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource, b.subresource));
  return out.map((e) => e.raw ?? ({
    apiVersion: e.apiVersion,
    fieldsType: 'FieldsV1',
    fieldsV1: e.set.toFieldsV1(),
    manager: e.manager,
    operation: e.operation,
    ...(e.subresource ? { subresource: e.subresource } : {}),
    ...(e.time !== undefined ? { time: e.time } : {}),
  }));
}

function condition(type: string, status: string, at: number, reason?: string): Json {
  return { type, status, lastProbeTime: null, lastTransitionTime: `2025-01-01T00:00:${String(at % 60).padStart(2, '0')}Z`, ...(reason ? { reason } : {}) };
}

/** One random write to `pod`: who makes it, and the object it sends. */
function randomWrite(pod: KubeObject, r: () => number, step: number): { next: KubeObject; manager: string; subresource: string } {
  const status = (pod as unknown as { status?: Json }).status ?? {};
  const spec = (pod as unknown as { spec: Json }).spec;
  const pick = r();
  // Every write is a new object throughout (structuredClone), as a decoded patch is.
  const copy = structuredClone(pod) as unknown as Json & { metadata: Json; spec: Json; status?: Json };
  const s: Json = structuredClone(status);
  if (pick < 0.3) return { next: { ...copy, status: s } as unknown as KubeObject, manager: 'kubelet', subresource: 'status' };
  if (pick < 0.75) {
    const conditions = ((s['conditions'] as Json[] | undefined) ?? []).slice();
    const op = Math.floor(r() * 7);
    if (op === 0) s['phase'] = r() < 0.5 ? 'Running' : 'Pending';
    else if (op === 1) s['podIP'] = r() < 0.5 ? undefined : `10.0.0.${Math.floor(r() * 3)}`;
    else if (op === 2) conditions.reverse();
    else if (op === 3) conditions.push(condition(['Ready', 'Initialized', 'ContainersReady'][Math.floor(r() * 3)] as string, 'True', step));
    else if (op === 4) conditions.splice(Math.floor(r() * conditions.length), 1);
    else if (op === 5 && conditions.length) conditions[0] = { ...(conditions[0] as Json), status: r() < 0.5 ? 'True' : 'False', ...(r() < 0.5 ? { reason: 'R' } : {}) };
    else s['containerStatuses'] = [{ name: 'c', ready: r() < 0.5, restartCount: Math.floor(r() * 2), state: r() < 0.5 ? { running: { startedAt: 'x' } } : { waiting: { reason: 'ContainerCreating' } } }];
    // Duplicate keys take the keyed walk (first item wins) in both computations.
    const seen = new Set<unknown>();
    s['conditions'] = conditions.filter((c) => (seen.has(c['type']) ? r() < 0.2 : (seen.add(c['type']), true)));
    for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
    const manager = op === 3 && r() < 0.3 ? 'kube-scheduler' : 'kubelet';
    return { next: { ...copy, status: s } as unknown as KubeObject, manager, subresource: 'status' };
  }
  const labels = { ...((copy.metadata['labels'] as Json | undefined) ?? {}) };
  const op = Math.floor(r() * 4);
  if (op === 0) labels[`l${Math.floor(r() * 3)}`] = `v${Math.floor(r() * 2)}`;
  else if (op === 1) delete labels[Object.keys(labels)[0] ?? ''];
  else if (op === 2) copy.spec = { ...spec, nodeName: r() < 0.5 ? 'node-1' : 'node-2' };
  const metadata = { ...copy.metadata, labels };
  return { next: { ...copy, metadata } as unknown as KubeObject, manager: r() < 0.5 ? 'kube-controller-manager' : 'kubectl-label', subresource: '' };
}

describe("the field manager's shortcuts give the plain computation's managedFields", () => {
  it('on random writes to a pod', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      let pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'p',
          namespace: 'default',
          labels: { app: 'web', l0: 'v0' },
          managedFields: [
            { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } }, manager: 'kubectl', operation: 'Apply', time: '2025-01-01T00:00:00Z' },
            // As a client may send it: keys out of order, a redundant "." (not reused as FieldsV1).
            { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:l0': {}, '.': {} } } }, manager: 'kube-controller-manager', operation: 'Update', time: '2025-01-01T00:00:00Z' },
            // Two managers sharing status fields, as only a sent list makes them (an Update takes a field from everyone else).
            { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {}, 'f:podIP': {} } }, manager: 'kubelet', operation: 'Update', subresource: 'status', time: '2025-01-01T00:00:00Z' },
            { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, manager: 'node-problem-detector', operation: 'Update', subresource: 'status', time: '2025-01-01T00:00:00Z' },
          ],
        },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
        status: { phase: 'Pending', conditions: [condition('PodScheduled', 'True', 0)] },
      } as unknown as KubeObject;
      for (let step = 1; step < 80; step++) {
        const { next, manager, subresource } = randomWrite(pod, r, step);
        const request: FieldManagerRequest = { fieldManager: manager, userAgent: 'test', subresource, hasStatus: true, now: `2025-01-01T00:${String(Math.floor(step / 3) % 60).padStart(2, '0')}:00Z` };
        const got = managedFieldsOf(pod, next, request);
        const want = plainManagedFields(pod, next, request, manager);
        expect(JSON.stringify(got), `seed ${seed} step ${step} (${manager}${subresource ? '/' + subresource : ''})`).toBe(JSON.stringify(want));
        pod = withManagedFields(next, got);
      }
    }
  });

  it('skips equal subtrees and walks same-order lists by position, with the answer of the keyed walk', () => {
    const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {}, status: { conditions: [condition('A', 'True', 1), condition('B', 'False', 1)] } };
    const same = structuredClone(live);
    const reordered = { ...live, status: { conditions: [condition('B', 'False', 1), condition('A', 'True', 2)] } };
    const changed = { ...live, status: { conditions: [condition('A', 'True', 2), condition('B', 'False', 1)] } };
    const text = (c: ReturnType<typeof compareObjects>) => JSON.stringify([c.added.toFieldsV1(), c.modified.toFieldsV1(), c.removed.toFieldsV1()]);
    expect(text(compareObjects(live, same, 'core/v1.Pod', 'status'))).toBe('[{},{},{}]');
    // The same change, once in the same order (by position) and once reordered (keyed).
    expect(text(compareObjects(live, changed, 'core/v1.Pod', 'status'))).toBe(text(compareObjects(live, reordered, 'core/v1.Pod', 'status')));
    expect(text(compareObjects(live, changed, 'core/v1.Pod', 'status'))).toBe('[{},{"f:status":{"f:conditions":{"k:{\\"type\\":\\"A\\"}":{"f:lastTransitionTime":{}}}}},{}]');
  });
});

describe('FieldSet shortcuts on random sets', () => {
  /** A random set over a small universe of paths, so that sets overlap at every depth. */
  function randomSet(r: () => number): FieldSet {
    const out = new FieldSet();
    const universe = ['f:a', 'f:b', 'k:{"name":"x"}', 'f:c'];
    const n = Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
      const depth = 1 + Math.floor(r() * 3);
      out.insert(Array.from({ length: depth }, () => universe[Math.floor(r() * universe.length)] as string));
    }
    return out;
  }
  const text = (s: FieldSet) => JSON.stringify(s.toFieldsV1());

  it('updated, coveredByAnyOf, intersects, difference and union equal the plain path computations', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const [own, removed, a, b] = [randomSet(r), randomSet(r), randomSet(r), randomSet(r)];
      expect(text(own.updated(removed, a, b))).toBe(text(plainUnion(plainUnion(plainDifference(own, removed), a), b)));
      expect(own.coveredByAnyOf(a, b, removed)).toBe(plainDifference(plainDifference(plainDifference(own, a), b), removed).isEmpty());
      expect(own.intersects(a)).toBe(own.paths().some((p) => a.has(p)));
      expect(text(own.difference(a))).toBe(text(plainDifference(own, a)));
      expect(text(own.union(a))).toBe(text(plainUnion(own, a)));
    }
  });
});

describe('decodeManagedFields of a list encodeManagedFields made', () => {
  it('gives what decoding a copy of the list gives, each entry with its stored JSON', () => {
    const sent = [
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:b': {}, 'f:a': {} } }, manager: 'm', operation: 'Update', time: '2025-01-01T00:00:02Z' },
      { fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} }, operation: 'Update', subresource: 'status' },
    ];
    const entries = decodeManagedFields(sent) ?? [];
    const own = { manager: 'x', operation: 'Apply' as const, apiVersion: 'v1', subresource: '', time: '2025-01-01T00:00:01Z', set: FieldSet.fromFieldsV1({ 'f:metadata': { 'f:labels': { 'f:a': {} } } }) };
    const list = encodeManagedFields([...entries, own]);
    const summary = (es: readonly { manager: string; operation: string; apiVersion: string; subresource: string; time: string | undefined; set: FieldSet }[]) =>
      JSON.stringify(es.map((e) => [e.manager, e.operation, e.apiVersion, e.subresource, e.time ?? null, e.set.toFieldsV1()]));
    const memo = decodeManagedFields(list) ?? [];
    expect(summary(memo)).toBe(summary(decodeManagedFields(structuredClone(list)) ?? []));
    expect(memo.map((e) => e.encoded)).toEqual(list);
    memo.forEach((e, i) => expect(e.encoded).toBe(list[i]));
  });
});
