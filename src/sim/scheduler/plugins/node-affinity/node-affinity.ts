/**
 * NodeAffinity (plugins/nodeaffinity). Filter: spec.nodeSelector and the required node affinity
 * terms (and a profile's addedAffinity) must match the node's labels, else the node is rejected
 * unresolvably. PreFilter skips the Filter for a pod with no nodeSelector, no required node
 * affinity and no addedAffinity (Skip, from v1.27), and narrows the nodes when every required
 * term names nodes by `metadata.name`. Score: the sum of the weights of the preferred terms the node matches,
 * normalized to [0, 100]; PreScore skips a pod with no preferred terms.
 */
import type { CycleState } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type FilterPlugin, type Handle, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1NodeSelectorTerm, V1Pod, V1PreferredSchedulingTerm } from '../../framework/v1';
import { nodeSelectorTermMatches, nodeSelectorTermsMatch, RequiredNodeAffinity } from '../../../api/nodeaffinity/node-affinity';
import { defaultNormalizeScore } from '../helper/normalize-score';

export const Name = 'NodeAffinity';
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
export const ErrReasonConflict = "pod affinity terms conflict";
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

/** NodeAffinityArgs.addedAffinity: affinity the profile adds to every pod. */
export interface NodeAffinityArgs {
  addedAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: V1NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: V1PreferredSchedulingTerm[];
  };
}

function preferredTerms(pod: V1Pod): V1PreferredSchedulingTerm[] {
  return pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(private readonly args: NodeAffinityArgs = {}) {}

  preFilter(state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    const requiredAffinity = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // NodeAffinity's Filter has nothing to do with the pod.
    if (requiredAffinity == null && this.args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution == null && pod.spec?.nodeSelector == null) return [null, newStatus('Skip')];
    const required = new RequiredNodeAffinity(pod);
    state.write(preFilterStateKey, required);
    const terms = requiredAffinity?.nodeSelectorTerms;
    if (!terms?.length) return [null, null];
    // Only when every term is a matchFields metadata.name In list can the nodes be named up front.
    const names = new Set<string>();
    for (const t of terms) {
      const fields = t.matchFields ?? [];
      const byName = fields.find((f) => f.key === 'metadata.name' && f.operator === 'In');
      if (!byName || fields.length !== 1) return [null, null];
      const values = byName.values ?? [];
      if (values.length === 0) return [null, newStatus('UnschedulableAndUnresolvable', ErrReasonConflict)];
      for (const v of values) names.add(v);
    }
    return [{ nodeNames: names }, null];
  }

  filter(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const node = nodeInfo.node;
    if (!node) return newStatus('Error', 'node not found');
    const added = this.args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (added && !nodeSelectorTermsMatch(added, node)) return newStatus('UnschedulableAndUnresolvable', ErrReasonEnforced);
    const required = state.read<RequiredNodeAffinity>(preFilterStateKey) ?? new RequiredNodeAffinity(pod);
    if (!required.match(node)) return newStatus('UnschedulableAndUnresolvable', ErrReasonPod);
    return null;
  }

  preScore(state: CycleState, pod: V1Pod): MaybeStatus {
    const terms = [...preferredTerms(pod), ...(this.args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])];
    if (terms.length === 0) return newStatus('Skip');
    state.write(preScoreStateKey, terms);
    return null;
  }

  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number {
    const node = nodeInfo.node;
    if (!node) return 0;
    const terms = state.read<V1PreferredSchedulingTerm[]>(preScoreStateKey) ?? [...preferredTerms(pod), ...(this.args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])];
    let count = 0;
    // A preferred term with weight 0 is ignored (NewPreferredSchedulingTerms).
    for (const t of terms) if (t.weight !== 0 && nodeSelectorTermMatches(t.preference, node)) count += t.weight;
    return count;
  }

  normalizeScore(_state: CycleState, _pod: V1Pod, scores: NodeScore[]): MaybeStatus {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}

export function New(args: unknown, _handle: Handle): NodeAffinity {
  return new NodeAffinity((args ?? {}) as NodeAffinityArgs);
}
