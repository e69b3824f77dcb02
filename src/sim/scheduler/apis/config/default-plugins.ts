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

/** The teaching profile's scheduler name: pods choose it with spec.schedulerName. */
export const POD_COUNT_SCHEDULER_NAME = 'pod-count-scheduler';

/**
 * The teaching profile, NOT a Kubernetes default: every default Filter still applies (so a pod
 * still lands only where it fits), but the only score is PodCount — the node with the fewest
 * pods wins. `schedulerName` can be set to `default-scheduler` to make it the default one.
 */
export function podCountTeachingProfile(schedulerName = POD_COUNT_SCHEDULER_NAME): KubeSchedulerProfile {
  return { schedulerName, plugins: DEFAULT_PLUGINS, score: { disabled: [{ name: '*' }], enabled: [{ name: 'PodCount', weight: 1 }] } };
}
