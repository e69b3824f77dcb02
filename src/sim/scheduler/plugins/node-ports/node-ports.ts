/**
 * NodePorts (plugins/nodeports): a pod asking for a hostPort fits only where that ip/protocol/port
 * is free. PreFilter collects the wanted ports once; a pod without host ports skips the Filter.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, PreFilterPlugin, PreFilterResult } from '../../framework/interface';
import { newStatus, Status, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1ContainerPort, V1Pod } from '../../framework/v1';

export const Name = 'NodePorts';
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";
const preFilterStateKey = 'PreFilter' + Name;

export function getContainerPorts(pod: V1Pod): V1ContainerPort[] {
  const ports: V1ContainerPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) ports.push(p);
  }
  return ports;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    const ports = getContainerPorts(pod);
    if (ports.length === 0) return [null, newStatus('Skip')];
    state.write(preFilterStateKey, ports);
    return [null, null];
  }

  filter(state: CycleState, _pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const wanted = state.read<V1ContainerPort[]>(preFilterStateKey);
    if (!wanted) return Status.error(`reading "${preFilterStateKey}" from cycleState: not found`);
    for (const p of wanted) {
      if (nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort ?? 0)) return newStatus('Unschedulable', ErrReason);
    }
    return null;
  }
}

export function New(_args: unknown, _handle: Handle): NodePorts {
  return new NodePorts();
}
