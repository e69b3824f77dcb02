/**
 * RBAC against the reference vectors (reference/vectors/rbac.json): every rule-matching case,
 * binding scope and subjects, the authorizer's decisions and reasons, the default roles, and
 * aggregation.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { AuthorizationAttributes, UserInfo } from '../../request-types';
import { ruleAllows } from './rule-matching';
import { InMemoryRbacObjects, RbacAuthorizer } from './authorizer';
import { aggregateClusterRoles } from './aggregation';
import { newClusterRole, newRoleBinding, groupSubject, serviceAccountSubject, userSubject } from './rule-builder';
import { defaultClusterRoleBindings, defaultClusterRoles } from '../../bootstrap/default-rbac';
import { newAuthorizationChain } from '../union';
import { PodReferencesGraph } from '../node/graph';

interface VectorRequest {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  nonResource?: boolean;
  path?: string;
}
interface Vectors {
  cases: { rule: PolicyRule; request: VectorRequest; allowed: boolean; why?: string }[];
  default_cluster_roles: Record<string, { rules?: PolicyRule[]; labels?: Record<string, string>; aggregationRule?: unknown; annotations?: Record<string, string> }>;
}
const vectors = JSON.parse(readFileSync(new URL('../../../../../reference/vectors/rbac.json', import.meta.url), 'utf8')) as Vectors;

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

function attrs(r: VectorRequest, user: UserInfo = alice): AuthorizationAttributes {
  return {
    user,
    verb: r.verb,
    isResourceRequest: !r.nonResource,
    path: r.path ?? '',
    namespace: r.namespace ?? '',
    apiGroup: r.apiGroup ?? '',
    apiVersion: 'v1',
    resource: r.resource ?? '',
    subresource: r.subresource ?? '',
    name: r.name ?? '',
  };
}

describe('rule matching (rbac.json cases)', () => {
  it('covers every vector', () => expect(vectors.cases.length).toBe(14));
  for (const [i, c] of vectors.cases.entries()) {
    const r = c.request;
    const what = r.nonResource ? `${r.verb} ${r.path}` : `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` ${r.name}` : ''} in "${r.apiGroup}"`;
    it(`#${i}: ${JSON.stringify(c.rule)} ${c.allowed ? 'allows' : 'denies'} ${what}${c.why ? ` (${c.why})` : ''}`, () => {
      expect(ruleAllows(attrs(r), c.rule)).toBe(c.allowed);
      // Through the authorizer too: a ClusterRoleBinding of a role with only this rule.
      const rbac = new RbacAuthorizer(
        new InMemoryRbacObjects({
          clusterRoles: [newClusterRole('r', [c.rule])],
          clusterRoleBindings: [{ metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }, subjects: [userSubject('alice')] }],
        }),
      );
      const decision = rbac.authorize(attrs(r));
      expect(decision.decision).toBe(c.allowed ? 'Allow' : 'NoOpinion');
      if (c.allowed) expect(decision.reason).toBe('RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "alice"');
      else expect(decision.reason).toBe('');
    });
  }
});

describe('binding scope and subjects', () => {
  const readPods: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
  const objects = new InMemoryRbacObjects({
    roles: [{ metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [readPods] }],
    clusterRoles: [newClusterRole('node-reader', [{ verbs: ['list'], apiGroups: [''], resources: ['nodes'] }]), newClusterRole('pod-reader', [readPods])],
    roleBindings: [
      newRoleBinding('dev', 'alice-reads', { kind: 'Role', name: 'pod-reader' }, [userSubject('alice')]),
      newRoleBinding('dev', 'team-reads', { kind: 'ClusterRole', name: 'pod-reader' }, [groupSubject('team')]),
      // A ServiceAccount subject without a namespace is one in the binding's namespace.
      newRoleBinding('dev', 'sa-reads', { kind: 'Role', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'builder' }]),
      newRoleBinding('dev', 'broken', { kind: 'Role', name: 'reader' }, [userSubject('carol')]),
    ],
    clusterRoleBindings: [{ metadata: { name: 'ops-nodes' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-reader' }, subjects: [groupSubject('ops'), serviceAccountSubject('kube-system', 'monitor')] }],
  });
  const rbac = new RbacAuthorizer(objects);
  const listPods = (namespace: string, user: UserInfo) => rbac.authorize(attrs({ verb: 'list', resource: 'pods', namespace }, user)).decision;

  it('a RoleBinding grants its rules only in its namespace', () => {
    expect(listPods('dev', alice)).toBe('Allow');
    expect(listPods('prod', alice)).toBe('NoOpinion');
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'pods' }, alice)).decision).toBe('NoOpinion');
  });

  it('a RoleBinding may reference a ClusterRole, still only for its namespace; Group subjects match group members', () => {
    const dave: UserInfo = { name: 'dave', groups: ['team', 'system:authenticated'] };
    expect(listPods('dev', dave)).toBe('Allow');
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'pods', namespace: 'dev' }, dave)).reason).toBe('RBAC: allowed by RoleBinding "team-reads/dev" of ClusterRole "pod-reader" to Group "team"');
    expect(listPods('prod', dave)).toBe('NoOpinion');
  });

  it('a ClusterRoleBinding grants everywhere, cluster-scoped resources included', () => {
    const ops: UserInfo = { name: 'olga', groups: ['ops'] };
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'nodes' }, ops)).decision).toBe('Allow');
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'nodes' }, alice)).decision).toBe('NoOpinion');
  });

  it('ServiceAccount subjects match system:serviceaccount:<ns>:<name>', () => {
    const builder: UserInfo = { name: 'system:serviceaccount:dev:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] };
    expect(listPods('dev', builder)).toBe('Allow');
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'pods', namespace: 'dev' }, builder)).reason).toBe('RBAC: allowed by RoleBinding "sa-reads/dev" of Role "pod-reader" to ServiceAccount "builder/dev"');
    const other: UserInfo = { name: 'system:serviceaccount:prod:builder', groups: [] };
    expect(listPods('dev', other)).toBe('NoOpinion');
    const monitor: UserInfo = { name: 'system:serviceaccount:kube-system:monitor', groups: [] };
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'nodes' }, monitor)).decision).toBe('Allow');
  });

  it('a binding to a missing role gives NoOpinion with the lister error as reason', () => {
    const carol: UserInfo = { name: 'carol', groups: [] };
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'pods', namespace: 'dev' }, carol))).toEqual({
      decision: 'NoOpinion',
      reason: 'RBAC: role.rbac.authorization.k8s.io "reader" not found',
    });
  });

  it('system:masters is allowed by the privileged-group authorizer before RBAC', () => {
    const chain = newAuthorizationChain({ rbacObjects: new InMemoryRbacObjects({}), nodeGraph: new PodReferencesGraph({ podsOnNode: () => [] }) });
    const root: UserInfo = { name: 'root', groups: ['system:masters'] };
    expect(chain.authorizer.authorize(attrs({ verb: 'delete', resource: 'nodes', name: 'n' }, root))).toMatchObject({ decision: 'Allow', allowedBy: 'privileged group "system:masters"' });
    expect(chain.authorizer.authorize(attrs({ verb: 'delete', resource: 'nodes', name: 'n' }, alice)).decision).toBe('NoOpinion');
  });
});

describe('default roles (rbac.json default_cluster_roles)', () => {
  const roles = defaultClusterRoles();
  const byName = (n: string) => roles.find((r) => r.metadata?.name === n) as ClusterRole;
  const defaults = vectors.default_cluster_roles;

  it('cluster-admin can do everything and is bound to system:masters', () => {
    expect(byName('cluster-admin').rules).toEqual(defaults['cluster-admin']?.rules);
    const binding = defaultClusterRoleBindings().find((b) => b.metadata?.name === 'cluster-admin') as ClusterRoleBinding;
    expect(binding.subjects).toEqual([groupSubject('system:masters')]);
  });

  it('admin, edit and view carry the vectors aggregation rules and labels', () => {
    for (const name of ['admin', 'edit', 'view']) {
      const want = defaults[name];
      expect(byName(name).aggregationRule).toEqual(want?.aggregationRule);
      const labels = { ...(want?.labels ?? {}), 'kubernetes.io/bootstrapping': 'rbac-defaults' };
      expect(byName(name).metadata?.labels).toEqual(labels);
    }
    for (const name of ['system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view']) {
      expect(byName(name).metadata?.labels).toMatchObject(defaults[name]?.labels ?? {});
    }
  });

  it('every default object has the bootstrapping label and the autoupdate annotation', () => {
    const carry = defaults['all_defaults_carry'] as { labels: Record<string, string>; annotations: Record<string, string> };
    for (const o of [...roles, ...defaultClusterRoleBindings()]) {
      expect(o.metadata?.labels).toMatchObject(carry.labels);
      expect(o.metadata?.annotations).toEqual(carry.annotations);
    }
  });

  it('the discovery roles are bound to every authenticated user, public-info-viewer to unauthenticated ones too', () => {
    const subjectsOf = (n: string) => defaultClusterRoleBindings().find((b) => b.metadata?.name === n)?.subjects;
    expect(subjectsOf('system:discovery')).toEqual([groupSubject('system:authenticated')]);
    expect(subjectsOf('system:basic-user')).toEqual([groupSubject('system:authenticated')]);
    expect(subjectsOf('system:public-info-viewer')).toEqual([groupSubject('system:authenticated'), groupSubject('system:unauthenticated')]);
    expect(subjectsOf('system:kube-scheduler')).toEqual([userSubject('system:kube-scheduler')]);
    expect(subjectsOf('system:kube-controller-manager')).toEqual([userSubject('system:kube-controller-manager')]);
    expect(subjectsOf('system:node-proxier')).toEqual([userSubject('system:kube-proxy')]);
    expect(subjectsOf('system:node')).toBeUndefined();
    expect(subjectsOf('system:controller:deployment-controller')).toEqual([serviceAccountSubject('kube-system', 'deployment-controller')]);
  });

  function allows(role: string, r: VectorRequest): boolean {
    return (byName(role).rules ?? []).some((rule) => ruleAllows(attrs(r), rule));
  }

  it('view reads most namespaced objects and their status, not secrets, not roles', () => {
    expect(allows('view', { verb: 'list', resource: 'pods' })).toBe(true);
    expect(allows('view', { verb: 'get', resource: 'pods', subresource: 'log', name: 'p' })).toBe(true);
    expect(allows('view', { verb: 'watch', apiGroup: 'apps', resource: 'deployments' })).toBe(true);
    expect(allows('view', { verb: 'get', apiGroup: 'apps', resource: 'deployments', subresource: 'status', name: 'd' })).toBe(true);
    expect(allows('view', { verb: 'list', resource: 'secrets' })).toBe(false);
    expect(allows('view', { verb: 'list', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' })).toBe(false);
    expect(allows('view', { verb: 'create', resource: 'pods' })).toBe(false);
  });

  it('edit adds writes, secrets and impersonating service accounts (but not RBAC); admin adds roles and bindings', () => {
    expect(allows('edit', { verb: 'list', resource: 'pods' })).toBe(true);
    expect(allows('edit', { verb: 'create', resource: 'pods' })).toBe(true);
    expect(allows('edit', { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'd' })).toBe(true);
    expect(allows('edit', { verb: 'get', resource: 'secrets', name: 's' })).toBe(true);
    expect(allows('edit', { verb: 'impersonate', resource: 'serviceaccounts', name: 'sa' })).toBe(true);
    expect(allows('edit', { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' })).toBe(false);
    // Writing Endpoints was taken out of edit (CVE-2021-25740).
    expect(allows('edit', { verb: 'create', resource: 'endpoints' })).toBe(false);
    expect(allows('admin', { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' })).toBe(true);
    expect(allows('admin', { verb: 'create', resource: 'pods' })).toBe(true);
    expect(allows('admin', { verb: 'list', resource: 'nodes' })).toBe(false);
  });

  it('system:kube-scheduler can bind pods; system:node has the static node rules; the controller roles exist', () => {
    expect(allows('system:kube-scheduler', { verb: 'create', resource: 'pods', subresource: 'binding', name: 'p' })).toBe(true);
    expect(allows('system:kube-scheduler', { verb: 'list', resource: 'secrets' })).toBe(false);
    expect(allows('system:node', { verb: 'get', resource: 'secrets', name: 's' })).toBe(true);
    expect(allows('system:node', { verb: 'delete', resource: 'nodes', name: 'n' })).toBe(false);
    expect(allows('system:basic-user', { verb: 'create', apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' })).toBe(true);
    expect(allows('system:discovery', { nonResource: true, verb: 'get', path: '/apis/apps' })).toBe(true);
    expect(allows('system:public-info-viewer', { nonResource: true, verb: 'get', path: '/version' })).toBe(true);
    expect(allows('system:public-info-viewer', { nonResource: true, verb: 'get', path: '/api' })).toBe(false);
    expect(allows('system:controller:replicaset-controller', { verb: 'create', resource: 'pods' })).toBe(true);
  });
});

describe('aggregation (the clusterrole-aggregation controller)', () => {
  const label = (key: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${key}`]: 'true' });
  const aggregated = (name: string, key: string, labels?: Record<string, string>): ClusterRole => ({
    metadata: { name, ...(labels ? { labels } : {}) },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: label(key) }] },
    rules: [{ verbs: ['delete'], apiGroups: [''], resources: ['hand-edited'] }],
  });
  const crontabs: PolicyRule = { verbs: ['get', 'list', 'watch'], apiGroups: ['stable.example.com'], resources: ['crontabs'] };
  const crontabsWrite: PolicyRule = { verbs: ['create', 'delete'], apiGroups: ['stable.example.com'], resources: ['crontabs'] };

  it('sets an aggregated role to the union of its selected roles, overwriting hand edits, and follows chains to a fixed point', () => {
    const result = aggregateClusterRoles([
      aggregated('admin', 'admin'),
      aggregated('edit', 'edit', label('admin')),
      aggregated('view', 'view', label('edit')),
      newClusterRole('crontab-reader', [crontabs], label('view')),
      newClusterRole('crontab-writer', [crontabsWrite, crontabs], label('edit')),
    ]);
    const rules = (n: string) => result.clusterRoles.find((r) => r.metadata?.name === n)?.rules;
    expect(rules('view')).toEqual([crontabs]);
    expect(rules('edit')).toEqual([crontabsWrite, crontabs]);
    expect(rules('admin')).toEqual([crontabsWrite, crontabs]);
    expect(result.changed.sort()).toEqual(['admin', 'edit', 'view']);
  });

  it('the default view, edit and admin are strictly growing', () => {
    const roles = defaultClusterRoles();
    const rules = (n: string) => roles.find((r) => r.metadata?.name === n)?.rules ?? [];
    const view = rules('view');
    const edit = rules('edit');
    const admin = rules('admin');
    expect(view.length).toBeGreaterThan(0);
    expect(edit.length).toBeGreaterThan(view.length);
    expect(admin.length).toBeGreaterThan(edit.length);
    for (const r of view) expect(edit).toContainEqual(r);
    for (const r of edit) expect(admin).toContainEqual(r);
  });

  it('RoleBinding to an aggregated ClusterRole grants the aggregated rules', () => {
    const rbac = new RbacAuthorizer(
      new InMemoryRbacObjects({ clusterRoles: defaultClusterRoles(), roleBindings: [newRoleBinding('default', 'a', { kind: 'ClusterRole', name: 'view' }, [userSubject('alice')]) as RoleBinding] }),
    );
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'configmaps', namespace: 'default' })).decision).toBe('Allow');
    expect(rbac.authorize(attrs({ verb: 'list', resource: 'secrets', namespace: 'default' })).decision).toBe('NoOpinion');
  });
});
