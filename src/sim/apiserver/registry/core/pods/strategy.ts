/**
 * The pod strategy (pkg/registry/core/pod/strategy.go): a new pod starts Pending with its QoS
 * class, and a pod bound to a node is deleted gracefully (the kubelet finishes the delete).
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { ResourceStrategy } from '../../strategy';
import { qosClass } from './qos';

export const podStrategy: ResourceStrategy = {
  initialStatus: (pod) => ({ phase: 'Pending', qosClass: qosClass(pod) }),
  gracePeriod(pod: KubeObject, requested: number | undefined): number {
    const spec = pod['spec'] as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    // A pod no kubelet runs yet can go at once (CheckGracefulDelete).
    if (!spec?.nodeName) return 0;
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    return requested ?? spec.terminationGracePeriodSeconds ?? 30;
  },
};
