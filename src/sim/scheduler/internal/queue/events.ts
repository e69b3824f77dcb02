/**
 * Cluster events (framework/types.go ClusterEvent) and which plugins care about which
 * (each plugin's EventsToRegister, v1.32): a pod a plugin rejected goes back to be retried only on
 * an event that plugin registered for. A pod rejected by no plugin in particular (an error) is
 * retried on any event.
 */

export type EventResource = 'Pod' | 'Node' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass';
export type ActionType = 'Add' | 'Delete' | 'Update' | 'UpdateNodeAllocatable' | 'UpdateNodeLabel' | 'UpdateNodeTaint' | 'UpdateNodeCondition' | 'UpdatePodLabel' | 'UpdatePodScaleDown';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: ActionType;
  /** As upstream names it in logs and metrics: "NodeAdd", "AssignedPodDelete", "UnschedulableTimeout". */
  readonly label: string;
}

export const NodeAdd: ClusterEvent = { resource: 'Node', actionType: 'Add', label: 'NodeAdd' };
export const NodeDelete: ClusterEvent = { resource: 'Node', actionType: 'Delete', label: 'NodeDelete' };
export const NodeAllocatableChange: ClusterEvent = { resource: 'Node', actionType: 'UpdateNodeAllocatable', label: 'NodeAllocatableChange' };
export const NodeLabelChange: ClusterEvent = { resource: 'Node', actionType: 'UpdateNodeLabel', label: 'NodeLabelChange' };
export const NodeTaintChange: ClusterEvent = { resource: 'Node', actionType: 'UpdateNodeTaint', label: 'NodeTaintChange' };
export const AssignedPodAdd: ClusterEvent = { resource: 'Pod', actionType: 'Add', label: 'AssignedPodAdd' };
export const AssignedPodUpdate: ClusterEvent = { resource: 'Pod', actionType: 'Update', label: 'AssignedPodUpdate' };
export const AssignedPodDelete: ClusterEvent = { resource: 'Pod', actionType: 'Delete', label: 'AssignedPodDelete' };
export const UnscheduledPodUpdate: ClusterEvent = { resource: 'Pod', actionType: 'Update', label: 'UnscheduledPodUpdate' };
/** The periodic flush of pods unschedulable for too long: every pod moves. */
export const UnschedulableTimeout: ClusterEvent = { resource: 'Pod', actionType: 'Update', label: 'UnschedulableTimeout' };

type Interest = readonly [EventResource, readonly ActionType[]];
const POD_ANY: ActionType[] = ['Add', 'Delete', 'Update', 'UpdatePodLabel', 'UpdatePodScaleDown'];

export const EVENTS_TO_REGISTER: Readonly<Record<string, readonly Interest[]>> = {
  SchedulingGates: [['Pod', ['Update']]],
  NodeUnschedulable: [['Node', ['Add', 'UpdateNodeTaint']]],
  NodeName: [['Node', ['Add']]],
  TaintToleration: [['Node', ['Add', 'UpdateNodeTaint']], ['Pod', ['Update']]],
  NodeAffinity: [['Node', ['Add', 'UpdateNodeLabel']], ['Pod', ['Update']]],
  NodePorts: [['Pod', ['Delete']], ['Node', ['Add']]],
  NodeResourcesFit: [['Pod', ['Delete', 'UpdatePodScaleDown', 'Update']], ['Node', ['Add', 'UpdateNodeAllocatable']]],
  VolumeRestrictions: [['Pod', ['Delete']], ['PersistentVolumeClaim', ['Add', 'Update']]],
  NodeVolumeLimits: [['Pod', ['Delete']], ['Node', ['Add']], ['PersistentVolumeClaim', ['Add']]],
  VolumeBinding: [['PersistentVolumeClaim', ['Add', 'Update']], ['PersistentVolume', ['Add', 'Update']], ['StorageClass', ['Add', 'Update']], ['Node', ['Add', 'UpdateNodeLabel', 'UpdateNodeTaint']]],
  VolumeZone: [['PersistentVolumeClaim', ['Add', 'Update']], ['PersistentVolume', ['Add', 'Update']], ['Node', ['Add', 'UpdateNodeLabel']]],
  PodTopologySpread: [['Pod', POD_ANY], ['Node', ['Add', 'Delete', 'UpdateNodeLabel', 'UpdateNodeTaint']]],
  InterPodAffinity: [['Pod', POD_ANY], ['Node', ['Add', 'UpdateNodeLabel']]],
};

/** Whether an event can make a pod that these plugins rejected schedulable. */
export function eventMayHelp(event: ClusterEvent, unschedulablePlugins: ReadonlySet<string>): boolean {
  if (event === UnschedulableTimeout || unschedulablePlugins.size === 0) return true;
  for (const plugin of unschedulablePlugins) {
    for (const [resource, actions] of EVENTS_TO_REGISTER[plugin] ?? []) {
      if (resource !== event.resource) continue;
      // A generic Update covers every specific kind of update of that resource.
      if (actions.includes(event.actionType) || (actions.includes('Update') && event.actionType.startsWith('Update'))) return true;
    }
  }
  return false;
}
