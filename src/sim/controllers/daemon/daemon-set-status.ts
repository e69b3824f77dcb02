/**
 * A DaemonSet's status (updateDaemonSetStatus, storeDaemonSetStatus): over the nodes, how many
 * should run a pod (desiredNumberScheduled), have one (currentNumberScheduled), whose oldest pod
 * is ready, available, of the current template (updatedNumberScheduled), and how many run a pod
 * they should not (numberMisscheduled). Written through /status only when a count changed or
 * the generation moved on.
 */
import type { V1Node } from '../../scheduler/framework/v1';
import { isPodAvailable, isPodReady } from '../controller-utils/pod-util';
import type { PodView } from '../controller-utils/types';
import { byCreationTimestampAndPhase, isPodUpdated } from './daemon-pod';
import { nodeShouldRunDaemonPod } from './node-should-run';
import type { DaemonSetStatus, DaemonSetView } from './types';

export interface StatusCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

export function calculateStatus(ds: DaemonSetView, nodes: readonly V1Node[], nodeToPods: ReadonlyMap<string, PodView[]>, hash: string, generation: number | undefined, now: number): StatusCounts {
  const c: StatusCounts = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0 };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = [...(nodeToPods.get(node.metadata.name ?? '') ?? [])];
    if (!shouldRun) {
      if (pods.length > 0) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    c.currentNumberScheduled++;
    const pod = pods.sort(byCreationTimestampAndPhase)[0] as PodView;
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}

/** storeDaemonSetStatus's early return: the same counts, and the generation already observed. */
export function statusUnchanged(ds: DaemonSetView, c: StatusCounts): boolean {
  const s = ds.status;
  return (
    (s?.desiredNumberScheduled ?? 0) === c.desiredNumberScheduled &&
    (s?.currentNumberScheduled ?? 0) === c.currentNumberScheduled &&
    (s?.numberMisscheduled ?? 0) === c.numberMisscheduled &&
    (s?.numberReady ?? 0) === c.numberReady &&
    (s?.updatedNumberScheduled ?? 0) === c.updatedNumberScheduled &&
    (s?.numberAvailable ?? 0) === c.numberAvailable &&
    (s?.numberUnavailable ?? 0) === c.numberUnavailable &&
    (s?.observedGeneration ?? 0) >= ((ds.metadata['generation'] as number | undefined) ?? 0)
  );
}

/** apps/v1 DaemonSetStatus as Go serialises it: the four required counts always, the rest omitempty. */
export function serializeStatus(previous: DaemonSetStatus | undefined, c: StatusCounts, observedGeneration: number | undefined): DaemonSetStatus {
  const out: DaemonSetStatus = {
    currentNumberScheduled: c.currentNumberScheduled,
    numberMisscheduled: c.numberMisscheduled,
    desiredNumberScheduled: c.desiredNumberScheduled,
    numberReady: c.numberReady,
  };
  const generation = observedGeneration ?? previous?.observedGeneration;
  if (generation) out.observedGeneration = generation;
  if (c.updatedNumberScheduled) out.updatedNumberScheduled = c.updatedNumberScheduled;
  if (c.numberAvailable) out.numberAvailable = c.numberAvailable;
  if (c.numberUnavailable) out.numberUnavailable = c.numberUnavailable;
  if (previous?.collisionCount) out.collisionCount = previous.collisionCount;
  return out;
}
