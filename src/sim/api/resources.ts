/**
 * The API resources the simulated apiserver serves, as discovery (`kubectl api-resources`)
 * lists them: plural name, short names, group/version, kind, scope, verbs and subresources,
 * and where each is stored in etcd (the real `/registry/...` prefixes, including the historical
 * ones: nodes are `minions`, services are `services/specs`).
 */
import { boundedMemo } from '../bounded-memo';

export interface ResourceInfo {
  /** Plural, lower case: `pods`. */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly verbs: readonly string[];
  readonly subresources: readonly string[];
  /** Key prefix under /registry, without slashes: `pods`, `services/specs`, `minions`. */
  readonly etcdPrefix: string;
  /** kubectl's categories (`all` is what `kubectl get all` lists). */
  readonly categories: readonly string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

function r(
  resource: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  opts: { shortNames?: string[]; subresources?: string[]; etcdPrefix?: string; categories?: string[]; verbs?: readonly string[] } = {},
): ResourceInfo {
  return {
    resource,
    singular: kind.toLowerCase(),
    kind,
    group,
    version,
    namespaced,
    shortNames: opts.shortNames ?? [],
    verbs: opts.verbs ?? CRUD,
    subresources: opts.subresources ?? [],
    etcdPrefix: opts.etcdPrefix ?? resource,
    categories: opts.categories ?? [],
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  r('bindings', 'Binding', '', 'v1', true, { verbs: ['create'] }),
  r('configmaps', 'ConfigMap', '', 'v1', true, { shortNames: ['cm'] }),
  r('endpoints', 'Endpoints', '', 'v1', true, { shortNames: ['ep'], etcdPrefix: 'services/endpoints' }),
  r('events', 'Event', '', 'v1', true, { shortNames: ['ev'] }),
  r('limitranges', 'LimitRange', '', 'v1', true, { shortNames: ['limits'] }),
  r('namespaces', 'Namespace', '', 'v1', false, { shortNames: ['ns'], subresources: ['status', 'finalize'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  r('nodes', 'Node', '', 'v1', false, { shortNames: ['no'], subresources: ['status'], etcdPrefix: 'minions' }),
  r('pods', 'Pod', '', 'v1', true, { shortNames: ['po'], subresources: ['status', 'binding', 'eviction', 'log', 'exec'], categories: ['all'] }),
  r('replicationcontrollers', 'ReplicationController', '', 'v1', true, { shortNames: ['rc'], subresources: ['status', 'scale'], etcdPrefix: 'controllers', categories: ['all'] }),
  r('resourcequotas', 'ResourceQuota', '', 'v1', true, { shortNames: ['quota'], subresources: ['status'] }),
  r('secrets', 'Secret', '', 'v1', true),
  r('serviceaccounts', 'ServiceAccount', '', 'v1', true, { shortNames: ['sa'], subresources: ['token'] }),
  r('services', 'Service', '', 'v1', true, { shortNames: ['svc'], subresources: ['status'], etcdPrefix: 'services/specs', categories: ['all'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  r('controllerrevisions', 'ControllerRevision', 'apps', 'v1', true),
  r('daemonsets', 'DaemonSet', 'apps', 'v1', true, { shortNames: ['ds'], subresources: ['status'], categories: ['all'] }),
  r('deployments', 'Deployment', 'apps', 'v1', true, { shortNames: ['deploy'], subresources: ['status', 'scale'], categories: ['all'] }),
  r('replicasets', 'ReplicaSet', 'apps', 'v1', true, { shortNames: ['rs'], subresources: ['status', 'scale'], categories: ['all'] }),
  r('statefulsets', 'StatefulSet', 'apps', 'v1', true, { shortNames: ['sts'], subresources: ['status', 'scale'], categories: ['all'] }),
  r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', 'v2', true, { shortNames: ['hpa'], subresources: ['status'], categories: ['all'] }),
  r('cronjobs', 'CronJob', 'batch', 'v1', true, { shortNames: ['cj'], subresources: ['status'], categories: ['all'] }),
  r('jobs', 'Job', 'batch', 'v1', true, { subresources: ['status'], categories: ['all'] }),
  r('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
  r('endpointslices', 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
  r('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', 'v1', true, { shortNames: ['pdb'], subresources: ['status'] }),
  r('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  r('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  r('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  r('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  r('priorityclasses', 'PriorityClass', 'scheduling.k8s.io', 'v1', false, { shortNames: ['pc'] }),
  r('selfsubjectaccessreviews', 'SelfSubjectAccessReview', 'authorization.k8s.io', 'v1', false, { verbs: ['create'] }),
  r('selfsubjectreviews', 'SelfSubjectReview', 'authentication.k8s.io', 'v1', false, { verbs: ['create'] }),
  r('selfsubjectrulesreviews', 'SelfSubjectRulesReview', 'authorization.k8s.io', 'v1', false, { verbs: ['create'] }),
];

/**
 * Versions served beside a resource's preferred one in RESOURCES (which is also the version it
 * is stored in): the apiserver converts to and from them at the resource's storage, and
 * discovery lists them; everything that iterates the resources sees the preferred one only.
 */
export const OTHER_VERSIONS: readonly ResourceInfo[] = [r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', 'v1', true, { shortNames: ['hpa'], subresources: ['status'], categories: ['all'] })];

/** Bindings and reviews: created, answered, never stored, so no etcd key and no watch cache. */
export function isStored(info: ResourceInfo): boolean {
  return info.verbs.includes('get');
}

const BY_GROUP_VERSION_RESOURCE = new Map([...RESOURCES, ...OTHER_VERSIONS].map((info) => [`${info.group}/${info.version}/${info.resource}`, info]));
const BY_PLURAL = new Map<string, ResourceInfo>();
for (const info of RESOURCES) if (!BY_PLURAL.has(info.resource)) BY_PLURAL.set(info.resource, info);

/** The resource a request path names (group, version and plural), looked up without a scan: every request asks. */
export function resourceAt(group: string, version: string, plural: string): ResourceInfo | undefined {
  return BY_GROUP_VERSION_RESOURCE.get(`${group}/${version}/${plural}`);
}

/** The resource by its plural alone (`pods`, `deployments`): the first group that serves it. */
export function resourceByPlural(plural: string): ResourceInfo | undefined {
  return BY_PLURAL.get(plural);
}

/** `v1` for the core group, `apps/v1` otherwise. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Resolve what a user typed (`po`, `pods`, `pod`, `deployments.apps`, `Deployment`) to a resource. */
export function findResource(name: string): ResourceInfo | undefined {
  return foundByName(name);
}

/**
 * The tables are fixed, so each answer is kept: controllers and recorders look the same few
 * names up for every object they write. Bounded, as kubectl passes on whatever was typed.
 */
const MEMO_KEPT = 1024;
const foundByName = boundedMemo(MEMO_KEPT, (name) => lookUpResource(name));
const foundByKind = boundedMemo(MEMO_KEPT, (key) => {
  const space = key.indexOf(' ');
  return lookUpKind(key.slice(0, space), key.slice(space + 1));
});

function lookUpResource(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  const [base, ...groupParts] = lower.split('.');
  const named = (info: ResourceInfo) => info.resource === base || info.singular === base || info.shortNames.includes(base ?? '') || info.kind.toLowerCase() === base;
  // schema.ParseResourceArg: `deployment.v1.apps` is resource.version.group before it is resource.group.
  const [version, ...rest] = groupParts;
  const versioned = rest.length > 0 ? [...RESOURCES, ...OTHER_VERSIONS].find((info) => info.version === version && info.group === rest.join('.') && named(info)) : undefined;
  if (versioned) return versioned;
  const group = groupParts.join('.');
  return RESOURCES.find((info) => (group === '' || info.group === group) && named(info));
}

export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return foundByKind(`${apiVersion} ${kind}`);
}

function lookUpKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return [...RESOURCES, ...OTHER_VERSIONS].find((info) => info.kind === kind && info.group === group && info.version === version);
}

/** The etcd key of an object: /registry/<prefix>/<namespace>/<name> or /registry/<prefix>/<name>. */
export function etcdKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace}/${name}` : `/registry/${info.etcdPrefix}/${name}`;
}

/** The key prefix a list or watch ranges over: all namespaces, or one. */
export function etcdPrefix(info: ResourceInfo, namespace?: string): string {
  return info.namespaced && namespace ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`;
}
