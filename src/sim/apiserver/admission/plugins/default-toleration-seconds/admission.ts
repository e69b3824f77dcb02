/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates
 * the `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` NoExecute taints for
 * 300 s, so when its node fails it is evicted five minutes later rather than at once. A pod that
 * already tolerates a taint (same key or empty key, NoExecute or empty effect) is left alone.
 */
import type { AdmissionAttributes, AdmissionPlugin } from '../../types';
import { isPodRequest, podSpec, withPodSpecFields, type TolerationJSON } from '../pod-spec';

export const DEFAULT_TOLERATION_SECONDS = 'DefaultTolerationSeconds';
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export interface DefaultTolerationSecondsOptions {
  notReadySeconds?: number;
  unreachableSeconds?: number;
}

function tolerates(tolerations: readonly TolerationJSON[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

export function defaultTolerationSeconds(options: DefaultTolerationSecondsOptions = {}): AdmissionPlugin {
  const notReady = options.notReadySeconds ?? 300;
  const unreachable = options.unreachableSeconds ?? 300;
  return {
    name: DEFAULT_TOLERATION_SECONDS,
    admit(a: AdmissionAttributes) {
      if (!isPodRequest(a) || !a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return undefined;
      const current = podSpec(a.object).tolerations ?? [];
      const addNotReady = !tolerates(current, TAINT_NODE_NOT_READY);
      const addUnreachable = !tolerates(current, TAINT_NODE_UNREACHABLE);
      if (!addNotReady && !addUnreachable) return undefined;
      const tolerations = [...current];
      if (addNotReady) tolerations.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: notReady });
      if (addUnreachable) tolerations.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: unreachable });
      // Only spec.tolerations changes: the rest of the pod is shared.
      return withPodSpecFields(a.object, { tolerations });
    },
  };
}
