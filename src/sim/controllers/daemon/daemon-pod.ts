/**
 * How the DaemonSet controller shapes its pods (pkg/controller/daemon/util/daemonset_util.go):
 * the tolerations every daemon pod gets so that node problems do not evict it or keep it off a
 * node, the template labelled with the template generation and the revision hash, the node
 * affinity that pins a pod to its node for kube-scheduler (matchFields metadata.name, since 1.12
 * the scheduler binds daemon pods), and whether a pod is of the current template.
 */
import type { V1Affinity, V1Toleration } from '../../scheduler/framework/v1';
import type { PodTemplateSpec, PodView } from '../controller-utils/types';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/controller-history';
import { POD_TEMPLATE_GENERATION_LABEL } from './types';
import { jsonCopy } from '../../api/json-copy';

/**
 * AddOrUpdateDaemonPodTolerations: not-ready and unreachable NoExecute (taint-based eviction
 * must not remove a node's daemon), the node-condition taints and unschedulable NoSchedule, and
 * network-unavailable for a host-network pod (it is what brings the network up).
 */
export function daemonPodTolerations(spec: Record<string, unknown>): V1Toleration[] {
  const added: V1Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec['hostNetwork'] === true) added.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const tolerations = [...((spec['tolerations'] as V1Toleration[] | undefined) ?? [])];
  for (const t of added) {
    // AddOrUpdateTolerationInPodSpec: an equal toleration (key, operator, value, effect) is replaced, else appended.
    const same = tolerations.findIndex((o) => (o.key ?? '') === t.key && (o.operator ?? 'Equal') === t.operator && (o.value ?? '') === '' && (o.effect ?? '') === t.effect);
    if (same >= 0) tolerations[same] = t;
    else tolerations.push(t);
  }
  return tolerations;
}

/** CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function createPodTemplate(template: PodTemplateSpec, generation: number | undefined, hash: string): PodTemplateSpec {
  const spec = jsonCopy(template.spec ?? {});
  spec['tolerations'] = daemonPodTolerations(spec);
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  return { metadata: { ...jsonCopy(template.metadata ?? {}), labels }, spec };
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity names the target node by
 * `metadata.name`; the terms' label expressions are kept, any other field requirement replaced.
 */
export function replaceNodeNameNodeAffinity(affinity: V1Affinity | undefined, nodeName: string): V1Affinity {
  const byName = { key: 'metadata.name', operator: 'In', values: [nodeName] };
  const onlyByName = { nodeSelectorTerms: [{ matchFields: [byName] }] };
  const nodeAffinity = affinity?.nodeAffinity;
  const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!affinity || !nodeAffinity || !required) return { ...(affinity ?? {}), nodeAffinity: { ...(nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: onlyByName } };
  const terms = required.nodeSelectorTerms.map((t) => ({ ...t, matchFields: [byName] }));
  return { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: terms.length ? { nodeSelectorTerms: terms } : onlyByName } };
}

/** GetTargetNodeName: the node a daemon pod is for, bound or not yet (from its matchFields). */
export function targetNodeName(pod: PodView): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const affinity = pod.spec?.['affinity'] as V1Affinity | undefined;
  for (const term of affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: PodView, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name. */
export function byCreationTimestampAndPhase(a: PodView, b: PodView): number {
  const aBound = !!a.spec?.nodeName;
  const bBound = !!b.spec?.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at === bt) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return at < bt ? -1 : 1;
}
