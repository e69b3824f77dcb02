/**
 * Which pods `kubectl drain` removes from a node (kubectl 1.32 staging/src/k8s.io/kubectl/pkg/drain/
 * filters.go and GetPodsForDeletion in drain.go): the filters in upstream order — skip pods
 * deleted long ago (--skip-wait-for-delete-timeout), DaemonSet pods (an error unless
 * --ignore-daemonsets; never removed), mirror pods (skipped), pods with emptyDir (an error unless
 * --delete-emptydir-data), pods with no controller (an error unless --force) — the first filter
 * that keeps a pod stops the rest. Warnings and errors group the pods by message. Go ranges over
 * a map there, so the order of several messages varies from run to run; here it is first seen.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { virtualMsOf } from '../../../../sim/api/time';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
// Upstream's constant already starts with "cannot delete", and errors() adds it again: kubectl
// 1.32 prints "cannot delete cannot delete Pods that declare no controller ...".
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOptions {
  readonly force: boolean;
  readonly ignoreAllDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  readonly skipWaitForDeleteTimeoutSeconds: number;
}

export type PodDeleteStatus =
  | { readonly delete: true; readonly reason: 'Okay' }
  | { readonly delete: boolean; readonly reason: 'Warning'; readonly message: string }
  | { readonly delete: false; readonly reason: 'Skip' }
  | { readonly delete: false; readonly reason: 'Error'; readonly message: string };

export interface PodDelete {
  readonly pod: KubeObject;
  readonly status: PodDeleteStatus;
}

/** What the DaemonSet filter learns by asking for the pod's DaemonSet. */
export type DaemonSetLookup = { readonly found: true } | { readonly found: false; readonly notFound: boolean; readonly message: string };

export interface FilterEnv {
  readonly options: DrainOptions;
  /** Virtual now (the engine's ms), for the skip-deleted filter. */
  readonly nowMs: number;
  getDaemonSet(namespace: string, name: string): DaemonSetLookup;
}

const OKAY: PodDeleteStatus = { delete: true, reason: 'Okay' };

interface OwnerReference {
  readonly kind?: string;
  readonly name?: string;
  readonly controller?: boolean;
}

function controllerOf(pod: KubeObject): OwnerReference | undefined {
  const refs = (pod.metadata['ownerReferences'] as OwnerReference[] | undefined) ?? [];
  return refs.find((r) => r.controller === true);
}

function phaseOf(pod: KubeObject): string {
  return (pod['status'] as { phase?: string } | undefined)?.phase ?? '';
}

const finished = (pod: KubeObject) => phaseOf(pod) === 'Succeeded' || phaseOf(pod) === 'Failed';

/** shouldSkipPod: deleted more than N seconds ago (N > 0). */
export function shouldSkipPod(pod: KubeObject, skipSeconds: number, nowMs: number): boolean {
  const ts = pod.metadata['deletionTimestamp'] as string | undefined;
  if (skipSeconds <= 0 || !ts) return false;
  return Math.floor((nowMs - virtualMsOf(ts)) / 1000) > skipSeconds;
}

type Filter = (pod: KubeObject, env: FilterEnv) => PodDeleteStatus;

const skipDeletedFilter: Filter = (pod, env) => (shouldSkipPod(pod, env.options.skipWaitForDeleteTimeoutSeconds, env.nowMs) ? { delete: false, reason: 'Skip' } : OKAY);

const daemonSetFilter: Filter = (pod, env) => {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== 'DaemonSet') return OKAY;
  if (finished(pod)) return OKAY;
  const ds = env.getDaemonSet(pod.metadata.namespace ?? '', ref.name ?? '');
  if (!ds.found) {
    if (ds.notFound && env.options.force) return { delete: true, reason: 'Warning', message: ds.message };
    return { delete: false, reason: 'Error', message: ds.message };
  }
  if (!env.options.ignoreAllDaemonSets) return { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
  return { delete: false, reason: 'Warning', message: DAEMONSET_WARNING };
};

const mirrorPodFilter: Filter = (pod) => {
  const annotations = (pod.metadata['annotations'] as Record<string, string> | undefined) ?? {};
  return Object.hasOwn(annotations, MIRROR_POD_ANNOTATION) ? { delete: false, reason: 'Skip' } : OKAY;
};

const localStorageFilter: Filter = (pod, env) => {
  const volumes = ((pod['spec'] as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []);
  if (!volumes.some((v) => v.emptyDir !== undefined && v.emptyDir !== null)) return OKAY;
  if (finished(pod)) return OKAY;
  if (!env.options.deleteEmptyDirData) return { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
  return { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING };
};

const unreplicatedFilter: Filter = (pod, env) => {
  if (finished(pod)) return OKAY;
  if (controllerOf(pod)) return OKAY;
  if (env.options.force) return { delete: true, reason: 'Warning', message: UNMANAGED_WARNING };
  return { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
};

const FILTERS: readonly Filter[] = [skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];

/** filterPods: each pod's status after the filters, the first that keeps it stopping the rest. */
export function filterPods(pods: readonly KubeObject[], env: FilterEnv): PodDelete[] {
  return pods.map((pod) => {
    let status: PodDeleteStatus = OKAY;
    for (const filter of FILTERS) {
      status = filter(pod, env);
      if (!status.delete) break;
    }
    return { pod, status };
  });
}

const ref = (pod: KubeObject) => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;

function groupByMessage(items: readonly PodDelete[], reason: 'Warning' | 'Error'): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { pod, status } of items) {
    if (status.reason !== reason) continue;
    const message = status.message || (reason === 'Error' ? 'unexpected error' : '');
    groups.set(message, [...(groups.get(message) ?? []), ref(pod)]);
  }
  return groups;
}

/** PodDeleteList.Pods: the pods to remove. */
export const podsToDelete = (items: readonly PodDelete[]) => items.filter((i) => i.status.delete).map((i) => i.pod);

/** PodDeleteList.Warnings: `message: ns/a, ns/b` joined with `; `. */
export function deleteWarnings(items: readonly PodDelete[]): string {
  return [...groupByMessage(items, 'Warning')].map(([m, pods]) => `${m}: ${pods.join(', ')}`).join('; ');
}

/** PodDeleteList.errors: `cannot delete <message>: ns/a, ns/b`, one per message. */
export function deleteErrors(items: readonly PodDelete[]): string[] {
  return [...groupByMessage(items, 'Error')].map(([m, pods]) => `cannot delete ${m}: ${pods.join(', ')}`);
}
