/**
 * The scheduler's view of the cluster (pkg/scheduler/framework/types.go): PodInfo (a pod with its
 * affinity terms parsed once), QueuedPodInfo (a pod in the scheduling queue), NodeInfo (a node with
 * the pods the scheduler believes are on it — bound or assumed — and their summed requests, used
 * host ports and image states). The cache owns NodeInfos and updates them in place; a scheduling
 * cycle reads them synchronously, so no copy is needed except for preemption's what-if runs.
 */
import { labelSelectorAsSelector, type LabelSelector } from '../../api/labels/label-selector';
import type { Labels, Selector } from '../../api/labels/selector';
import { podRequests, Resource } from './resource';
import type { V1Node, V1Pod, V1PodAffinityTerm, V1Taint, V1WeightedPodAffinityTerm } from './v1';
import { sameLabels } from '../../api/labels/same-labels';
import { PodMatchTallies } from './pod-match-tallies';

const EMPTY_LABELS: Labels = {};

/** framework.AffinityTerm: a pod (anti-)affinity term with its selectors parsed. */
export class AffinityTerm {
  constructor(
    readonly namespaces: ReadonlySet<string>,
    /** undefined selects nothing (a nil labelSelector). */
    readonly selector: Selector | undefined,
    readonly topologyKey: string,
    readonly namespaceSelector: Selector | undefined,
  ) {}

  /**
   * Whether `pod` is one this term is about. Namespace labels are not simulated, so a
   * namespaceSelector is matched against a namespace with no labels (`{}` selects every namespace).
   */
  matches(pod: V1Pod, nsLabels: Labels = EMPTY_LABELS): boolean {
    if (this.namespaces.has(pod.metadata.namespace ?? '') || (this.namespaceSelector?.matches(nsLabels) ?? false)) {
      return this.selector?.matches(pod.metadata.labels ?? EMPTY_LABELS) ?? false;
    }
    return false;
  }
}

export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

function selectorOf(s: LabelSelector | null | undefined): Selector | undefined {
  return labelSelectorAsSelector(s);
}

export function newAffinityTerm(pod: V1Pod, term: V1PodAffinityTerm): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own.
  const namespaces = new Set(term.namespaces ?? []);
  if (namespaces.size === 0 && !term.namespaceSelector) namespaces.add(pod.metadata.namespace ?? '');
  return new AffinityTerm(namespaces, selectorOf(term.labelSelector), term.topologyKey, selectorOf(term.namespaceSelector));
}

/** The terms of a pod that has none, shared: most pods have no pod (anti-)affinity. */
const NO_TERMS: readonly never[] = Object.freeze([]);

function weighted(pod: V1Pod, terms: readonly V1WeightedPodAffinityTerm[] | undefined): readonly WeightedAffinityTerm[] {
  return terms?.length ? terms.map((t) => ({ term: newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight })) : NO_TERMS;
}

function required(pod: V1Pod, terms: readonly V1PodAffinityTerm[] | undefined): readonly AffinityTerm[] {
  return terms?.length ? terms.map((t) => newAffinityTerm(pod, t)) : NO_TERMS;
}

export class PodInfo {
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];

  /** The pod's uid, kept beside it: NodeInfo keeps its pods' positions by it and compares it in a search. */
  readonly uid: string;

  /**
   * `previous`: a PodInfo of an earlier version of the same pod whose terms are still this one's
   * (the same spec.affinity object and namespace, which is all they are parsed from), so a status
   * update does not parse them again.
   */
  constructor(
    readonly pod: V1Pod,
    previous?: PodInfo,
  ) {
    this.uid = pod.metadata.uid ?? '';
    const a = pod.spec?.affinity;
    if (previous && previous.pod.spec?.affinity === a && previous.pod.metadata.namespace === pod.metadata.namespace) {
      this.requiredAffinityTerms = previous.requiredAffinityTerms;
      this.requiredAntiAffinityTerms = previous.requiredAntiAffinityTerms;
      this.preferredAffinityTerms = previous.preferredAffinityTerms;
      this.preferredAntiAffinityTerms = previous.preferredAntiAffinityTerms;
      return;
    }
    this.requiredAffinityTerms = required(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.requiredAntiAffinityTerms = required(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.preferredAffinityTerms = weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  }

  hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!(a?.podAffinity || a?.podAntiAffinity);
  }

  hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }
}

const podInfos = new WeakMap<V1Pod, PodInfo>();

/** One PodInfo per pod object (pods are immutable, so the parse is reused across cycles). */
export function podInfoOf(pod: V1Pod): PodInfo {
  let info = podInfos.get(pod);
  if (!info) {
    info = new PodInfo(pod);
    podInfos.set(pod, info);
  }
  return info;
}

/** framework.QueuedPodInfo: a pod in the scheduling queue, with its attempts and the plugins that rejected it. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** Engine time the pod was added to the queue (PrioritySort's tie-break). */
  timestamp: number;
  attempts: number;
  /** Engine time of the first add, for the scheduling latency. */
  initialAttemptTimestamp: number;
  /** Plugins whose Unschedulable decided the last failed attempt: the events that can help are theirs. */
  unschedulablePlugins: Set<string>;
  /** The PreEnqueue plugin that keeps it out of activeQ (SchedulingGates), or ''. */
  gatingPlugin: string;
}

export function newQueuedPodInfo(pod: V1Pod, now: number): QueuedPodInfo {
  return { podInfo: podInfoOf(pod), timestamp: now, attempts: 0, initialAttemptTimestamp: now, unschedulablePlugins: new Set(), gatingPlugin: '' };
}

/** framework.ImageStateSummary, shared by every NodeInfo that has the image: numNodes stays current. */
export interface ImageStateSummary {
  size: number;
  numNodes: number;
}

const WILDCARD_IP = '0.0.0.0';

/** framework.HostPortInfo: ip -> "protocol/port" in use. */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    const key = `${protocol || 'TCP'}/${port}`;
    const ports = this.byIP.get(ip || WILDCARD_IP) ?? new Map<string, number>();
    ports.set(key, (ports.get(key) ?? 0) + 1);
    this.byIP.set(ip || WILDCARD_IP, ports);
  }

  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    const key = `${protocol || 'TCP'}/${port}`;
    const ports = this.byIP.get(ip || WILDCARD_IP);
    const n = ports?.get(key);
    if (!ports || n === undefined) return;
    if (n > 1) ports.set(key, n - 1);
    else ports.delete(key);
    if (ports.size === 0) this.byIP.delete(ip || WILDCARD_IP);
  }

  /** CheckConflict: 0.0.0.0 conflicts with the port on every address, and every address with 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    const key = `${protocol || 'TCP'}/${port}`;
    const want = ip || WILDCARD_IP;
    if (want === WILDCARD_IP) {
      for (const ports of this.byIP.values()) if (ports.has(key)) return true;
      return false;
    }
    return (this.byIP.get(want)?.has(key) ?? false) || (this.byIP.get(WILDCARD_IP)?.has(key) ?? false);
  }

  get size(): number {
    return this.byIP.size;
  }
}

let nextGeneration = 1;

export class NodeInfo {
  private nodeObject: V1Node | null = null;
  /**
   * The node's name, kept beside it: every Filter and Score reads it per node per cycle, and a
   * field saves the walk through the node object (upstream's NodeInfo.Node().Name is a pointer
   * read too).
   */
  name = '';
  /**
   * The node's spec.unschedulable and spec.taints, kept beside it for the same reason:
   * NodeUnschedulable and TaintToleration read them per node per cycle, and reaching them through
   * the node object and its spec costs two more memory loads per node (at 5,000 nodes mostly cache
   * misses; upstream's v1.Node holds its Spec inline).
   */
  unschedulable = false;
  taints: readonly V1Taint[] | undefined = undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Sum of the real requests of the pods on the node (Filter, BalancedAllocation). */
  requested = new Resource();
  /** The same with the 100m/200Mi defaults for containers without requests (NodeResourcesFit scoring). */
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  imageStates = new Map<string, ImageStateSummary>();
  /** Bumped on every change, so a snapshot knows what moved. */
  generation = nextGeneration++;
  /** PodTopologySpread's counts of this node's pods by selector, kept as pods come and go; made on first use. */
  private matchTallies: PodMatchTallies | null = null;
  /** topologyPairKey's answers for the current node object, by topology key. */
  private pairKeys: Map<string, string> | null = null;
  /**
   * Where each uid's pod is in `pods`, kept through every add and swap, so a pod's update finds
   * its old version at once instead of reading the uid of every PodInfo before it (a memory miss
   * apiece; at 100 pods a node that was ~10 µs per status update). A uid held by more than one
   * pod maps to minus its count, and those are searched from the start as before, so the first
   * of them is the one found (indexOfPod's rule). Pods without a uid are not in it.
   */
  private readonly positions = new Map<string, number>();

  constructor(node?: V1Node, ...pods: V1Pod[]) {
    if (node) this.setNode(node);
    for (const p of pods) this.addPod(p);
  }

  get node(): V1Node | null {
    return this.nodeObject;
  }

  /** The node is gone (RemoveNode) or set; the name, unschedulable and taints follow it. */
  set node(node: V1Node | null) {
    this.nodeObject = node;
    this.pairKeys = null;
    this.name = node?.metadata.name ?? '';
    this.unschedulable = !!node?.spec?.unschedulable;
    this.taints = node?.spec?.taints;
  }

  setNode(node: V1Node): void {
    this.node = node;
    this.allocatable = Resource.fromList(node.status?.allocatable);
    this.generation = nextGeneration++;
  }

  /**
   * countPodsMatchSelector(this.pods, selector, namespace) for a non-empty selector, from a tally
   * kept as pods come and go; `key` is podMatchKey(selector, namespace).
   */
  countPodsMatching(key: string, selector: Selector, namespace: string): number {
    return (this.matchTallies ??= new PodMatchTallies()).count(key, selector, namespace, this.pods);
  }

  /**
   * The node's topology pair (topology key, the node's value for it, '' when it has none) as one
   * string, `key\0value`, made once per node object and key: PodTopologySpread's PreFilter,
   * PreScore and Score ask it of every node for every pod, and a string built afresh would be
   * hashed afresh by the map it keys.
   */
  topologyPairKey(key: string): string {
    const keys = (this.pairKeys ??= new Map());
    let pair = keys.get(key);
    if (pair === undefined) keys.set(key, (pair = `${key}\u0000${this.nodeObject?.metadata.labels?.[key] ?? ''}`));
    return pair;
  }

  addPod(pod: V1Pod): void {
    this.addPodInfo(podInfoOf(pod));
  }

  addPodInfo(info: PodInfo): void {
    this.pods.push(info);
    this.positionAdded(info.uid, this.pods.length - 1);
    this.matchTallies?.podAdded(info.pod);
    if (info.hasAffinity()) this.podsWithAffinity.push(info);
    if (info.hasRequiredAntiAffinity()) this.podsWithRequiredAntiAffinity.push(info);
    this.update(info.pod, 1);
  }

  /**
   * A pod's new version in place of its old one (the scheduler cache's UpdatePod: remove, then
   * add, so the last pod takes the old one's place and the new version goes to the end). When the two agree on everything this
   * NodeInfo derives from a pod — labels, namespace and deletion (the match tallies), containers,
   * init containers and overhead (requests and host ports), affinity (the parsed terms), as a
   * kubelet's status patch or the binding's confirmation leaves them — only the PodInfo is
   * swapped: the sums and counts would come out as they are.
   */
  replacePod(old: V1Pod, cur: V1Pod): void {
    const i = this.indexOfPod(old);
    const info = i < 0 ? undefined : (this.pods[i] as PodInfo);
    if (info === undefined || !sameLabelFacts(info.pod, cur) || !sameDerivedSpec(info.pod, cur)) {
      this.removePod(old);
      this.addPod(cur);
      return;
    }
    const next = new PodInfo(cur, info);
    // RemovePod then AddPod: the last pod takes the old one's place, the new one goes last.
    const pods = this.pods;
    this.removeAt(i);
    pods.push(next);
    this.positionAdded(next.uid, pods.length - 1);
    const uid = old.metadata.uid;
    removePodFrom(this.podsWithAffinity, uid, old);
    removePodFrom(this.podsWithRequiredAntiAffinity, uid, old);
    if (next.hasAffinity()) this.podsWithAffinity.push(next);
    if (next.hasRequiredAntiAffinity()) this.podsWithRequiredAntiAffinity.push(next);
    this.generation = nextGeneration++;
  }

  /** Removes the pod with this pod's uid (or namespace/name); false when it is not here. */
  removePod(pod: V1Pod): boolean {
    const i = this.indexOfPod(pod);
    if (i < 0) return false;
    const info = this.pods[i] as PodInfo;
    this.removeAt(i);
    this.matchTallies?.podRemoved(info.pod);
    const uid = pod.metadata.uid;
    removePodFrom(this.podsWithAffinity, uid, pod);
    removePodFrom(this.podsWithRequiredAntiAffinity, uid, pod);
    this.update(info.pod, -1);
    return true;
  }

  /** The position of the pod with this pod's uid (or namespace/name), or -1. */
  private indexOfPod(pod: V1Pod): number {
    const uid = pod.metadata.uid;
    if (uid) {
      const at = this.positions.get(uid);
      if (at === undefined) return -1;
      if (at >= 0) return at;
    }
    const pods = this.pods;
    for (let i = 0; i < pods.length; i++) if (samePod(pods[i] as PodInfo, uid, pod)) return i;
    return -1;
  }

  /** A pod with this uid was put at `at`. */
  private positionAdded(uid: string, at: number): void {
    if (!uid) return;
    const was = this.positions.get(uid);
    this.positions.set(uid, was === undefined ? at : was >= 0 ? -2 : was - 1);
  }

  /**
   * removeFromSlice of pods[i] (the last pod takes its place), with the positions of the pod
   * that moved and of the uid that left kept.
   */
  private removeAt(i: number): void {
    const pods = this.pods;
    const uid = (pods[i] as PodInfo).uid;
    swapRemove(pods, i);
    const positions = this.positions;
    if (i < pods.length) {
      const moved = (pods[i] as PodInfo).uid;
      if (moved && (positions.get(moved) ?? -1) >= 0) positions.set(moved, i);
    }
    if (!uid) return;
    const was = positions.get(uid) ?? 0;
    if (was >= 0) positions.delete(uid);
    else if (was < -2) positions.set(uid, was + 1);
    else {
      // One pod is left of the two that shared the uid: where it is, found once.
      for (let k = 0; k < pods.length; k++) {
        if ((pods[k] as PodInfo).uid === uid) {
          positions.set(uid, k);
          break;
        }
      }
    }
  }

  private update(pod: V1Pod, sign: 1 | -1): void {
    this.requested.add(podRequests(pod), sign);
    this.nonZeroRequested.add(podRequests(pod, true), sign);
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort) continue;
        if (sign > 0) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort);
        else this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort);
      }
    }
    this.generation = nextGeneration++;
  }

  /** A deep-enough copy for what-if runs (preemption removes pods from it). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.allocatable = this.allocatable;
    c.imageStates = this.imageStates;
    for (const p of this.pods) c.addPodInfo(p);
    c.generation = this.generation;
    return c;
  }
}

/** removeFromSlice (framework/types.go): the last element takes the removed one's place. */
function swapRemove(list: PodInfo[], i: number): void {
  const last = list.pop() as PodInfo;
  if (i < list.length) list[i] = last;
}

/** removeFromSlice by the pod's key, when it is there. */
function removePodFrom(list: PodInfo[], uid: string | undefined, pod: V1Pod): void {
  for (let i = 0; i < list.length; i++) {
    if (samePod(list[i] as PodInfo, uid, pod)) {
      swapRemove(list, i);
      return;
    }
  }
}

/**
 * Whether the PodInfo is of the pod with this uid (the kept uid, not p.pod.metadata.uid: every
 * status update of a pod looks for it among its node's pods), or without a uid, this namespace/name.
 */
function samePod(p: PodInfo, uid: string | undefined, pod: V1Pod): boolean {
  return uid ? p.uid === uid : p.pod.metadata.name === pod.metadata.name && p.pod.metadata.namespace === pod.metadata.namespace;
}

/** Whether two versions of a pod share what requests, host ports and affinity terms are made of. */
function sameDerivedSpec(a: V1Pod, b: V1Pod): boolean {
  const x = a.spec;
  const y = b.spec;
  if (x === y) return true;
  return x?.containers === y?.containers && x?.initContainers === y?.initContainers && x?.overhead === y?.overhead && x?.affinity === y?.affinity;
}

/** Whether two versions of a pod agree on what selectors and terminating-pod checks read. */
function sameLabelFacts(a: V1Pod, b: V1Pod): boolean {
  if (a.metadata.namespace !== b.metadata.namespace || !a.metadata.deletionTimestamp !== !b.metadata.deletionTimestamp) return false;
  return sameLabels(a.metadata.labels, b.metadata.labels);
}
