/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes
 * whose resource use stays balanced with the pod on them: 100 × (1 − standard deviation of the
 * requested/allocatable fractions), with real requests. No NormalizeScore. (The PreScore Skip
 * for best-effort pods is v1.33; in v1.32 they are scored.)
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';
import { DEFAULT_RESOURCES, podRequestList, resourceAllocationScore, type ResourceSpec, type Scorer } from '../node-resources-fit/resource-allocation';

export const Name = 'NodeResourcesBalancedAllocation';
const preScoreStateKey = 'PreScore' + Name;
const MAX_NODE_SCORE = 100;

export interface NodeResourcesBalancedAllocationArgs {
  resources?: ResourceSpec[];
}

/** balancedResourceScorer, without a per-node array: two passes over the resources. */
const balancedResourceScorer: Scorer = (requested, allocatable) => {
  let n = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] as number;
    if (alloc === 0) continue;
    const f = Math.min((requested[i] as number) / alloc, 1);
    if (n === 0) f0 = f;
    else if (n === 1) f1 = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) {
    std = Math.abs((f0 - f1) / 2);
  } else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i] as number;
      if (alloc === 0) continue;
      const d = Math.min((requested[i] as number) / alloc, 1) - mean;
      sum += d * d;
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};

export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Name;
  private readonly resources: readonly ResourceSpec[];

  constructor(args: NodeResourcesBalancedAllocationArgs = {}) {
    this.resources = args.resources ?? DEFAULT_RESOURCES;
  }

  preScore(state: CycleState, pod: V1Pod): MaybeStatus {
    state.write(preScoreStateKey, podRequestList(pod, this.resources, true));
    return null;
  }

  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number {
    const request = state.read<number[]>(preScoreStateKey) ?? podRequestList(pod, this.resources, true);
    return resourceAllocationScore(nodeInfo, request, this.resources, true, balancedResourceScorer);
  }
}

export function New(args: unknown, _handle: Handle): BalancedAllocation {
  return new BalancedAllocation((args ?? {}) as NodeResourcesBalancedAllocationArgs);
}
