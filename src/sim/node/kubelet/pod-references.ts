/**
 * The ConfigMaps and Secrets a pod references (podutil.VisitPodConfigmapNames and
 * VisitPodSecretNames): env and envFrom of every container, and the configMap, secret and
 * projected volumes. These are what the kubelet's managers watch for it.
 *
 * The service-account volume the admission plugin adds (`kube-api-access-xxxxx`, projecting
 * the kube-root-ca.crt ConfigMap) is not counted: the simulated kubelet fills that volume from
 * what it knows itself (see volumes/service-account-volume.ts), so that the many pods that use
 * nothing else start without a round trip to the apiserver.
 */
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';

/** The admission plugin's name prefix for the projected service-account volume. */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';

function containers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

export function isServiceAccountVolume(v: Volume): boolean {
  return v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX) && v.projected !== undefined;
}

export function podConfigMapNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const c of containers(pod)) {
    for (const from of c.envFrom ?? []) if (from.configMapRef?.name) names.push(from.configMapRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef?.name) names.push(e.valueFrom.configMapKeyRef.name);
  }
  for (const v of pod.spec?.volumes ?? []) {
    if (isServiceAccountVolume(v)) continue;
    if (v.configMap?.name) names.push(v.configMap.name);
    for (const s of v.projected?.sources ?? []) if (s.configMap?.name) names.push(s.configMap.name);
  }
  return names;
}

export function podSecretNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const c of containers(pod)) {
    for (const from of c.envFrom ?? []) if (from.secretRef?.name) names.push(from.secretRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name) names.push(e.valueFrom.secretKeyRef.name);
  }
  for (const v of pod.spec?.volumes ?? []) {
    if (v.secret?.secretName) names.push(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret?.name) names.push(s.secret.name);
  }
  return names;
}
