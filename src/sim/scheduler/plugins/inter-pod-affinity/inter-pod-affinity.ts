/**
 * InterPodAffinity (plugins/interpodaffinity: filtering.go, scoring.go). Filter: the node's
 * topology domain must hold pods matching every required affinity term (unless the pod is the
 * first of a group that matches its own terms), none matching a required anti-affinity term, and
 * no existing pod's required anti-affinity may match the incoming pod there. Score: the sum of
 * preferred (anti-)affinity weights over the node's domains — both the incoming pod's terms and
 * the existing pods' terms about it, plus hardPodAffinityWeight for their required affinity —
 * normalized linearly between the lowest and highest node. Namespace labels are not simulated:
 * a namespaceSelector is evaluated against a namespace without labels.
 */
import type { CycleState } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type FilterPlugin, type Handle, type NodeInfoLister, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import { newStatus, Status, type MaybeStatus } from '../../framework/status';
import { podInfoOf, type AffinityTerm, type NodeInfo, type PodInfo } from '../../framework/types';
import type { V1Node, V1Pod } from '../../framework/v1';

export const Name = 'InterPodAffinity';
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

/** topologyToMatchedTermCount. */
class TopologyCounts extends Map<string, number> {
  update(node: V1Node, topologyKey: string, value: number): void {
    const labels = node.metadata.labels ?? {};
    if (!Object.prototype.hasOwnProperty.call(labels, topologyKey)) return;
    const key = pairKey(topologyKey, labels[topologyKey] as string);
    const n = (this.get(key) ?? 0) + value;
    if (n === 0) this.delete(key);
    else this.set(key, n);
  }

  updateWithAffinityTerms(target: V1Pod, node: V1Node, terms: readonly AffinityTerm[], value: number): void {
    if (podMatchesAllAffinityTerms(terms, target)) for (const t of terms) this.update(node, t.topologyKey, value);
  }

  updateWithAntiAffinityTerms(target: V1Pod, node: V1Node, terms: readonly AffinityTerm[], value: number): void {
    for (const t of terms) if (t.matches(target)) this.update(node, t.topologyKey, value);
  }
}

function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: V1Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matches(pod)) return false;
  return true;
}

interface PreFilterState {
  podInfo: PodInfo;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
  existingAntiAffinityCounts: TopologyCounts;
}

interface PreScoreState {
  /** topologyKey -> topology value -> score. */
  topologyScore: Map<string, Map<string, number>>;
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  private readonly hardPodAffinityWeight: number;
  private readonly ignorePreferredTermsOfExistingPods: boolean;

  constructor(
    private readonly lister: () => NodeInfoLister,
    args: InterPodAffinityArgs = {},
  ) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  preFilter(state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    const podInfo = podInfoOf(pod);
    const withRequiredAnti = this.lister().havePodsWithRequiredAntiAffinityList();
    if (podInfo.requiredAffinityTerms.length === 0 && podInfo.requiredAntiAffinityTerms.length === 0 && withRequiredAnti.length === 0) {
      return [null, newStatus('Skip')];
    }
    const s: PreFilterState = { podInfo, affinityCounts: new TopologyCounts(), antiAffinityCounts: new TopologyCounts(), existingAntiAffinityCounts: new TopologyCounts() };
    for (const nodeInfo of withRequiredAnti) {
      if (!nodeInfo.node) continue;
      for (const existing of nodeInfo.podsWithRequiredAntiAffinity) s.existingAntiAffinityCounts.updateWithAntiAffinityTerms(pod, nodeInfo.node, existing.requiredAntiAffinityTerms, 1);
    }
    if (podInfo.requiredAffinityTerms.length || podInfo.requiredAntiAffinityTerms.length) {
      for (const nodeInfo of this.lister().list()) {
        if (!nodeInfo.node) continue;
        for (const existing of nodeInfo.pods) {
          s.affinityCounts.updateWithAffinityTerms(existing.pod, nodeInfo.node, podInfo.requiredAffinityTerms, 1);
          s.antiAffinityCounts.updateWithAntiAffinityTerms(existing.pod, nodeInfo.node, podInfo.requiredAntiAffinityTerms, 1);
        }
      }
    }
    state.write(preFilterStateKey, s);
    return [null, null];
  }

  private updateWithPod(state: CycleState, updated: PodInfo, nodeInfo: NodeInfo, value: 1 | -1): MaybeStatus {
    const prev = state.read<PreFilterState>(preFilterStateKey);
    const node = nodeInfo.node;
    if (!prev || !node) return null;
    // Copy on write: a what-if run's CycleState clone shares values with the real one.
    const s: PreFilterState = {
      podInfo: prev.podInfo,
      affinityCounts: new TopologyCounts(prev.affinityCounts),
      antiAffinityCounts: new TopologyCounts(prev.antiAffinityCounts),
      existingAntiAffinityCounts: new TopologyCounts(prev.existingAntiAffinityCounts),
    };
    state.write(preFilterStateKey, s);
    s.existingAntiAffinityCounts.updateWithAntiAffinityTerms(s.podInfo.pod, node, updated.requiredAntiAffinityTerms, value);
    s.affinityCounts.updateWithAffinityTerms(updated.pod, node, s.podInfo.requiredAffinityTerms, value);
    s.antiAffinityCounts.updateWithAntiAffinityTerms(updated.pod, node, s.podInfo.requiredAntiAffinityTerms, value);
    return null;
  }

  addPod(state: CycleState, _podToSchedule: V1Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _podToSchedule: V1Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToRemove, nodeInfo, -1);
  }

  filter(state: CycleState, _pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const node = nodeInfo.node;
    if (!node) return newStatus('Error', 'node not found');
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.error(`error reading "${preFilterStateKey}" from cycleState: not found`);
    const labels = node.metadata.labels ?? {};
    // satisfyPodAffinity
    let podsExist = true;
    for (const term of s.podInfo.requiredAffinityTerms) {
      if (!Object.prototype.hasOwnProperty.call(labels, term.topologyKey)) return newStatus('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch);
      if ((s.affinityCounts.get(pairKey(term.topologyKey, labels[term.topologyKey] as string)) ?? 0) <= 0) podsExist = false;
    }
    // The first pod of a group that has affinity to itself may go anywhere its topologies exist.
    if (!podsExist && !(s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod))) {
      return newStatus('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch);
    }
    for (const term of s.podInfo.requiredAntiAffinityTerms) {
      const value = labels[term.topologyKey];
      if (value !== undefined && (s.antiAffinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) > 0) return newStatus('Unschedulable', ErrReasonAntiAffinityRulesNotMatch);
    }
    if (s.existingAntiAffinityCounts.size > 0) {
      for (const [k, v] of Object.entries(labels)) if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) return newStatus('Unschedulable', ErrReasonExistingAntiAffinityRulesNotMatch);
    }
    return null;
  }

  preScore(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): MaybeStatus {
    if (nodes.length === 0) return null;
    const podInfo = podInfoOf(pod);
    const affinity = pod.spec?.affinity;
    const hasPreferredAffinityConstraints = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    const hasPreferredAntiAffinityConstraints = (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    const hasConstraints = hasPreferredAffinityConstraints || hasPreferredAntiAffinityConstraints;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return newStatus('Skip');
    const allNodes = hasConstraints ? this.lister().list() : this.lister().havePodsWithAffinityList();
    if (!hasConstraints && allNodes.length === 0) return newStatus('Skip');
    const topologyScore = new Map<string, Map<string, number>>();
    const add = (node: V1Node, key: string, weight: number) => {
      const value = node.metadata.labels?.[key];
      if (value === undefined) return;
      const byValue = topologyScore.get(key) ?? new Map<string, number>();
      byValue.set(value, (byValue.get(value) ?? 0) + weight);
      topologyScore.set(key, byValue);
    };
    for (const nodeInfo of allNodes) {
      const node = nodeInfo.node;
      if (!node) continue;
      const podsToProcess = hasConstraints ? nodeInfo.pods : nodeInfo.podsWithAffinity;
      for (const existing of podsToProcess) {
        // processExistingPod
        for (const t of podInfo.preferredAffinityTerms) if (t.term.matches(existing.pod)) add(node, t.term.topologyKey, t.weight);
        for (const t of podInfo.preferredAntiAffinityTerms) if (t.term.matches(existing.pod)) add(node, t.term.topologyKey, -t.weight);
        if (this.hardPodAffinityWeight > 0 && existing.pod.spec?.affinity?.podAffinity) {
          for (const t of existing.requiredAffinityTerms) if (t.matches(pod)) add(node, t.topologyKey, this.hardPodAffinityWeight);
        }
        if (!this.ignorePreferredTermsOfExistingPods) {
          for (const t of existing.preferredAffinityTerms) if (t.term.matches(pod)) add(node, t.term.topologyKey, t.weight);
          for (const t of existing.preferredAntiAffinityTerms) if (t.term.matches(pod)) add(node, t.term.topologyKey, -t.weight);
        }
      }
    }
    state.write(preScoreStateKey, { topologyScore } satisfies PreScoreState);
    return null;
  }

  score(state: CycleState, _pod: V1Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return Status.error(`reading "${preScoreStateKey}" from cycleState: not found`);
    const labels = nodeInfo.node?.metadata.labels ?? {};
    let score = 0;
    for (const [key, byValue] of s.topologyScore) {
      const value = labels[key];
      if (value !== undefined) score += byValue.get(value) ?? 0;
    }
    return score;
  }

  normalizeScore(state: CycleState, _pod: V1Pod, scores: NodeScore[]): MaybeStatus {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return Status.error(`reading "${preScoreStateKey}" from cycleState: not found`);
    if (s.topologyScore.size === 0) return null;
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (const sc of scores) {
      min = Math.min(min, sc.score);
      max = Math.max(max, sc.score);
    }
    const diff = max - min;
    for (const sc of scores) sc.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((sc.score - min) / diff)) : 0;
    return null;
  }
}

export function New(args: unknown, handle: Handle): InterPodAffinity {
  return new InterPodAffinity(() => handle.snapshotSharedLister(), (args ?? {}) as InterPodAffinityArgs);
}
