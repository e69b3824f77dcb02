/**
 * The request pipeline's authentication, impersonation and authorization, end to end through a
 * real Cluster: requests travel the simulated network as kubectl, a component or a kubelet
 * would send them, and the answers are compared with the apiserver-errors vectors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ApiResponse, Credentials, HttpMethod } from '../api/http';
import { Cluster, type RequestOptions } from '../testing/test-cluster';
import type { Status } from '../api/status';
import type { KubeObject } from '../api/kube-object';
import { makePod } from '../testing/builders';

interface ErrorVector {
  id: string;
  http_status: number;
  body?: Status;
}
const errorVectors = (JSON.parse(readFileSync(new URL('../../../reference/vectors/apiserver-errors.json', import.meta.url), 'utf8')) as { cases: ErrorVector[] }).cases;
/** A vector's body, with the vector's user "jane" replaced by ours. */
function vectorBody(id: string, user?: string): Status {
  const body = errorVectors.find((c) => c.id === id)?.body;
  if (!body) throw new Error(`no vector ${id}`);
  return user ? (JSON.parse(JSON.stringify(body).replaceAll('\\"jane\\"', `\\"${user}\\"`)) as Status) : body;
}

let cluster: Cluster;
let lastResponse: ApiResponse | undefined;

function send(credentials: Credentials, method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse {
  const client = cluster.client('kubectl', credentials, 'kubectl');
  let response: ApiResponse | undefined;
  client.request(method, path, options, (r) => (response = r));
  for (let i = 0; response === undefined; i++) {
    if (!cluster.engine.step() || i > 100_000) throw new Error(`no answer to ${method} ${path}`);
  }
  lastResponse = response;
  return response;
}

const token = (user: string): Credentials => ({ bearerToken: cluster.userToken(user) ?? '' });
const admin = () => token('kubernetes-admin');
const alice = () => token('alice');
const node = (name: string): Credentials => ({ clientCertificate: { commonName: `system:node:${name}`, organizations: ['system:nodes'] } });

function pod(name: string, nodeName: string, extra: Record<string, unknown> = {}): KubeObject {
  return makePod({ name, namespace: 'default', nodeName, containers: [{ name: 'app', image: 'nginx', ...extra }] });
}

/** The audit record of the last request sent. */
function lastAudit() {
  return lastResponse ? cluster.apiserver.audit.find(lastResponse.auditID) : undefined;
}

beforeAll(() => {
  cluster = new Cluster({ seed: 7 });
  cluster.engine.runFor(3_000);
});

describe('authentication', () => {
  it('answers 401 Unauthorized for a bearer token nobody issued', () => {
    const r = send({ bearerToken: 'not-a-token' }, 'GET', '/api/v1/namespaces/default/pods');
    expect(r.code).toBe(401);
    expect(r.body).toEqual(vectorBody('unauthorized'));
  });

  it('answers 401 for a client certificate the cluster CA did not sign', () => {
    const r = send({ clientCertificate: { commonName: 'mallory', organizations: ['system:masters'] } }, 'GET', '/api/v1/nodes');
    expect(r.code).toBe(401);
    expect(r.body).toEqual(vectorBody('unauthorized'));
  });

  it('treats a request without credentials as system:anonymous, which authorization then rejects', () => {
    const r = send({}, 'GET', '/metrics');
    expect(r.code).toBe(403);
    expect(r.body).toEqual(vectorBody('forbidden-nonresource'));
    const r2 = send({}, 'GET', '/api/v1/namespaces/default/pods');
    expect((r2.body as Status).message).toBe('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(lastAudit()?.user).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it('lets anonymous read /version (system:public-info-viewer is bound to system:unauthenticated)', () => {
    send({}, 'GET', '/version');
    const stage = lastAudit()?.stages.find((s) => s.name === 'authorization');
    expect(stage?.outcome).toBe('passed');
    expect(stage?.detail).toBe('RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"');
  });

  it('adds system:authenticated to a token user', () => {
    send(alice(), 'GET', '/api/v1/namespaces/default/pods');
    expect(lastAudit()?.user).toEqual({ name: 'alice', uid: '1001', groups: ['system:authenticated'] });
  });
});

describe('authorization', () => {
  it('lets system:masters do anything', () => {
    expect(send(admin(), 'GET', '/api/v1/namespaces/default/pods').code).toBe(200);
    expect(lastAudit()?.annotations['authorization.k8s.io/decision']).toBe('allow');
    expect(send(admin(), 'GET', '/api/v1/nodes').code).toBe(200);
  });

  it("completes a create's audit reference with the body's name once it is authorized, as audit.LogRequestObject does", () => {
    const cm = (metadata: Record<string, string>) => ({ body: { apiVersion: 'v1', kind: 'ConfigMap', metadata } });
    expect(send(admin(), 'POST', '/api/v1/namespaces/default/configmaps', cm({ name: 'audited' })).code).toBe(201);
    expect(lastAudit()?.objectRef).toMatchObject({ resource: 'configmaps', namespace: 'default', name: 'audited' });
    expect(send(admin(), 'POST', '/api/v1/namespaces/default/configmaps', cm({ generateName: 'gen-' })).code).toBe(201);
    expect(lastAudit()?.objectRef?.name).toBeUndefined();
    // Refused before the body is decoded: the reference stays as the URL gave it.
    expect(send(alice(), 'POST', '/api/v1/namespaces/default/configmaps', cm({ name: 'denied' })).code).toBe(403);
    expect(lastAudit()?.objectRef?.name).toBeUndefined();
  });

  it('forbids alice with the exact upstream messages', () => {
    let r = send(alice(), 'GET', '/api/v1/namespaces/default/pods');
    expect(r.code).toBe(403);
    expect(r.body).toEqual(vectorBody('forbidden-namespaced-list', 'alice'));
    r = send(alice(), 'GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(r.body).toEqual(vectorBody('forbidden-named-get', 'alice'));
    r = send(alice(), 'GET', '/api/v1/namespaces/default/pods/foo/log');
    expect(r.body).toEqual(vectorBody('forbidden-subresource', 'alice'));
    r = send(alice(), 'GET', '/api/v1/nodes');
    expect(r.body).toEqual(vectorBody('forbidden-cluster-scope', 'alice'));
    expect(lastAudit()?.annotations['authorization.k8s.io/decision']).toBe('forbid');
  });

  it('writes the default roles at start, so they can be listed', () => {
    const r = send(admin(), 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles');
    const names = (r.body as { items: KubeObject[] }).items.map((o) => o.metadata.name);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:node', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:node-proxier', 'system:controller:deployment-controller']) {
      expect(names).toContain(n);
    }
    const view = send(admin(), 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view').body as { rules?: unknown[]; metadata: KubeObject['metadata'] };
    expect(view.rules?.length).toBeGreaterThan(0);
    expect(view.metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' });
    const bindings = send(admin(), 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/cluster-admin').body as { subjects: unknown[] };
    expect(bindings.subjects).toEqual([{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }]);
    const roles = send(admin(), 'GET', '/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles').body as { items: KubeObject[] };
    expect(roles.items.map((o) => o.metadata.name)).toContain('system::leader-locking-kube-scheduler');
  });

  it('allows alice to read once a RoleBinding gives her view, and only in that namespace', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'alice-view', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
    };
    expect(send(admin(), 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { body: binding }).code).toBe(201);
    cluster.engine.runFor(100);
    expect(send(alice(), 'GET', '/api/v1/namespaces/default/pods').code).toBe(200);
    expect(lastAudit()?.annotations['authorization.k8s.io/reason']).toBe('RBAC: allowed by RoleBinding "alice-view/default" of ClusterRole "view" to User "alice"');
    expect(send(alice(), 'GET', '/apis/apps/v1/namespaces/default/deployments').code).toBe(200);
    // view does not include secrets nor writes, nor other namespaces.
    expect((send(alice(), 'GET', '/api/v1/namespaces/default/secrets').body as Status).message).toBe(
      'secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    expect(send(alice(), 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } }).code).toBe(403);
    expect(send(alice(), 'GET', '/api/v1/namespaces/kube-system/pods').code).toBe(403);
  });

  it('appends the RBAC reason when a binding names a role that does not exist', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'bob-reader', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
    };
    expect(send(admin(), 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { body: binding }).code).toBe(201);
    cluster.engine.runFor(100);
    const r = send(token('bob'), 'GET', '/api/v1/namespaces/default/pods');
    expect(r.body).toEqual(vectorBody('forbidden-rbac-reason', 'bob'));
  });

  it('authorizes the components by their certificates', () => {
    const scheduler: Credentials = { clientCertificate: { commonName: 'system:kube-scheduler', organizations: [] } };
    expect(send(scheduler, 'GET', '/api/v1/pods').code).toBe(200);
    expect(send(scheduler, 'GET', '/api/v1/nodes').code).toBe(200);
    expect((send(scheduler, 'GET', '/api/v1/namespaces/default/secrets').body as Status).message).toBe(
      'secrets is forbidden: User "system:kube-scheduler" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    const kcm: Credentials = { clientCertificate: { commonName: 'system:kube-controller-manager', organizations: [] } };
    expect(send(kcm, 'GET', '/api/v1/secrets').code).toBe(200);
    expect(send(kcm, 'DELETE', '/api/v1/namespaces/default/pods/x').code).toBe(403);
  });
});

describe('service-account tokens', () => {
  it('authenticates a minted token as the service account, and RBAC forbids it what it was not given', () => {
    const sa = send(admin(), 'GET', '/api/v1/namespaces/default/serviceaccounts/default');
    expect(sa.code).toBe(200);
    const uid = (sa.body as KubeObject).metadata.uid ?? '';
    const { token: jwt } = cluster.auth.serviceAccountTokens.mint({ serviceAccount: { namespace: 'default', name: 'default', uid } });
    const r = send({ bearerToken: jwt }, 'GET', '/api/v1/namespaces/default/secrets');
    expect(r.body).toEqual(vectorBody('forbidden-serviceaccount'));
    expect(lastAudit()?.user?.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
  });

  it('rejects a token for a service account that does not exist with 401', () => {
    const { token: jwt } = cluster.auth.serviceAccountTokens.mint({ serviceAccount: { namespace: 'default', name: 'ghost', uid: 'u' } });
    expect(send({ bearerToken: jwt }, 'GET', '/api/v1/namespaces/default/pods').code).toBe(401);
  });
});

describe('the Node authorizer', () => {
  beforeAll(() => {
    const secret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: { k: 'dg==' } });
    send(admin(), 'POST', '/api/v1/namespaces/default/secrets', { body: secret('db-password') });
    send(admin(), 'POST', '/api/v1/namespaces/default/secrets', { body: secret('other') });
    const withSecret = pod('web', 'node-1', { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-password', key: 'k' } } }] });
    expect(send(admin(), 'POST', '/api/v1/namespaces/default/pods', { body: withSecret }).code).toBe(201);
    cluster.engine.runFor(100);
  });

  it('lets a kubelet get a secret used by a pod bound to its node', () => {
    expect(send(node('node-1'), 'GET', '/api/v1/namespaces/default/secrets/db-password').code).toBe(200);
    expect(lastAudit()?.annotations['authorization.k8s.io/reason']).toBe('Node');
  });

  it('forbids a secret no pod on the node uses, and a secret used only on another node', () => {
    let r = send(node('node-1'), 'GET', '/api/v1/namespaces/default/secrets/other');
    expect((r.body as Status).message).toBe(
      `secrets "other" is forbidden: User "system:node:node-1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'node-1' and this object`,
    );
    r = send(node('node-2'), 'GET', '/api/v1/namespaces/default/secrets/db-password');
    expect(r.code).toBe(403);
    expect((r.body as Status).message).toContain(`no relationship found between node 'node-2' and this object`);
  });

  it('forbids listing secrets, which has no name to check', () => {
    const r = send(node('node-1'), 'GET', '/api/v1/namespaces/default/secrets');
    expect((r.body as Status).message).toBe(
      'secrets is forbidden: User "system:node:node-1" cannot list resource "secrets" in API group "" in the namespace "default": No Object name found',
    );
  });

  it('limits a kubelet to its own lease', () => {
    expect(send(node('node-1'), 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1').code).toBe(200);
    const r = send(node('node-1'), 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-2');
    expect((r.body as Status).message).toBe(
      'leases.coordination.k8s.io "node-2" is forbidden: User "system:node:node-1" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node',
    );
  });
});

describe('impersonation', () => {
  it('forbids a user without the impersonate verb, with the upstream message', () => {
    const r = send(alice(), 'GET', '/api/v1/namespaces/default/pods', { impersonate: { user: 'bob' } });
    expect(r.code).toBe(403);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
      reason: 'Forbidden',
      details: { name: 'bob', kind: 'users' },
      code: 403,
    });
  });

  it('lets the admin act as alice, who is then authorized as herself', () => {
    const r = send(admin(), 'GET', '/api/v1/namespaces/kube-system/pods', { impersonate: { user: 'alice' } });
    expect((r.body as Status).message).toBe('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    const audit = lastAudit();
    expect(audit?.user?.name).toBe('kubernetes-admin');
    expect(audit?.impersonatedUser).toEqual({ name: 'alice', groups: ['system:authenticated'] });
  });

  it('takes groups from --as-group', () => {
    expect(send(admin(), 'GET', '/api/v1/nodes', { impersonate: { user: 'alice', groups: ['system:masters'] } }).code).toBe(200);
    expect(lastAudit()?.impersonatedUser).toEqual({ name: 'alice', groups: ['system:masters', 'system:authenticated'] });
  });

  it('allows impersonation once RBAC grants it, user by user and group by group', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'impersonate-bob' },
      rules: [{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['bob'] }],
    };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'alice-impersonates-bob' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-bob' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
    };
    expect(send(admin(), 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { body: role }).code).toBe(201);
    expect(send(admin(), 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { body: binding }).code).toBe(201);
    cluster.engine.runFor(100);
    const r = send(alice(), 'GET', '/api/v1/namespaces/default/pods', { impersonate: { user: 'bob' } });
    expect((r.body as Status).message).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "reader" not found',
    );
    const g = send(alice(), 'GET', '/api/v1/namespaces/default/pods', { impersonate: { user: 'bob', groups: ['system:masters'] } });
    expect((g.body as Status).message).toBe('groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope');
  });
});
