/**
 * NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): whether a DaemonSet
 * wants a pod on a node (shouldRun: its nodeSelector and required node affinity match, and every
 * NoSchedule/NoExecute taint is tolerated, counting the tolerations the controller adds), and
 * whether a pod already there may stay (shouldContinueRunning: only a NoExecute taint it does
 * not tolerate drives it off). Scheduling itself is kube-scheduler's; this only decides which
 * nodes get a pod.
 */
import type { V1Node, V1Pod } from '../../scheduler/framework/v1';
import { RequiredNodeAffinity } from '../../api/nodeaffinity/node-affinity';
import { findMatchingUntoleratedTaint } from '../../scheduler/util/taints';
import { daemonPodTolerations } from './daemon-pod';
import type { DaemonSetView } from './types';
import { jsonCopy } from '../../api/json-copy';

export interface ShouldRun {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

/** NewPod: the pod the DaemonSet would run on the node, with its added tolerations. */
function newPod(ds: DaemonSetView, nodeName: string): V1Pod {
  const spec = jsonCopy(ds.spec.template?.spec ?? {});
  spec['tolerations'] = daemonPodTolerations(spec);
  spec['nodeName'] = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { ...(ds.spec.template?.metadata ?? {}), namespace: ds.metadata.namespace ?? '' }, spec } as V1Pod;
}

export function nodeShouldRunDaemonPod(node: V1Node, ds: DaemonSetView): ShouldRun {
  const nodeName = node.metadata.name ?? '';
  const templateNodeName = (ds.spec.template?.spec?.['nodeName'] as string | undefined) ?? '';
  if (templateNodeName !== '' && templateNodeName !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  const pod = newPod(ds, nodeName);
  if (!new RequiredNodeAffinity(pod).match(node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  const untolerated = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  if (!untolerated) return { shouldRun: true, shouldContinueRunning: true };
  // Scheduled daemon pods should continue running if they tolerate NoExecute taints.
  const noExecute = findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: noExecute === undefined };
}
