/**
 * TriggerTimeTracker (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go): the value
 * of the `endpoints.kubernetes.io/last-change-trigger-time` annotation, the time of the earliest
 * change (a pod's Ready transition, the Service's creation) not yet reflected in the endpoints.
 * Shared by the EndpointSlice and Endpoints controllers, each with its own instance. Times are
 * RFC 3339 strings of whole seconds, so they compare as strings.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';

interface ServiceState {
  lastServiceTriggerTime: string;
  lastPodTriggerTimes: Map<string, string>;
}

const earliest = (current: string, next: string): string => (current === '' || next < current ? next : current);

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** ComputeEndpointLastChangeTriggerTime: '' means no annotation. */
  compute(namespace: string, service: Service, pods: readonly Pod[]): string {
    const key = `${namespace}/${service.metadata?.name ?? ''}`;
    const state = this.states.get(key);
    let minChanged = '';
    const podTimes = new Map<string, string>();
    for (const pod of pods) {
      const t = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
      if (t === '') continue;
      podTimes.set(pod.metadata?.name ?? '', t);
      if (t > (state?.lastPodTriggerTimes.get(pod.metadata?.name ?? '') ?? '')) minChanged = earliest(minChanged, t);
    }
    const serviceTime = service.metadata?.creationTimestamp ?? '';
    if (serviceTime > (state?.lastServiceTriggerTime ?? '')) minChanged = earliest(minChanged, serviceTime);
    this.states.set(key, { lastServiceTriggerTime: serviceTime, lastPodTriggerTimes: podTimes });
    // A Service seen for the first time: its creation is the trigger.
    if (!state) return serviceTime;
    return minChanged;
  }

  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
