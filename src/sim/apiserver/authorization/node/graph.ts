/**
 * What the Node authorizer asks its graph, after kubernetes plugin/pkg/auth/authorizer/node/graph.go
 * and graph_populator.go: is there a path from an object (a secret, a configmap, a PVC, ...) to a
 * node, through a pod bound to that node that references it?
 *
 * Upstream keeps an incrementally maintained graph fed by informers. Here the question is answered
 * from the pods themselves on each call (`PodReferencesGraph`), through a lookup the apiserver backs
 * with its storage; the edges are the same ones graph_populator adds for a pod: its service account,
 * the secrets and configmaps it uses (podutil.VisitPodSecretNames / VisitPodConfigmapNames), its
 * PVCs (including generic ephemeral volumes' `<pod>-<volume>` claims), and a PVC's bound PV.
 * Mirror pods add no edges but the pod itself (a node must not grant itself access by creating one).
 */
import type { EnvFromSource, EnvVar, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';

/** graph.go vertex types, named as upstream logs them. */
export type NodeGraphVertexType = 'configmap' | 'pod' | 'pvc' | 'pv' | 'resourceclaim' | 'secret' | 'serviceAccount' | 'volumeattachment';

/** The Node authorizer's graph question (hasPathFrom), answered with true or the reason there is no path. */
export interface NodeGraph {
  hasPathFrom(nodeName: string, type: NodeGraphVertexType, namespace: string, name: string): true | { error: string };
}

/** What PodReferencesGraph reads: the pods bound to a node, and PVCs (to follow pvc → pv). */
export interface NodeGraphSource {
  podsOnNode(nodeName: string): readonly Pod[];
  getPersistentVolumeClaim?(namespace: string, name: string): PersistentVolumeClaim | undefined;
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function allContainers(pod: Pod) {
  const spec = pod.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
}

function envRefs(env: readonly EnvVar[] | undefined, envFrom: readonly EnvFromSource[] | undefined, kind: 'secret' | 'configmap'): string[] {
  const names: string[] = [];
  for (const e of envFrom ?? []) {
    const ref = kind === 'secret' ? e.secretRef?.name : e.configMapRef?.name;
    if (ref) names.push(ref);
  }
  for (const e of env ?? []) {
    const ref = kind === 'secret' ? e.valueFrom?.secretKeyRef?.name : e.valueFrom?.configMapKeyRef?.name;
    if (ref) names.push(ref);
  }
  return names;
}

function volumeRefs(v: Volume, kind: 'secret' | 'configmap'): string[] {
  const names: string[] = [];
  if (kind === 'secret') {
    if (v.secret?.secretName) names.push(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret?.name) names.push(s.secret.name);
    if (v.csi?.nodePublishSecretRef?.name) names.push(v.csi.nodePublishSecretRef.name);
    if (v.azureFile?.secretName) names.push(v.azureFile.secretName);
    for (const ref of [v.cephfs?.secretRef, v.cinder?.secretRef, v.flexVolume?.secretRef, v.rbd?.secretRef, v.scaleIO?.secretRef, v.iscsi?.secretRef, v.storageos?.secretRef]) {
      if (ref?.name) names.push(ref.name);
    }
  } else {
    if (v.configMap?.name) names.push(v.configMap.name);
    for (const s of v.projected?.sources ?? []) if (s.configMap?.name) names.push(s.configMap.name);
  }
  return names;
}

/** podutil.VisitPodSecretNames: image pull secrets, env and envFrom of every container, and secret-bearing volumes. */
export function podSecretNames(pod: Pod): string[] {
  const names = (pod.spec?.imagePullSecrets ?? []).map((s) => s.name ?? '').filter(Boolean);
  for (const c of allContainers(pod)) names.push(...envRefs(c.env, c.envFrom, 'secret'));
  for (const v of pod.spec?.volumes ?? []) names.push(...volumeRefs(v, 'secret'));
  return names;
}

/** podutil.VisitPodConfigmapNames: env and envFrom of every container, and configmap volumes. */
export function podConfigMapNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const c of allContainers(pod)) names.push(...envRefs(c.env, c.envFrom, 'configmap'));
  for (const v of pod.spec?.volumes ?? []) names.push(...volumeRefs(v, 'configmap'));
  return names;
}

/** PVC names a pod uses: persistentVolumeClaim volumes and generic ephemeral volumes (`<pod>-<volume>`, ephemeral.VolumeClaimName). */
export function podClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) names.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) names.push(`${pod.metadata?.name ?? ''}-${v.name}`);
  }
  return names;
}

/** Resource claim names a pod uses (pod.spec.resourceClaims → status.resourceClaimStatuses or resourceClaimName). */
function podResourceClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const c of pod.spec?.resourceClaims ?? []) {
    // kubernetes-types still has the v1.27 shape (source.resourceClaimName).
    const direct = c.source?.resourceClaimName;
    if (direct) names.push(direct);
    const generated = (pod.status?.resourceClaimStatuses ?? []).find((s) => s.name === c.name)?.resourceClaimName;
    if (generated) names.push(generated);
  }
  return names;
}

/** Does this pod (bound to the node) reference the object? */
function podReferences(pod: Pod, type: NodeGraphVertexType, name: string, source: NodeGraphSource): boolean {
  const ns = pod.metadata?.namespace ?? '';
  switch (type) {
    case 'pod':
      return pod.metadata?.name === name;
    case 'serviceAccount':
      return (pod.spec?.serviceAccountName ?? '') === name && name !== '';
    case 'secret':
      return podSecretNames(pod).includes(name);
    case 'configmap':
      return podConfigMapNames(pod).includes(name);
    case 'pvc':
      return podClaimNames(pod).includes(name);
    case 'pv':
      return podClaimNames(pod).some((claim) => source.getPersistentVolumeClaim?.(ns, claim)?.spec?.volumeName === name);
    case 'resourceclaim':
      return podResourceClaimNames(pod).includes(name);
    case 'volumeattachment':
      return false;
  }
}

/** A NodeGraph computed from the pods bound to each node. */
export class PodReferencesGraph implements NodeGraph {
  constructor(private readonly source: NodeGraphSource) {}

  hasPathFrom(nodeName: string, type: NodeGraphVertexType, namespace: string, name: string): true | { error: string } {
    const pods = this.source.podsOnNode(nodeName);
    // Upstream has a vertex for a node only once something points at it.
    if (pods.length === 0) return { error: `unknown node '${nodeName}' cannot get ${type} ${namespace}/${name}` };
    for (const pod of pods) {
      // PVs are cluster-scoped: the PVC found through the pod carries the namespace.
      if (type !== 'pv' && (pod.metadata?.namespace ?? '') !== namespace) continue;
      const mirror = Object.prototype.hasOwnProperty.call(pod.metadata?.annotations ?? {}, MIRROR_POD_ANNOTATION);
      if (mirror && type !== 'pod') continue;
      if (podReferences(pod, type, name, this.source)) return true;
    }
    return { error: `node '${nodeName}' cannot get ${type} ${namespace}/${name}, no relationship to this object was found in the node authorizer graph` };
  }
}
