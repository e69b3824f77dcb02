/**
 * A StatefulSet's pods by identity (pkg/controller/statefulset/stateful_set_utils.go): each is
 * `<set>-<ordinal>`, with the pod-name and pod-index labels, hostname its own name and subdomain
 * the governing Service, the controller-revision-hash label naming its ControllerRevision, and a
 * volume per volumeClaimTemplate bound to the claim `<template>-<set>-<ordinal>`.
 */
import type { KubeObject } from '../../api/kube-object';
import { podFromTemplate } from '../controller-utils/pod-control';
import { isPodReady, isPodAvailable } from '../controller-utils/pod-util';
import { isBeingDeleted, newControllerRef, type PodTemplateSpec, type PodView } from '../controller-utils/types';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/controller-history';
import { POD_INDEX_LABEL, POD_NAME_LABEL, type StatefulSetView } from './types';

/** getParentNameAndOrdinal: `web-3` is ordinal 3 of `web`; -1 when the name is not of that shape. */
export function ordinalOf(set: StatefulSetView, pod: KubeObject): number {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata.name ?? '');
  if (!m || m[1] !== set.metadata.name) return -1;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? n : -1;
}

export const podName = (set: StatefulSetView, ordinal: number): string => `${set.metadata.name ?? ''}-${ordinal}`;

/** getPersistentVolumeClaimName. */
export const claimName = (set: StatefulSetView, template: string, ordinal: number): string => `${template}-${set.metadata.name ?? ''}-${ordinal}`;

/** newVersionedStatefulSetPod: the pod for an ordinal, from a revision's template. */
export function newStatefulSetPod(set: StatefulSetView, template: PodTemplateSpec, revisionName: string, ordinal: number): KubeObject {
  const base = podFromTemplate(template, set.metadata.name ?? '', newControllerRef(set));
  const name = podName(set, ordinal);
  const { generateName: _generated, ...metadata } = base.metadata;
  const spec = base['spec'] as Record<string, unknown>;
  spec['hostname'] = name;
  if (set.spec.serviceName) spec['subdomain'] = set.spec.serviceName;
  // updateStorage: each claim template's volume is the ordinal's claim.
  const claims = (set.spec.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
  if (claims.length > 0) {
    const volumes = ((spec['volumes'] as { name: string }[] | undefined) ?? []).filter((v) => !claims.includes(v.name));
    for (const c of claims) volumes.push({ name: c, persistentVolumeClaim: { claimName: claimName(set, c, ordinal) } } as { name: string });
    spec['volumes'] = volumes;
  }
  return {
    ...base,
    metadata: { ...metadata, name, labels: { ...(metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH_LABEL]: revisionName } },
  };
}

export const podRevision = (pod: PodView): string => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';

export const isFailed = (pod: PodView): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: PodView): boolean => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: PodView): boolean => isBeingDeleted(pod);

/** isRunningAndReady. */
export function isRunningAndReady(pod: PodView): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** isRunningAndAvailable: ready for minReadySeconds. */
export function isRunningAndAvailable(pod: PodView, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

/** isHealthy: running, ready and not terminating. */
export function isHealthy(pod: PodView): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
