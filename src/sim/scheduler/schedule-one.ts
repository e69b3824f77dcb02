/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost), as a pure
 * function over a snapshot: the same framework, snapshot, pod, start index and Rng state give the
 * same decision. Nodes are filtered from `nextStartNodeIndex` round-robin until enough feasible ones
 * are found (percentageOfNodesToScore's adaptive rule); a single feasible node is chosen without
 * scoring; otherwise scores are normalized and weighted, and ties are broken by reservoir sampling
 * on the Rng. A pod that fits nowhere gets a FitError, and PostFilter (preemption) runs.
 *
 * The outcome carries what `kubearch explain pod -o json` prints; it is built on demand from
 * what the cycle kept anyway (each rejected node's status, the per-plugin score arrays), so the
 * hot path pays nothing for it.
 */
import type { Rng } from '../engine/rng';
import { CycleState } from './framework/cycle-state';
import { Diagnosis, ERR_NO_NODES_AVAILABLE, FitError } from './framework/fit-error';
import type { NodeInfoLister, PostFilterResult } from './framework/interface';
import type { Framework, PluginScores } from './framework/runtime/framework';
import { newStatus, type Code, type MaybeStatus, type Status } from './framework/status';
import type { NodeInfo } from './framework/types';
import type { V1Pod } from './framework/v1';

/** schedule_one.go: at least this many feasible nodes are looked for, and at least this percentage. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes under 100; else 50 − n/125 percent (at least 5%), at least 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** The shape `kubearch explain pod -o json` prints. */
export interface FilterRecord {
  plugin: string;
  status: Code;
  reasons: string[];
}

export interface ScoreRecord {
  plugin: string;
  raw: number;
  normalized: number;
  weighted: number;
}

export interface NodeExplanation {
  name: string;
  filter: FilterRecord[];
  scores?: ScoreRecord[];
  total?: number;
}

export interface Explanation {
  pod: string;
  nodes: NodeExplanation[];
  selected: string | null;
  message: string | null;
}

export interface CycleOutcome {
  readonly state: CycleState;
  /** Set when a node was chosen. */
  readonly result: ScheduleResult | null;
  /** Set when the pod fits nowhere (message: fitError.error()). */
  readonly fitError: FitError | null;
  /** An Error status, or ErrNoNodesAvailable. */
  readonly error: string | null;
  /** PostFilter's nomination, when preemption found room. */
  readonly postFilterResult: PostFilterResult | null;
  readonly nextStartNodeIndex: number;
  explain(): Explanation;
}

/**
 * The nodes a cycle filtered, in order: `count` nodes of `nodes` round-robin from `start` (no
 * array per cycle), and the status of each one a Filter rejected, by its position in that order.
 */
interface Evaluated {
  nodes: readonly NodeInfo[];
  start: number;
  count: number;
  statuses: Map<number, Status> | null;
}

/**
 * The scores a cycle kept for explain: totals[i] and each plugin's arrays are those of the i-th
 * feasible node, which is the i-th evaluated node without a rejecting status (explain walks them
 * in that order, so the feasible list itself is not kept).
 */
interface Scored {
  totals: Float64Array;
  perPlugin: PluginScores[];
}

/**
 * schedulePod + the PostFilter step of schedulingCycle. `nextStartNodeIndex` is the scheduler's
 * round-robin position; the new one is returned.
 */
export function schedulingCycle(fwk: Framework, snapshot: NodeInfoLister, pod: V1Pod, rng: Rng, nextStartNodeIndex = 0, runPostFilter = true): CycleOutcome {
  const state = new CycleState();
  const allNodes = snapshot.list();
  const podName = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  const evaluated: Evaluated = { nodes: allNodes, start: 0, count: 0, statuses: null };
  let scored: Scored | null = null;
  let preFilterStatus: MaybeStatus = null;
  let absentNodes: NodeInfo[] = [];

  const finish = (fields: Pick<CycleOutcome, 'result' | 'fitError' | 'error' | 'postFilterResult'>, startIndex: number): CycleOutcome => ({
    state,
    ...fields,
    nextStartNodeIndex: startIndex,
    explain: explainer({ fwk, pod: podName, skipFilterPlugins: state.skipFilterPlugins, evaluated, absentNodes, preFilterStatus, scored, outcome: fields }),
  });

  if (allNodes.length === 0) return finish({ result: null, fitError: null, error: ERR_NO_NODES_AVAILABLE, postFilterResult: null }, nextStartNodeIndex);

  // findNodesThatFitPod
  const diagnosis = new Diagnosis();
  const [preRes, s, unscheduledPlugins] = fwk.runPreFilterPlugins(state, pod, allNodes);
  diagnosis.unschedulablePlugins = new Set(unscheduledPlugins);
  const feasible: NodeInfo[] = [];
  let start = nextStartNodeIndex;
  if (s && !s.isSuccess()) {
    if (!s.isRejected()) return finish({ result: null, fitError: null, error: s.message(), postFilterResult: null }, start);
    // Every node gets the PreFilter status, so preemption sees it; the message is the PreFilter's alone.
    preFilterStatus = s;
    diagnosis.nodeToStatus.absentNodesStatus = s;
    diagnosis.preFilterMsg = s.message();
    if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
    absentNodes = [...allNodes];
  } else {
    let nodes = allNodes;
    if (preRes?.nodeNames) {
      const names = preRes.nodeNames;
      nodes = allNodes.filter((n) => names.has(n.name));
      absentNodes = allNodes.filter((n) => !names.has(n.name));
      diagnosis.nodeToStatus.absentNodesStatus = newStatus('UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${[...unscheduledPlugins].sort().join(' ')}]`);
    }
    // findNodesThatPassFilters: round-robin from the start index until numNodesToFind fit.
    const numAll = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore, numAll);
    let processed = 0;
    evaluated.nodes = nodes;
    evaluated.start = numAll > 0 ? start % numAll : 0;
    const hasFilters = fwk.hasFilterPlugins();
    if (numAll > 0) {
      for (let i = 0; i < numAll && feasible.length < numNodesToFind; i++) {
        const node = nodes[(start + i) % numAll] as NodeInfo;
        processed++;
        const status = hasFilters ? fwk.runFilterPluginsWithNominatedPods(state, pod, node) : null;
        evaluated.count = processed;
        if (status) (evaluated.statuses ??= new Map()).set(i, status);
        if (status?.code === 'Error') return finish({ result: null, fitError: null, error: status.message(), postFilterResult: null }, start);
        if (!status || status.isSuccess()) feasible.push(node);
        else {
          diagnosis.nodeToStatus.set(node.name, status);
          if (status.plugin) diagnosis.unschedulablePlugins.add(status.plugin);
        }
      }
    }
    // The next cycle starts after the nodes this one looked at (over all nodes, as upstream).
    start = (start + processed) % allNodes.length;
  }

  if (feasible.length === 0) {
    const fitError = new FitError(pod, allNodes.length, diagnosis);
    let postFilterResult: PostFilterResult | null = null;
    if (runPostFilter && fwk.hasPostFilterPlugins()) {
      const [r, ps] = fwk.runPostFilterPlugins(state, pod, diagnosis.nodeToStatus);
      postFilterResult = r;
      if (ps && ps.message()) diagnosis.postFilterMsg = ps.message();
    }
    return finish({ result: null, fitError, error: null, postFilterResult }, start);
  }

  if (feasible.length === 1) {
    const only = feasible[0] as NodeInfo;
    return finish({ result: { suggestedHost: only.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 }, fitError: null, error: null, postFilterResult: null }, start);
  }

  // prioritizeNodes
  let totals: Float64Array;
  if (!fwk.hasScorePlugins()) {
    totals = new Float64Array(feasible.length).fill(1);
  } else {
    const pre = fwk.runPreScorePlugins(state, pod, feasible);
    if (pre) return finish({ result: null, fitError: null, error: pre.message(), postFilterResult: null }, start);
    const [t, perPlugin, st] = fwk.runScorePlugins(state, pod, feasible);
    if (st) return finish({ result: null, fitError: null, error: st.message(), postFilterResult: null }, start);
    totals = t;
    scored = { totals: t, perPlugin };
  }
  const host = selectHost(feasible, totals, rng);
  return finish({ result: { suggestedHost: host, evaluatedNodes: evaluated.count + absentNodes.length, feasibleNodes: totals.length }, fitError: null, error: null, postFilterResult: null }, start);
}

/**
 * selectHost: the highest total (totals[i] is nodes[i]'s); among equals, each is kept with
 * probability 1/count (reservoir sampling).
 */
export function selectHost(nodes: readonly NodeInfo[], totals: Float64Array, rng: Rng): string {
  if (totals.length === 0) throw new Error('empty priorityList');
  let selected = 0;
  let maxScore = totals[0] as number;
  let cntOfMaxScore = 1;
  for (let i = 1; i < totals.length; i++) {
    const score = totals[i] as number;
    if (score > maxScore) {
      maxScore = score;
      selected = i;
      cntOfMaxScore = 1;
    } else if (score === maxScore) {
      cntOfMaxScore++;
      if (rng.int(0, cntOfMaxScore - 1) === 0) selected = i;
    }
  }
  return (nodes[selected] as NodeInfo).name;
}

/** What a cycle keeps for its explanation. */
interface ExplainInputs {
  fwk: Framework;
  pod: string;
  skipFilterPlugins: ReadonlySet<string>;
  evaluated: Evaluated;
  absentNodes: readonly NodeInfo[];
  preFilterStatus: MaybeStatus;
  scored: Scored | null;
  outcome: Pick<CycleOutcome, 'result' | 'fitError' | 'error'>;
}

/**
 * The outcome's explain, made outside schedulingCycle so that it holds only what it reads: a
 * closure made inside would keep the cycle's whole scope alive (its CycleState with every plugin's
 * state, the feasible list) for as long as the scheduler keeps the attempt (the latest 1,000
 * pods), and all of it would be promoted to the old generation and copied on the way.
 */
function explainer(inputs: ExplainInputs): () => Explanation {
  return () => explain(inputs);
}

function explain({ fwk, pod, skipFilterPlugins, evaluated, absentNodes, preFilterStatus, scored, outcome }: ExplainInputs): Explanation {
  const filterNames = fwk.filterPlugins.map((p) => p.name);
  const filterRecords = (status: Status | null): FilterRecord[] => {
    const out: FilterRecord[] = [];
    for (const name of filterNames) {
      if (skipFilterPlugins.has(name)) {
        out.push({ plugin: name, status: 'Skip', reasons: [] });
        continue;
      }
      if (status && !status.isSuccess() && status.plugin === name) {
        out.push({ plugin: name, status: status.code, reasons: [...status.reasons] });
        return out; // Filter stops at the first plugin that rejects the node.
      }
      out.push({ plugin: name, status: 'Success', reasons: [] });
    }
    return out;
  };
  const nodes: NodeExplanation[] = [];
  const numAll = evaluated.nodes.length;
  let feasibleIndex = 0;
  for (let k = 0; k < evaluated.count; k++) {
    const node = evaluated.nodes[(evaluated.start + k) % numAll] as NodeInfo;
    const status = evaluated.statuses?.get(k) ?? null;
    const record: NodeExplanation = { name: node.name, filter: filterRecords(status) };
    if (status === null || status.isSuccess()) {
      const i = feasibleIndex++;
      if (scored) {
        record.scores = scored.perPlugin.map((p) => ({ plugin: p.plugin, raw: p.raw[i] ?? 0, normalized: p.normalized[i] ?? 0, weighted: (p.normalized[i] ?? 0) * p.weight }));
        record.total = scored.totals[i] ?? 0;
      } else {
        record.scores = [];
        record.total = 0;
      }
    }
    nodes.push(record);
  }
  for (const node of absentNodes) {
    const s = preFilterStatus;
    nodes.push({ name: node.name, filter: s ? [{ plugin: s.plugin, status: s.code, reasons: [...s.reasons] }] : [] });
  }
  const message = outcome.fitError ? outcome.fitError.error() : outcome.error;
  return { pod, nodes, selected: outcome.result?.suggestedHost ?? null, message };
}
