/**
 * The reflect.DeepEqual comparison the controllers' pod handlers make on every pod update
 * (owner reference changed?), without serialising both sides: a pod of a 10,000-replica
 * Deployment is updated several times and each update reaches every handler. Labels:
 * api/labels/same-labels.ts.
 */
import type { OwnerReference } from './types';

/** Two owner references, field by field (undefined only equals undefined). */
export function sameOwnerReference(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}
