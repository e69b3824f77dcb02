/**
 * The history steps the DaemonSet and StatefulSet controllers share (daemon/update.go
 * constructHistory, snapshot, cleanupHistory; statefulset's getStatefulSetRevisions and
 * truncateHistory): the revision holding the current template is found, or made with the next
 * revision number, or renumbered to the top when an old template comes back (a rollback).
 * History beyond revisionHistoryLimit is deleted, oldest first, sparing the revisions still in
 * use. Each is a sync step: it yields its requests.
 */
import type { KubeObject } from '../../api/kube-object';
import { isAlreadyExists, isNotFound, type ApiError } from '../controller-utils/api-call';
import { call, type Step } from '../controller-utils/sync-runner';
import type { PodTemplateSpec } from '../controller-utils/types';
import { CONTROLLER_REVISIONS_PATH, equalRevision, maxRevision, newControllerRevision, sortControllerRevisions, type ControllerRevision } from './controller-history';
import { jsonCopy } from '../../api/json-copy';

/** What a workload's history is built from. */
export interface HistoryOwner {
  readonly object: KubeObject;
  /** `daemonsets`, `statefulsets`: where a hash collision is counted (its /status). */
  readonly resource: string;
  readonly template: PodTemplateSpec | undefined;
  readonly collisionCount: number | undefined;
  readonly status: object | undefined;
}

/** getPatch: the template as a strategic merge patch that replaces the whole template. */
export function templatePatch(template: PodTemplateSpec | undefined): unknown {
  return { spec: { template: { ...jsonCopy(template ?? {}), $patch: 'replace' } } };
}

/** ApplyRevision's template: what a revision's patch puts in spec.template. */
export function revisionTemplate(revision: ControllerRevision): PodTemplateSpec {
  const template = (revision.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template ?? {};
  const { $patch: _replace, ...rest } = template;
  return jsonCopy(rest);
}

export interface History {
  /** The revision of the current template. */
  readonly cur: ControllerRevision;
  /** All the others. */
  readonly old: ControllerRevision[];
}

/** constructHistory: the current revision (made if missing) and the others. */
export function* constructHistory(owner: HistoryOwner, owned: readonly ControllerRevision[]): Step<{ history?: History; error?: ApiError }> {
  const namespace = owner.object.metadata.namespace ?? '';
  const probe = newControllerRevision(owner.object, owner.template?.metadata?.labels ?? {}, templatePatch(owner.template), 0, owner.collisionCount);
  const current = owned.filter((r) => equalRevision(r, probe));
  const old = owned.filter((r) => !equalRevision(r, probe));
  const next = maxRevision(old) + 1;
  if (current.length === 0) {
    const made = yield* snapshot(owner, next);
    return made.revision ? { history: { cur: made.revision, old } } : { error: made.error };
  }
  // dedupCurHistories keeps the highest-numbered duplicate.
  const cur = sortControllerRevisions(current)[current.length - 1] as ControllerRevision;
  if (cur.revision >= next) return { history: { cur, old } };
  // An old template came back: it becomes the newest revision.
  const a = yield* call<ControllerRevision>('PATCH', `${CONTROLLER_REVISIONS_PATH(namespace)}/${cur.metadata.name ?? ''}`, { body: { revision: next }, contentType: 'application/merge-patch+json' });
  return a.ok ? { history: { cur: a.value, old } } : { error: a.error };
}

/** snapshot: create the revision; an equal one already there is it, a different one is a hash collision. */
function* snapshot(owner: HistoryOwner, revision: number): Step<{ revision?: ControllerRevision; error?: ApiError }> {
  const namespace = owner.object.metadata.namespace ?? '';
  const made = newControllerRevision(owner.object, owner.template?.metadata?.labels ?? {}, templatePatch(owner.template), revision, owner.collisionCount);
  // Both controllers copy the owner's annotations onto the revision (daemon snapshot's
  // `Annotations: ds.Annotations`, statefulset newRevision's loop): kubectl's rollout history
  // reads the change-cause from there.
  const annotations = owner.object.metadata.annotations;
  const body = annotations && Object.keys(annotations).length > 0 ? { ...made, metadata: { ...made.metadata, annotations: { ...annotations } } } : made;
  const created = yield* call<ControllerRevision>('POST', CONTROLLER_REVISIONS_PATH(namespace), { body });
  if (created.ok) return { revision: created.value };
  if (!isAlreadyExists(created.error)) return { error: created.error };
  const got = yield* call<ControllerRevision>('GET', `${CONTROLLER_REVISIONS_PATH(namespace)}/${body.metadata.name ?? ''}`);
  if (!got.ok) return { error: got.error };
  if (equalRevision(got.value, body)) return { revision: got.value };
  // A different template with the same hash: count the collision so the next name differs.
  const path = `/apis/apps/v1/namespaces/${namespace}/${owner.resource}/${owner.object.metadata.name ?? ''}/status`;
  const status = { ...(owner.status ?? {}), collisionCount: (owner.collisionCount ?? 0) + 1 };
  yield* call<KubeObject>('PUT', path, { body: { ...owner.object, status } });
  return { error: { code: 0, message: `found a stale ControllerRevision ${body.metadata.name ?? ''} for ${owner.object.kind} ${owner.object.metadata.name ?? ''}`, reason: '', causes: [] } };
}

/** cleanupHistory / truncateHistory: delete the oldest revisions beyond the limit that are not in use. */
export function* cleanupHistory(namespace: string, limit: number, old: readonly ControllerRevision[], inUse: (revision: ControllerRevision) => boolean): Step<ApiError | undefined> {
  let toKill = old.length - limit;
  if (toKill <= 0) return undefined;
  for (const revision of sortControllerRevisions(old)) {
    if (toKill <= 0) break;
    if (inUse(revision)) continue;
    const a = yield* call('DELETE', `${CONTROLLER_REVISIONS_PATH(namespace)}/${revision.metadata.name ?? ''}`);
    if (!a.ok && !isNotFound(a.error)) return a.error;
    toKill--;
  }
  return undefined;
}
