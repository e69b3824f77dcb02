/**
 * A DaemonSet's ControllerRevisions (pkg/controller/daemon/update.go constructHistory, snapshot,
 * cleanupHistory): the revision holding the current template is found, or made with the next
 * revision number, or renumbered to the top when an old template comes back (a rollback); its
 * hash labels the pods. History beyond revisionHistoryLimit is deleted, oldest first, sparing
 * any revision a pod still runs.
 */
import type { KubeObject } from '../../api/kube-object';
import { isAlreadyExists, isNotFound, type ApiError } from '../controller-utils/api-call';
import { call, type Step } from '../controller-utils/sync-runner';
import type { PodView } from '../controller-utils/types';
import { CONTROLLER_REVISION_HASH_LABEL, CONTROLLER_REVISIONS_PATH, equalRevision, maxRevision, newControllerRevision, revisionHash, sortControllerRevisions, type ControllerRevision } from '../history/controller-history';
import type { DaemonSetView } from './types';

/** getPatch: the template as a strategic merge patch that replaces the whole template. */
export function daemonSetPatch(ds: DaemonSetView): unknown {
  return { spec: { template: { ...structuredClone(ds.spec.template ?? {}), $patch: 'replace' } } };
}

export interface History {
  readonly cur: ControllerRevision;
  readonly old: ControllerRevision[];
}

/** constructHistory: the current revision (made if missing) and the others. */
export function* constructHistory(ds: DaemonSetView, owned: readonly ControllerRevision[]): Step<{ history?: History; error?: ApiError }> {
  const namespace = ds.metadata.namespace ?? '';
  const probe = newControllerRevision(ds, ds.spec.template?.metadata?.labels ?? {}, daemonSetPatch(ds), 0, ds.status?.collisionCount);
  const current = owned.filter((r) => equalRevision(r, probe));
  const old = owned.filter((r) => !equalRevision(r, probe));
  const next = maxRevision(old) + 1;
  if (current.length === 0) {
    const made = yield* snapshot(ds, next);
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
function* snapshot(ds: DaemonSetView, revision: number): Step<{ revision?: ControllerRevision; error?: ApiError }> {
  const namespace = ds.metadata.namespace ?? '';
  const body = newControllerRevision(ds, ds.spec.template?.metadata?.labels ?? {}, daemonSetPatch(ds), revision, ds.status?.collisionCount);
  const created = yield* call<ControllerRevision>('POST', CONTROLLER_REVISIONS_PATH(namespace), { body });
  if (created.ok) return { revision: created.value };
  if (!isAlreadyExists(created.error)) return { error: created.error };
  const got = yield* call<ControllerRevision>('GET', `${CONTROLLER_REVISIONS_PATH(namespace)}/${body.metadata.name ?? ''}`);
  if (!got.ok) return { error: got.error };
  if (equalRevision(got.value, body)) return { revision: got.value };
  // A different template with the same hash: count the collision so the next name differs.
  const dsPath = `/apis/apps/v1/namespaces/${namespace}/daemonsets/${ds.metadata.name ?? ''}/status`;
  const status = { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
  yield* call<KubeObject>('PUT', dsPath, { body: { ...ds, status } });
  return { error: { code: 0, message: `found a stale ControllerRevision ${body.metadata.name ?? ''} for DaemonSet ${ds.metadata.name ?? ''}`, reason: '', causes: [] } };
}

/** cleanupHistory: delete the oldest revisions beyond revisionHistoryLimit that no pod runs. */
export function* cleanupHistory(ds: DaemonSetView, old: readonly ControllerRevision[], pods: readonly PodView[]): Step<ApiError | undefined> {
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  let toKill = old.length - limit;
  if (toKill <= 0) return undefined;
  const live = new Set(pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((h): h is string => h !== undefined));
  for (const revision of sortControllerRevisions(old)) {
    if (toKill <= 0) break;
    if (live.has(revisionHash(revision))) continue;
    const a = yield* call('DELETE', `${CONTROLLER_REVISIONS_PATH(ds.metadata.namespace ?? '')}/${revision.metadata.name ?? ''}`);
    if (!a.ok && !isNotFound(a.error)) return a.error;
    toKill--;
  }
  return undefined;
}
