/**
 * union and difference return a node itself when they leave its content as it was, and
 * recordUpdate builds the writer's set as (own \ removed) ∪ gained from own's nodes: both
 * checked against the plain copying computation, (own \ (gained ∪ removed)) ∪ gained on fresh
 * sets, through a pod's status writes by a kubelet.
 */
import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-set';
import { compareObjects } from './compare';
import { encodeManagedFields, recordUpdate, type ManagedEntry } from './managed-fields';

/** A copy made by inserting every path: shares no node with `s`. */
const fresh = (s: FieldSet) => {
  const out = new FieldSet();
  for (const p of s.paths()) out.insert(p);
  return out;
};
const plainUnion = (a: FieldSet, b: FieldSet) => fresh(new FieldSet()).union(fresh(a)).union(fresh(b));
const plainDifference = (a: FieldSet, b: FieldSet) => {
  const out = new FieldSet();
  for (const p of a.paths()) if (!b.has(p)) out.insert(p);
  return out;
};
const text = (s: FieldSet) => JSON.stringify(s.toFieldsV1());

function status(step: number): Record<string, unknown> {
  const running = step % 3 !== 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: [
        { type: 'Ready', status: running ? 'True' : 'False', lastTransitionTime: `t${step}` },
        ...(step % 2 ? [{ type: 'PodScheduled', status: 'True' }] : []),
        ...(step % 5 === 1 ? [{ type: 'Initialized', status: 'True', reason: `r${step}` }] : []),
      ],
      containerStatuses: [{ name: 'c', ready: running, state: running ? { running: { startedAt: `s${step}` } } : { waiting: { reason: 'ContainerCreating' } } }],
      ...(step % 4 ? { podIP: '10.0.0.1' } : {}),
    },
  };
}

describe('writer set from own nodes', () => {
  it('union and difference equal the plain sets, and give back the node when nothing changes', () => {
    let prev = status(0);
    for (let step = 1; step < 30; step++) {
      const next = status(step);
      const c = compareObjects(prev, next, 'core/v1.Pod', 'status');
      const gained = c.added.union(c.modified);
      const all = compareObjects(undefined, next, 'core/v1.Pod', 'status').added;
      expect(text(all.union(gained))).toBe(text(plainUnion(all, gained)));
      expect(text(all.difference(c.removed))).toBe(text(plainDifference(all, c.removed)));
      expect(text(gained.difference(all))).toBe(text(plainDifference(gained, all)));
      expect(all.union(all.intersection(gained))).toBe(all);
      expect(all.difference(new FieldSet().union(c.removed).difference(all))).toBe(all);
      prev = next;
    }
  });

  it("recordUpdate's entries encode as the plain computation's", () => {
    const who = { manager: 'kubelet', apiVersion: 'v1', subresource: 'status' };
    let entries: ManagedEntry[] = [];
    let plain: ManagedEntry[] = [];
    let prev: Record<string, unknown> | undefined;
    for (let step = 0; step < 40; step++) {
      const next = status(step % 7 === 6 ? 0 : step);
      const c = compareObjects(prev ?? { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: {}, status: {} }, next, 'core/v1.Pod', 'status');
      const now = `2025-01-01T00:00:${String(step).padStart(2, '0')}Z`;
      entries = recordUpdate(entries, c, who, now);
      // Plain: every entry loses gained ∪ removed, the writer then gains, on fresh sets.
      const gained = plainUnion(c.added, c.modified);
      const lost = plainUnion(gained, c.removed);
      const own = plain.find((e) => e.manager === 'kubelet');
      const ownSet = own ? plainUnion(plainDifference(own.set, lost), gained) : gained;
      plain = gained.isEmpty() ? plain : [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status', time: now, set: ownSet }];
      if (!gained.isEmpty() && own && !own.set.isEmpty() && plainDifference(own.set, lost).isEmpty() && ownSet.isEmpty()) plain = [];
      expect(JSON.stringify(encodeManagedFields(entries).map((e) => e['fieldsV1']))).toBe(JSON.stringify(plain.map((e) => e.set.toFieldsV1())));
      prev = next;
    }
  });
});
