/**
 * NodeResourcesFit (plugins/noderesources/fit.go). Filter: the node must have room for the pod's
 * real requests (allocatable minus what its pods request) and one more pod; every resource short
 * gives its own reason (`Too many pods`, `Insufficient cpu`, `Insufficient memory`, ...), all
 * Unschedulable so preemption may help. Score: the profile's scoring strategy — LeastAllocated
 * by default (cpu and memory, weight 1 each), MostAllocated or RequestedToCapacityRatio.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { podRequests, type Resource } from '../../framework/resource';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';
import {
  DEFAULT_RESOURCES,
  leastResourceScorer,
  mostResourceScorer,
  podRequestList,
  requestedToCapacityRatioScorer,
  resourceAllocationScore,
  type ResourceSpec,
  type Scorer,
  type UtilizationShapePoint,
} from './resource-allocation';

export const Name = 'NodeResourcesFit';
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

/** NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
  };
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const NONE_INSUFFICIENT: readonly InsufficientResource[] = Object.freeze([]);

/** fitsRequest: each resource the node cannot give, in upstream's order (pods, cpu, memory, ephemeral-storage, extended). */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo, ignored: ReadonlySet<string> = NO_NAMES, ignoredGroups: ReadonlySet<string> = NO_NAMES): readonly InsufficientResource[] {
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  // The common answer, a node with room, without an array: Filter asks this for every node.
  if (
    nodeInfo.pods.length + 1 <= alloc.allowedPodNumber &&
    podRequest.milliCPU <= alloc.milliCPU - used.milliCPU &&
    podRequest.memory <= alloc.memory - used.memory &&
    podRequest.ephemeralStorage <= alloc.ephemeralStorage - used.ephemeralStorage &&
    podRequest.scalarResources.size === 0
  ) {
    return NONE_INSUFFICIENT;
  }
  const out: InsufficientResource[] = [];
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && podRequest.scalarResources.size === 0) return out;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: podRequest.memory, used: used.memory, capacity: alloc.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({ resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', requested: podRequest.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage });
  }
  for (const [name, q] of podRequest.scalarResources) {
    if (q === 0) continue;
    // Only extended resources (with a domain, not kubernetes.io/) can be ignored by configuration.
    if (name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('hugepages-')) {
      if (ignored.has(name) || ignoredGroups.has(name.split('/')[0] as string)) continue;
    }
    const free = (alloc.scalarResources.get(name) ?? 0) - (used.scalarResources.get(name) ?? 0);
    if (q > free) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: used.scalarResources.get(name) ?? 0, capacity: alloc.scalarResources.get(name) ?? 0 });
  }
  return out;
}

export class Fit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  private readonly resources: readonly ResourceSpec[];
  private readonly scorer: Scorer;
  private readonly ignored: ReadonlySet<string>;
  private readonly ignoredGroups: ReadonlySet<string>;

  constructor(args: NodeResourcesFitArgs = {}) {
    const strategy = args.scoringStrategy ?? {};
    this.resources = strategy.resources ?? DEFAULT_RESOURCES;
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    switch (strategy.type ?? 'LeastAllocated') {
      case 'MostAllocated':
        this.scorer = mostResourceScorer(this.resources);
        break;
      case 'RequestedToCapacityRatio':
        this.scorer = requestedToCapacityRatioScorer(this.resources, strategy.requestedToCapacityRatio?.shape ?? [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]);
        break;
      default:
        this.scorer = leastResourceScorer(this.resources);
    }
  }

  preFilter(state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    state.write(preFilterStateKey, podRequests(pod));
    return [null, null];
  }

  filter(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const request = state.read<Resource>(preFilterStateKey) ?? podRequests(pod);
    const insufficient = fitsRequest(request, nodeInfo, this.ignored, this.ignoredGroups);
    if (insufficient.length === 0) return null;
    return newStatus('Unschedulable', ...insufficient.map((r) => r.reason));
  }

  preScore(state: CycleState, pod: V1Pod): MaybeStatus {
    state.write(preScoreStateKey, podRequestList(pod, this.resources, false));
    return null;
  }

  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number {
    const request = state.read<number[]>(preScoreStateKey) ?? podRequestList(pod, this.resources, false);
    return resourceAllocationScore(nodeInfo, request, this.resources, false, this.scorer);
  }
}

export function New(args: unknown, _handle: Handle): Fit {
  return new Fit((args ?? {}) as NodeResourcesFitArgs);
}
