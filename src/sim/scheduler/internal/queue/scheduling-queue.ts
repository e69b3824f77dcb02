/**
 * The scheduling queue (internal/queue/scheduling_queue.go PriorityQueue): activeQ ordered by the
 * profile's QueueSort (PrioritySort), backoffQ ordered by when each pod's back-off ends
 * (1 s doubling per attempt up to 10 s), and unschedulablePods, the pods that failed and wait for
 * a cluster event that may help them (their rejecting plugins' EventsToRegister) or for the
 * 5-minute leftover flush. PreEnqueue (SchedulingGates) keeps gated pods out of activeQ. It also
 * is the nominator: pods that preempted, by the node they wait for.
 *
 * A plain data structure on the engine clock: it reads `clock.now()` and never schedules anything.
 * The component calls `flushBackoffQCompleted()` every second and
 * `flushUnschedulablePodsLeftover()` every 30 s while there is something to flush, as upstream's
 * `wait.Until` loops do.
 */
import type { PodNominator } from '../../framework/interface';
import type { MaybeStatus } from '../../framework/status';
import { newQueuedPodInfo, podInfoOf, type PodInfo, type QueuedPodInfo } from '../../framework/types';
import { podKey, type V1Pod } from '../../framework/v1';
import { AssignedPodAdd, eventMayHelp, UnscheduledPodUpdate, type ClusterEvent } from './events';
import { Heap } from './heap';

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration. */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;

export interface Clock {
  now(): number;
}

export interface SchedulingQueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsDurationMs?: number;
  /** The profile's PreEnqueue plugins. */
  preEnqueue?: (pod: V1Pod) => MaybeStatus;
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export class PriorityQueue implements PodNominator {
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: Heap<QueuedPodInfo>;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  /** Popped and being scheduled; events during its cycle move it on failure (moveRequestCycle). */
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private readonly nominated = new Map<string, PodInfo[]>();
  private readonly nominatedNodeOf = new Map<string, string>();
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;

  constructor(
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private readonly clock: Clock,
    private readonly options: SchedulingQueueOptions = {},
  ) {
    const key = (q: QueuedPodInfo) => podKey(q.podInfo.pod);
    this.activeQ = new Heap(key, less);
    this.backoffQ = new Heap(key, (a, b) => this.backoffTime(a) < this.backoffTime(b));
    this.initialBackoff = options.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = options.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxInUnschedulable = options.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
  }

  /** Add: a new unscheduled pod. Gated pods wait in unschedulablePods. */
  add(pod: V1Pod): void {
    const key = podKey(pod);
    if (this.has(key)) return this.update(pod, pod);
    this.moveToActiveQ(newQueuedPodInfo(pod, this.clock.now()));
    if (pod.status?.nominatedNodeName) this.addNominatedPod(podInfoOf(pod), pod.status.nominatedNodeName);
  }

  /** Runs PreEnqueue: activeQ, or unschedulablePods marked with the gating plugin. */
  private moveToActiveQ(q: QueuedPodInfo): boolean {
    const key = podKey(q.podInfo.pod);
    const s = this.options.preEnqueue?.(q.podInfo.pod) ?? null;
    if (s && !s.isSuccess()) {
      q.gatingPlugin = s.plugin || 'PreEnqueue';
      this.backoffQ.delete(key);
      this.activeQ.delete(key);
      this.unschedulablePods.set(key, q);
      return false;
    }
    q.gatingPlugin = '';
    this.unschedulablePods.delete(key);
    this.backoffQ.delete(key);
    this.activeQ.addOrUpdate(q);
    return true;
  }

  has(key: string): boolean {
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key) || this.inFlight.has(key);
  }

  /** Pop: the next pod to schedule, or undefined when activeQ is empty. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    this.schedulingCycle++;
    this.inFlight.set(podKey(q.podInfo.pod), q);
    return q;
  }

  /** The cycle number of the last Pop: what AddUnschedulableIfNotPresent compares with. */
  get currentSchedulingCycle(): number {
    return this.schedulingCycle;
  }

  /** Done: the popped pod's cycle is over (bound, or requeued). */
  done(pod: V1Pod): void {
    this.inFlight.delete(podKey(pod));
  }

  /**
   * AddUnschedulableIfNotPresent: a pod that failed its cycle. If a move request came while it was
   * being scheduled, or no plugin in particular rejected it (an error), it goes to backoffQ;
   * otherwise it waits in unschedulablePods for an event that may help.
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, podSchedulingCycle: number): void {
    const key = podKey(q.podInfo.pod);
    this.inFlight.delete(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) return;
    q.timestamp = this.clock.now();
    if (this.moveRequestCycle >= podSchedulingCycle || q.unschedulablePlugins.size === 0) {
      this.backoffQ.addOrUpdate(q);
    } else {
      this.unschedulablePods.set(key, q);
    }
  }

  /** Update: the pod object changed (gates removed, spec edited): it may be worth a new try. */
  update(oldPod: V1Pod, newPod: V1Pod): void {
    const key = podKey(newPod);
    const inActive = this.activeQ.get(key);
    if (inActive) return this.activeQ.addOrUpdate({ ...inActive, podInfo: podInfoOf(newPod) });
    const inBackoff = this.backoffQ.get(key);
    if (inBackoff) return this.backoffQ.addOrUpdate({ ...inBackoff, podInfo: podInfoOf(newPod) });
    const inFlight = this.inFlight.get(key);
    if (inFlight) {
      inFlight.podInfo = podInfoOf(newPod);
      return;
    }
    const waiting = this.unschedulablePods.get(key);
    if (waiting) {
      const q: QueuedPodInfo = { ...waiting, podInfo: podInfoOf(newPod) };
      if (oldPod === newPod || !specChanged(oldPod, newPod)) {
        this.unschedulablePods.set(key, q);
        return;
      }
      if (q.gatingPlugin || eventMayHelp(UnscheduledPodUpdate, q.unschedulablePlugins)) this.requeue(q);
      else this.unschedulablePods.set(key, q);
      return;
    }
    this.add(newPod);
  }

  delete(pod: V1Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
    this.inFlight.delete(key);
    this.deleteNominatedPodIfExists(pod);
  }

  /** A pod was bound or assumed: pods with affinity to it may now fit (AssignedPodAdded). */
  assignedPodAdded(_pod: V1Pod): void {
    this.moveAllToActiveOrBackoffQueue(AssignedPodAdd, (q) => q.podInfo.requiredAffinityTerms.length > 0 || q.unschedulablePlugins.has('PodTopologySpread'));
  }

  /**
   * MoveAllToActiveOrBackoffQueue: every unschedulable pod this event may help goes to backoffQ if
   * its back-off has not ended, else to activeQ.
   */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, preCheck?: (q: QueuedPodInfo) => boolean): number {
    let moved = 0;
    for (const q of [...this.unschedulablePods.values()]) {
      if (q.gatingPlugin) continue;
      if (preCheck && !preCheck(q)) continue;
      if (!eventMayHelp(event, q.unschedulablePlugins)) continue;
      this.requeue(q);
      moved++;
    }
    this.moveRequestCycle = this.schedulingCycle;
    return moved;
  }

  private requeue(q: QueuedPodInfo): void {
    const key = podKey(q.podInfo.pod);
    this.unschedulablePods.delete(key);
    if (!q.gatingPlugin && this.isPodBackingoff(q)) this.backoffQ.addOrUpdate(q);
    else this.moveToActiveQ(q);
  }

  isPodBackingoff(q: QueuedPodInfo): boolean {
    return this.backoffTime(q) > this.clock.now();
  }

  /** calculateBackoffDuration: initial × 2^(attempts−1), at most the maximum. */
  backoffDuration(q: QueuedPodInfo): number {
    let d = this.initialBackoff;
    for (let i = 1; i < q.attempts; i++) {
      d *= 2;
      if (d > this.maxBackoff) return this.maxBackoff;
    }
    return Math.min(d, this.maxBackoff);
  }

  backoffTime(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  /** flushBackoffQCompleted: every pod whose back-off has ended moves to activeQ (upstream: each second). */
  flushBackoffQCompleted(): number {
    let moved = 0;
    for (let q = this.backoffQ.peek(); q && !this.isPodBackingoff(q); q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.moveToActiveQ(q);
      moved++;
    }
    return moved;
  }

  /** flushUnschedulablePodsLeftover: pods unschedulable for longer than 5 minutes are retried (upstream: each 30 s). */
  flushUnschedulablePodsLeftover(): number {
    const now = this.clock.now();
    let moved = 0;
    for (const q of [...this.unschedulablePods.values()]) {
      if (q.gatingPlugin || now - q.timestamp <= this.maxInUnschedulable) continue;
      this.requeue(q);
      moved++;
    }
    return moved;
  }

  /** When the earliest back-off ends, for the component's flush timer; undefined when backoffQ is empty. */
  nextBackoffExpiry(): number | undefined {
    const q = this.backoffQ.peek();
    return q ? this.backoffTime(q) : undefined;
  }

  get sizes(): Record<QueueName, number> {
    return { activeQ: this.activeQ.length, backoffQ: this.backoffQ.length, unschedulablePods: this.unschedulablePods.size };
  }

  /** PendingPods: what the scheduler panel lists, by queue. */
  pendingPods(): Record<QueueName, V1Pod[]> {
    return {
      activeQ: this.activeQ.list().map((q) => q.podInfo.pod),
      backoffQ: this.backoffQ.list().map((q) => q.podInfo.pod),
      unschedulablePods: [...this.unschedulablePods.values()].map((q) => q.podInfo.pod),
    };
  }

  addNominatedPod(pi: PodInfo, nodeName: string): void {
    this.deleteNominatedPodIfExists(pi.pod);
    const key = podKey(pi.pod);
    this.nominatedNodeOf.set(key, nodeName);
    this.nominated.set(nodeName, [...(this.nominated.get(nodeName) ?? []), pi]);
  }

  deleteNominatedPodIfExists(pod: V1Pod): void {
    const key = podKey(pod);
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    const rest = (this.nominated.get(node) ?? []).filter((p) => podKey(p.pod) !== key);
    if (rest.length) this.nominated.set(node, rest);
    else this.nominated.delete(node);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    // Asked once per node per cycle (runFilterPluginsWithNominatedPods); with no nomination at
    // all, as in most cycles, the answer needs no hashing of the node's name.
    if (this.nominated.size === 0) return NO_PODS;
    return this.nominated.get(nodeName) ?? NO_PODS;
  }
}

const NO_PODS: readonly PodInfo[] = Object.freeze([]);

/** isPodUpdated: a change other than status, resourceVersion, generation and managedFields. */
function specChanged(oldPod: V1Pod, newPod: V1Pod): boolean {
  const strip = (p: V1Pod) => JSON.stringify({ ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined } });
  return strip(oldPod) !== strip(newPod);
}
