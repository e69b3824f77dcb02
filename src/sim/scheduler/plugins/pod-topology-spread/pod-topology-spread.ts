/**
 * PodTopologySpread (plugins/podtopologyspread: common.go, filtering.go, scoring.go).
 * Filter (DoNotSchedule constraints): placing the pod must keep
 * `matching pods in the node's domain + self-match − global minimum ≤ maxSkew`; a node without
 * the topology key is rejected unresolvably. Score (ScheduleAnyway constraints): per constraint
 * `count × ln(domains + 2) + (maxSkew − 1)`, rounded, then normalized so the emptiest domain wins;
 * nodes lacking a topology key are ignored (score 0). Node inclusion policies: nodeAffinityPolicy
 * Honor and nodeTaintsPolicy Ignore by default, as v1.32. A pod without constraints of its own gets
 * the system defaults (defaultingType: System) — ScheduleAnyway on hostname (maxSkew 3) and zone
 * (maxSkew 5) — with the selector of the Services and the ReplicaSet/StatefulSet that select it;
 * none when nothing selects it (PreScore Skip).
 */
import type { CycleState } from '../../framework/cycle-state';
import { labelSelectorAsSelector } from '../../../api/labels/label-selector';
import { Selector, type Labels } from '../../../api/labels/selector';
import { MAX_NODE_SCORE, type FilterPlugin, type Handle, type NodeInfoLister, type NodeScore, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import { newStatus, Status, type MaybeStatus } from '../../framework/status';
import type { NodeInfo, PodInfo } from '../../framework/types';
import type { V1Node, V1Pod, V1TopologySpreadConstraint } from '../../framework/v1';
import { RequiredNodeAffinity } from '../../../api/nodeaffinity/node-affinity';
import { findMatchingUntoleratedTaint } from '../../util/taints';
import { podMatchKey } from '../../framework/pod-match-tallies';

export const Name = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';
const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** systemDefaultConstraints (plugins/podtopologyspread/plugin.go). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly V1TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** undefined: a nil labelSelector, which matches nothing. */
  selector: Selector | undefined;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
  /**
   * The selector's tally key in the pod's namespace (podMatchKey), made once per cycle rather than
   * per node; undefined when the selector counts nothing (nil or empty).
   */
  matchKey: string | undefined;
}

function matchKeyOf(selector: Selector | undefined, ns: string): string | undefined {
  return selector && !selector.empty() ? podMatchKey(selector, ns) : undefined;
}

const EMPTY: Labels = {};

function filterConstraints(constraints: readonly V1TopologySpreadConstraint[], podLabels: Labels, ns: string, action: string): TopologySpreadConstraint[] {
  const out: TopologySpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    // matchLabelKeys: the pod's own values for those keys are ANDed into the selector.
    if (selector && c.matchLabelKeys?.length) {
      const extra = c.matchLabelKeys.filter((k) => k in podLabels).map((key) => ({ key, operator: '=' as const, values: [podLabels[key] as string] }));
      if (extra.length) selector = new Selector([...extra, ...selector.requirements]);
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
      matchKey: matchKeyOf(selector, ns),
    });
  }
  return out;
}

function matchNodeInclusionPolicies(c: TopologySpreadConstraint, pod: V1Pod, node: V1Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const taint = findMatchingUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations ?? [], (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (taint) return false;
  }
  return true;
}

function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly TopologySpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  return true;
}

/**
 * countPodsMatchSelector(nodeInfo.pods, c.selector, ns), from the node's tally (kept as pods come
 * and go, see PodMatchTallies). Upstream counts afresh on every node for every pod; the result is
 * the same.
 */
function countNodePodsMatchSelector(nodeInfo: NodeInfo, c: TopologySpreadConstraint, ns: string): number {
  return c.matchKey === undefined || c.selector === undefined ? 0 : nodeInfo.countPodsMatching(c.matchKey, c.selector, ns);
}

interface PreFilterState {
  constraints: TopologySpreadConstraint[];
  /** topologyKey -> the lowest match count over its domains. */
  minMatch: Map<string, number>;
  domainsNum: Map<string, number>;
  pairToMatchNum: Map<string, number>;
}

/**
 * The state of a pod with no DoNotSchedule constraint, shared: it is never changed (AddPod and
 * RemovePod write a copy), and most pods have it, so a cycle allocates no maps for it. The
 * scheduler keeps each pod's CycleState until its binding is answered, which on the whole path
 * is thousands of pods at once.
 */
const NO_CONSTRAINTS: PreFilterState = { constraints: [], minMatch: new Map(), domainsNum: new Map(), pairToMatchNum: new Map() };

interface PreScoreState {
  constraints: TopologySpreadConstraint[];
  ignoredNodes: Set<string>;
  pairToPodCounts: Map<string, number>;
  normalizingWeight: number[];
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(
    private readonly lister: () => NodeInfoLister,
    private readonly defaultSelector?: (pod: V1Pod) => Selector,
  ) {}

  /**
   * buildDefaultConstraints: the system defaults with the pod's default selector; none if it is
   * empty. The system defaults have no labelSelector and no matchLabelKeys, so the result
   * depends only on the action, the namespace and the selector: it is made once per selector
   * object (the default selector hands the pods of a ReplicaSet one shared Selector) and
   * namespace and action, and shared. Nothing changes a constraint once made (AddPod and
   * RemovePod copy the state around the list, not the list). Upstream builds it per pod.
   */
  private buildDefaultConstraints(pod: V1Pod, action: string): TopologySpreadConstraint[] {
    if (!this.defaultSelector) return [];
    // Only ScheduleAnyway has system defaults: asked for DoNotSchedule, no selector is needed.
    if (!SYSTEM_DEFAULT_CONSTRAINTS.some((c) => c.whenUnsatisfiable === action)) return [];
    const ns = pod.metadata.namespace ?? '';
    const selector = this.defaultSelector(pod);
    if (selector.empty()) return [];
    let bySelector = this.defaultConstraints.get(selector);
    if (bySelector === undefined) this.defaultConstraints.set(selector, (bySelector = new Map()));
    const key = action + '\u0000' + ns;
    let constraints = bySelector.get(key);
    if (constraints === undefined) {
      const matchKey = matchKeyOf(selector, ns);
      constraints = filterConstraints(SYSTEM_DEFAULT_CONSTRAINTS, EMPTY, ns, action).map((c) => ({ ...c, selector, matchKey }));
      bySelector.set(key, constraints);
    }
    return constraints;
  }

  /** buildDefaultConstraints' results: selector -> action and namespace -> constraints. */
  private readonly defaultConstraints = new WeakMap<Selector, Map<string, TopologySpreadConstraint[]>>();

  private constraintsFor(pod: V1Pod, action: string): TopologySpreadConstraint[] {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    return own.length ? filterConstraints(own, pod.metadata.labels ?? EMPTY, pod.metadata.namespace ?? '', action) : this.buildDefaultConstraints(pod, action);
  }

  preFilter(state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    const constraints = this.constraintsFor(pod, 'DoNotSchedule');
    if (constraints.length === 0) {
      state.write(preFilterStateKey, NO_CONSTRAINTS);
      return [null, null];
    }
    const s: PreFilterState = { constraints, minMatch: new Map(), domainsNum: new Map(), pairToMatchNum: new Map() };
    const required = new RequiredNodeAffinity(pod);
    const ns = pod.metadata.namespace ?? '';
    for (const nodeInfo of this.lister().list()) {
      const node = nodeInfo.node;
      if (!node) continue;
      const labels = node.metadata.labels ?? EMPTY;
      if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
      for (const c of constraints) {
        if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
        const pair = nodeInfo.topologyPairKey(c.topologyKey);
        s.pairToMatchNum.set(pair, (s.pairToMatchNum.get(pair) ?? 0) + countNodePodsMatchSelector(nodeInfo, c, ns));
      }
    }
    this.recomputeMinimums(s);
    state.write(preFilterStateKey, s);
    return [null, null];
  }

  private recomputeMinimums(s: PreFilterState): void {
    s.minMatch.clear();
    s.domainsNum.clear();
    for (const [pair, num] of s.pairToMatchNum) {
      const key = pair.slice(0, pair.indexOf('\u0000'));
      s.domainsNum.set(key, (s.domainsNum.get(key) ?? 0) + 1);
      s.minMatch.set(key, Math.min(s.minMatch.get(key) ?? Number.MAX_SAFE_INTEGER, num));
    }
  }

  private updateWithPod(state: CycleState, updated: V1Pod, preemptor: V1Pod, nodeInfo: NodeInfo, delta: 1 | -1): MaybeStatus {
    const prev = state.read<PreFilterState>(preFilterStateKey);
    const node = nodeInfo.node;
    if (!prev || !node || updated.metadata.namespace !== preemptor.metadata.namespace) return null;
    // Copy on write: a what-if run's CycleState clone shares values with the real one.
    const s: PreFilterState = { constraints: prev.constraints, minMatch: new Map(), domainsNum: new Map(), pairToMatchNum: new Map(prev.pairToMatchNum) };
    state.write(preFilterStateKey, s);
    const labels = node.metadata.labels ?? EMPTY;
    if (!nodeLabelsMatchSpreadConstraints(labels, s.constraints)) return null;
    const required = new RequiredNodeAffinity(preemptor);
    for (const c of s.constraints) {
      if (!c.selector?.matches(updated.metadata.labels ?? EMPTY)) continue;
      if (!matchNodeInclusionPolicies(c, preemptor, node, required)) continue;
      const pair = nodeInfo.topologyPairKey(c.topologyKey);
      s.pairToMatchNum.set(pair, (s.pairToMatchNum.get(pair) ?? 0) + delta);
    }
    this.recomputeMinimums(s);
    return null;
  }

  addPod(state: CycleState, podToSchedule: V1Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToAdd.pod, podToSchedule, nodeInfo, 1);
  }

  removePod(state: CycleState, podToSchedule: V1Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.updateWithPod(state, podInfoToRemove.pod, podToSchedule, nodeInfo, -1);
  }

  filter(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const node = nodeInfo.node;
    if (!node) return Status.error('node not found');
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.error(`reading "${preFilterStateKey}" from cycleState: not found`);
    if (s.constraints.length === 0) return null;
    const labels = node.metadata.labels ?? EMPTY;
    const podLabels = pod.metadata.labels ?? EMPTY;
    for (const c of s.constraints) {
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return newStatus('UnschedulableAndUnresolvable', ErrReasonNodeLabelNotMatch);
      let minMatchNum = s.minMatch.get(c.topologyKey);
      if (minMatchNum === undefined) continue; // upstream logs an internal error and skips the constraint
      if ((s.domainsNum.get(c.topologyKey) ?? 0) < c.minDomains) minMatchNum = 0;
      const selfMatchNum = c.selector?.matches(podLabels) ? 1 : 0;
      const matchNum = s.pairToMatchNum.get(nodeInfo.topologyPairKey(c.topologyKey)) ?? 0;
      if (matchNum + selfMatchNum - minMatchNum > c.maxSkew) return newStatus('Unschedulable', ErrReasonConstraintsNotMatch);
    }
    return null;
  }

  preScore(state: CycleState, pod: V1Pod, filteredNodes: readonly NodeInfo[]): MaybeStatus {
    const allNodes = this.lister().list();
    if (filteredNodes.length === 0 || allNodes.length === 0) return null;
    const constraints = this.constraintsFor(pod, 'ScheduleAnyway');
    if (constraints.length === 0) return newStatus('Skip');
    // Only non-system-default rules require every topology key on the node, so nodes without a
    // zone label still get hostname spreading (systemDefaulted).
    const requireAllTopologies = (pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
    const s: PreScoreState = { constraints, ignoredNodes: new Set(), pairToPodCounts: new Map(), normalizingWeight: [] };
    const topoSize = new Array<number>(constraints.length).fill(0);
    for (const n of filteredNodes) {
      const labels = n.node?.metadata.labels ?? EMPTY;
      if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
        s.ignoredNodes.add(n.name);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i] as TopologySpreadConstraint;
        if (c.topologyKey === LABEL_HOSTNAME) continue;
        const pair = n.topologyPairKey(c.topologyKey);
        if (!s.pairToPodCounts.has(pair)) {
          s.pairToPodCounts.set(pair, 0);
          topoSize[i] = (topoSize[i] as number) + 1;
        }
      }
    }
    s.normalizingWeight = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : (topoSize[i] as number)) + 2));
    // Only domains of candidate nodes are counted here, and those are never hostname pairs (the
    // loop above leaves hostname out: its counts are taken in Score), so a hostname constraint
    // has nothing to add.
    let spread = false;
    for (const c of constraints) if (c.topologyKey !== LABEL_HOSTNAME) spread = true;
    if (spread) {
      const required = new RequiredNodeAffinity(pod);
      const ns = pod.metadata.namespace ?? '';
      for (const nodeInfo of allNodes) {
        const node = nodeInfo.node;
        if (!node) continue;
        const labels = node.metadata.labels ?? EMPTY;
        if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
        for (const c of constraints) {
          if (c.topologyKey === LABEL_HOSTNAME) continue;
          if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
          const pair = nodeInfo.topologyPairKey(c.topologyKey);
          const current = s.pairToPodCounts.get(pair);
          // Domains of no candidate node do not matter.
          if (current === undefined) continue;
          s.pairToPodCounts.set(pair, current + countNodePodsMatchSelector(nodeInfo, c, ns));
        }
      }
    }
    state.write(preScoreStateKey, s);
    return null;
  }

  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number | Status {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return Status.error(`reading "${preScoreStateKey}" from cycleState: not found`);
    if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodeInfo.name)) return 0;
    const labels = nodeInfo.node?.metadata.labels ?? EMPTY;
    const constraints = s.constraints;
    let score = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as TopologySpreadConstraint;
      if (labels[c.topologyKey] === undefined) continue;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? countNodePodsMatchSelector(nodeInfo, c, pod.metadata.namespace ?? '') : (s.pairToPodCounts.get(nodeInfo.topologyPairKey(c.topologyKey)) ?? 0);
      score += cnt * (s.normalizingWeight[i] as number) + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  normalizeScore(state: CycleState, _pod: V1Pod, scores: NodeScore[]): MaybeStatus {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return Status.error(`reading "${preScoreStateKey}" from cycleState: not found`);
    let minScore = Number.MAX_SAFE_INTEGER;
    let maxScore = 0;
    for (const sc of scores) {
      if (s.ignoredNodes.has(sc.name)) continue;
      minScore = Math.min(minScore, sc.score);
      maxScore = Math.max(maxScore, sc.score);
    }
    for (const sc of scores) {
      if (s.ignoredNodes.has(sc.name)) sc.score = 0;
      else if (maxScore === 0) sc.score = MAX_NODE_SCORE;
      else sc.score = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - sc.score)) / maxScore);
    }
    return null;
  }
}

export function New(_args: unknown, handle: Handle): PodTopologySpread {
  return new PodTopologySpread(() => handle.snapshotSharedLister(), handle.defaultSelector ? (pod) => handle.defaultSelector?.(pod) ?? new Selector([]) : undefined);
}
