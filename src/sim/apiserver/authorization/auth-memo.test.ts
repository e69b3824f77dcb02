/**
 * The authentication and authorization memos against the plain computations: the RBAC reason
 * per binding and subject, the ClusterRole lookup kept until the clusterroles change, x509's
 * shared user per certificate object and the group adder's per user object.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterRole, ClusterRoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/kube-object';
import { allowedByReason, describeBinding } from './rbac/authorizer';
import { storedRbacObjects, type StoredObjects } from './stored-objects';
import { ClusterCertificateAuthority, X509Authenticator } from '../authentication/x509';
import { AuthenticatedGroupAdder } from '../authentication/union';

describe('RBAC memos', () => {
  it("allowedByReason is 'RBAC: allowed by' and the binding's description, per binding object and subject", () => {
    const subjects: Subject[] = [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:nodes' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
    ];
    const binding: ClusterRoleBinding = { metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }, subjects };
    for (const s of subjects) {
      expect(allowedByReason(binding, s, false)).toBe(`RBAC: allowed by ${describeBinding(binding, s, false)}`);
      expect(allowedByReason(binding, s, false)).toBe(allowedByReason(binding, s, false));
    }
    // A new binding object (the cache replaces objects on change) is described afresh.
    const renamed: ClusterRoleBinding = { ...binding, metadata: { name: 'c' } };
    expect(allowedByReason(renamed, subjects[0] as Subject, false)).toBe(`RBAC: allowed by ${describeBinding(renamed, subjects[0] as Subject, false)}`);
  });

  it('getClusterRole answers as the stored objects do, before and after the clusterroles change', () => {
    let version = 5;
    const roles = new Map<string, ClusterRole>([['view', { metadata: { name: 'view' }, rules: [] }]]);
    const objects: StoredObjects = {
      get: (resource, _ns, name) => (resource === 'clusterroles' ? (roles.get(name) as KubeObject | undefined) : undefined),
      list: () => [],
      version: () => version,
    };
    const rbac = storedRbacObjects(objects);
    for (const name of ['view', 'edit', 'view']) expect(rbac.getClusterRole(name)).toBe(roles.get(name));
    roles.set('edit', { metadata: { name: 'edit' }, rules: [] });
    roles.delete('view');
    version = 6;
    for (const name of ['view', 'edit', 'edit']) expect(rbac.getClusterRole(name)).toBe(roles.get(name));
    version = 0;
    roles.set('view', { metadata: { name: 'view' }, rules: [] });
    expect(rbac.getClusterRole('view')).toBe(roles.get('view'));
  });
});

describe('authentication memos', () => {
  it("x509 answers a certificate object with one user equal to the plain one; the group adder's user likewise", () => {
    const cert = { commonName: 'system:node:node-1', organizations: ['system:nodes'] };
    const unsigned = { commonName: 'mallory', organizations: [] };
    const x509 = new X509Authenticator(new ClusterCertificateAuthority([cert]));
    const first = x509.authenticateRequest({ clientCertificate: cert });
    const again = x509.authenticateRequest({ clientCertificate: cert });
    expect(first).toEqual({ ok: true, user: { name: 'system:node:node-1', groups: ['system:nodes'] }, authenticator: 'x509' });
    expect(again.ok && first.ok && again.user === first.user).toBe(true);
    expect(x509.authenticateRequest({ clientCertificate: unsigned })).toEqual({ ok: false, error: 'x509: certificate signed by unknown authority' });

    const adder = new AuthenticatedGroupAdder(x509);
    const a = adder.authenticateRequest({ clientCertificate: cert });
    const b = adder.authenticateRequest({ clientCertificate: cert });
    expect(a).toEqual({ ok: true, user: { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] }, authenticator: 'x509' });
    expect(a.ok && b.ok && a.user === b.user).toBe(true);
  });
});
