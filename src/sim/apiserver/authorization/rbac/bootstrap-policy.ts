/**
 * The default ClusterRoles and ClusterRoleBindings every cluster starts with, after kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (`ClusterRoles`, `NodeRules`,
 * `ClusterRoleBindings`), in its order and with its rules as its golden file
 * (testdata/cluster-roles.yaml, default feature gates) shows them. kube-apiserver's
 * `rbac/bootstrap-roles` post-start hook creates these (and the controller roles of
 * controller-policy.ts); all carry the label `kubernetes.io/bootstrapping=rbac-defaults` and the
 * annotation `rbac.authorization.kubernetes.io/autoupdate=true`.
 *
 * admin, edit and view start without rules: they are aggregated (see aggregation.ts) from
 * system:aggregate-to-admin|edit|view and from each other (view carries aggregate-to-edit, edit
 * carries aggregate-to-admin).
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from 'kubernetes-types/rbac/v1';
import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  KUBE_CONTROLLER_MANAGER_USER,
  KUBE_PROXY_USER,
  KUBE_SCHEDULER_USER,
  SYSTEM_MASTERS,
} from '../../request-types';
import { ALL_SERVICE_ACCOUNTS_GROUP } from '../../authentication/serviceaccount';
import { newClusterBinding, newRule } from './rule-builder';

export const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;
export const AUTO_UPDATE_ANNOTATION_KEY = 'rbac.authorization.kubernetes.io/autoupdate';
export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';
/** user.MonitoringGroup */
export const MONITORING_GROUP = 'system:monitoring';

export const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const ReadWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
export const Read = ['get', 'list', 'watch'];
export const ReadUpdate = ['get', 'list', 'watch', 'update', 'patch'];

const legacyGroup = '';
const appsGroup = 'apps';
const authenticationGroup = 'authentication.k8s.io';
const authorizationGroup = 'authorization.k8s.io';
const autoscalingGroup = 'autoscaling';
const batchGroup = 'batch';
const certificatesGroup = 'certificates.k8s.io';
const coordinationGroup = 'coordination.k8s.io';
const discoveryGroup = 'discovery.k8s.io';
const extensionsGroup = 'extensions';
const policyGroup = 'policy';
const rbacGroup = 'rbac.authorization.k8s.io';
const storageGroup = 'storage.k8s.io';
const networkingGroup = 'networking.k8s.io';
const eventsGroup = 'events.k8s.io';
const resourceGroup = 'resource.k8s.io';
const nodeGroup = 'node.k8s.io';

/** eventsRule(): what every component needs to record events. */
export function eventsRule(): PolicyRule {
  return newRule('create', 'update', 'patch').groups(legacyGroup, eventsGroup).resources('events').rule();
}

/** addDefaultMetadata: the bootstrapping label and the auto-update annotation, merged into the object's own. */
export function withDefaultMetadata<T extends ClusterRole | ClusterRoleBinding>(obj: T): T {
  const labels = { ...(obj.metadata?.labels ?? {}), ...BOOTSTRAP_LABEL };
  const sortedLabels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...obj, metadata: { ...obj.metadata, labels: sortedLabels, annotations: { ...(obj.metadata?.annotations ?? {}), [AUTO_UPDATE_ANNOTATION_KEY]: 'true' } } };
}

function clusterRole(name: string, rules: PolicyRule[], labels?: Record<string, string>): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    rules,
  };
}

function aggregatedClusterRole(name: string, selectLabel: string, labels?: Record<string, string>): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels } : {}) },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectLabel]: 'true' } }] },
  };
}

/** NodeRules(): the rules of system:node, which the Node authorizer also applies to every node. */
export function nodeRules(): PolicyRule[] {
  return [
    // Needed to check API access. These creates are non-mutating.
    newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
    newRule('create').groups(authorizationGroup).resources('subjectaccessreviews', 'localsubjectaccessreviews').rule(),
    // Needed to build serviceLister, to populate env vars for services.
    newRule(...Read).groups(legacyGroup).resources('services').rule(),
    // Nodes can register Node API objects and report status (NodeRestriction limits them to their own).
    newRule('create', 'get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('nodes/status').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('nodes').rule(),
    newRule('create', 'update', 'patch').groups(legacyGroup).resources('events').rule(),
    newRule(...Read).groups(legacyGroup).resources('pods').rule(),
    // Mirror pods.
    newRule('create', 'delete').groups(legacyGroup).resources('pods').rule(),
    newRule('update', 'patch').groups(legacyGroup).resources('pods/status').rule(),
    newRule('create').groups(legacyGroup).resources('pods/eviction').rule(),
    // The Node authorizer limits these to objects referenced by pods bound to the node.
    newRule('get', 'list', 'watch').groups(legacyGroup).resources('secrets', 'configmaps').rule(),
    newRule('get').groups(legacyGroup).resources('persistentvolumeclaims', 'persistentvolumes').rule(),
    newRule('get').groups(legacyGroup).resources('endpoints').rule(),
    // Kubelet client certificate rotation.
    newRule('create', 'get', 'list', 'watch').groups(certificatesGroup).resources('certificatesigningrequests').rule(),
    newRule('get', 'create', 'update', 'patch', 'delete').groups(coordinationGroup).resources('leases').rule(),
    newRule('get').groups(storageGroup).resources('volumeattachments').rule(),
    newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
    newRule('get', 'update', 'patch').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
    newRule('get', 'watch', 'list').groups(storageGroup).resources('csidrivers').rule(),
    newRule('get', 'create', 'update', 'patch', 'delete').groups(storageGroup).resources('csinodes').rule(),
    newRule('get', 'list', 'watch').groups(nodeGroup).resources('runtimeclasses').rule(),
    newRule('get').groups(resourceGroup).resources('resourceclaims').rule(),
    newRule('deletecollection').groups(resourceGroup).resources('resourceslices').rule(),
  ];
}

function kubeSchedulerRules(): PolicyRule[] {
  return [
    eventsRule(),
    // Leader election.
    newRule('create').groups(coordinationGroup).resources('leases').rule(),
    newRule('get', 'list', 'watch', 'update').groups(coordinationGroup).resources('leases').names('kube-scheduler').rule(),
    newRule(...ReadWrite).groups(coordinationGroup).resources('leasecandidates').rule(),
    // Fundamental resources.
    newRule(...Read).groups(legacyGroup).resources('nodes').rule(),
    newRule('get', 'list', 'watch', 'delete').groups(legacyGroup).resources('pods').rule(),
    newRule('create').groups(legacyGroup).resources('pods/binding', 'bindings').rule(),
    newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
    // Things that select pods.
    newRule(...Read).groups(legacyGroup).resources('services', 'replicationcontrollers').rule(),
    newRule(...Read).groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
    newRule(...Read).groups(appsGroup).resources('statefulsets').rule(),
    // Things that pods use or that apply to them.
    newRule(...Read).groups(policyGroup).resources('poddisruptionbudgets').rule(),
    newRule(...Read).groups(legacyGroup).resources('persistentvolumeclaims', 'persistentvolumes').rule(),
    newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
    newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
    newRule(...Read).groups(storageGroup).resources('csinodes').rule(),
    newRule(...Read).groups(storageGroup).resources('volumeattachments').rule(),
    newRule(...Read).groups(legacyGroup).resources('namespaces').rule(),
    newRule(...Read).groups(storageGroup).resources('csidrivers').rule(),
    newRule(...Read).groups(storageGroup).resources('csistoragecapacities').rule(),
    // Dynamic resource allocation.
    newRule(...Read).groups(resourceGroup).resources('deviceclasses').rule(),
    newRule(...ReadUpdate).groups(resourceGroup).resources('resourceclaims').rule(),
    newRule(...ReadUpdate).groups(resourceGroup).resources('resourceclaims/status').rule(),
    newRule(...ReadUpdate).groups(legacyGroup).resources('pods/finalizers').rule(),
    newRule(...Read).groups(resourceGroup).resources('resourceslices').rule(),
  ];
}

/** ClusterRoles(): the default cluster roles, before the defaults' metadata is added. */
function rawClusterRoles(): ClusterRole[] {
  return [
    // A "root" role which can do absolutely anything.
    clusterRole('cluster-admin', [newRule('*').groups('*').resources('*').rule(), newRule('*').urls('*').rule()]),
    // Just enough to tell whether the server is ready and to discover API versions.
    clusterRole('system:discovery', [
      newRule('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*').rule(),
    ]),
    clusterRole('system:monitoring', [
      newRule('get').urls('/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*').rule(),
    ]),
    // What a "normal" user needs to learn about themselves (kubectl auth can-i, kubectl auth whoami).
    clusterRole('system:basic-user', [
      newRule('create').groups(authorizationGroup).resources('selfsubjectaccessreviews', 'selfsubjectrulesreviews').rule(),
      newRule('create').groups(authenticationGroup).resources('selfsubjectreviews').rule(),
    ]),
    clusterRole('system:public-info-viewer', [newRule('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/').rule()]),
    aggregatedClusterRole('admin', AGGREGATE_TO_ADMIN),
    aggregatedClusterRole('edit', AGGREGATE_TO_EDIT, { [AGGREGATE_TO_ADMIN]: 'true' }),
    aggregatedClusterRole('view', AGGREGATE_TO_VIEW, { [AGGREGATE_TO_EDIT]: 'true' }),
    clusterRole(
      'system:aggregate-to-admin',
      [
        newRule('create').groups(authorizationGroup).resources('localsubjectaccessreviews').rule(),
        newRule(...ReadWrite).groups(rbacGroup).resources('roles', 'rolebindings').rule(),
      ],
      { [AGGREGATE_TO_ADMIN]: 'true' },
    ),
    clusterRole(
      'system:aggregate-to-edit',
      [
        // Read on escalating resources.
        newRule(...Read).groups(legacyGroup).resources('pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy').rule(),
        newRule('impersonate').groups(legacyGroup).resources('serviceaccounts').rule(),
        newRule(...Write).groups(legacyGroup).resources('pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward').rule(),
        newRule('create').groups(legacyGroup).resources('pods/eviction').rule(),
        newRule(...Write)
          .groups(legacyGroup)
          .resources('replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events')
          .rule(),
        newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
        newRule(...Write)
          .groups(appsGroup)
          .resources('statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale')
          .rule(),
        newRule(...Write).groups(autoscalingGroup).resources('horizontalpodautoscalers').rule(),
        newRule(...Write).groups(batchGroup).resources('jobs', 'cronjobs').rule(),
        newRule(...Write)
          .groups(extensionsGroup)
          .resources('daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies')
          .rule(),
        newRule(...Write).groups(policyGroup).resources('poddisruptionbudgets').rule(),
        newRule(...Write).groups(networkingGroup).resources('networkpolicies', 'ingresses').rule(),
        newRule(...ReadWrite).groups(coordinationGroup).resources('leases').rule(),
      ],
      { [AGGREGATE_TO_EDIT]: 'true' },
    ),
    clusterRole(
      'system:aggregate-to-view',
      [
        newRule(...Read)
          .groups(legacyGroup)
          .resources('pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps')
          .rule(),
        newRule(...Read)
          .groups(legacyGroup)
          .resources('limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log')
          .rule(),
        // Read access to namespaces at the namespace scope means you can read *this* namespace.
        newRule(...Read).groups(legacyGroup).resources('namespaces').rule(),
        newRule(...Read).groups(discoveryGroup).resources('endpointslices').rule(),
        newRule(...Read)
          .groups(appsGroup)
          .resources(
            'controllerrevisions',
            'statefulsets',
            'statefulsets/status',
            'statefulsets/scale',
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/status',
            'deployments/scale',
            'replicasets',
            'replicasets/status',
            'replicasets/scale',
          )
          .rule(),
        newRule(...Read).groups(autoscalingGroup).resources('horizontalpodautoscalers', 'horizontalpodautoscalers/status').rule(),
        newRule(...Read).groups(batchGroup).resources('jobs', 'cronjobs', 'cronjobs/status', 'jobs/status').rule(),
        newRule(...Read)
          .groups(extensionsGroup)
          .resources(
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/scale',
            'deployments/status',
            'ingresses',
            'ingresses/status',
            'replicasets',
            'replicasets/scale',
            'replicasets/status',
            'replicationcontrollers/scale',
            'networkpolicies',
          )
          .rule(),
        newRule(...Read).groups(policyGroup).resources('poddisruptionbudgets', 'poddisruptionbudgets/status').rule(),
        newRule(...Read).groups(networkingGroup).resources('networkpolicies', 'ingresses', 'ingresses/status').rule(),
      ],
      { [AGGREGATE_TO_VIEW]: 'true' },
    ),
    clusterRole('system:heapster', [
      newRule(...Read).groups(legacyGroup).resources('events', 'pods', 'nodes', 'namespaces').rule(),
      newRule(...Read).groups(extensionsGroup).resources('deployments').rule(),
    ]),
    // What nodes need to run pods (the Node authorizer applies the same rules, narrowed).
    clusterRole('system:node', nodeRules()),
    clusterRole('system:node-problem-detector', [
      newRule('get').groups(legacyGroup).resources('nodes').rule(),
      newRule('patch').groups(legacyGroup).resources('nodes/status').rule(),
      eventsRule(),
    ]),
    clusterRole('system:kubelet-api-admin', [
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      newRule('proxy').groups(legacyGroup).resources('nodes').rule(),
      newRule('*').groups(legacyGroup).resources('nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log').rule(),
    ]),
    clusterRole('system:node-bootstrapper', [newRule('create', 'get', 'list', 'watch').groups(certificatesGroup).resources('certificatesigningrequests').rule()]),
    clusterRole('system:auth-delegator', [
      newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
      newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
    ]),
    clusterRole('system:kube-aggregator', [newRule(...Read).groups(legacyGroup).resources('services', 'endpoints').rule()]),
    // Enough for kube-controller-manager to start its shared informers and mint the controllers' own identities.
    clusterRole('system:kube-controller-manager', [
      eventsRule(),
      newRule('create').groups(coordinationGroup).resources('leases').rule(),
      newRule('get', 'update').groups(coordinationGroup).resources('leases').names('kube-controller-manager').rule(),
      newRule('create').groups(legacyGroup).resources('secrets', 'serviceaccounts').rule(),
      newRule('delete').groups(legacyGroup).resources('secrets').rule(),
      newRule('get').groups(legacyGroup).resources('namespaces', 'secrets', 'serviceaccounts', 'configmaps').rule(),
      newRule('update').groups(legacyGroup).resources('secrets', 'serviceaccounts').rule(),
      newRule('create').groups(authenticationGroup).resources('tokenreviews').rule(),
      newRule('create').groups(authorizationGroup).resources('subjectaccessreviews').rule(),
      // Needed for all shared informers.
      newRule('list', 'watch').groups('*').resources('*').rule(),
      newRule('create').groups(legacyGroup).resources('serviceaccounts/token').rule(),
    ]),
    clusterRole('system:kube-dns', [newRule('list', 'watch').groups(legacyGroup).resources('endpoints', 'services').rule()]),
    clusterRole('system:persistent-volume-provisioner', [
      newRule('get', 'list', 'watch', 'create', 'delete').groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
      newRule(...Read).groups(storageGroup).resources('storageclasses').rule(),
      newRule('watch').groups(legacyGroup).resources('events').rule(),
      eventsRule(),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      newRule('create').groups(certificatesGroup).resources('certificatesigningrequests/nodeclient').rule(),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      newRule('create').groups(certificatesGroup).resources('certificatesigningrequests/selfnodeclient').rule(),
    ]),
    clusterRole('system:volume-scheduler', [
      newRule(...ReadUpdate).groups(legacyGroup).resources('persistentvolumes').rule(),
      newRule(...Read).groups(storageGroup).resources('storageclasses').rule(),
      newRule(...ReadUpdate).groups(legacyGroup).resources('persistentvolumeclaims').rule(),
    ]),
    clusterRole('system:certificates.k8s.io:legacy-unknown-approver', [
      newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/legacy-unknown').rule(),
    ]),
    clusterRole('system:certificates.k8s.io:kubelet-serving-approver', [
      newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/kubelet-serving').rule(),
    ]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-approver', [
      newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/kube-apiserver-client').rule(),
    ]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', [
      newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/kube-apiserver-client-kubelet').rule(),
    ]),
    clusterRole('system:service-account-issuer-discovery', [
      newRule('get').urls('/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/').rule(),
    ]),
    // kube-proxy.
    clusterRole('system:node-proxier', [
      newRule('list', 'watch').groups(legacyGroup).resources('services', 'endpoints').rule(),
      newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
      eventsRule(),
      newRule('list', 'watch').groups(discoveryGroup).resources('endpointslices').rule(),
    ]),
    clusterRole('system:kube-scheduler', kubeSchedulerRules()),
  ];
}

/** The default ClusterRoles with their bootstrapping metadata, in policy.go order. */
export function bootstrapClusterRoles(): ClusterRole[] {
  return rawClusterRoles().map(withDefaultMetadata);
}

/**
 * ClusterRoleBindings(): cluster-admin to system:masters, the discovery roles to every
 * authenticated user (public-info-viewer to unauthenticated ones too), each component's role to
 * its user. system:node keeps its binding but with no subjects: nodes are authorized by the Node
 * authorizer since 1.7.
 */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    newClusterBinding('cluster-admin').groups(SYSTEM_MASTERS).binding(),
    newClusterBinding('system:monitoring').groups(MONITORING_GROUP).binding(),
    newClusterBinding('system:discovery').groups(ALL_AUTHENTICATED).binding(),
    newClusterBinding('system:basic-user').groups(ALL_AUTHENTICATED).binding(),
    newClusterBinding('system:public-info-viewer').groups(ALL_AUTHENTICATED, ALL_UNAUTHENTICATED).binding(),
    newClusterBinding('system:node-proxier').users(KUBE_PROXY_USER).binding(),
    newClusterBinding('system:kube-controller-manager').users(KUBE_CONTROLLER_MANAGER_USER).binding(),
    newClusterBinding('system:kube-dns').serviceAccounts('kube-system', 'kube-dns').binding(),
    newClusterBinding('system:kube-scheduler').users(KUBE_SCHEDULER_USER).binding(),
    newClusterBinding('system:volume-scheduler').users(KUBE_SCHEDULER_USER).binding(),
    newClusterBinding('system:node').binding(),
    newClusterBinding('system:service-account-issuer-discovery').groups(ALL_SERVICE_ACCOUNTS_GROUP).binding(),
  ].map(withDefaultMetadata);
}

/** ClusterRolesToAggregate: the roles whose rules moved into system:aggregate-to-* when aggregation arrived. */
export const CLUSTER_ROLES_TO_AGGREGATE: Readonly<Record<string, string>> = {
  admin: 'system:aggregate-to-admin',
  edit: 'system:aggregate-to-edit',
  view: 'system:aggregate-to-view',
};
