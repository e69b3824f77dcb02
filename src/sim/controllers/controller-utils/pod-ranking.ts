/**
 * Which pods a ReplicaSet deletes first when it scales down: getPodsToDelete and
 * getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go) with
 * ActivePodsWithRanks.Less (pkg/controller/controller_utils.go), LogarithmicScaleDown on (the
 * default since 1.22):
 *   1. unassigned < assigned
 *   2. Pending < Unknown < Running
 *   3. not ready < ready
 *   4. lower controller.kubernetes.io/pod-deletion-cost < higher
 *   5. more related pods on the same node < fewer ("doubled up")
 *   6. ready for less time < more (in log2 buckets of the time since)
 *   7. more container restarts < fewer
 *   8. newer < older (in log2 buckets), then by uid
 */
import { virtualMsOf } from '../../api/time';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from './pod-util';
import type { PodView } from './types';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: PodView): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function creationMs(pod: PodView): number | undefined {
  return pod.metadata.creationTimestamp ? virtualMsOf(pod.metadata.creationTimestamp) : undefined;
}

/** logarithmicRankDiff: floor(log2) of the nanoseconds since each time, compared. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** afterOrZero: a missing time sorts first; otherwise the later one does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

function uidLess(a: PodView, b: PodView): boolean {
  return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
}

/** ActivePodsWithRanks.Less: whether pod a goes before pod b (is deleted sooner). */
export function podDeletesBefore(a: PodView, rankA: number, b: PodView, rankB: number, now: number): boolean {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const phaseA = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return !readyA;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA < costB;
  if (rankA !== rankB) return rankA > rankB;
  if (readyA && readyB) {
    const t1 = podReadyTime(a);
    const t2 = podReadyTime(b);
    if (t1 !== t2) {
      if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
      const diff = logarithmicRankDiff(t1, t2, now);
      if (diff === 0) return uidLess(a, b);
      return diff < 0;
    }
  }
  const restartsA = maxContainerRestarts(a);
  const restartsB = maxContainerRestarts(b);
  if (restartsA !== restartsB) return restartsA > restartsB;
  const c1 = creationMs(a);
  const c2 = creationMs(b);
  if (c1 !== c2) {
    if (c1 === undefined || c2 === undefined) return afterOrZero(c1, c2);
    const diff = logarithmicRankDiff(c1, c2, now);
    if (diff === 0) return uidLess(a, b);
    return diff < 0;
  }
  return false;
}

/**
 * getPodsToDelete: the first `diff` of the ReplicaSet's pods in deletion order, each ranked by
 * how many active pods related to it (its ReplicaSet's and its siblings') share its node.
 */
export function getPodsToDelete(filteredPods: readonly PodView[], relatedPods: readonly PodView[], diff: number, now: number): PodView[] {
  if (diff >= filteredPods.length) return [...filteredPods];
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = filteredPods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => (podDeletesBefore(x.pod, x.rank, y.pod, y.rank, now) ? -1 : podDeletesBefore(y.pod, y.rank, x.pod, x.rank, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
