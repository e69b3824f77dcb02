/**
 * The reflect.DeepEqual comparisons the controllers' pod handlers make on every pod update
 * (labels changed? owner references changed?), without serialising both sides: a pod of a
 * 10,000-replica Deployment is updated several times and each update reaches every handler.
 */
import type { OwnerReference } from './types';

/** Two label (string to string) maps, absent treated as empty as the handlers compare them. */
export function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ak) if (a?.[k] !== b?.[k] || !Object.hasOwn(b ?? {}, k)) return false;
  return true;
}

/** Two owner references, field by field (undefined only equals undefined). */
export function sameOwnerReference(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}
