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
import type { Container, EnvFromSource, EnvVar, Pod, Volume, VolumeProjection } from 'kubernetes-types/core/v1';

/** What a missing list reads as in loops, and the answer for a pod that names nothing: one shared empty array. */
const EMPTY: readonly never[] = Object.freeze([]);

/** The admission plugin's name prefix for the projected service-account volume. */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';

export function isServiceAccountVolume(v: Volume): boolean {
  return v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX) && v.projected !== undefined;
}

// The visitor below runs for every pod update the kubelet sees (most of them its own status
// writes coming back) and most pods reference nothing: it walks the spec in place and makes an
// array only for a pod that names something (the empty answer is one shared, frozen array).

/** Where a pod names objects of one kind: VisitPodConfigmapNames' and VisitPodSecretNames' places. */
interface References {
  envFrom(from: EnvFromSource): string | undefined;
  env(variable: EnvVar): string | undefined;
  volume(volume: Volume): string | undefined;
  projected(source: VolumeProjection): string | undefined;
  /** The service-account volume's ConfigMap is the kubelet's own to fill (see the header). */
  readonly skipsServiceAccountVolume: boolean;
}

const CONFIG_MAPS: References = {
  envFrom: (from) => from.configMapRef?.name,
  env: (variable) => variable.valueFrom?.configMapKeyRef?.name,
  volume: (volume) => volume.configMap?.name,
  projected: (source) => source.configMap?.name,
  skipsServiceAccountVolume: true,
};

const SECRETS: References = {
  envFrom: (from) => from.secretRef?.name,
  env: (variable) => variable.valueFrom?.secretKeyRef?.name,
  volume: (volume) => volume.secret?.secretName,
  projected: (source) => source.secret?.name,
  skipsServiceAccountVolume: false,
};

function containerNames(list: readonly Container[] | undefined, refs: References, names: string[] | undefined): string[] | undefined {
  // Indexed loops: for-of's iterator and result objects showed up in the allocation profile.
  if (!list) return names;
  for (let i = 0; i < list.length; i++) {
    const { envFrom, env } = list[i] as Container;
    if (envFrom)
      for (let j = 0; j < envFrom.length; j++) {
        const name = refs.envFrom(envFrom[j] as EnvFromSource);
        if (name) (names ??= []).push(name);
      }
    if (env)
      for (let j = 0; j < env.length; j++) {
        const name = refs.env(env[j] as EnvVar);
        if (name) (names ??= []).push(name);
      }
  }
  return names;
}

/** The names a pod gives in these places, in visiting order (init containers, containers, volumes), repeats kept. */
function podNames(pod: Pod, refs: References): readonly string[] {
  let names = containerNames(pod.spec?.initContainers, refs, undefined);
  names = containerNames(pod.spec?.containers, refs, names);
  // Indexed loops here too: every pod has the projected service-account volume, walked on every update.
  const volumes = pod.spec?.volumes ?? EMPTY;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as Volume;
    if (refs.skipsServiceAccountVolume && isServiceAccountVolume(v)) continue;
    const name = refs.volume(v);
    if (name) (names ??= []).push(name);
    const sources = v.projected?.sources ?? EMPTY;
    for (let j = 0; j < sources.length; j++) {
      const source = refs.projected(sources[j] as VolumeProjection);
      if (source) (names ??= []).push(source);
    }
  }
  return names ?? EMPTY;
}

/** The ConfigMaps the pod names, in visiting order (init containers, containers, volumes), repeats kept. */
export function podConfigMapNames(pod: Pod): readonly string[] {
  return podNames(pod, CONFIG_MAPS);
}

/** The Secrets the pod names, in visiting order (init containers, containers, volumes), repeats kept. */
export function podSecretNames(pod: Pod): readonly string[] {
  return podNames(pod, SECRETS);
}
