/**
 * kubectl's test/cmd/rbac.sh groups, ported onto TestCmd as kubectl-groups.ts ports the others.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const VERBS = '{{range.rules}}{{range.verbs}}{{.}}:{{end}}{{end}}';
const RESOURCES = '{{range.rules}}{{range.resources}}{{.}}:{{end}}{{end}}';
const API_GROUPS = '{{range.rules}}{{range.apiGroups}}{{.}}:{{end}}{{end}}';
const RESOURCE_NAMES = '{{range.rules}}{{range.resourceNames}}{{.}}:{{end}}{{end}}';
const SUBJECT_NAMES = '{{range.subjects}}{{.name}}:{{end}}';
const SUBJECT_NAMESPACES = '{{range.subjects}}{{.namespace}}:{{end}}';

/** test/cmd/rbac.sh run_clusterroles_tests. */
export function runClusterrolesTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // make sure the server was properly bootstrapped with clusterroles and bindings
  t.getObjectAssert('clusterroles/cluster-admin', '{{.metadata.name}}', 'cluster-admin');
  t.getObjectAssert('clusterrolebindings/cluster-admin', '{{.metadata.name}}', 'cluster-admin');

  // test `kubectl create clusterrole`
  t.succeeds('kubectl create clusterrole pod-admin --verb=* --resource=pods');
  t.getObjectAssert('clusterrole/pod-admin', VERBS, '\\*:');
  const deleted = t.output('kubectl delete clusterrole pod-admin -n test');
  // Upstream's older kubectl printed `warning: ...`; 1.32's WarningPrinter prints `Warning: ...`.
  t.ifHasString(deleted, 'Warning: deleting cluster-scoped resources');
  t.ifHasString(deleted, 'clusterrole.rbac.authorization.k8s.io "pod-admin" deleted');

  t.succeeds('kubectl create clusterrole pod-admin --verb=* --resource=pods');
  t.getObjectAssert('clusterrole/pod-admin', VERBS, '\\*:');
  t.getObjectAssert('clusterrole/pod-admin', RESOURCES, 'pods:');
  t.getObjectAssert('clusterrole/pod-admin', API_GROUPS, ':');
  t.succeeds('kubectl create clusterrole resource-reader --verb=get,list --resource=pods,deployments.apps');
  t.getObjectAssert('clusterrole/resource-reader', VERBS, 'get:list:get:list:');
  t.getObjectAssert('clusterrole/resource-reader', RESOURCES, 'pods:deployments:');
  t.getObjectAssert('clusterrole/resource-reader', API_GROUPS, ':apps:');
  t.succeeds('kubectl create clusterrole resourcename-reader --verb=get,list --resource=pods --resource-name=foo');
  t.getObjectAssert('clusterrole/resourcename-reader', VERBS, 'get:list:');
  t.getObjectAssert('clusterrole/resourcename-reader', RESOURCES, 'pods:');
  t.getObjectAssert('clusterrole/resourcename-reader', API_GROUPS, ':');
  t.getObjectAssert('clusterrole/resourcename-reader', RESOURCE_NAMES, 'foo:');
  t.succeeds('kubectl create clusterrole url-reader --verb=get --non-resource-url=/logs/* --non-resource-url=/healthz/*');
  t.getObjectAssert('clusterrole/url-reader', VERBS, 'get:');
  t.getObjectAssert('clusterrole/url-reader', '{{range.rules}}{{range.nonResourceURLs}}{{.}}:{{end}}{{end}}', '/logs/\\*:/healthz/\\*:');
  t.succeeds('kubectl create clusterrole aggregation-reader --aggregation-rule="foo1=foo2"');
  t.getObjectAssert('clusterrole/aggregation-reader', `{{${id}}}`, 'aggregation-reader');

  // test `kubectl create clusterrolebinding` and `kubectl set subject clusterrolebinding`
  t.succeeds('kubectl create clusterrolebinding super-admin --clusterrole=admin --user=super-admin');
  t.getObjectAssert('clusterrolebinding/super-admin', SUBJECT_NAMES, 'super-admin:');
  t.succeeds('kubectl set subject clusterrolebinding super-admin --user=foo');
  t.getObjectAssert('clusterrolebinding/super-admin', SUBJECT_NAMES, 'super-admin:foo:');
  t.succeeds('kubectl create clusterrolebinding multi-users --clusterrole=admin --user=user-1 --user=user-2');
  t.getObjectAssert('clusterrolebinding/multi-users', SUBJECT_NAMES, 'user-1:user-2:');

  t.succeeds('kubectl create clusterrolebinding super-group --clusterrole=admin --group=the-group');
  t.getObjectAssert('clusterrolebinding/super-group', SUBJECT_NAMES, 'the-group:');
  t.succeeds('kubectl set subject clusterrolebinding super-group --group=foo');
  t.getObjectAssert('clusterrolebinding/super-group', SUBJECT_NAMES, 'the-group:foo:');
  t.succeeds('kubectl create clusterrolebinding multi-groups --clusterrole=admin --group=group-1 --group=group-2');
  t.getObjectAssert('clusterrolebinding/multi-groups', SUBJECT_NAMES, 'group-1:group-2:');

  t.succeeds('kubectl create clusterrolebinding super-sa --clusterrole=admin --serviceaccount=otherns:sa-name');
  t.getObjectAssert('clusterrolebinding/super-sa', SUBJECT_NAMESPACES, 'otherns:');
  t.getObjectAssert('clusterrolebinding/super-sa', SUBJECT_NAMES, 'sa-name:');
  t.succeeds('kubectl set subject clusterrolebinding super-sa --serviceaccount=otherfoo:foo');
  t.getObjectAssert('clusterrolebinding/super-sa', SUBJECT_NAMESPACES, 'otherns:otherfoo:');
  t.getObjectAssert('clusterrolebinding/super-sa', SUBJECT_NAMES, 'sa-name:foo:');

  // test `kubectl set subject clusterrolebinding --all`
  t.succeeds('kubectl set subject clusterrolebinding --all --user=test-all-user');
  t.getObjectAssert('clusterrolebinding/super-admin', SUBJECT_NAMES, 'super-admin:foo:test-all-user:');
  t.getObjectAssert('clusterrolebinding/super-group', SUBJECT_NAMES, 'the-group:foo:test-all-user:');
  t.getObjectAssert('clusterrolebinding/super-sa', SUBJECT_NAMES, 'sa-name:foo:test-all-user:');

  // test `kubectl create rolebinding` and `kubectl set subject rolebinding`
  t.succeeds('kubectl create rolebinding admin --clusterrole=admin --user=default-admin');
  t.getObjectAssert('rolebinding/admin', '{{.roleRef.kind}}', 'ClusterRole');
  t.getObjectAssert('rolebinding/admin', SUBJECT_NAMES, 'default-admin:');
  t.succeeds('kubectl set subject rolebinding admin --user=foo');
  t.getObjectAssert('rolebinding/admin', SUBJECT_NAMES, 'default-admin:foo:');

  t.succeeds('kubectl create rolebinding localrole --role=localrole --group=the-group');
  t.getObjectAssert('rolebinding/localrole', '{{.roleRef.kind}}', 'Role');
  t.getObjectAssert('rolebinding/localrole', SUBJECT_NAMES, 'the-group:');
  t.succeeds('kubectl set subject rolebinding localrole --group=foo');
  t.getObjectAssert('rolebinding/localrole', SUBJECT_NAMES, 'the-group:foo:');

  t.succeeds('kubectl create rolebinding sarole --role=localrole --serviceaccount=otherns:sa-name');
  t.getObjectAssert('rolebinding/sarole', SUBJECT_NAMESPACES, 'otherns:');
  t.getObjectAssert('rolebinding/sarole', SUBJECT_NAMES, 'sa-name:');
  t.succeeds('kubectl set subject rolebinding sarole --serviceaccount=otherfoo:foo');
  t.getObjectAssert('rolebinding/sarole', SUBJECT_NAMESPACES, 'otherns:otherfoo:');
  t.getObjectAssert('rolebinding/sarole', SUBJECT_NAMES, 'sa-name:foo:');

  // test `kubectl set subject rolebinding --all`
  t.succeeds('kubectl set subject rolebinding --all --user=test-all-user');
  t.getObjectAssert('rolebinding/admin', SUBJECT_NAMES, 'default-admin:foo:test-all-user:');
  t.getObjectAssert('rolebinding/localrole', SUBJECT_NAMES, 'the-group:foo:test-all-user:');
  t.getObjectAssert('rolebinding/sarole', SUBJECT_NAMES, 'sa-name:foo:test-all-user:');
}

/** test/cmd/rbac.sh run_role_tests. */
export function runRoleTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // Create Role from command (only resource)
  t.succeeds('kubectl create role pod-admin --verb=* --resource=pods');
  t.getObjectAssert('role/pod-admin', VERBS, '\\*:');
  t.getObjectAssert('role/pod-admin', RESOURCES, 'pods:');
  t.getObjectAssert('role/pod-admin', API_GROUPS, ':');
  t.ifHasString(t.output('kubectl create role invalid-pod-admin --verb=* --resource=invalid-resource'), 'the server doesn\'t have a resource type "invalid-resource"');
  // Create Role from command (resource + group)
  t.succeeds('kubectl create role group-reader --verb=get,list --resource=deployments.apps');
  t.getObjectAssert('role/group-reader', VERBS, 'get:list:');
  t.getObjectAssert('role/group-reader', RESOURCES, 'deployments:');
  t.getObjectAssert('role/group-reader', API_GROUPS, 'apps:');
  t.ifHasString(t.output('kubectl create role invalid-group --verb=get,list --resource=deployments.invalid-group'), 'the server doesn\'t have a resource type "deployments" in group "invalid-group"');
  // Create Role from command (resource / subresource)
  t.succeeds('kubectl create role subresource-reader --verb=get,list --resource=pods/status');
  t.getObjectAssert('role/subresource-reader', VERBS, 'get:list:');
  t.getObjectAssert('role/subresource-reader', RESOURCES, 'pods/status:');
  t.getObjectAssert('role/subresource-reader', API_GROUPS, ':');
  // Create Role from command (resource + group / subresource)
  t.succeeds('kubectl create role group-subresource-reader --verb=get,list --resource=replicasets.apps/scale');
  t.getObjectAssert('role/group-subresource-reader', VERBS, 'get:list:');
  t.getObjectAssert('role/group-subresource-reader', RESOURCES, 'replicasets/scale:');
  t.getObjectAssert('role/group-subresource-reader', API_GROUPS, 'apps:');
  t.ifHasString(t.output('kubectl create role invalid-group --verb=get,list --resource=rs.invalid-group/scale'), 'the server doesn\'t have a resource type "rs" in group "invalid-group"');
  // Create Role from command (resource + resourcename)
  t.succeeds('kubectl create role resourcename-reader --verb=get,list --resource=pods --resource-name=foo');
  t.getObjectAssert('role/resourcename-reader', VERBS, 'get:list:');
  t.getObjectAssert('role/resourcename-reader', RESOURCES, 'pods:');
  t.getObjectAssert('role/resourcename-reader', API_GROUPS, ':');
  t.getObjectAssert('role/resourcename-reader', RESOURCE_NAMES, 'foo:');
  // Create Role from command (multi-resources)
  t.succeeds('kubectl create role resource-reader --verb=get,list --resource=pods/status,deployments.apps');
  t.getObjectAssert('role/resource-reader', VERBS, 'get:list:get:list:');
  t.getObjectAssert('role/resource-reader', RESOURCES, 'pods/status:deployments:');
  t.getObjectAssert('role/resource-reader', API_GROUPS, ':apps:');
}
