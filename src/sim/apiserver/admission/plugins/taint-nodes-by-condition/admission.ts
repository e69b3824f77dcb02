/**
 * TaintNodesByCondition (plugin/pkg/admission/nodetaint): a Node is created with the
 * `node.kubernetes.io/not-ready:NoSchedule` taint, so nothing is scheduled to it before the
 * node lifecycle controller has seen it Ready and removed the taint.
 */
import type { AdmissionAttributes, AdmissionPlugin } from '../../types';

export const TAINT_NODES_BY_CONDITION = 'TaintNodesByCondition';

interface TaintJSON {
  key: string;
  value?: string;
  effect: string;
}

const NOT_READY_TAINT: TaintJSON = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

export function taintNodesByCondition(): AdmissionPlugin {
  return {
    name: TAINT_NODES_BY_CONDITION,
    admit(a: AdmissionAttributes) {
      if (a.operation !== 'CREATE' || a.resource.group !== '' || a.resource.resource !== 'nodes' || a.subresource || !a.object) return undefined;
      const spec = (a.object['spec'] as { taints?: TaintJSON[] } | undefined) ?? {};
      // MatchTaint: same key and effect.
      if ((spec.taints ?? []).some((t) => t.key === NOT_READY_TAINT.key && t.effect === NOT_READY_TAINT.effect)) return undefined;
      return { ...a.object, spec: { ...spec, taints: [...(spec.taints ?? []), { ...NOT_READY_TAINT }] } };
    },
  };
}
