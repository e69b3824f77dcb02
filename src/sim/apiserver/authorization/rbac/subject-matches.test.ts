/** subjectMatches (kept per user, namespace and binding list) against matchingSubject over every binding. */
import { describe, expect, it } from 'vitest';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { UserInfo } from '../../request-types';
import { matchingSubject, subjectMatches } from './authorizer';

function plain(user: UserInfo, namespace: string, bindings: readonly (RoleBinding | ClusterRoleBinding)[]): unknown[] {
  const out: unknown[] = [];
  for (const b of bindings) {
    const s = matchingSubject(user, b.subjects, namespace);
    if (s) out.push(b, s);
  }
  return out;
}

const subjectsFor = (i: number): Subject[] => [
  ...(i % 2 ? [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: i % 4 === 1 ? 'system:nodes' : 'system:authenticated' }] : []),
  ...(i % 3 === 0 ? [{ kind: 'ServiceAccount', name: 'sa', namespace: i % 6 === 0 ? 'kube-system' : 'default' }] : []),
  ...(i % 5 === 0 ? [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }] : []),
  ...(i % 7 === 0 ? [{ kind: 'ServiceAccount', name: 'sa' }] : []),
];

describe('subjectMatches', () => {
  it('lists what matchingSubject finds, binding by binding, after the bindings change', () => {
    const users: UserInfo[] = [
      { name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] },
      { name: 'system:serviceaccount:kube-system:sa', groups: ['system:serviceaccounts', 'system:authenticated'] },
      { name: 'system:serviceaccount:default:sa', groups: ['system:authenticated'] },
      { name: 'alice', groups: [] },
    ];
    let bindings: ClusterRoleBinding[] = [];
    for (let round = 0; round < 30; round++) {
      // A new list (the lister's answer once the bindings change), sometimes the same one again.
      if (round % 3 !== 2) bindings = Array.from({ length: 5 + round }, (_, i) => ({ metadata: { name: `b${i}-${round}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }, subjects: subjectsFor(i + round) }));
      for (const user of users) {
        for (const ns of ['', 'default', 'kube-system']) {
          expect(subjectMatches(user, ns, bindings)).toEqual(plain(user, ns, bindings));
          const again = subjectMatches(user, ns, bindings);
          expect(again).toEqual(plain(user, ns, bindings));
          for (let i = 0; i < again.length; i++) expect(again[i]).toBe(plain(user, ns, bindings)[i]);
        }
      }
    }
  });
});
