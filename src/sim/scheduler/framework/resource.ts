/**
 * framework.Resource (pkg/scheduler/framework/types.go) and the pod's request
 * (component-helpers resource.PodRequests + scheduler util pod_resources.go): plain numbers,
 * milli-cores for cpu and integer units for everything else, as upstream keeps int64s. The
 * Quantity strings are parsed once through api/quantity (results are memoized per string) so a
 * cycle over thousands of nodes does no BigInt arithmetic.
 */
import { Quantity } from '../../api/quantity';
import type { ResourceList, V1Container, V1Pod } from './v1';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/** pkg/scheduler/util/pod_resources.go: what scoring assumes a container without a request asks. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** The scalar resources of a Resource that has none: shared, never written. */
const NO_SCALARS: ReadonlyMap<string, number> = new Map();

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  /** Only on allocatable: status.allocatable.pods. */
  allowedPodNumber = 0;
  /**
   * Extended and hugepages resources (`nvidia.com/gpu`). A map of its own only once one is set:
   * most resources have none, and the scheduler keeps several per pod (the real and the non-zero
   * requests of each pod object, each NodeInfo's three), an empty Map each before.
   */
  scalarResources: ReadonlyMap<string, number> = NO_SCALARS;

  private setScalar(name: string, value: number): void {
    if (this.scalarResources === NO_SCALARS) this.scalarResources = new Map();
    (this.scalarResources as Map<string, number>).set(name, value);
  }

  static fromList(list: ResourceList | undefined): Resource {
    const r = new Resource();
    if (!list) return r;
    for (const [name, q] of Object.entries(list)) r.set(name, quantityValue(name, q));
    return r;
  }

  get(name: string): number {
    switch (name) {
      case CPU:
        return this.milliCPU;
      case MEMORY:
        return this.memory;
      case EPHEMERAL_STORAGE:
        return this.ephemeralStorage;
      case PODS:
        return this.allowedPodNumber;
      default:
        return this.scalarResources.get(name) ?? 0;
    }
  }

  set(name: string, value: number): void {
    switch (name) {
      case CPU:
        this.milliCPU = value;
        break;
      case MEMORY:
        this.memory = value;
        break;
      case EPHEMERAL_STORAGE:
        this.ephemeralStorage = value;
        break;
      case PODS:
        this.allowedPodNumber = value;
        break;
      default:
        this.setScalar(name, value);
    }
  }

  /** Adds (sign 1) or subtracts (sign -1) another resource, as NodeInfo.update does. */
  add(other: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    for (const [name, v] of other.scalarResources) this.setScalar(name, (this.scalarResources.get(name) ?? 0) + sign * v);
  }

  /** Each resource the max of the two (init containers against the sum of the regular ones). */
  setMax(other: Resource): void {
    this.milliCPU = Math.max(this.milliCPU, other.milliCPU);
    this.memory = Math.max(this.memory, other.memory);
    this.ephemeralStorage = Math.max(this.ephemeralStorage, other.ephemeralStorage);
    for (const [name, v] of other.scalarResources) this.setScalar(name, Math.max(this.scalarResources.get(name) ?? 0, v));
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    for (const [k, v] of this.scalarResources) r.setScalar(k, v);
    return r;
  }
}

const parsed = new Map<string, number>();

/** A quantity as the scheduler's int64: MilliValue for cpu, Value (rounded up) for the rest. */
export function quantityValue(resource: string, q: string | number): number {
  const key = `${resource === CPU ? 'm' : 'v'}${q}`;
  let v = parsed.get(key);
  if (v === undefined) {
    const quantity = Quantity.parse(String(q));
    v = resource === CPU ? quantity.milliValue() : quantity.value();
    if (parsed.size < 10_000) parsed.set(key, v);
  }
  return v;
}

function containerRequests(c: V1Container, nonZero: boolean): Resource {
  const requests = c.resources?.requests;
  const r = Resource.fromList(requests);
  if (nonZero) {
    // NonMissingContainerRequests: only an absent request gets the default; an explicit 0 stays 0.
    if (requests?.[CPU] === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.[MEMORY] === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * The requests worked out for a containers list, with the init containers and overhead they were
 * summed with. A pod's versions share their spec's lists by reference (the scheduler's assumed
 * copy, the bound pod, each status update), so the sum is made once per pod, not once per version.
 */
interface SpecRequests {
  readonly initContainers: readonly V1Container[] | undefined;
  readonly overhead: ResourceList | undefined;
  real: Resource | undefined;
  nonZero: Resource | undefined;
}

const byContainers = new WeakMap<readonly V1Container[], SpecRequests>();

/**
 * resource.PodRequests: the sum of the regular containers' requests (plus restartable init
 * containers, the sidecars), max'ed with each init container's (plus the sidecars started before
 * it), plus spec.overhead. With `nonZero`, containers without a cpu/memory request count 100m/200Mi
 * (scoring only). Memoized per containers list (with its init containers and overhead): objects
 * are immutable, and these are all it reads. The Resource returned is shared: never written.
 */
export function podRequests(pod: V1Pod, nonZero = false): Resource {
  const spec = pod.spec;
  const containers = spec?.containers;
  let memo = containers ? byContainers.get(containers) : undefined;
  if (memo !== undefined && memo.initContainers === spec?.initContainers && memo.overhead === spec?.overhead) {
    const hit = nonZero ? memo.nonZero : memo.real;
    if (hit) return hit;
  } else if (containers) {
    memo = { initContainers: spec?.initContainers, overhead: spec?.overhead, real: undefined, nonZero: undefined };
    byContainers.set(containers, memo);
  }
  const sum = computePodRequests(pod, nonZero);
  if (memo) {
    if (nonZero) memo.nonZero = sum;
    else memo.real = sum;
  }
  return sum;
}

function computePodRequests(pod: V1Pod, nonZero: boolean): Resource {
  const sum = new Resource();
  for (const c of pod.spec?.containers ?? []) sum.add(containerRequests(c, nonZero));
  const sidecars = new Resource();
  const initMax = new Resource();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      sum.add(r);
      sidecars.add(r);
      initMax.setMax(sidecars);
    } else {
      const withSidecars = r.clone();
      withSidecars.add(sidecars);
      initMax.setMax(withSidecars);
    }
  }
  sum.setMax(initMax);
  if (pod.spec?.overhead) sum.add(Resource.fromList(pod.spec.overhead));
  return sum;
}

/** schedutil.IsScalarResourceName: extended, hugepages-, attachable-volumes- resources. */
export function isScalarResourceName(name: string): boolean {
  return name !== CPU && name !== MEMORY && name !== EPHEMERAL_STORAGE && name !== PODS;
}
