/**
 * Resource lists of quantities and the pod's effective requests and limits, as
 * component-helpers resource.PodRequests / PodLimits compute them (and LimitRanger's copy of
 * them): the containers' sum, raised to the largest init container (sidecars, init containers
 * with restartPolicy Always, add to both), plus the pod overhead when asked for.
 */
import { QuantityParseError, quantityFromJSON, type Quantity } from '../../../api/quantity';
import type { PodSpecJSON, ResourceListJSON } from './pod-spec';

/** corev1.ResourceList: insertion order is kept so messages follow the order things were written. */
export type ResourceList = Map<string, Quantity>;

/** Parse a JSON resource list; values that are not quantities are left out (validation rejects them). */
export function resourceList(json: ResourceListJSON | undefined): ResourceList {
  const list: ResourceList = new Map();
  for (const [name, value] of Object.entries(json ?? {})) {
    try {
      list.set(name, quantityFromJSON(value));
    } catch (error) {
      if (!(error instanceof QuantityParseError)) throw error;
    }
  }
  return list;
}

/** quota.Add / addResourceList: sums, keeping the first operand's format. */
export function addResourceList(list: ResourceList, more: ResourceList): ResourceList {
  for (const [name, q] of more) {
    const have = list.get(name);
    list.set(name, have ? have.add(q) : q);
  }
  return list;
}

/** maxResourceList: the larger of each. */
export function maxResourceList(list: ResourceList, other: ResourceList): ResourceList {
  for (const [name, q] of other) {
    const have = list.get(name);
    if (!have || q.cmp(have) > 0) list.set(name, q);
  }
  return list;
}

type Field = 'requests' | 'limits';

function aggregate(spec: PodSpecJSON, field: Field): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers ?? []) addResourceList(total, resourceList(c.resources?.[field]));
  const restartable: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = resourceList(c.resources?.[field]);
    let effective: ResourceList;
    if (c.restartPolicy === 'Always') {
      addResourceList(total, own);
      addResourceList(restartable, own);
      effective = new Map(restartable);
    } else {
      effective = addResourceList(addResourceList(new Map(), own), restartable);
    }
    maxResourceList(initMax, effective);
  }
  return maxResourceList(total, initMax);
}

/** resource.PodRequests. */
export function podRequests(spec: PodSpecJSON, options: { excludeOverhead?: boolean } = {}): ResourceList {
  const requests = aggregate(spec, 'requests');
  if (!options.excludeOverhead && spec.overhead) addResourceList(requests, resourceList(spec.overhead));
  return requests;
}

/** resource.PodLimits: overhead is added only to resources that already have a limit. */
export function podLimits(spec: PodSpecJSON, options: { excludeOverhead?: boolean } = {}): ResourceList {
  const limits = aggregate(spec, 'limits');
  if (!options.excludeOverhead && spec.overhead) {
    for (const [name, q] of resourceList(spec.overhead)) {
      const have = limits.get(name);
      if (have) limits.set(name, have.add(q));
    }
  }
  return limits;
}

