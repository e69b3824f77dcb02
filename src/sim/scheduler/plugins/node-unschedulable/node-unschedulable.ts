/**
 * NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes only
 * pods that tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { FilterPlugin, Handle } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';
import { tolerationsTolerateTaint } from '../../util/taints';

export const Name = 'NodeUnschedulable';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';
const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export class NodeUnschedulable implements FilterPlugin {
  readonly name = Name;

  filter(_state: unknown, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    if (!nodeInfo.node) return newStatus('UnschedulableAndUnresolvable', ErrReasonUnknownCondition);
    if (!nodeInfo.unschedulable) return null;
    const tolerated = tolerationsTolerateTaint(pod.spec?.tolerations ?? [], { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    return tolerated ? null : newStatus('UnschedulableAndUnresolvable', ErrReasonUnschedulable);
  }
}

export function New(_args: unknown, _handle: Handle): NodeUnschedulable {
  return new NodeUnschedulable();
}
