/**
 * The v1.32 default profile (pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins):
 * 18 plugins enabled through MultiPoint, in upstream order, with the Score weights upstream sets.
 * The order matters: Filter runs in it and stops at the first plugin that rejects a node, and the
 * FitError lists only that plugin's reasons. (EBSLimits, GCEPDLimits and AzureDiskLimits were
 * removed from the defaults in v1.31 and deleted in v1.32; DynamicResources is off by default.)
 */
import { DEFAULT_SCHEDULER_NAME, type KubeSchedulerProfile, type PluginRef } from './types';

export const DEFAULT_PLUGINS: readonly PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultProfile(): KubeSchedulerProfile {
  return { schedulerName: DEFAULT_SCHEDULER_NAME, plugins: DEFAULT_PLUGINS };
}
