/**
 * frameworkImpl (pkg/scheduler/framework/runtime/framework.go): one profile's plugins, sorted by
 * extension point in MultiPoint order, and the Run* methods that call them with upstream's rules —
 * PreFilter collects Skip and narrows nodes, Filter stops at the first rejecting plugin, PreScore
 * Skip removes a Score plugin for this pod, scores are normalized, checked to be in [0, 100] and
 * multiplied by the weights. Error messages are upstream's wording.
 */
import type { KubeSchedulerProfile } from '../../apis/config/types';
import type { CycleState } from '../cycle-state';
import {
  isBind,
  isFilter,
  isPermit,
  isPostBind,
  isPostFilter,
  isPreBind,
  isPreEnqueue,
  isPreFilter,
  isPreScore,
  isQueueSort,
  isReserve,
  isScore,
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type NodeScore,
  type NodeToStatus,
  type PermitPlugin,
  type Plugin,
  type PluginFactory,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from '../interface';
import { newStatus, Status, type MaybeStatus } from '../status';
import type { NodeInfo, PodInfo } from '../types';
import type { V1Pod } from '../v1';

// Module-local copies of framework.MaxNodeScore/MinNodeScore: read per node per plugin.
const MAX_NODE_SCORE = 100;
const MIN_NODE_SCORE = 0;

/** A skipped Score plugin's scores: none (explain reads them as 0). */
const NO_SCORES = new Float64Array(0);
const NO_TOTALS = new Float64Array(0);

export type Registry = Readonly<Record<string, PluginFactory>>;

/** One Score plugin's scores over the feasible nodes, before and after NormalizeScore. */
export interface PluginScores {
  readonly plugin: string;
  readonly weight: number;
  /** Skipped by its PreScore: raw and normalized are empty (every node's is 0). */
  readonly skipped: boolean;
  readonly raw: Float64Array;
  readonly normalized: Float64Array;
}

/** framework.NodePluginScores, with the per-plugin record `kubearch explain` prints. */
export interface NodeScores {
  readonly name: string;
  readonly totalScore: number;
}

function asError(pluginName: string, s: Status, format: (plugin: string, message: string) => string): Status {
  return Status.error(format(pluginName, s.err?.message ?? s.message())).withPlugin(pluginName);
}

export class Framework {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly plugins: readonly Plugin[];
  readonly preEnqueuePlugins: readonly PreEnqueuePlugin[];
  readonly queueSortPlugins: readonly QueueSortPlugin[];
  readonly preFilterPlugins: readonly PreFilterPlugin[];
  readonly filterPlugins: readonly FilterPlugin[];
  readonly postFilterPlugins: readonly PostFilterPlugin[];
  readonly preScorePlugins: readonly PreScorePlugin[];
  readonly scorePlugins: readonly ScorePlugin[];
  readonly reservePlugins: readonly ReservePlugin[];
  readonly permitPlugins: readonly PermitPlugin[];
  readonly preBindPlugins: readonly PreBindPlugin[];
  readonly bindPlugins: readonly BindPlugin[];
  readonly postBindPlugins: readonly PostBindPlugin[];
  readonly scorePluginWeight = new Map<string, number>();
  /** NormalizeScore's NodeScore list, reused (see runScorePlugins). */
  private readonly nodeScores: NodeScore[] = [];

  constructor(
    registry: Registry,
    profile: KubeSchedulerProfile,
    readonly handle: Handle,
  ) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const plugins: Plugin[] = [];
    const disabled = new Set((profile.score?.disabled ?? []).map((d) => d.name));
    const scoreEnabled = new Map((profile.score?.enabled ?? []).map((r) => [r.name, r.weight ?? 1]));
    for (const ref of [...profile.plugins, ...(profile.score?.enabled ?? []).filter((r) => !profile.plugins.some((p) => p.name === r.name))]) {
      const factory = registry[ref.name];
      if (!factory) throw new Error(`plugin "${ref.name}" does not exist`);
      const plugin = factory(profile.pluginConfig?.[ref.name], handle);
      plugins.push(plugin);
      if (!isScore(plugin)) continue;
      const explicitly = scoreEnabled.get(plugin.name);
      if (explicitly !== undefined) this.scorePluginWeight.set(plugin.name, explicitly);
      else if (!disabled.has('*') && !disabled.has(plugin.name)) this.scorePluginWeight.set(plugin.name, ref.weight ?? 1);
    }
    this.plugins = plugins;
    this.preEnqueuePlugins = plugins.filter(isPreEnqueue);
    this.queueSortPlugins = plugins.filter(isQueueSort);
    this.preFilterPlugins = plugins.filter(isPreFilter);
    this.filterPlugins = plugins.filter(isFilter);
    this.postFilterPlugins = plugins.filter(isPostFilter);
    this.preScorePlugins = plugins.filter(isPreScore);
    this.scorePlugins = plugins.filter(isScore).filter((p) => this.scorePluginWeight.has(p.name));
    this.reservePlugins = plugins.filter(isReserve);
    this.permitPlugins = plugins.filter(isPermit);
    this.preBindPlugins = plugins.filter(isPreBind);
    this.bindPlugins = plugins.filter(isBind);
    this.postBindPlugins = plugins.filter(isPostBind);
    if (this.queueSortPlugins.length !== 1) throw new Error(`one queue sort plugin required for profile with scheduler name "${this.profileName}"`);
    if (this.bindPlugins.length === 0) throw new Error(`at least one bind plugin is needed for profile with scheduler name "${this.profileName}"`);
  }

  queueSortFunc(): QueueSortPlugin['less'] {
    const plugin = this.queueSortPlugins[0] as QueueSortPlugin;
    return (a, b) => plugin.less(a, b);
  }

  /** RunPreEnqueuePlugins: the first non-success status keeps the pod out of activeQ. */
  runPreEnqueuePlugins(pod: V1Pod): MaybeStatus {
    for (const pl of this.preEnqueuePlugins) {
      const s = pl.preEnqueue(pod);
      if (s && !s.isSuccess()) return s.withPlugin(pl.name);
    }
    return null;
  }

  /**
   * RunPreFilterPlugins: the merged node set, the status, and the plugins that narrowed the nodes.
   * UnschedulableAndUnresolvable stops at once; Unschedulable lets the rest run (for preemption).
   */
  runPreFilterPlugins(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): [PreFilterResult | null, MaybeStatus, Set<string>] {
    let result = null as PreFilterResult | null;
    let returnStatus: MaybeStatus = null;
    const pluginsWithNodes = new Set<string>();
    for (const pl of this.preFilterPlugins) {
      const [r, s] = pl.preFilter(state, pod, nodes);
      if (s?.code === 'Skip') {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (s && !s.isSuccess()) {
        s.withPlugin(pl.name);
        if (s.code === 'UnschedulableAndUnresolvable') return [null, s, new Set()];
        if (s.code === 'Unschedulable') {
          returnStatus = s;
          continue;
        }
        return [null, asError(pl.name, s, (p, m) => `running PreFilter plugin "${p}": ${m}`), new Set()];
      }
      if (r?.nodeNames) {
        pluginsWithNodes.add(pl.name);
        const prev: ReadonlySet<string> | undefined = result?.nodeNames;
        result = { nodeNames: prev ? new Set([...prev].filter((n) => r.nodeNames?.has(n))) : new Set(r.nodeNames) };
        if (result.nodeNames?.size === 0) {
          const names = [...pluginsWithNodes].sort();
          const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          return [result, newStatus('UnschedulableAndUnresolvable', msg), pluginsWithNodes];
        }
      }
    }
    return [result, returnStatus, pluginsWithNodes];
  }

  /** RunFilterPlugins: the first plugin that does not pass decides; an error is wrapped as upstream wraps it. */
  runFilterPlugins(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const plugins = this.filterPlugins;
    const skip = this.filterSkips(state);
    for (let i = 0; i < plugins.length; i++) {
      if (skip !== null && skip[i]) continue;
      const pl = plugins[i] as FilterPlugin;
      const s = pl.filter(state, pod, nodeInfo);
      if (s && !s.isSuccess()) {
        if (!s.isRejected()) return asError(pl.name, s, (p, m) => `running "${p}" filter plugin: ${m}`);
        return s.withPlugin(pl.name);
      }
    }
    return null;
  }

  /**
   * state.SkipFilterPlugins as a flag per Filter plugin, in filterPlugins' order: the Set is asked
   * once per plugin per cycle instead of once per plugin per node. Null when nothing is skipped.
   */
  private filterSkips(state: CycleState): readonly boolean[] | null {
    const skip = state.skipFilterPlugins;
    if (skip.size === 0) return null;
    if (state.filterSkipFlags === null || state.filterSkipFlagsFor !== skip.size) {
      state.filterSkipFlags = this.filterPlugins.map((pl) => skip.has(pl.name));
      state.filterSkipFlagsFor = skip.size;
    }
    return state.filterSkipFlags;
  }

  /**
   * RunFilterPluginsWithNominatedPods: pods nominated to this node with at least this pod's
   * priority are counted as if already there; a node that passes with them must also pass without
   * them (pod affinity could depend on them), so it then runs once more alone.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: V1Pod, info: NodeInfo): MaybeStatus {
    const nominated = this.handle.nominator?.nominatedPodsForNode(info.name);
    if (!nominated?.length) return this.runFilterPlugins(state, pod, info);
    const priority = pod.spec?.priority ?? 0;
    const uid = pod.metadata.uid;
    const adding = nominated.filter((p) => (p.pod.spec?.priority ?? 0) >= priority && p.pod.metadata.uid !== uid);
    if (adding.length === 0) return this.runFilterPlugins(state, pod, info);
    const stateOut = state.clone();
    const nodeInfoOut = info.clone();
    for (const p of adding) {
      nodeInfoOut.addPodInfo(p);
      const s = this.runPreFilterExtensionAddPod(stateOut, pod, p, nodeInfoOut);
      if (s && !s.isSuccess()) return s;
    }
    const withNominated = this.runFilterPlugins(stateOut, pod, nodeInfoOut);
    if (withNominated && !withNominated.isSuccess()) return withNominated;
    return this.runFilterPlugins(state, pod, info);
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: V1Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const pl of this.preFilterPlugins) {
      if (!pl.addPod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.addPod(state, podToSchedule, podInfoToAdd, nodeInfo);
      if (s && !s.isSuccess()) return asError(pl.name, s, (p, m) => `running AddPod on PreFilter plugin "${p}": ${m}`);
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: V1Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    for (const pl of this.preFilterPlugins) {
      if (!pl.removePod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.removePod(state, podToSchedule, podInfoToRemove, nodeInfo);
      if (s && !s.isSuccess()) return asError(pl.name, s, (p, m) => `running RemovePod on PreFilter plugin "${p}": ${m}`);
    }
    return null;
  }

  runPostFilterPlugins(state: CycleState, pod: V1Pod, m: NodeToStatus): [PostFilterResult | null, MaybeStatus] {
    const reasons: string[] = [];
    let rejectorPlugin = '';
    for (const pl of this.postFilterPlugins) {
      const [r, s] = pl.postFilter(state, pod, m);
      if (!s || s.isSuccess()) return [r, s];
      if (s.code === 'UnschedulableAndUnresolvable') return [r, s.withPlugin(pl.name)];
      if (!s.isRejected()) return [null, asError(pl.name, s, (_p, msg) => msg)];
      if (s.message()) reasons.push(...s.reasons);
      rejectorPlugin ||= pl.name;
    }
    return [null, new Status('Unschedulable', reasons).withPlugin(rejectorPlugin)];
  }

  /** RunPreScorePlugins: a Skip removes that plugin's Score for this pod. */
  runPreScorePlugins(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): MaybeStatus {
    state.skipScorePlugins.clear();
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes);
      if (s?.code === 'Skip') {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      if (s && !s.isSuccess()) return asError(pl.name, s, (p, m) => `running PreScore plugin "${p}": ${m}`);
    }
    return null;
  }

  /**
   * RunScorePlugins: per plugin, raw scores, NormalizeScore, the range check, the weights; totals
   * per node (totals[i] is nodes[i]'s, as upstream's preallocated NodePluginScores). The raw and
   * normalized scores are kept for `kubearch explain` (the latest 1,000 pods' at 500 nodes each),
   * so they live in one Float64Array per cycle: exact for every number, and outside the JS heap,
   * which the garbage collector would otherwise copy on each promotion. The NodeScore list
   * NormalizeScore works on is the framework's own, reused from cycle to cycle (cycles run one at
   * a time).
   */
  runScorePlugins(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): [Float64Array, PluginScores[], MaybeStatus] {
    const n = nodes.length;
    const perPlugin: PluginScores[] = [];
    let rows = 1;
    for (const pl of this.scorePlugins) if (!state.skipScorePlugins.has(pl.name)) rows += pl.normalizeScore ? 2 : 1;
    const buffer = new Float64Array(rows * n);
    const totals = buffer.subarray(0, n);
    let row = 1;
    for (const pl of this.scorePlugins) {
      const weight = this.scorePluginWeight.get(pl.name) ?? 1;
      if (state.skipScorePlugins.has(pl.name)) {
        perPlugin.push({ plugin: pl.name, weight, skipped: true, raw: NO_SCORES, normalized: NO_SCORES });
        continue;
      }
      const raw = buffer.subarray(row * n, (row + 1) * n);
      row++;
      for (let i = 0; i < n; i++) {
        const s = pl.score(state, pod, nodes[i] as NodeInfo);
        if (typeof s !== 'number') return [NO_TOTALS, perPlugin, asError(pl.name, s, (p, m) => `plugin "${p}" failed with: ${m}`)];
        raw[i] = s;
      }
      let normalized = raw;
      // Only a plugin with NormalizeScore needs the NodeScore list; the others' raw scores are final.
      if (pl.normalizeScore) {
        const scores = this.nodeScoreList(nodes, raw);
        const s = pl.normalizeScore(state, pod, scores);
        if (s && !s.isSuccess()) return [NO_TOTALS, perPlugin, asError(pl.name, s, (p, m) => `plugin "${p}" failed with: ${m}`)];
        normalized = buffer.subarray(row * n, (row + 1) * n);
        row++;
        for (let i = 0; i < n; i++) normalized[i] = (scores[i] as NodeScore).score;
      }
      for (let i = 0; i < n; i++) {
        const score = normalized[i] as number;
        if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
          return [NO_TOTALS, perPlugin, Status.error(`plugin "${pl.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`)];
        }
        totals[i] = (totals[i] as number) + score * weight;
      }
      perPlugin.push({ plugin: pl.name, weight, skipped: false, raw, normalized });
    }
    return [totals, perPlugin, null];
  }

  /** The reused NodeScore list, filled with these nodes' names and raw scores. */
  private nodeScoreList(nodes: readonly NodeInfo[], raw: Float64Array): NodeScore[] {
    const list = this.nodeScores;
    for (let i = list.length; i < nodes.length; i++) list.push({ name: '', score: 0 });
    list.length = nodes.length;
    for (let i = 0; i < nodes.length; i++) {
      const ns = list[i] as NodeScore;
      ns.name = (nodes[i] as NodeInfo).name;
      ns.score = raw[i] as number;
    }
    return list;
  }

  runReservePluginsReserve(state: CycleState, pod: V1Pod, nodeName: string): MaybeStatus {
    for (const pl of this.reservePlugins) {
      const s = pl.reserve(state, pod, nodeName);
      if (s && !s.isSuccess()) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        return asError(pl.name, s, (p, m) => `running Reserve plugin "${p}": ${m}`);
      }
    }
    return null;
  }

  /** Unreserve runs in reverse order, as upstream does. */
  runReservePluginsUnreserve(state: CycleState, pod: V1Pod, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i]?.unreserve(state, pod, nodeName);
  }

  runPermitPlugins(state: CycleState, pod: V1Pod, nodeName: string): MaybeStatus {
    for (const pl of this.permitPlugins) {
      const [s] = pl.permit(state, pod, nodeName);
      if (s && !s.isSuccess()) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        // Wait is not simulated: no default plugin waits.
        return asError(pl.name, s, (p, m) => `running Permit plugin "${p}": ${m}`);
      }
    }
    return null;
  }

  runPreBindPlugins(state: CycleState, pod: V1Pod, nodeName: string): MaybeStatus {
    for (const pl of this.preBindPlugins) {
      const s = pl.preBind(state, pod, nodeName);
      if (s && !s.isSuccess()) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        return asError(pl.name, s, (p, m) => `running PreBind plugin "${p}": ${m}`);
      }
    }
    return null;
  }

  /** RunBindPlugins: the first binder that does not Skip binds. */
  runBindPlugins(state: CycleState, pod: V1Pod, nodeName: string, done: (status: MaybeStatus) => void): void {
    const next = (i: number): void => {
      const pl = this.bindPlugins[i];
      if (!pl) return done(newStatus('Skip'));
      pl.bind(state, pod, nodeName, (s) => {
        if (s?.code === 'Skip') return next(i + 1);
        if (s && !s.isSuccess()) {
          if (s.isRejected()) return done(s.withPlugin(pl.name));
          return done(asError(pl.name, s, (p, m) => `running Bind plugin "${p}": ${m}`));
        }
        done(null);
      });
    };
    next(0);
  }

  runPostBindPlugins(state: CycleState, pod: V1Pod, nodeName: string): void {
    for (const pl of this.postBindPlugins) pl.postBind(state, pod, nodeName);
  }

  hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }

  hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }
}
