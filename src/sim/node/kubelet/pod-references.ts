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

/** What a missing list reads as in loops: one shared empty array, not a new one per loop. */
const EMPTY: readonly never[] = Object.freeze([]);

/** The admission plugin's name prefix for the projected service-account volume. */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';

const NO_NAMES: readonly string[] = Object.freeze([]);

export function isServiceAccountVolume(v: Volume): boolean {
  return v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX) && v.projected !== undefined;
}

// The visitors below run for every pod update the kubelet sees (most of them its own status
// writes coming back) and most pods reference nothing: they walk the spec in place and make an
// array only for a pod that names something (the empty answer is one shared, frozen array).

function containerConfigMapNames(list: readonly Container[] | undefined, names: string[] | undefined): string[] | undefined {
  // Indexed loops: for-of's iterator and result objects showed up in the allocation profile.
  if (!list) return names;
  for (let i = 0; i < list.length; i++) {
    const { envFrom, env } = list[i] as Container;
    if (envFrom)
      for (let j = 0; j < envFrom.length; j++) {
        const name = envFrom[j]?.configMapRef?.name;
        if (name) (names ??= []).push(name);
      }
    if (env)
      for (let j = 0; j < env.length; j++) {
        const name = env[j]?.valueFrom?.configMapKeyRef?.name;
        if (name) (names ??= []).push(name);
      }
  }
  return names;
}

function containerSecretNames(list: readonly Container[] | undefined, names: string[] | undefined): string[] | undefined {
  if (!list) return names;
  for (let i = 0; i < list.length; i++) {
    const { envFrom, env } = list[i] as Container;
    if (envFrom)
      for (let j = 0; j < envFrom.length; j++) {
        const name = envFrom[j]?.secretRef?.name;
        if (name) (names ??= []).push(name);
      }
    if (env)
      for (let j = 0; j < env.length; j++) {
        const name = env[j]?.valueFrom?.secretKeyRef?.name;
        if (name) (names ??= []).push(name);
      }
  }
  return names;
}

/** The ConfigMaps the pod names, in visiting order (init containers, containers, volumes), repeats kept. */
export function podConfigMapNames(pod: Pod): readonly string[] {
  let names = containerConfigMapNames(pod.spec?.initContainers, undefined);
  names = containerConfigMapNames(pod.spec?.containers, names);
  const volumes = pod.spec?.volumes ?? EMPTY;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as Volume;
    if (isServiceAccountVolume(v)) continue;
    if (v.configMap?.name) (names ??= []).push(v.configMap.name);
    const sources = v.projected?.sources ?? EMPTY;
    for (let j = 0; j < sources.length; j++) {
      const name = sources[j]?.configMap?.name;
      if (name) (names ??= []).push(name);
    }
  }
  return names ?? NO_NAMES;
}

/** The Secrets the pod names, in visiting order (init containers, containers, volumes), repeats kept. */
export function podSecretNames(pod: Pod): readonly string[] {
  let names = containerSecretNames(pod.spec?.initContainers, undefined);
  names = containerSecretNames(pod.spec?.containers, names);
  // Indexed loops here too: every pod has the projected service-account volume, walked on every update.
  const volumes = pod.spec?.volumes ?? EMPTY;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as Volume;
    if (v.secret?.secretName) (names ??= []).push(v.secret.secretName);
    const sources = v.projected?.sources ?? EMPTY;
    for (let j = 0; j < sources.length; j++) {
      const name = sources[j]?.secret?.name;
      if (name) (names ??= []).push(name);
    }
  }
  return names ?? NO_NAMES;
}
