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

const balancedResourceScorer: Scorer = (requested, allocatable) => {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] as number;
    if (alloc === 0) continue;
    const f = Math.min((requested[i] as number) / alloc, 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
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
