/**
 * The quota evaluators (pkg/quota/v1/evaluator/core and apiserver pkg/quota/v1/generic): for a
 * kind of object, which quota resource names it consumes, how much one object uses, which
 * operations can change usage, and which quota scopes it falls in. Pods and Services have their
 * own; every other resource gets the object-count evaluator (`count/<resource>[.<group>]`, plus
 * the legacy bare names `configmaps`, `secrets`, `resourcequotas`, ...).
 */
import { virtualMsOf } from '../../../../api/time';
import { Quantity } from '../../../../api/quantity';
import type { ResourceInfo } from '../../../../api/resources';
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes } from '../../types';
import { addResourceList, podLimits, podRequests, resourceList, type ResourceList } from '../pod-resources';
import { podSpec, type ContainerJSON, type PodJSON } from '../pod-spec';

/** corev1.ScopedResourceSelectorRequirement. */
export interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

export interface QuotaEvaluator {
  /** The quota resource names this evaluator can account for, out of a quota's hard names. */
  matchingResources(names: readonly string[]): string[];
  handles(a: AdmissionAttributes): boolean;
  usage(object: KubeObject, now: number): ResourceList;
  /** Whether the object falls within one scope selector; evaluators without scopes match none. */
  matchesScope(selector: ScopeSelector, object: KubeObject): boolean;
  /** The pod evaluator's backward-compatible demand for explicit cpu/memory requests and limits. */
  constraints(required: readonly string[], object: KubeObject): string | undefined;
}

const one = (): Quantity => Quantity.of(1);

/** generic.ObjectCountQuotaResourceNameFor. */
export function objectCountName(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`;
}

/** The bare names quota has always accepted for these kinds' object counts. */
export const LEGACY_COUNT_NAMES: Readonly<Record<string, string>> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
  persistentvolumeclaims: 'persistentvolumeclaims',
};

function objectCountEvaluator(info: ResourceInfo): QuotaEvaluator {
  const alias = info.group === '' ? LEGACY_COUNT_NAMES[info.resource] : undefined;
  const names = [objectCountName(info), ...(alias ? [alias] : [])];
  return {
    matchingResources: (hard) => hard.filter((n) => names.includes(n)),
    handles: (a) => a.operation === 'CREATE',
    usage: () => new Map(names.map((n) => [n, one()])),
    matchesScope: () => false,
    constraints: () => undefined,
  };
}

interface ServicePortJSON {
  nodePort?: number;
}

function serviceEvaluator(): QuotaEvaluator {
  const names = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];
  return {
    matchingResources: (hard) => hard.filter((n) => names.includes(n)),
    // A service's type can change on update, and with it its node ports and load balancers.
    handles: (a) => a.operation === 'CREATE' || a.operation === 'UPDATE',
    usage(object) {
      const spec = (object['spec'] as { type?: string; ports?: ServicePortJSON[]; allocateLoadBalancerNodePorts?: boolean } | undefined) ?? {};
      const ports = spec.ports ?? [];
      const usage: ResourceList = new Map([
        ['count/services', one()],
        ['services', one()],
        ['services.loadbalancers', Quantity.zero()],
        ['services.nodeports', Quantity.zero()],
      ]);
      if (spec.type === 'NodePort') usage.set('services.nodeports', Quantity.of(ports.length));
      if (spec.type === 'LoadBalancer') {
        // Without allocated node ports only the ports that name one count.
        const nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
        usage.set('services.nodeports', Quantity.of(nodePorts));
        usage.set('services.loadbalancers', one());
      }
      return usage;
    },
    matchesScope: () => false,
    constraints: () => undefined,
  };
}

const POD_RESOURCES = [
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];
const NATIVE_PREFIXES = ['kubernetes.io/', 'requests.kubernetes.io/'];
const isNative = (n: string) => !n.includes('/') || NATIVE_PREFIXES.some((p) => n.startsWith(p));

/** The names that a missing cpu/memory request or limit makes a pod unacceptable for. */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podComputeUsageHelper. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const usage: ResourceList = new Map([['pods', one()]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      usage.set(r, req);
      usage.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) usage.set(`limits.${r}`, lim);
  }
  for (const [name, q] of requests) {
    if (name.startsWith('hugepages-')) {
      usage.set(name, q);
      usage.set(`requests.${name}`, q);
    } else if (!isNative(name) && !name.startsWith('requests.')) {
      // Extended resources are only quota'd as requests.<name>.
      usage.set(`requests.${name}`, q);
    }
  }
  return usage;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace period, use no compute quota. */
function chargedForCompute(pod: PodJSON, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = pod.metadata['deletionTimestamp'];
  const grace = pod.metadata['deletionGracePeriodSeconds'];
  if (typeof deletion === 'string' && typeof grace === 'number' && now > virtualMsOf(deletion) + grace * 1000) return false;
  return true;
}

/** qos.GetPodQOS == BestEffort: no container asks for or limits cpu or memory. */
function isBestEffort(pod: PodJSON): boolean {
  const spec = podSpec(pod);
  const containers: ContainerJSON[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  return containers.every((c) =>
    ['requests', 'limits'].every((field) => {
      const list = resourceList(c.resources?.[field as 'requests' | 'limits']);
      return ['cpu', 'memory'].every((r) => !list.get(r) || list.get(r)?.isZero());
    }),
  );
}

function usesCrossNamespaceAffinity(pod: PodJSON): boolean {
  const affinity = podSpec(pod).affinity as Record<string, Record<string, unknown[]> | undefined> | undefined;
  const crosses = (term: unknown): boolean => {
    const t = term as { namespaces?: string[]; namespaceSelector?: unknown; podAffinityTerm?: unknown } | undefined;
    if (!t) return false;
    if (t.podAffinityTerm) return crosses(t.podAffinityTerm);
    return (t.namespaces?.length ?? 0) > 0 || t.namespaceSelector !== undefined;
  };
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity?.[kind];
    if (!a) continue;
    for (const list of ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution']) {
      if ((a[list] ?? []).some(crosses)) return true;
    }
  }
  return false;
}

/** A PriorityClass scope selector: a label selector over {PriorityClass: <name>}. */
function priorityClassMatches(selector: ScopeSelector, className: string): boolean {
  const values = selector.values ?? [];
  switch (selector.operator) {
    case 'Exists':
      return className !== '';
    case 'DoesNotExist':
      return className === '';
    case 'In':
      return className !== '' && values.includes(className);
    case 'NotIn':
      return className === '' || !values.includes(className);
    default:
      return false;
  }
}

function podEvaluator(): QuotaEvaluator {
  return {
    matchingResources: (hard) =>
      hard.filter((n) => POD_RESOURCES.includes(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || (n.startsWith('requests.') && !isNative(n.slice('requests.'.length)))),
    handles: (a) => a.subresource === '' && a.operation === 'CREATE',
    usage(object, now) {
      const pod = object as PodJSON;
      const usage: ResourceList = new Map([['count/pods', one()]]);
      if (!chargedForCompute(pod, now)) return usage;
      const spec = podSpec(pod);
      return addResourceList(usage, computeUsage(podRequests(spec), podLimits(spec)));
    },
    matchesScope(selector, object) {
      const pod = object as PodJSON;
      const activeDeadline = podSpec(pod).activeDeadlineSeconds;
      const terminating = activeDeadline !== undefined && activeDeadline >= 0;
      switch (selector.scopeName) {
        case 'Terminating':
          return terminating;
        case 'NotTerminating':
          return !terminating;
        case 'BestEffort':
          return isBestEffort(pod);
        case 'NotBestEffort':
          return !isBestEffort(pod);
        case 'PriorityClass':
          return priorityClassMatches(selector, podSpec(pod).priorityClassName ?? '');
        case 'CrossNamespacePodAffinity':
          return usesCrossNamespaceAffinity(pod);
        default:
          return false;
      }
    },
    constraints(required, object) {
      const needed = required.filter((r) => VALIDATION_SET.has(r));
      const missing = new Map<string, Set<string>>();
      const spec = podSpec(object);
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        const has = computeUsage(resourceList(c.resources?.requests), resourceList(c.resources?.limits));
        for (const r of needed) {
          if (has.has(r)) continue;
          if (!missing.has(r)) missing.set(r, new Set());
          missing.get(r)?.add(c.name);
        }
      }
      if (missing.size === 0) return undefined;
      const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
      return `must specify ${parts.join('; ')}`;
    },
  };
}

/** Resources quota never counts (install.DefaultIgnoredResources). */
const IGNORED = new Set(['bindings', 'events', 'events.events.k8s.io', 'componentstatuses']);

/**
 * The evaluators, made once: each depends only on the resource's group and name (they read the
 * objects and the quotas they are given, never keep them), and every namespaced write asks.
 */
const POD_EVALUATOR = podEvaluator();
const SERVICE_EVALUATOR = serviceEvaluator();
const objectCountEvaluators = new Map<string, QuotaEvaluator>();

/** The registry: the evaluator for a resource, or undefined when quota ignores it. */
export function evaluatorFor(info: ResourceInfo): QuotaEvaluator | undefined {
  if (info.group === '') {
    if (info.resource === 'pods') return POD_EVALUATOR;
    if (info.resource === 'services') return SERVICE_EVALUATOR;
  }
  const key = info.group ? `${info.resource}.${info.group}` : info.resource;
  if (IGNORED.has(key)) return undefined;
  let evaluator = objectCountEvaluators.get(key);
  if (!evaluator) objectCountEvaluators.set(key, (evaluator = objectCountEvaluator(info)));
  return evaluator;
}
