/**
 * The per-controller ClusterRoles and their bindings, after kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go (rules as its golden
 * testdata/controller-roles.yaml shows them with default feature gates). With
 * `--use-service-account-credentials` (kubeadm's default) each controller in
 * kube-controller-manager talks to the apiserver as the service account
 * `kube-system/<controller>` and is bound to `system:controller:<controller>`, so a learner can
 * see that the deployment controller may create ReplicaSets but not Pods.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from 'kubernetes-types/rbac/v1';
import { eventsRule, withDefaultMetadata } from './bootstrap-policy';
import { newClusterBinding, newRule } from './rule-builder';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';
export const CONTROLLER_NAMESPACE = 'kube-system';

const legacyGroup = '';
const appsGroup = 'apps';
const extensionsGroup = 'extensions';
const batchGroup = 'batch';
const policyGroup = 'policy';
const autoscalingGroup = 'autoscaling';
const storageGroup = 'storage.k8s.io';
const certificatesGroup = 'certificates.k8s.io';
const discoveryGroup = 'discovery.k8s.io';
const rbacGroup = 'rbac.authorization.k8s.io';
const resourceGroup = 'resource.k8s.io';
const admissionGroup = 'admissionregistration.k8s.io';

/** Controller name (the service account in kube-system) → its rules. */
function controllerRules(): [string, PolicyRule[]][] {
  return [
    [
      'attachdetach-controller',
      [
        newRule('list', 'watch').groups(legacyGroup).resources('persistentvolumes', 'persistentvolumeclaims').rule(),
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(),
        newRule('patch', 'update').groups(legacyGroup).resources('nodes/status').rule(),
        newRule('list', 'watch').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
        newRule('get', 'create', 'delete', 'list', 'watch').groups(storageGroup).resources('volumeattachments').rule(),
        newRule('get', 'watch', 'list').groups(storageGroup).resources('csidrivers').rule(),
        newRule('get', 'watch', 'list').groups(storageGroup).resources('csinodes').rule(),
      ],
    ],
    [
      'certificate-controller',
      [
        newRule('get', 'list', 'watch', 'delete').groups(certificatesGroup).resources('certificatesigningrequests').rule(),
        newRule('update').groups(certificatesGroup).resources('certificatesigningrequests/status', 'certificatesigningrequests/approval').rule(),
        newRule('approve').groups(certificatesGroup).resources('signers').names('kubernetes.io/kube-apiserver-client-kubelet').rule(),
        newRule('sign')
          .groups(certificatesGroup)
          .resources('signers')
          .names('kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving')
          .rule(),
        newRule('create').groups('authorization.k8s.io').resources('subjectaccessreviews').rule(),
        eventsRule(),
      ],
    ],
    ['clusterrole-aggregation-controller', [newRule('escalate', 'get', 'list', 'watch', 'update', 'patch').groups(rbacGroup).resources('clusterroles').rule()]],
    [
      'cronjob-controller',
      [
        newRule('get', 'list', 'watch', 'update').groups(batchGroup).resources('cronjobs').rule(),
        newRule('get', 'list', 'watch', 'create', 'update', 'delete', 'patch').groups(batchGroup).resources('jobs').rule(),
        newRule('update').groups(batchGroup).resources('cronjobs/status').rule(),
        newRule('update').groups(batchGroup).resources('cronjobs/finalizers').rule(),
        newRule('list', 'delete').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'daemon-set-controller',
      [
        newRule('get', 'list', 'watch').groups(extensionsGroup, appsGroup).resources('daemonsets').rule(),
        newRule('update').groups(extensionsGroup, appsGroup).resources('daemonsets/status').rule(),
        newRule('update').groups(extensionsGroup, appsGroup).resources('daemonsets/finalizers').rule(),
        newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
        newRule('list', 'watch', 'create', 'delete', 'patch').groups(legacyGroup).resources('pods').rule(),
        newRule('create').groups(legacyGroup).resources('pods/binding').rule(),
        newRule('get', 'list', 'watch', 'create', 'delete', 'update', 'patch').groups(appsGroup).resources('controllerrevisions').rule(),
        eventsRule(),
      ],
    ],
    [
      'deployment-controller',
      [
        newRule('get', 'list', 'watch', 'update').groups(extensionsGroup, appsGroup).resources('deployments').rule(),
        newRule('update').groups(extensionsGroup, appsGroup).resources('deployments/status').rule(),
        newRule('update').groups(extensionsGroup, appsGroup).resources('deployments/finalizers').rule(),
        newRule('get', 'list', 'watch', 'create', 'update', 'patch', 'delete').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
        newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'disruption-controller',
      [
        newRule('get', 'list', 'watch').groups(extensionsGroup, appsGroup).resources('deployments').rule(),
        newRule('get', 'list', 'watch').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('replicationcontrollers').rule(),
        newRule('get', 'list', 'watch').groups(policyGroup).resources('poddisruptionbudgets').rule(),
        newRule('get', 'list', 'watch').groups(appsGroup).resources('statefulsets').rule(),
        newRule('update').groups(policyGroup).resources('poddisruptionbudgets/status').rule(),
        newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
        newRule('get').groups('*').resources('*/scale').rule(),
        eventsRule(),
      ],
    ],
    [
      'endpoint-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'pods').rule(),
        newRule('get', 'list', 'create', 'update', 'delete').groups(legacyGroup).resources('endpoints').rule(),
        newRule('create').groups(legacyGroup).resources('endpoints/restricted').rule(),
        eventsRule(),
      ],
    ],
    [
      'endpointslice-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'pods', 'nodes').rule(),
        // The controller needs to be able to set a service's finalizers to be able to create an EndpointSlice owned by the service.
        newRule('update').groups(legacyGroup).resources('services/finalizers').rule(),
        newRule('get', 'list', 'create', 'update', 'delete').groups(discoveryGroup).resources('endpointslices').rule(),
        eventsRule(),
      ],
    ],
    [
      'endpointslicemirroring-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('services', 'endpoints').rule(),
        newRule('update').groups(legacyGroup).resources('services/finalizers').rule(),
        newRule('update').groups(legacyGroup).resources('endpoints/finalizers').rule(),
        newRule('get', 'list', 'create', 'update', 'delete').groups(discoveryGroup).resources('endpointslices').rule(),
        eventsRule(),
      ],
    ],
    [
      'ephemeral-volume-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('pods').rule(),
        newRule('update').groups(legacyGroup).resources('pods/finalizers').rule(),
        newRule('get', 'list', 'watch', 'create').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        eventsRule(),
      ],
    ],
    [
      'expand-controller',
      [
        newRule('get', 'list', 'watch', 'update', 'patch').groups(legacyGroup).resources('persistentvolumes').rule(),
        newRule('update', 'patch').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        eventsRule(),
        newRule('get').groups(legacyGroup).resources('services').rule(),
      ],
    ],
    [
      'generic-garbage-collector',
      [
        newRule('get', 'list', 'watch', 'patch', 'update', 'delete').groups('*').resources('*').rule(),
        eventsRule(),
      ],
    ],
    [
      'horizontal-pod-autoscaler',
      [
        newRule('get', 'list', 'watch').groups(autoscalingGroup).resources('horizontalpodautoscalers').rule(),
        newRule('update').groups(autoscalingGroup).resources('horizontalpodautoscalers/status').rule(),
        newRule('get', 'update').groups('*').resources('*/scale').rule(),
        newRule('list').groups(legacyGroup).resources('pods').rule(),
        newRule('list').groups('metrics.k8s.io').resources('pods').rule(),
        newRule('get', 'list').groups('custom.metrics.k8s.io').resources('*').rule(),
        newRule('get', 'list').groups('external.metrics.k8s.io').resources('*').rule(),
        eventsRule(),
      ],
    ],
    [
      'job-controller',
      [
        newRule('get', 'list', 'watch', 'update', 'patch').groups(batchGroup).resources('jobs').rule(),
        newRule('update').groups(batchGroup).resources('jobs/status').rule(),
        newRule('update').groups(batchGroup).resources('jobs/finalizers').rule(),
        newRule('list', 'watch', 'create', 'delete', 'patch').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'legacy-service-account-token-cleaner',
      [
        newRule('get').groups(legacyGroup).resources('configmaps').names('kube-apiserver-legacy-service-account-token-tracking').rule(),
        newRule('patch', 'delete').groups(legacyGroup).resources('secrets').rule(),
      ],
    ],
    [
      'namespace-controller',
      [
        newRule('get', 'list', 'watch', 'delete').groups(legacyGroup).resources('namespaces').rule(),
        newRule('update').groups(legacyGroup).resources('namespaces/finalize', 'namespaces/status').rule(),
        newRule('get', 'list', 'delete', 'deletecollection').groups('*').resources('*').rule(),
      ],
    ],
    [
      'node-controller',
      [
        newRule('get', 'list', 'update', 'delete', 'patch').groups(legacyGroup).resources('nodes').rule(),
        newRule('patch', 'update').groups(legacyGroup).resources('nodes/status').rule(),
        newRule('patch', 'update').groups(legacyGroup).resources('pods/status').rule(),
        newRule('list', 'get', 'delete').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'persistent-volume-binder',
      [
        newRule('get', 'list', 'watch', 'update', 'create', 'delete').groups(legacyGroup).resources('persistentvolumes').rule(),
        newRule('update').groups(legacyGroup).resources('persistentvolumes/status').rule(),
        newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        newRule('update').groups(legacyGroup).resources('persistentvolumeclaims/status').rule(),
        newRule('list', 'watch', 'get', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
        newRule('get', 'list', 'watch').groups(storageGroup).resources('storageclasses').rule(),
        newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
        eventsRule(),
        newRule('watch').groups(legacyGroup).resources('events').rule(),
        newRule('get').groups(legacyGroup).resources('services').rule(),
      ],
    ],
    [
      'pod-garbage-collector',
      [
        newRule('list', 'watch', 'delete').groups(legacyGroup).resources('pods').rule(),
        newRule('get', 'list').groups(legacyGroup).resources('nodes').rule(),
        newRule('patch').groups(legacyGroup).resources('pods/status').rule(),
      ],
    ],
    ['pv-protection-controller', [newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumes').rule(), eventsRule()]],
    [
      'pvc-protection-controller',
      [
        newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        newRule('list', 'watch', 'get').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'replicaset-controller',
      [
        newRule('get', 'list', 'watch', 'update').groups(appsGroup, extensionsGroup).resources('replicasets').rule(),
        newRule('update').groups(appsGroup, extensionsGroup).resources('replicasets/status').rule(),
        newRule('update').groups(appsGroup, extensionsGroup).resources('replicasets/finalizers').rule(),
        newRule('list', 'watch', 'patch', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'replication-controller',
      [
        newRule('get', 'list', 'watch', 'update').groups(legacyGroup).resources('replicationcontrollers').rule(),
        newRule('update').groups(legacyGroup).resources('replicationcontrollers/status').rule(),
        newRule('update').groups(legacyGroup).resources('replicationcontrollers/finalizers').rule(),
        newRule('list', 'watch', 'patch', 'create', 'delete').groups(legacyGroup).resources('pods').rule(),
        eventsRule(),
      ],
    ],
    [
      'resource-claim-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('pods').rule(),
        newRule('update').groups(legacyGroup).resources('pods/finalizers').rule(),
        newRule('get', 'list', 'watch', 'create', 'delete').groups(resourceGroup).resources('resourceclaims').rule(),
        newRule('update', 'patch').groups(resourceGroup).resources('resourceclaims', 'resourceclaims/status').rule(),
        newRule('update', 'patch').groups(legacyGroup).resources('pods/status').rule(),
        eventsRule(),
      ],
    ],
    [
      'resourcequota-controller',
      [
        // Quota can count quota on anything for reconciliation, so it needs full viewing powers.
        newRule('list', 'watch').groups('*').resources('*').rule(),
        newRule('update').groups(legacyGroup).resources('resourcequotas/status').rule(),
        eventsRule(),
      ],
    ],
    ['root-ca-cert-publisher', [newRule('create', 'update').groups(legacyGroup).resources('configmaps').rule(), eventsRule()]],
    [
      'route-controller',
      [
        newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
        newRule('patch').groups(legacyGroup).resources('nodes/status').rule(),
        eventsRule(),
      ],
    ],
    ['service-account-controller', [newRule('create').groups(legacyGroup).resources('serviceaccounts').rule(), eventsRule()]],
    [
      'service-controller',
      [
        newRule('get', 'list', 'watch').groups(legacyGroup).resources('services').rule(),
        newRule('patch', 'update').groups(legacyGroup).resources('services/status').rule(),
        newRule('list', 'watch').groups(legacyGroup).resources('nodes').rule(),
        eventsRule(),
      ],
    ],
    [
      'statefulset-controller',
      [
        newRule('list', 'watch').groups(legacyGroup).resources('pods').rule(),
        newRule('get', 'list', 'watch').groups(appsGroup).resources('statefulsets').rule(),
        newRule('update').groups(appsGroup).resources('statefulsets/status').rule(),
        newRule('update').groups(appsGroup).resources('statefulsets/finalizers').rule(),
        newRule('get', 'create', 'delete', 'update', 'patch').groups(legacyGroup).resources('pods').rule(),
        newRule('get', 'create', 'delete', 'update', 'patch', 'list', 'watch').groups(appsGroup).resources('controllerrevisions').rule(),
        newRule('get', 'create', 'list', 'watch').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        eventsRule(),
        newRule('update', 'delete').groups(legacyGroup).resources('persistentvolumeclaims').rule(),
        newRule('update').groups(legacyGroup).resources('pods/finalizers').rule(),
      ],
    ],
    ['ttl-after-finished-controller', [newRule('get', 'list', 'watch', 'delete').groups(batchGroup).resources('jobs').rule(), eventsRule()]],
    ['ttl-controller', [newRule('update', 'patch', 'list', 'watch').groups(legacyGroup).resources('nodes').rule(), eventsRule()]],
    [
      'validatingadmissionpolicy-status-controller',
      [
        newRule('get', 'list', 'watch').groups(admissionGroup).resources('validatingadmissionpolicies').rule(),
        newRule('get', 'patch', 'update').groups(admissionGroup).resources('validatingadmissionpolicies/status').rule(),
        eventsRule(),
      ],
    ],
  ];
}

/** ControllerRoles(): `system:controller:<name>` for every controller, with the bootstrapping metadata. */
export function bootstrapControllerRoles(): ClusterRole[] {
  return controllerRules().map(([name, rules]) =>
    withDefaultMetadata<ClusterRole>({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: CONTROLLER_ROLE_PREFIX + name }, rules }),
  );
}

/** ControllerRoleBindings(): each controller role bound to the service account kube-system/<name>. */
export function bootstrapControllerRoleBindings(): ClusterRoleBinding[] {
  return controllerRules().map(([name]) => withDefaultMetadata(newClusterBinding(CONTROLLER_ROLE_PREFIX + name).serviceAccounts(CONTROLLER_NAMESPACE, name).binding()));
}
