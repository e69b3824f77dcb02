/**
 * Pod state as the controllers judge it (k8s.io/kubernetes pkg/api/v1/pod/util.go and
 * pkg/controller/controller_utils.go): ready, available after minReadySeconds, active.
 */
import { virtualMsOf } from '../../api/time';
import { isBeingDeleted, type PodCondition, type PodView } from './types';

export function podReadyCondition(pod: PodView): PodCondition | undefined {
  // A loop, not find(): asked of every pod of a ReplicaSet on each of its status calculations.
  for (const c of pod.status?.conditions ?? NO_CONDITIONS) if (c.type === 'Ready') return c;
  return undefined;
}

const NO_CONDITIONS: readonly PodCondition[] = [];

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodView): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and for at least minReadySeconds (the Ready condition's
 * lastTransitionTime + minReadySeconds is before now).
 */
export function isPodAvailable(pod: PodView, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  if (!c.lastTransitionTime) return false;
  return virtualMsOf(c.lastTransitionTime) + minReadySeconds * 1000 < nowMs;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: PodView): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !isBeingDeleted(pod);
}

/** When the pod became ready (the Ready condition's lastTransitionTime), if it is ready. */
export function podReadyTime(pod: PodView): number | undefined {
  const c = podReadyCondition(pod);
  return c?.status === 'True' && c.lastTransitionTime ? virtualMsOf(c.lastTransitionTime) : undefined;
}

/** maxContainerRestarts: the most restarts of any container (init containers too, from 1.28). */
export function maxContainerRestarts(pod: PodView): number {
  let max = 0;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) max = Math.max(max, s.restartCount ?? 0);
  return max;
}
