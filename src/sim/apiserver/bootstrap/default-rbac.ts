/**
 * The RBAC objects kube-apiserver's `rbac/bootstrap-roles` post-start hook writes
 * (pkg/registry/rbac/rest/storage_rbac.go ensureRBACPolicy), in its order: the cluster roles
 * (bootstrappolicy.ClusterRoles then ControllerRoles), the cluster role bindings (ClusterRoleBindings
 * then ControllerRoleBindings), then the namespaced roles and role bindings in kube-system and
 * kube-public (NamespaceRoles / NamespaceRoleBindings).
 *
 * admin, edit and view are written with the rules the clusterrole-aggregation controller gives
 * them (aggregation.ts), as `kubectl get clusterrole view -o yaml` shows them a moment after
 * start-up.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/kube-object';
import { KUBE_CONTROLLER_MANAGER_USER, KUBE_SCHEDULER_USER } from '../request-types';
import { aggregateClusterRoles } from '../authorization/rbac/aggregation';
import { BOOTSTRAP_LABEL, AUTO_UPDATE_ANNOTATION_KEY, bootstrapClusterRoleBindings, bootstrapClusterRoles, eventsRule } from '../authorization/rbac/bootstrap-policy';
import { bootstrapControllerRoleBindings, bootstrapControllerRoles } from '../authorization/rbac/controller-policy';
import { newRule, serviceAccountSubject, userSubject } from '../authorization/rbac/rule-builder';
import { RBAC_GROUP } from '../authorization/rbac/authorizer';

const SYSTEM = 'kube-system';
const PUBLIC = 'kube-public';

const defaults = { labels: { ...BOOTSTRAP_LABEL }, annotations: { [AUTO_UPDATE_ANNOTATION_KEY]: 'true' } };

function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'Role', metadata: { name, namespace, ...defaults }, rules };
}

function roleBinding(namespace: string, name: string, subjects: Subject[]): RoleBinding {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'RoleBinding', metadata: { name, namespace, ...defaults }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name }, subjects };
}

/** NamespaceRoles(): leader locking, the extension-apiserver reader and the bootstrap-token controllers. */
export function bootstrapNamespaceRoles(): Role[] {
  return [
    role(SYSTEM, 'extension-apiserver-authentication-reader', [newRule('get', 'list', 'watch').groups('').resources('configmaps').names('extension-apiserver-authentication').rule()]),
    role(SYSTEM, 'system::leader-locking-kube-controller-manager', [
      newRule('watch').groups('').resources('configmaps').rule(),
      newRule('get', 'update').groups('').resources('configmaps').names('kube-controller-manager').rule(),
    ]),
    role(SYSTEM, 'system::leader-locking-kube-scheduler', [
      newRule('watch').groups('').resources('configmaps').rule(),
      newRule('get', 'update').groups('').resources('configmaps').names('kube-scheduler').rule(),
    ]),
    role(SYSTEM, 'system:controller:bootstrap-signer', [newRule('get', 'list', 'watch').groups('').resources('secrets').rule()]),
    role(SYSTEM, 'system:controller:cloud-provider', [newRule('create', 'get', 'list', 'watch').groups('').resources('configmaps').rule()]),
    role(SYSTEM, 'system:controller:token-cleaner', [newRule('delete', 'get', 'list', 'watch').groups('').resources('secrets').rule(), eventsRule()]),
    role(PUBLIC, 'system:controller:bootstrap-signer', [
      newRule('get', 'list', 'watch').groups('').resources('configmaps').rule(),
      newRule('update').groups('').resources('configmaps').names('cluster-info').rule(),
      eventsRule(),
    ]),
  ];
}

/** NamespaceRoleBindings(). */
export function bootstrapNamespaceRoleBindings(): RoleBinding[] {
  return [
    roleBinding(SYSTEM, 'system::leader-locking-kube-controller-manager', [userSubject(KUBE_CONTROLLER_MANAGER_USER), serviceAccountSubject(SYSTEM, 'kube-controller-manager')]),
    roleBinding(SYSTEM, 'system::leader-locking-kube-scheduler', [userSubject(KUBE_SCHEDULER_USER), serviceAccountSubject(SYSTEM, 'kube-scheduler')]),
    roleBinding(SYSTEM, 'system:controller:bootstrap-signer', [serviceAccountSubject(SYSTEM, 'bootstrap-signer')]),
    roleBinding(SYSTEM, 'system:controller:cloud-provider', [serviceAccountSubject(SYSTEM, 'cloud-provider')]),
    roleBinding(SYSTEM, 'system:controller:token-cleaner', [serviceAccountSubject(SYSTEM, 'token-cleaner')]),
    roleBinding(PUBLIC, 'system:controller:bootstrap-signer', [serviceAccountSubject(SYSTEM, 'bootstrap-signer')]),
  ];
}

/** Every default ClusterRole, admin/edit/view already aggregated. */
export function defaultClusterRoles(): ClusterRole[] {
  return aggregateClusterRoles([...bootstrapClusterRoles(), ...bootstrapControllerRoles()]).clusterRoles;
}

export function defaultClusterRoleBindings(): ClusterRoleBinding[] {
  return [...bootstrapClusterRoleBindings(), ...bootstrapControllerRoleBindings()];
}

/** What the post-start hook writes, in order. */
export function defaultRbacObjects(): KubeObject[] {
  const objects: (ClusterRole | ClusterRoleBinding | Role | RoleBinding)[] = [
    ...defaultClusterRoles(),
    ...defaultClusterRoleBindings(),
    ...bootstrapNamespaceRoles(),
    ...bootstrapNamespaceRoleBindings(),
  ];
  return objects as unknown as KubeObject[];
}
