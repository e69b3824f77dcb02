/**
 * BaseControllerRefManager.ClaimObject (pkg/controller/controller_ref_manager.go): which of the
 * objects a selector finds belong to a controller. Those it owns and that still match are its;
 * those it owns that no longer match are released (their controller reference deleted by a
 * strategic merge patch); orphans that match are adopted (a controller reference added), after
 * a fresh read of the controller confirms it is not being deleted (CanAdopt). Objects owned by
 * another controller are left alone.
 */
import { findResource } from '../../api/resources';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { KubeObject } from '../../watch-event';
import { apiCall, isNotFound, type ApiError } from './api-call';
import { controllerOf, isBeingDeleted, newControllerRef } from './types';

const STRATEGIC = 'application/strategic-merge-patch+json';

/** ownerRefControllerPatch: add the controller reference, guarded by the object's uid. */
export function adoptPatch(owner: KubeObject, uid: string): object {
  return { metadata: { ownerReferences: [newControllerRef(owner)], uid } };
}

/** deleteOwnerRefStrategicMergePatch: remove the owner's reference, guarded by the object's uid. */
export function releasePatch(ownerUid: string, uid: string): object {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

export interface ClaimOptions {
  readonly client: RestClient;
  /** The controller: a ReplicaSet claiming pods, a Deployment claiming ReplicaSets. */
  readonly owner: KubeObject;
  /** The plural of the owner's resource, for the fresh read before adopting. */
  readonly ownerResource: string;
  /** The plural of the claimed objects. */
  readonly resource: string;
  readonly match: (object: KubeObject) => boolean;
}

/** Claims `objects` (the owner's namespace's, all of them); `done` gets the owner's, or the first error. */
export function claimObjects(options: ClaimOptions, objects: readonly KubeObject[], done: (claimed: KubeObject[], error?: ApiError) => void): void {
  const { owner, match } = options;
  const uid = owner.metadata.uid;
  const claimed: KubeObject[] = [];
  const toAdopt: KubeObject[] = [];
  const toRelease: KubeObject[] = [];
  for (const object of objects) {
    const ref = controllerOf(object);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match(object)) claimed.push(object);
      else if (!isBeingDeleted(owner)) toRelease.push(object);
      continue;
    }
    if (isBeingDeleted(owner) || !match(object) || isBeingDeleted(object)) continue;
    if (object.metadata.namespace !== owner.metadata.namespace) continue;
    toAdopt.push(object);
  }
  if (toAdopt.length === 0 && toRelease.length === 0) return done(claimed);

  const info = findResource(options.resource);
  const ownerInfo = findResource(options.ownerResource);
  if (!info || !ownerInfo) return done(claimed);
  let pending = toAdopt.length + toRelease.length;
  let firstError: ApiError | undefined;
  const answered = (error?: ApiError) => {
    if (error) firstError ??= error;
    if (--pending === 0) done(claimed, firstError);
  };
  const patch = (object: KubeObject, body: object, onOk: () => void) =>
    apiCall(options.client, 'PATCH', resourcePath(info, { namespace: object.metadata.namespace, name: object.metadata.name }), { body, contentType: STRATEGIC }, (a) => {
      if (a.ok) onOk();
      // A pod gone meanwhile is neither adopted nor released: not an error.
      answered(a.ok || isNotFound(a.error) ? undefined : a.error);
    });
  for (const object of toRelease) patch(object, releasePatch(uid ?? '', object.metadata.uid ?? ''), () => {});
  if (toAdopt.length === 0) return;
  // CanAdopt: RecheckDeletionTimestamp reads the owner afresh (a quorum read, not the cache).
  apiCall<KubeObject>(options.client, 'GET', resourcePath(ownerInfo, { namespace: owner.metadata.namespace, name: owner.metadata.name }), {}, (fresh) => {
    let refused: ApiError | undefined;
    if (!fresh.ok) refused = fresh.error;
    else if (fresh.value.metadata.uid !== uid) refused = { code: 0, message: `original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${fresh.value.metadata.uid}, wanted ${uid}`, reason: '', causes: [] };
    else if (isBeingDeleted(fresh.value)) refused = { code: 0, message: `${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${String(fresh.value.metadata['deletionTimestamp'])}`, reason: '', causes: [] };
    for (const object of toAdopt) {
      if (refused) answered({ ...refused, message: `can't adopt ${object.kind} ${object.metadata.namespace}/${object.metadata.name} (${object.metadata.uid}): ${refused.message}` });
      else patch(object, adoptPatch(owner, object.metadata.uid ?? ''), () => claimed.push(object));
    }
  });
}
