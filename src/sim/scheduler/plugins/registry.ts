/**
 * The in-tree registry (plugins/registry.go NewInTreeRegistry): every plugin's upstream name and
 * its New. A profile names plugins from here.
 */
import type { Registry } from '../framework/runtime/framework';
import * as defaultBinder from './default-binder/default-binder';
import * as defaultPreemption from './default-preemption/default-preemption';
import * as imageLocality from './image-locality/image-locality';
import * as interPodAffinity from './inter-pod-affinity/inter-pod-affinity';
import * as nodeAffinity from './node-affinity/node-affinity';
import * as nodeName from './node-name/node-name';
import * as nodePorts from './node-ports/node-ports';
import * as balancedAllocation from './node-resources-balanced-allocation/node-resources-balanced-allocation';
import * as nodeResourcesFit from './node-resources-fit/node-resources-fit';
import * as nodeUnschedulable from './node-unschedulable/node-unschedulable';
import * as nodeVolumeLimits from './node-volume-limits/node-volume-limits';
import * as podCount from './pod-count/pod-count';
import * as podTopologySpread from './pod-topology-spread/pod-topology-spread';
import * as queueSort from './queue-sort/priority-sort';
import * as schedulingGates from './scheduling-gates/scheduling-gates';
import * as taintToleration from './taint-toleration/taint-toleration';
import * as volumeBinding from './volume-binding/volume-binding';
import * as volumeRestrictions from './volume-restrictions/volume-restrictions';
import * as volumeZone from './volume-zone/volume-zone';

export function newInTreeRegistry(): Registry {
  return {
    [schedulingGates.Name]: schedulingGates.New,
    [queueSort.Name]: queueSort.New,
    [nodeUnschedulable.Name]: nodeUnschedulable.New,
    [nodeName.Name]: nodeName.New,
    [taintToleration.Name]: taintToleration.New,
    [nodeAffinity.Name]: nodeAffinity.New,
    [nodePorts.Name]: nodePorts.New,
    [nodeResourcesFit.Name]: nodeResourcesFit.New,
    [volumeRestrictions.Name]: volumeRestrictions.New,
    [nodeVolumeLimits.Name]: nodeVolumeLimits.New,
    [volumeBinding.Name]: volumeBinding.New,
    [volumeZone.Name]: volumeZone.New,
    [podTopologySpread.Name]: podTopologySpread.New,
    [interPodAffinity.Name]: interPodAffinity.New,
    [defaultPreemption.Name]: defaultPreemption.New,
    [balancedAllocation.Name]: balancedAllocation.New,
    [imageLocality.Name]: imageLocality.New,
    [defaultBinder.Name]: defaultBinder.New,
    // KubeArch's teaching plugin, not in upstream's registry.
    [podCount.Name]: podCount.New,
  };
}
