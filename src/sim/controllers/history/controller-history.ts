/**
 * ControllerRevisions (pkg/controller/history/controller_history.go): the snapshots of a
 * DaemonSet's or StatefulSet's pod template that its rollouts and `kubectl rollout undo` work
 * from. A revision is named `<owner>-<hash>`, carries the template's labels plus
 * `controller-revision-hash`, a controller reference to its owner, the template as a patch
 * (`data`) and a revision number one above the highest its owner has.
 *
 * Simplified: HashControllerRevision hashes the JSON bytes the controller marshals from the Go
 * struct (FNV-32, then rand.SafeEncodeString); here the bytes are the patch's JSON with sorted
 * keys, so a hash has the real shape and changes when and only when the template does, but is
 * not the value a real cluster prints for the same template.
 */
import type { KubeObject } from '../../api/kube-object';
import { canonicalJson, safeEncodeString } from '../controller-utils/compute-hash';
import { newControllerRef } from '../controller-utils/types';

/** apps/v1 ControllerRevisionHashLabelKey. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export const CONTROLLER_REVISIONS_PATH = (namespace: string): string => `/apis/apps/v1/namespaces/${namespace}/controllerrevisions`;

export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision: number;
}

/** hash/fnv New32 (FNV-1, not 1a): what HashControllerRevision writes the data into. */
function fnv32(bytes: Iterable<number>): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** HashControllerRevision: FNV-32 of the data, and of the collision count when there is one. */
export function hashControllerRevision(data: unknown, probe?: number): string {
  let text = canonicalJson(data);
  if (probe !== undefined) text += String(probe);
  return safeEncodeString(String(fnv32(new TextEncoder().encode(text))));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** NewControllerRevision with its name and hash label set, as the controllers' snapshots make it. */
export function newControllerRevision(owner: KubeObject, templateLabels: Record<string, string>, data: unknown, revision: number, collisionCount?: number): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(owner.metadata.name ?? '', hash),
      namespace: owner.metadata.namespace ?? '',
      labels: { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(owner)],
    },
    data,
    revision,
  };
}

/** The hash a revision carries in its label. */
export function revisionHash(revision: ControllerRevision): string {
  return revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** EqualRevision: the same data (compared as hashed, sorted-key JSON). */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return canonicalJson(a.data) === canonicalJson(b.data);
}

/** MaxRevision: the highest revision number, 0 when there is none. */
export function maxRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) max = Math.max(max, r.revision);
  return max;
}

/** SortControllerRevisions: by revision number, then creation, then name. */
export function sortControllerRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => a.revision - b.revision || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}
