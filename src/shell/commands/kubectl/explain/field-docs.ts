/**
 * The field documentation `kubectl explain` prints, for the types learners explain most: the
 * descriptions are the Kubernetes 1.32 OpenAPI (k8s.io/api types' doc comments). Abridged: each
 * type lists its commonly used fields, not all of them, and the page says so.
 */

export interface FieldDoc {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly required?: boolean;
  /** The schema the field's type refers to, when `explain` can go into it. */
  readonly ref?: string;
}

export interface TypeDoc {
  readonly description: string;
  readonly fields: readonly FieldDoc[];
}

const API_VERSION: FieldDoc = {
  name: 'apiVersion',
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const KIND: FieldDoc = {
  name: 'kind',
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};
const METADATA: FieldDoc = {
  name: 'metadata',
  type: 'ObjectMeta',
  description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

export const TYPE_DOCS: Readonly<Record<string, TypeDoc>> = {
  Pod: {
    description: 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    fields: [
      API_VERSION,
      KIND,
      METADATA,
      {
        name: 'spec',
        type: 'PodSpec',
        ref: 'PodSpec',
        description: 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
      {
        name: 'status',
        type: 'PodStatus',
        description:
          'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
    ],
  },
  PodSpec: {
    description: 'PodSpec is a description of a pod.',
    fields: [
      { name: 'affinity', type: 'Affinity', description: "If specified, the pod's scheduling constraints" },
      {
        name: 'containers',
        type: '[]Container',
        ref: 'Container',
        required: true,
        description: 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
      },
      {
        name: 'initContainers',
        type: '[]Container',
        ref: 'Container',
        description:
          'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
      },
      {
        name: 'nodeName',
        type: 'string',
        description:
          'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
      },
      {
        name: 'nodeSelector',
        type: 'map[string]string',
        description:
          "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
      },
      {
        name: 'restartPolicy',
        type: 'string',
        description:
          'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`',
      },
      {
        name: 'schedulerName',
        type: 'string',
        description: 'If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.',
      },
      {
        name: 'serviceAccountName',
        type: 'string',
        description: 'ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
      },
      {
        name: 'terminationGracePeriodSeconds',
        type: 'integer',
        description:
          'Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.',
      },
      { name: 'tolerations', type: '[]Toleration', description: "If specified, the pod's tolerations." },
      {
        name: 'volumes',
        type: '[]Volume',
        description: 'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes',
      },
    ],
  },
  Container: {
    description: 'A single application container that you want to run within a pod.',
    fields: [
      {
        name: 'args',
        type: '[]string',
        description:
          'Arguments to the entrypoint. The container image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
      },
      {
        name: 'command',
        type: '[]string',
        description:
          'Entrypoint array. Not executed within a shell. The container image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
      },
      { name: 'env', type: '[]EnvVar', description: 'List of environment variables to set in the container. Cannot be updated.' },
      {
        name: 'image',
        type: 'string',
        description:
          'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
      },
      {
        name: 'imagePullPolicy',
        type: 'string',
        description:
          'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on disk. Container will fail if the image isn\'t present and the pull fails.\n - `"Never"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn\'t present',
      },
      {
        name: 'livenessProbe',
        type: 'Probe',
        description: 'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
      {
        name: 'name',
        type: 'string',
        required: true,
        description: 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
      },
      {
        name: 'ports',
        type: '[]ContainerPort',
        description:
          'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.',
      },
      {
        name: 'readinessProbe',
        type: 'Probe',
        description:
          'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
      },
      {
        name: 'resources',
        type: 'ResourceRequirements',
        description:
          'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
      { name: 'volumeMounts', type: '[]VolumeMount', description: "Pod volumes to mount into the container's filesystem. Cannot be updated." },
    ],
  },
  Deployment: {
    description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
    fields: [
      API_VERSION,
      KIND,
      METADATA,
      { name: 'spec', type: 'DeploymentSpec', ref: 'DeploymentSpec', description: 'Specification of the desired behavior of the Deployment.' },
      { name: 'status', type: 'DeploymentStatus', description: 'Most recently observed status of the Deployment.' },
    ],
  },
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: [
      {
        name: 'minReadySeconds',
        type: 'integer',
        description:
          'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      },
      { name: 'paused', type: 'boolean', description: 'Indicates that the deployment is paused.' },
      {
        name: 'replicas',
        type: 'integer',
        description: 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
      },
      {
        name: 'selector',
        type: 'LabelSelector',
        required: true,
        description:
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      },
      { name: 'strategy', type: 'DeploymentStrategy', description: 'The deployment strategy to use to replace existing pods with new ones.' },
      {
        name: 'template',
        type: 'PodTemplateSpec',
        required: true,
        description: 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
      },
    ],
  },
  Service: {
    description:
      'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
    fields: [
      API_VERSION,
      KIND,
      METADATA,
      {
        name: 'spec',
        type: 'ServiceSpec',
        ref: 'ServiceSpec',
        description: 'Spec defines the behavior of a service. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
      {
        name: 'status',
        type: 'ServiceStatus',
        description:
          'Most recently observed status of the service. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
    ],
  },
  ServiceSpec: {
    description: 'ServiceSpec describes the attributes that a user creates on a service.',
    fields: [
      {
        name: 'clusterIP',
        type: 'string',
        description:
          'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      },
      {
        name: 'ports',
        type: '[]ServicePort',
        description: 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      },
      {
        name: 'selector',
        type: 'map[string]string',
        description:
          'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
      },
      {
        name: 'type',
        type: 'string',
        description:
          'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types\n\nPossible enum values:\n - `"ClusterIP"` means a service will only be accessible inside the cluster, via the cluster IP.\n - `"ExternalName"` means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.\n - `"LoadBalancer"` means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to \'NodePort\' type.\n - `"NodePort"` means a service will be exposed on one port of every node, in addition to \'ClusterIP\' type.',
      },
    ],
  },
};

/** The top-level type of a resource kubectl explain knows. */
export const KIND_DOCS: Readonly<Record<string, { kind: string; version: string; group: string }>> = {
  pods: { kind: 'Pod', version: 'v1', group: '' },
  deployments: { kind: 'Deployment', version: 'v1', group: 'apps' },
  services: { kind: 'Service', version: 'v1', group: '' },
};
