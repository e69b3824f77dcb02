/** NodeName (plugins/nodename): a pod naming a node in spec.nodeName fits only that node. */
import type { FilterPlugin, Handle } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';

export const Name = 'NodeName';
export const ErrReason = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = Name;

  filter(_state: unknown, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const wanted = pod.spec?.nodeName;
    if (!wanted || wanted === nodeInfo.name) return null;
    return newStatus('UnschedulableAndUnresolvable', ErrReason);
  }
}

export function New(_args: unknown, _handle: Handle): NodeName {
  return new NodeName();
}
