/**
 * ControllerRevision naming and comparison: the hash follows the data (and the collision
 * count), the name is `<owner>-<hash>`, and revisions sort by number.
 */
import { describe, expect, it } from 'vitest';
import { controllerRevisionName, equalRevision, hashControllerRevision, maxRevision, newControllerRevision, sortControllerRevisions } from './controller-history';
import { revisionTemplate, templatePatch } from './revision-steps';

const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default', uid: 'u1' } };
const template = (image: string) => ({ metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image }] } });

describe('controller history', () => {
  it('hashes the data: the same template the same hash, another template or a collision count another', () => {
    const a = hashControllerRevision(templatePatch(template('nginx')));
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(hashControllerRevision(templatePatch(template('nginx')))).toBe(a);
    expect(hashControllerRevision(templatePatch(template('nginx:1.27')))).not.toBe(a);
    expect(hashControllerRevision(templatePatch(template('nginx')), 1)).not.toBe(a);
  });

  it('names a revision <owner>-<hash>, labels it with the hash and owns it', () => {
    const r = newControllerRevision(owner, { app: 'agent' }, templatePatch(template('nginx')), 3);
    const hash = r.metadata.labels?.['controller-revision-hash'] ?? '';
    expect(r.metadata.name).toBe(`agent-${hash}`);
    expect(r.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash });
    expect(r.metadata['ownerReferences']).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    expect(r.revision).toBe(3);
    expect(revisionTemplate(r)).toEqual(template('nginx'));
    expect(controllerRevisionName('x'.repeat(300), 'h')).toBe(`${'x'.repeat(223)}-h`);
  });

  it('compares by data and sorts by revision number', () => {
    const r1 = newControllerRevision(owner, {}, templatePatch(template('a')), 1);
    const r2 = newControllerRevision(owner, {}, templatePatch(template('b')), 2);
    const r1again = newControllerRevision(owner, {}, templatePatch(template('a')), 5);
    expect(equalRevision(r1, r1again)).toBe(true);
    expect(equalRevision(r1, r2)).toBe(false);
    expect(maxRevision([r2, r1again, r1])).toBe(5);
    expect(maxRevision([])).toBe(0);
    expect(sortControllerRevisions([r1again, r2, r1]).map((r) => r.revision)).toEqual([1, 2, 5]);
  });
});
