/**
 * noderesources/resource_allocation.go and its scorers (least_allocated.go, most_allocated.go,
 * requested_to_capacity_ratio.go), shared by NodeResourcesFit and NodeResourcesBalancedAllocation:
 * per resource, what the node has allocatable and what would be requested with the pod on it.
 * Fit scores with the non-zero requests (100m/200Mi for a container that asks nothing);
 * BalancedAllocation with the real ones. A resource the node lacks, or an extended resource the
 * pod does not ask for, is left out of the weighted average. All arithmetic is int64's.
 */
import { isScalarResourceName, podRequests, type Resource } from '../../framework/resource';

// Local copies: these run per node per cycle, and a module-local constant is the cheapest read.
const CPU = 'cpu';
const MEMORY = 'memory';
const EPHEMERAL_STORAGE = 'ephemeral-storage';
const MAX_NODE_SCORE = 100;
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: CPU, weight: 1 },
  { name: MEMORY, weight: 1 },
];

/** The pod's request for each listed resource (calculatePodResourceRequestList). */
export function podRequestList(pod: V1Pod, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  const r = podRequests(pod, !useRequested);
  return resources.map((s) => r.get(s.name));
}

/** calculateResourceAllocatableRequest: [allocatable, requested with the pod]; [0, 0] means "skip this resource". */
function allocatableRequest(nodeInfo: NodeInfo, resource: string, podRequest: number, useRequested: boolean): [number, number] {
  const requested: Resource = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  // An extended resource the pod does not ask for does not count (upstream #96997).
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case CPU:
      return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
    case MEMORY:
      return [nodeInfo.allocatable.memory, requested.memory + podRequest];
    case EPHEMERAL_STORAGE:
      return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    default:
      if (nodeInfo.allocatable.scalarResources.has(resource)) {
        return [nodeInfo.allocatable.scalarResources.get(resource) ?? 0, (nodeInfo.requested.scalarResources.get(resource) ?? 0) + podRequest];
      }
      return [0, 0];
  }
}

const scratch: [number[], number[]][] = [];

export type Scorer = (requested: readonly number[], allocatable: readonly number[]) => number;

/** resourceAllocationScorer.score: gather the per-resource figures, hand them to the strategy's scorer. */
export function resourceAllocationScore(nodeInfo: NodeInfo, podRequest: readonly number[], resources: readonly ResourceSpec[], useRequested: boolean, scorer: Scorer): number {
  // Scratch arrays, one pair per resource count, shared by every call (scorers read them
  // synchronously and keep nothing): upstream allocates two slices per node here, which at 5,000
  // nodes cost a GC share of its own.
  const n = resources.length;
  let pair = scratch[n];
  if (!pair) {
    pair = [new Array<number>(n).fill(0), new Array<number>(n).fill(0)];
    scratch[n] = pair;
  }
  const requested = pair[0];
  const allocatable = pair[1];
  for (let i = 0; i < n; i++) {
    requested[i] = 0;
    allocatable[i] = 0;
  }
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const podReq = podRequest[i] ?? 0;
    const used: Resource = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
    if (name === CPU) {
      allocatable[i] = nodeInfo.allocatable.milliCPU;
      requested[i] = used.milliCPU + podReq;
    } else if (name === MEMORY) {
      allocatable[i] = nodeInfo.allocatable.memory;
      requested[i] = used.memory + podReq;
    } else {
      const [alloc, req] = allocatableRequest(nodeInfo, name, podReq, useRequested);
      if (alloc === 0) continue;
      allocatable[i] = alloc;
      requested[i] = req;
    }
    if (allocatable[i] === 0) requested[i] = 0;
  }
  return scorer(requested, allocatable);
}

const idiv = (a: number, b: number): number => Math.trunc(a / b);

/** least_allocated.go: (capacity - requested) * 100 / capacity, weighted average. */
export function leastResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      const capacity = allocatable[i] as number;
      if (capacity === 0) continue;
      const req = requested[i] as number;
      const weight = (resources[i] as ResourceSpec).weight;
      const score = req > capacity ? 0 : idiv((capacity - req) * MAX_NODE_SCORE, capacity);
      nodeScore += score * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : idiv(nodeScore, weightSum);
  };
}

/** most_allocated.go: min(requested, capacity) * 100 / capacity, weighted average. */
export function mostResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      const capacity = allocatable[i] as number;
      if (capacity === 0) continue;
      const req = Math.min(requested[i] as number, capacity);
      const weight = (resources[i] as ResourceSpec).weight;
      nodeScore += idiv(req * MAX_NODE_SCORE, capacity) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : idiv(nodeScore, weightSum);
  };
}

export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** helper.BuildBrokenLinearFunction over the shape. */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as UtilizationShapePoint;
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = shape[i - 1] as UtilizationShapePoint;
        return prev.score + idiv((cur.score - prev.score) * (p - prev.utilization), cur.utilization - prev.utilization);
      }
    }
    return (shape[shape.length - 1] as UtilizationShapePoint).score;
  };
}

const MAX_UTILIZATION = 100;
/** config.MaxCustomPriorityScore: shape scores are 0..10 and scaled to 0..100. */
const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** requested_to_capacity_ratio.go. */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): Scorer {
  const scaled = shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) }));
  const raw = brokenLinearFunction(scaled);
  const resourceScore = (requested: number, capacity: number) =>
    capacity === 0 || requested > capacity ? raw(MAX_UTILIZATION) : raw(idiv(requested * MAX_UTILIZATION, capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = (resources[i] as ResourceSpec).weight;
      const s = resourceScore(requested[i] as number, allocatable[i] as number);
      if (s > 0) {
        nodeScore += s * weight;
        weightSum += weight;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}
