/**
 * What a cluster administrator applies to run cloud-controller-manager, as the upstream docs'
 * example does (Running cloud-controller-manager; cloud-controller-manager-daemonset-example.yaml):
 * the ServiceAccount `kube-system/cloud-controller-manager` it runs as, and the ClusterRole
 * `system:cloud-controller-manager` bound to it with the access the docs list per controller
 * (node controller: nodes; service controller: services and services/status; route controller:
 * nodes/status; all: events, and leases for leader election). The upstream example binds
 * cluster-admin; the narrower role is the docs' "Authorization" section, so a learner can see
 * what the component may do. These are not bootstrap objects: the apiserver does not create them.
 */
import type { KubeObject } from '../api/kube-object';

export const CLOUD_CONTROLLER_MANAGER_SA = 'cloud-controller-manager';
export const CLOUD_CONTROLLER_MANAGER_ROLE = 'system:cloud-controller-manager';

export function cloudControllerManagerClusterRole(): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: CLOUD_CONTROLLER_MANAGER_ROLE, labels: { 'k8s-app': 'cloud-controller-manager' } },
    rules: [
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'update'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['*'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['services'], verbs: ['list', 'patch', 'update', 'watch'] },
      { apiGroups: [''], resources: ['services/status'], verbs: ['list', 'patch', 'update', 'watch'] },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'list', 'watch', 'update'] },
    ],
  };
}

export function cloudControllerManagerClusterRoleBinding(): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: CLOUD_CONTROLLER_MANAGER_ROLE, labels: { 'k8s-app': 'cloud-controller-manager' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: CLOUD_CONTROLLER_MANAGER_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: CLOUD_CONTROLLER_MANAGER_SA, namespace: 'kube-system' }],
  };
}
