/**
 * The Node authorizer over its pod graph: a kubelet reaches secrets, configmaps and service
 * accounts only through pods bound to its node, mirror pods grant nothing, and other users are
 * left to RBAC.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { AuthorizationAttributes, UserInfo } from '../../request-types';
import { NodeAuthorizer } from './authorizer';
import { PodReferencesGraph } from './graph';

const kubelet = (node: string): UserInfo => ({ name: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] });

function get(user: UserInfo, resource: string, name: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user, verb: 'get', isResourceRequest: true, path: '', namespace: 'default', apiGroup: '', apiVersion: 'v1', resource, subresource: '', name, ...extra };
}

const pods: Pod[] = [
  {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      nodeName: 'node-1',
      serviceAccountName: 'web-sa',
      containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'settings' } }] }],
      volumes: [{ name: 'tls', secret: { secretName: 'web-tls' } }],
    },
  },
  {
    metadata: { name: 'static', namespace: 'default', annotations: { 'kubernetes.io/config.mirror': 'x' } },
    spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 's', secret: { secretName: 'web-tls' } }] },
  },
];
const graph = new PodReferencesGraph({ podsOnNode: (node) => pods.filter((p) => p.spec?.nodeName === node) });
const authorizer = new NodeAuthorizer({ graph });

describe('NodeAuthorizer', () => {
  it('allows what a pod bound to the node references: a secret volume, a configmap in envFrom, its service account token', () => {
    expect(authorizer.authorize(get(kubelet('node-1'), 'secrets', 'web-tls')).decision).toBe('Allow');
    expect(authorizer.authorize(get(kubelet('node-1'), 'configmaps', 'settings')).decision).toBe('Allow');
    expect(authorizer.authorize(get(kubelet('node-1'), 'serviceaccounts', 'web-sa', { verb: 'create', subresource: 'token' })).decision).toBe('Allow');
  });

  it('says why it has no opinion otherwise', () => {
    expect(authorizer.authorize(get(kubelet('node-1'), 'secrets', 'db'))).toEqual({ decision: 'NoOpinion', reason: "no relationship found between node 'node-1' and this object" });
    expect(authorizer.authorize(get(kubelet('node-1'), 'secrets', 'web-tls', { verb: 'delete' }))).toEqual({ decision: 'NoOpinion', reason: 'can only read resources of this type' });
    expect(authorizer.authorize(get(kubelet('node-1'), 'secrets', 'web-tls', { namespace: 'other' })).decision).toBe('NoOpinion');
  });

  it('gives nothing through a mirror pod', () => {
    expect(authorizer.authorize(get(kubelet('node-2'), 'secrets', 'web-tls')).decision).toBe('NoOpinion');
  });

  it('leaves everything else to the static node rules, and other users to RBAC', () => {
    expect(authorizer.authorize(get(kubelet('node-3'), 'services', '', { verb: 'list' })).decision).toBe('Allow');
    expect(authorizer.authorize(get(kubelet('node-3'), 'deployments', 'd', { apiGroup: 'apps' })).decision).toBe('NoOpinion');
    expect(authorizer.authorize(get({ name: 'alice', groups: [] }, 'secrets', 'web-tls'))).toEqual({ decision: 'NoOpinion', reason: '' });
    // The name alone does not make a node: the group is needed too.
    expect(authorizer.authorize(get({ name: 'system:node:node-1', groups: [] }, 'secrets', 'web-tls')).decision).toBe('NoOpinion');
  });
});
