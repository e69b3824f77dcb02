/**
 * LimitRanger (plugin/pkg/admission/limitranger): applies the namespace's LimitRanges to pods.
 * Mutating: containers without a request or limit get the LimitRange's defaultRequest and
 * default, and the pod is annotated `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu,
 * memory request for container app; ...`. Validating: min, max and maxLimitRequestRatio per
 * Container and per Pod, rejected with upstream's messages (`maximum cpu usage per Container is
 * 1, but limit is 2`) as a Forbidden.
 *
 * Pods are handled on create only: their containers' resources cannot change on update (the
 * `resize` subresource is not simulated). PersistentVolumeClaims are not simulated either.
 */
import type { Quantity } from '../../../../api/quantity';
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { aggregateMessages } from '../../../../api/field-errors';
import { newAdmissionForbidden } from '../admission-errors';
import { clonePod, isPodRequest, podSpec, type ContainerJSON, type PodSpecJSON, type ResourceListJSON } from '../pod-spec';
import { podLimits, podRequests, resourceList, type ResourceList } from '../pod-resources';

export const LIMIT_RANGER = 'LimitRanger';
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitRangeItemJSON {
  type?: string;
  max?: ResourceListJSON;
  min?: ResourceListJSON;
  default?: ResourceListJSON;
  defaultRequest?: ResourceListJSON;
  maxLimitRequestRatio?: ResourceListJSON;
}

interface LimitRangeItem {
  type: string;
  max: ResourceList;
  min: ResourceList;
  default: ResourceList;
  defaultRequest: ResourceList;
  maxLimitRequestRatio: ResourceList;
}

/**
 * The LimitRange's items with SetDefaults_LimitRangeItem applied (default limit from max,
 * defaultRequest from default, then from min). A stored LimitRange already carries these; doing
 * it again is a no-op and keeps the plugin right whatever defaulting ran before storage.
 */
export function limitRangeItems(limitRange: KubeObject): LimitRangeItem[] {
  const items = ((limitRange['spec'] as { limits?: LimitRangeItemJSON[] } | undefined)?.limits ?? []).map((item) => ({
    type: item.type ?? '',
    max: resourceList(item.max),
    min: resourceList(item.min),
    default: resourceList(item.default),
    defaultRequest: resourceList(item.defaultRequest),
    maxLimitRequestRatio: resourceList(item.maxLimitRequestRatio),
  }));
  for (const item of items) {
    if (item.type !== 'Container') continue;
    for (const [k, v] of item.max) if (!item.default.has(k)) item.default.set(k, v);
    for (const [k, v] of item.default) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, v);
    for (const [k, v] of item.min) if (!item.defaultRequest.has(k)) item.defaultRequest.set(k, v);
  }
  return items;
}

function supports(a: AdmissionAttributes): boolean {
  // Pod updates cannot change container resources; upstream skips them (only `resize`, not simulated).
  return isPodRequest(a) && a.operation === 'CREATE' && a.object !== undefined;
}

/** defaultContainerResourceRequirements: later Container items override earlier ones. */
function containerDefaults(items: readonly LimitRangeItem[]): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const item of items) {
    if (item.type !== 'Container') continue;
    for (const [k, v] of item.defaultRequest) requests.set(k, v);
    for (const [k, v] of item.default) limits.set(k, v);
  }
  return { requests, limits };
}

/** mergeContainerResources: fills what the container lacks, says what it set. */
function mergeContainer(container: ContainerJSON, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string, notes: string[]): void {
  const fill = (field: 'limits' | 'requests', from: ResourceList): string[] => {
    const current = container.resources?.[field] ?? {};
    const missing = [...from].filter(([k]) => !(k in current));
    if (missing.length === 0) return [];
    const resources = (container.resources ??= {});
    const list = (resources[field] ??= {});
    for (const [k, v] of missing) list[k] = v.toString();
    return missing.map(([k]) => k);
  };
  const setLimits = fill('limits', defaults.limits);
  const setRequests = fill('requests', defaults.requests);
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name}`);
}

/** PodMutateLimitFunc for one LimitRange. */
function mutatePod(pod: ReturnType<typeof clonePod>, items: readonly LimitRangeItem[]): boolean {
  const defaults = containerDefaults(items);
  const spec = pod.spec as PodSpecJSON;
  const notes: string[] = [];
  for (const c of spec.containers ?? []) mergeContainer(c, defaults, 'container', notes);
  for (const c of spec.initContainers ?? []) mergeContainer(c, defaults, 'init container', notes);
  if (notes.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
  return notes.length > 0;
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  if (!req) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (enforced.cmp(req) > 0) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && enforced.cmp(lim) > 0) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  if (!lim) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (lim.cmp(enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && req.cmp(enforced) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** ratioString: |limit / request| to six decimals, rounded half to even. */
export function ratioString(limit: Quantity, request: Quantity): string {
  const num = abs(limit.nanos) * 1_000_000n;
  const den = abs(request.nanos);
  let q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const whole = q / 1_000_000n;
  const frac = (q % 1_000_000n).toString().padStart(6, '0');
  return `${whole}.${frac}`;
}

function limitRequestRatioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  if (!req || req.sign() === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || lim.sign() === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  // limit > request * ratio, exactly: all three are counts of nano-units.
  if (abs(lim.nanos) * 1_000_000_000n > abs(req.nanos) * enforced.nanos) {
    return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratioString(lim, req)}`;
  }
  return undefined;
}

function checkAll(item: LimitRangeItem, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  const push = (e: string | undefined) => e !== undefined && errors.push(e);
  for (const [k, v] of item.min) push(minConstraint(item.type, k, v, requests, limits));
  for (const [k, v] of item.max) push(maxConstraint(item.type, k, v, requests, limits));
  for (const [k, v] of item.maxLimitRequestRatio) push(limitRequestRatioConstraint(item.type, k, v, requests, limits));
}

/** PodValidateLimitFunc for one LimitRange (create: nothing stored to compare with). */
export function podLimitErrors(items: readonly LimitRangeItem[], spec: PodSpecJSON): string[] {
  const errors: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        checkAll(item, resourceList(c.resources?.requests), resourceList(c.resources?.limits), errors);
      }
    }
    if (item.type === 'Pod') {
      checkAll(item, podRequests(spec, { excludeOverhead: true }), podLimits(spec, { excludeOverhead: true }), errors);
    }
  }
  return errors;
}

export function limitRanger(): AdmissionPlugin {
  return {
    name: LIMIT_RANGER,
    admit(a: AdmissionAttributes, context: AdmissionContext) {
      if (!supports(a) || !a.object) return undefined;
      const ranges = context.list('limitranges', a.namespace);
      if (ranges.length === 0) return undefined;
      const pod = clonePod(a.object);
      let changed = false;
      for (const range of ranges) changed = mutatePod(pod, limitRangeItems(range)) || changed;
      return changed ? pod : undefined;
    },
    validate(a: AdmissionAttributes, context: AdmissionContext) {
      if (!supports(a)) return;
      const spec = podSpec(a.object);
      for (const range of context.list('limitranges', a.namespace)) {
        const errors = podLimitErrors(limitRangeItems(range), spec);
        if (errors.length > 0) throw newAdmissionForbidden(a, aggregateMessages(errors));
      }
    },
  };
}
