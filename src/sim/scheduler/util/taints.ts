/**
 * Taints and tolerations as the scheduler matches them (k8s.io/api core/v1 toleration.go
 * ToleratesTaint, component-helpers scheduling/corev1 taint.go FindMatchingUntoleratedTaint).
 */
import type { V1Taint, V1Toleration } from '../framework/v1';

/** Toleration.ToleratesTaint: effect equal or empty; empty key with Exists matches every key. */
export function toleratesTaint(t: V1Toleration, taint: V1Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly V1Toleration[], taint: V1Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(taints: readonly V1Taint[], tolerations: readonly V1Toleration[], filter: (t: V1Taint) => boolean): V1Taint | undefined {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
