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
import type { KubeObject } from '../../api/kube-object';
import { isNotFound, type ApiError } from './api-call';
import { call, runSync, type Step } from './sync-runner';
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
  const claimed = claimedWithoutRequests(options, objects);
  if (claimed) return done(claimed);
  runSync(options.client, claimObjectsStep(options, objects), (r) => done(r.claimed, r.error));
}

/**
 * What claimObjectsStep returns when it would send nothing (no object to adopt or release),
 * found with a plain loop; undefined as soon as one object needs a request. A ReplicaSet's
 * sync claims every pod it has, thousands of times while it scales up, and almost never patches.
 */
function claimedWithoutRequests(options: ClaimOptions, objects: readonly KubeObject[]): KubeObject[] | undefined {
  const { owner, match } = options;
  const uid = owner.metadata.uid ?? '';
  const ownerDeleting = isBeingDeleted(owner);
  const claimed: KubeObject[] = [];
  for (const object of objects) {
    const ref = controllerOf(object);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match(object)) claimed.push(object);
      else if (!ownerDeleting) return undefined;
      continue;
    }
    if (ownerDeleting || !match(object) || isBeingDeleted(object)) continue;
    if (object.metadata.namespace !== owner.metadata.namespace) continue;
    return undefined;
  }
  return claimed;
}

/** ClaimObject over a list, one patch after another, as upstream's loop does. */
export function* claimObjectsStep(options: ClaimOptions, objects: readonly KubeObject[]): Step<{ claimed: KubeObject[]; error?: ApiError }> {
  const { owner, match } = options;
  const uid = owner.metadata.uid ?? '';
  const claimed: KubeObject[] = [];
  const info = findResource(options.resource);
  const ownerInfo = findResource(options.ownerResource);
  if (!info || !ownerInfo) return { claimed };
  let firstError: ApiError | undefined;
  let canAdopt: ApiError | null | undefined;
  const patch = function* (object: KubeObject, body: object): Step<boolean> {
    const a = yield* call(`PATCH`, resourcePath(info, { namespace: object.metadata.namespace, name: object.metadata.name }), { body, contentType: STRATEGIC });
    // An object gone meanwhile is neither adopted nor released: not an error.
    if (!a.ok && !isNotFound(a.error)) firstError ??= a.error;
    return a.ok;
  };
  for (const object of objects) {
    const ref = controllerOf(object);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match(object)) claimed.push(object);
      else if (!isBeingDeleted(owner)) yield* patch(object, releasePatch(uid, object.metadata.uid ?? ''));
      continue;
    }
    if (isBeingDeleted(owner) || !match(object) || isBeingDeleted(object)) continue;
    if (object.metadata.namespace !== owner.metadata.namespace) continue;
    // CanAdopt: RecheckDeletionTimestamp reads the owner afresh (a quorum read, not the cache), once.
    if (canAdopt === undefined) {
      const fresh = yield* call<KubeObject>('GET', resourcePath(ownerInfo, { namespace: owner.metadata.namespace, name: owner.metadata.name }));
      if (!fresh.ok) canAdopt = fresh.error;
      else if (fresh.value.metadata.uid !== uid) canAdopt = plainError(`original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${fresh.value.metadata.uid}, wanted ${uid}`);
      else if (isBeingDeleted(fresh.value)) canAdopt = plainError(`${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${String(fresh.value.metadata['deletionTimestamp'])}`);
      else canAdopt = null;
    }
    if (canAdopt) {
      firstError ??= { ...canAdopt, message: `can't adopt ${object.kind} ${object.metadata.namespace}/${object.metadata.name} (${object.metadata.uid}): ${canAdopt.message}` };
      continue;
    }
    if (yield* patch(object, adoptPatch(owner, object.metadata.uid ?? ''))) claimed.push(object);
  }
  return { claimed, ...(firstError ? { error: firstError } : {}) };
}

function plainError(message: string): ApiError {
  return { code: 0, message, reason: '', causes: [] };
}
