/**
 * podsDifferSemantically (pkg/kubelet/config/config.go): whether a pod update carries anything a
 * sync cares about (spec, labels, annotations, owners, deletion), or only a new status, which
 * checkAndUpdatePod treats as a reconcile. Called for every update the kubelet's pod watch
 * delivers, most of them its own status writes coming back.
 */
import type { Pod } from 'kubernetes-types/core/v1';

/**
 * JSON.stringify(a) === JSON.stringify(b) without building either string: the same key order,
 * undefined members left out as JSON leaves them out, undefined array items equal to null. For
 * decoded JSON values (no NaN, no toJSON), which is what the pod watch delivers.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // a's keys walked by for-in (Object.keys' order for these plain objects, which inherit no
  // enumerable key), b's from their array: one key array per pair of objects instead of two.
  const bk = Object.keys(bo);
  let j = 0;
  for (const key in ao) {
    if (ao[key] === undefined) continue;
    while (j < bk.length && bo[bk[j] as string] === undefined) j++;
    if (j === bk.length || key !== bk[j] || !sameJson(ao[key], bo[key])) return false;
    j++;
  }
  while (j < bk.length && bo[bk[j] as string] === undefined) j++;
  return j === bk.length;
}

export function podsDifferSemantically(a: Pod, b: Pod): boolean {
  if (a === b) return false;
  const ma = a.metadata ?? {};
  const mb = b.metadata ?? {};
  if (ma.deletionTimestamp !== mb.deletionTimestamp || ma.deletionGracePeriodSeconds !== mb.deletionGracePeriodSeconds) return true;
  // Compared as their JSON, key order included, as the kubelet always has: an update that only
  // reorders keys still syncs.
  // (Items of one JSON array: an absent field is null.)
  return !(sameJson(a.spec ?? null, b.spec ?? null) && sameJson(ma.labels ?? null, mb.labels ?? null) && sameJson(ma.annotations ?? null, mb.annotations ?? null) && sameJson(ma.ownerReferences ?? null, mb.ownerReferences ?? null));
}
