import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../../../api/status';
import { admissionAttributes, fakeAdmissionContext, namespaceObject, podObject, rejectionOf as statusOf } from '../fake-admission-context';
import { namespaceLifecycle } from './admission';

const vectors = JSON.parse(readFileSync('reference/vectors/apiserver-errors.json', 'utf8')) as { cases: { id: string; body: Status }[] };
const vector = (id: string): Status => {
  const found = vectors.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found.body;
};

describe('NamespaceLifecycle', () => {
  const plugin = namespaceLifecycle();
  const context = fakeAdmissionContext({
    namespaces: [namespaceObject('default', { phase: 'Terminating' }), namespaceObject('team-a'), namespaceObject('kube-system')],
  });

  it('answers a create in a namespace that does not exist with the NotFound of the namespace', () => {
    const a = admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'c' }], {}, 'nope'), { namespace: 'nope' });
    expect(statusOf(() => plugin.admit?.(a, context))).toEqual(vector('namespace-missing-on-create'));
  });

  it('forbids new content in a terminating namespace, with the NamespaceTerminating cause', () => {
    const a = admissionAttributes('CREATE', 'pods', podObject('term', [{ name: 'c' }]));
    expect(statusOf(() => plugin.admit?.(a, context))).toEqual(vector('forbidden-namespace-terminating'));
  });

  it('refuses to delete the immortal namespaces', () => {
    const a = admissionAttributes('DELETE', 'namespaces', undefined, { name: 'default', oldObject: namespaceObject('default') });
    expect(statusOf(() => plugin.admit?.(a, context))).toEqual(vector('forbidden-immortal-namespace'));
    const system = admissionAttributes('DELETE', 'namespaces', undefined, { name: 'kube-system' });
    expect(statusOf(() => plugin.admit?.(system, context)).message).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });

  it('lets through what does not add to a namespace: updates and deletes there, namespaces, cluster-scoped objects', () => {
    expect(plugin.admit?.(admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'c' }], {}, 'team-a')), context)).toBeUndefined();
    expect(plugin.admit?.(admissionAttributes('DELETE', 'pods', undefined, { namespace: 'default', name: 'web' }), context)).toBeUndefined();
    const pod = podObject('web', [{ name: 'c' }]);
    expect(plugin.admit?.(admissionAttributes('UPDATE', 'pods', pod, { oldObject: pod }), context)).toBeUndefined();
    expect(plugin.admit?.(admissionAttributes('DELETE', 'namespaces', undefined, { name: 'team-a' }), context)).toBeUndefined();
    expect(plugin.admit?.(admissionAttributes('CREATE', 'namespaces', namespaceObject('new')), context)).toBeUndefined();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    expect(plugin.admit?.(admissionAttributes('CREATE', 'nodes', node), context)).toBeUndefined();
  });

  it('answers an update in a missing namespace with NotFound too', () => {
    const pod = podObject('web', [{ name: 'c' }], {}, 'gone');
    const status = statusOf(() => plugin.admit?.(admissionAttributes('UPDATE', 'pods', pod, { oldObject: pod }), context));
    expect([status.code, status.message]).toEqual([404, 'namespaces "gone" not found']);
  });
});
