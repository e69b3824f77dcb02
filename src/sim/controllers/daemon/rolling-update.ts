/**
 * The DaemonSet RollingUpdate (pkg/controller/daemon/update.go rollingUpdate, maxSurge 0): on
 * each node holding only an old pod, that pod is a candidate to delete; old pods that are not
 * available go at once, and available ones only while fewer than maxUnavailable of the desired
 * pods are unavailable. The manage loop then creates the new pod on each emptied node.
 * maxUnavailable is an int or a percentage of desiredNumberScheduled, rounded up; 0 counts as 1.
 *
 * Simplified: maxSurge > 0 (a new pod beside the old one) is not done; it rolls as maxSurge 0.
 * Nodes are walked in name order (upstream ranges over a Go map).
 */
import { scaledValue } from '../deployment/util/deployment-util';
import { isPodAvailable } from '../controller-utils/pod-util';
import type { PodView } from '../controller-utils/types';
import { byCreationTimestampAndPhase, isPodUpdated } from './daemon-pod';
import type { DaemonSetView } from './types';

/** updatedDesiredNodeCounts' maxUnavailable, for the desired number of scheduled pods. */
export function maxUnavailable(ds: DaemonSetView, desiredNumberScheduled: number): number {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const value = scaledValue(ru?.maxUnavailable ?? 1, desiredNumberScheduled, true);
  const surge = scaledValue(ru?.maxSurge ?? 0, desiredNumberScheduled, true);
  return value === 0 && surge === 0 ? 1 : value;
}

/**
 * findUpdatedPodsOnNode: the node's newest-template pod and old pod, or undefined when there
 * is more than one of either (the manage loop sorts that out first).
 */
function updatedPodsOnNode(pods: readonly PodView[], hash: string, generation: number | undefined): { newPod?: PodView; oldPod?: PodView } | undefined {
  let newPod: PodView | undefined;
  let oldPod: PodView | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

/** The old pods this pass of the rolling update deletes. */
export function oldPodsToDelete(ds: DaemonSetView, nodeToPods: ReadonlyMap<string, PodView[]>, desiredNumberScheduled: number, hash: string, generation: number | undefined, now: number): string[] {
  const limit = maxUnavailable(ds, desiredNumberScheduled);
  const minReadySeconds = ds.spec.minReadySeconds ?? 0;
  let numUnavailable = 0;
  const allowedReplacementPods: string[] = [];
  const candidatePodsToDelete: string[] = [];
  for (const nodeName of [...nodeToPods.keys()].sort()) {
    const pods = [...(nodeToPods.get(nodeName) ?? [])].sort(byCreationTimestampAndPhase);
    const found = updatedPodsOnNode(pods, hash, generation);
    if (!found) {
      numUnavailable++;
      continue;
    }
    const { newPod, oldPod } = found;
    if ((!oldPod && !newPod) || (oldPod && newPod)) {
      // The manage loop creates or deletes the right pod here: count the node unavailable.
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReadySeconds, now)) numUnavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReadySeconds, now)) allowedReplacementPods.push(oldPod.metadata.name ?? '');
      else if (numUnavailable < limit) candidatePodsToDelete.push(oldPod.metadata.name ?? '');
    }
  }
  const remaining = Math.min(Math.max(limit - numUnavailable, 0), candidatePodsToDelete.length);
  return [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)];
}
