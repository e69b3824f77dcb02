/**
 * Why a pod is or is not ready, in one phrase, from its status as the kubelet reported it: what a
 * learner needs beside a Service's or Deployment's explanation.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../sim/api/kube-object';

export function isReady(obj: KubeObject): boolean {
  const pod = obj as unknown as Pod;
  return !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function readinessText(obj: KubeObject): string {
  const pod = obj as unknown as Pod;
  if (obj.metadata.deletionTimestamp) return 'terminating';
  if (isReady(obj)) return 'ready';
  if (!pod.spec?.nodeName) {
    const unschedulable = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return unschedulable?.message ? `not scheduled: ${unschedulable.message}` : 'not scheduled yet';
  }
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return `${pod.status.phase} (it has ended)`;
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const waiting = cs.state?.waiting;
    if (waiting?.reason) return `container ${cs.name} waiting: ${waiting.reason}`;
    if (cs.state?.running && !cs.ready) return `container ${cs.name} running but not ready (its readiness probe has not passed)`;
    if (cs.state?.terminated) return `container ${cs.name} terminated: ${cs.state.terminated.reason ?? `exit ${cs.state.terminated.exitCode}`}`;
  }
  return pod.status?.phase === 'Pending' ? 'starting (Pending)' : 'not ready';
}
