/**
 * The extension points (pkg/scheduler/framework/interface.go). A plugin is an object with a
 * `name` and the methods of the points it implements; the framework finds them by those methods,
 * as Go does with type assertions. `Handle` is what a plugin's constructor gets: the snapshot
 * of the cluster for this cycle, the seeded random numbers, and (for DefaultBinder) the binder.
 */
import type { Rng } from '../../engine/rng';
import type { Selector } from '../../api/labels/selector';
import type { CycleState } from './cycle-state';
import type { MaybeStatus, Status } from './status';
import type { NodeInfo, PodInfo, QueuedPodInfo } from './types';
import type { V1Pod } from './v1';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;
export const MAX_TOTAL_SCORE = Number.MAX_SAFE_INTEGER;

export interface NodeScore {
  name: string;
  score: number;
}

/** PreFilterResult: the nodes worth filtering at all (undefined NodeNames = all nodes). */
export interface PreFilterResult {
  nodeNames?: ReadonlySet<string>;
}

/** framework.SharedLister / NodeInfoLister over the cycle's snapshot. */
export interface NodeInfoLister {
  list(): readonly NodeInfo[];
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** Whether any listed node has the image (by a name in its status.images), as its image states count it. */
  hasImageOnSomeNode(image: string): boolean;
}

/** What DefaultBinder calls: POST pods/NAME/binding; `done` gets null or the error status. */
export type PodBinder = (pod: V1Pod, nodeName: string, done: (status: MaybeStatus) => void) => void;

/** The scheduling queue's nominator: pods that preempted and wait for room on a node. */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** What DefaultPreemption asks of the component: delete a victim (with its `Preempted` event), clear a nomination. */
export interface PreemptionClient {
  deleteVictim(victim: V1Pod, preemptor: V1Pod, nodeName: string): void;
  clearNominatedNodeName(pod: V1Pod): void;
}

/** The framework's filter runs, for DefaultPreemption's what-if evaluation of a node. */
export interface FilterRunner {
  runFilterPluginsWithNominatedPods(state: CycleState, pod: V1Pod, info: NodeInfo): MaybeStatus;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: V1Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: V1Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface Handle {
  snapshotSharedLister(): NodeInfoLister;
  /** The framework this handle belongs to (set once it is built). */
  framework?(): FilterRunner;
  readonly rng: Rng;
  readonly binder?: PodBinder;
  readonly nominator?: PodNominator;
  readonly preemption?: PreemptionClient;
  /** helper.DefaultSelector for PodTopologySpread's system defaults; absent: no pod gets defaults. */
  defaultSelector?(pod: V1Pod): Selector;
}

export interface Plugin {
  readonly name: string;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: V1Pod): MaybeStatus;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): [PreFilterResult | null, MaybeStatus];
  /** AddPod/RemovePod: how the PreFilter state changes when preemption adds or removes a pod on a node. */
  addPod?(state: CycleState, podToSchedule: V1Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  removePod?(state: CycleState, podToSchedule: V1Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus;
}

/** The statuses of the nodes a cycle rejected, and what to assume for nodes it never looked at. */
export interface NodeToStatus {
  readonly statuses: ReadonlyMap<string, Status>;
  readonly absentNodesStatus: Status;
}

export interface PostFilterResult {
  nominatedNodeName: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: V1Pod, filteredNodeStatusMap: NodeToStatus): [PostFilterResult | null, MaybeStatus];
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: V1Pod, nodes: readonly NodeInfo[]): MaybeStatus;
}

export interface ScorePlugin extends Plugin {
  /** The node's raw score, or an error Status. */
  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number | Status;
  /** ScoreExtensions.NormalizeScore: rewrites `scores` in place to [0, 100]. */
  normalizeScore?(state: CycleState, pod: V1Pod, scores: NodeScore[]): MaybeStatus;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: V1Pod, nodeName: string): MaybeStatus;
  unreserve(state: CycleState, pod: V1Pod, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Wait with a timeout (ms) parks the pod; none of the default plugins waits. */
  permit(state: CycleState, pod: V1Pod, nodeName: string): [MaybeStatus, number];
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: V1Pod, nodeName: string): MaybeStatus;
}

export interface BindPlugin extends Plugin {
  /** Asynchronous: the binding is a request to the apiserver. A Skip status passes to the next binder. */
  bind(state: CycleState, pod: V1Pod, nodeName: string, done: (status: MaybeStatus) => void): void;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: V1Pod, nodeName: string): void;
}

/** A plugin's constructor, as the registry holds them: (args from the profile's pluginConfig, handle). */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

export const isPreEnqueue = (p: Plugin): p is PreEnqueuePlugin => typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
export const isQueueSort = (p: Plugin): p is QueueSortPlugin => typeof (p as Partial<QueueSortPlugin>).less === 'function';
export const isPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
export const isFilter = (p: Plugin): p is FilterPlugin => typeof (p as Partial<FilterPlugin>).filter === 'function';
export const isPostFilter = (p: Plugin): p is PostFilterPlugin => typeof (p as Partial<PostFilterPlugin>).postFilter === 'function';
export const isPreScore = (p: Plugin): p is PreScorePlugin => typeof (p as Partial<PreScorePlugin>).preScore === 'function';
export const isScore = (p: Plugin): p is ScorePlugin => typeof (p as Partial<ScorePlugin>).score === 'function';
export const isReserve = (p: Plugin): p is ReservePlugin => typeof (p as Partial<ReservePlugin>).reserve === 'function';
export const isPermit = (p: Plugin): p is PermitPlugin => typeof (p as Partial<PermitPlugin>).permit === 'function';
export const isPreBind = (p: Plugin): p is PreBindPlugin => typeof (p as Partial<PreBindPlugin>).preBind === 'function';
export const isBind = (p: Plugin): p is BindPlugin => typeof (p as Partial<BindPlugin>).bind === 'function';
export const isPostBind = (p: Plugin): p is PostBindPlugin => typeof (p as Partial<PostBindPlugin>).postBind === 'function';
