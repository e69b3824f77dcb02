/**
 * DefaultPreemption (plugins/defaultpreemption + framework/preemption/preemption.go), the
 * PostFilter: when a pod fits nowhere, find nodes where removing lower-priority pods would let it
 * fit. Only nodes whose Filter status was Unschedulable are tried (UnschedulableAndUnresolvable
 * ones become "Preemption is not helpful for scheduling"); on each, every lower-priority pod is
 * removed, then reprieved highest-priority first while the pod still fits, leaving the minimal
 * victims. The best node is chosen by upstream's tie-breaks (fewest PDB violations, lowest highest
 * victim priority, smallest priority sum, fewest victims, latest start of the top victims, first).
 * The victims are deleted through the component and the preemptor nominated to the node; it is
 * bound on a later cycle. PodDisruptionBudgets are not watched yet, so none is ever violated.
 */
import type { CycleState } from '../../framework/cycle-state';
import { FitError, Diagnosis } from '../../framework/fit-error';
import type { Handle, NodeToStatus, PostFilterPlugin, PostFilterResult } from '../../framework/interface';
import { newStatus, Status, type MaybeStatus } from '../../framework/status';
import type { NodeInfo, PodInfo } from '../../framework/types';
import { podPriority, type V1Pod } from '../../framework/v1';
import { virtualMsOf } from '../../../api/time';

export const Name = 'DefaultPreemption';

/** DefaultPreemptionArgs defaults. */
export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
}

interface Candidate {
  name: string;
  victims: V1Pod[];
  numPDBViolations: number;
}

function startTime(pod: V1Pod): number {
  const t = pod.status?.startTime ?? pod.metadata.creationTimestamp;
  return t ? virtualMsOf(t) : 0;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportantPod(a: V1Pod, b: V1Pod): boolean {
  const p1 = podPriority(a);
  const p2 = podPriority(b);
  if (p1 !== p2) return p1 > p2;
  return startTime(a) < startTime(b);
}

function podTerminatingByPreemption(p: V1Pod): boolean {
  if (!p.metadata['deletionTimestamp']) return false;
  return (p.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Name;
  private readonly minCandidateNodesPercentage: number;
  private readonly minCandidateNodesAbsolute: number;

  constructor(
    private readonly handle: Handle,
    args: DefaultPreemptionArgs = {},
  ) {
    this.minCandidateNodesPercentage = args.minCandidateNodesPercentage ?? 10;
    this.minCandidateNodesAbsolute = args.minCandidateNodesAbsolute ?? 100;
  }

  postFilter(state: CycleState, pod: V1Pod, m: NodeToStatus): [PostFilterResult | null, MaybeStatus] {
    const [result, status] = this.preempt(state, pod, m);
    const msg = status?.message() ?? '';
    if (status && msg) return [result, new Status(status.code, [`preemption: ${msg}`])];
    return [result, status];
  }

  /** PodEligibleToPreemptOthers. */
  podEligibleToPreemptOthers(pod: V1Pod, m: NodeToStatus): [boolean, string] {
    if (pod.spec?.preemptionPolicy === 'Never') return [false, 'not eligible due to preemptionPolicy=Never.'];
    const nom = pod.status?.nominatedNodeName;
    if (nom) {
      const st = m.statuses.get(nom) ?? m.absentNodesStatus;
      if (st.code === 'UnschedulableAndUnresolvable') return [true, ''];
      const info = this.handle.snapshotSharedLister().get(nom);
      const priority = podPriority(pod);
      if (info?.pods.some((p) => podPriority(p.pod) < priority && podTerminatingByPreemption(p.pod))) {
        return [false, 'not eligible due to a terminating pod on the nominated node.'];
      }
    }
    return [true, ''];
  }

  private preempt(state: CycleState, pod: V1Pod, m: NodeToStatus): [PostFilterResult | null, MaybeStatus] {
    const [eligible, why] = this.podEligibleToPreemptOthers(pod, m);
    if (!eligible) return [null, newStatus('Unschedulable', why)];
    const allNodes = this.handle.snapshotSharedLister().list();
    if (allNodes.length === 0) return [null, Status.error('no nodes available')];
    const potential = allNodes.filter((n) => (m.statuses.get(n.name) ?? m.absentNodesStatus).code === 'Unschedulable');
    const diagnosis = new Diagnosis();
    let candidates: Candidate[] = [];
    if (potential.length === 0) {
      if (pod.status?.nominatedNodeName) this.handle.preemption?.clearNominatedNodeName(pod);
    } else {
      candidates = this.dryRunPreemption(state, pod, potential, diagnosis);
    }
    if (candidates.length === 0) {
      const fitError = new FitError(pod, allNodes.length, diagnosis);
      diagnosis.nodeToStatus.absentNodesStatus = newStatus('UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling');
      return [{ nominatedNodeName: '' }, newStatus('Unschedulable', fitError.error())];
    }
    const best = this.selectCandidate(candidates);
    if (!best) return [null, newStatus('Unschedulable', 'no candidate node for preemption')];
    this.prepareCandidate(best, pod);
    return [{ nominatedNodeName: best.name }, null];
  }

  private dryRunPreemption(state: CycleState, pod: V1Pod, potential: readonly NodeInfo[], diagnosis: Diagnosis): Candidate[] {
    const n = potential.length;
    // GetOffsetAndNumCandidates: start at a random node, stop after enough candidates.
    let numCandidates = Math.trunc((n * this.minCandidateNodesPercentage) / 100);
    if (numCandidates < this.minCandidateNodesAbsolute) numCandidates = this.minCandidateNodesAbsolute;
    if (numCandidates > n) numCandidates = n;
    const offset = this.handle.rng.int(0, n - 1);
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const info = (potential[(offset + i) % n] as NodeInfo).clone();
      const [victims, numPDBViolations, status] = this.selectVictimsOnNode(state.clone(), pod, info);
      if (status === null && victims.length) {
        (numPDBViolations === 0 ? nonViolating : violating).push({ name: info.name, victims, numPDBViolations });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      diagnosis.nodeToStatus.set(info.name, status ?? Status.error(`expected at least one victim pod on node "${info.name}"`));
    }
    return [...nonViolating, ...violating];
  }

  /** SelectVictimsOnNode: the fewest lower-priority pods whose removal lets the pod fit. */
  selectVictimsOnNode(state: CycleState, pod: V1Pod, info: NodeInfo): [V1Pod[], number, MaybeStatus] {
    const fwk = this.handle.framework?.();
    if (!fwk) return [[], 0, Status.error('no framework')];
    const priority = podPriority(pod);
    const potentialVictims: PodInfo[] = [];
    const remove = (p: PodInfo): MaybeStatus => {
      info.removePod(p.pod);
      return fwk.runPreFilterExtensionRemovePod(state, pod, p, info);
    };
    const add = (p: PodInfo): MaybeStatus => {
      info.addPodInfo(p);
      return fwk.runPreFilterExtensionAddPod(state, pod, p, info);
    };
    for (const p of [...info.pods]) {
      if (podPriority(p.pod) < priority) {
        potentialVictims.push(p);
        const s = remove(p);
        if (s) return [[], 0, s];
      }
    }
    if (potentialVictims.length === 0) return [[], 0, newStatus('UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod')];
    const fits = fwk.runFilterPluginsWithNominatedPods(state, pod, info);
    if (fits && !fits.isSuccess()) return [[], 0, fits];
    potentialVictims.sort((a, b) => (moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0));
    const victims: V1Pod[] = [];
    // No PDBs are watched: every potential victim is non-violating.
    for (const p of potentialVictims) {
      const s = add(p);
      if (s) return [[], 0, s];
      const st = fwk.runFilterPluginsWithNominatedPods(state, pod, info);
      if (st && !st.isSuccess()) {
        const r = remove(p);
        if (r) return [[], 0, r];
        victims.push(p.pod);
      }
    }
    return [victims, 0, null];
  }

  /** pickOneNodeForPreemption's tie-breaks, in order. */
  selectCandidate(candidates: readonly Candidate[]): Candidate | undefined {
    if (candidates.length <= 1) return candidates[0];
    const highest = (c: Candidate) => Math.max(...c.victims.map(podPriority));
    const sum = (c: Candidate) => c.victims.reduce((acc, v) => acc + podPriority(v) + 2147483648, 0);
    const earliestStartOfTop = (c: Candidate) => {
      const top = highest(c);
      return Math.min(...c.victims.filter((v) => podPriority(v) === top).map(startTime));
    };
    const rules: ((c: Candidate) => number)[] = [
      (c) => -c.numPDBViolations,
      (c) => -highest(c),
      (c) => -sum(c),
      (c) => -c.victims.length,
      (c) => earliestStartOfTop(c),
    ];
    let pool = [...candidates];
    for (const score of rules) {
      const best = Math.max(...pool.map(score));
      pool = pool.filter((c) => score(c) === best);
      if (pool.length === 1) break;
    }
    return pool[0];
  }

  private prepareCandidate(c: Candidate, pod: V1Pod): void {
    for (const victim of c.victims) this.handle.preemption?.deleteVictim(victim, pod, c.name);
    // Lower-priority pods nominated to this node lose their nomination.
    const priority = podPriority(pod);
    for (const p of this.handle.nominator?.nominatedPodsForNode(c.name) ?? []) {
      if (podPriority(p.pod) < priority) this.handle.preemption?.clearNominatedNodeName(p.pod);
    }
  }
}

export function New(args: unknown, handle: Handle): DefaultPreemption {
  return new DefaultPreemption(handle, (args ?? {}) as DefaultPreemptionArgs);
}
