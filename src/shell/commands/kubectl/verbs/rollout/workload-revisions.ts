/**
 * A DaemonSet's or StatefulSet's revisions as kubectl reads them (polymorphichelpers
 * history.go daemonSetHistory / statefulSetHistory and controlledHistory): the Get of the
 * object, then the ControllerRevisions listed with its selector and kept when it is their
 * controller. A revision's `data` is a strategic merge patch that replaces `spec.template`;
 * applied to the object it gives the object at that revision (applyDaemonSetHistory,
 * applyRevision), and it equals the object's own patch when the template is that revision's
 * (daemonSetMatch, statefulsetMatch: upstream compares the bytes of the two encodings).
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { applyStrategicMergePatch } from '../../../../../sim/api/patch/strategic-merge-patch';
import { findResource, type ResourceInfo } from '../../../../../sim/api/resources';
import { resourcePath } from '../../../../../sim/client/resource-path';
import { sameJson, type Json } from '../../apply/strategic-patch';
import { listObjects } from '../../api-calls';
import type { KubectlContext } from '../../kubectl-context';
import { selectorString } from '../../printers/labels';
import { statusOf } from '../../server-error';
import { controllerOf } from '../../../../../sim/controllers/controller-utils/types';

export interface ControllerRevision extends KubeObject {
  readonly revision: number;
  readonly data?: Json;
}

export interface WorkloadHistory {
  /** The DaemonSet or StatefulSet as the Get returned it. */
  readonly object: KubeObject;
  readonly revisions: ControllerRevision[];
}

const CONTROLLER_REVISIONS = findResource('controllerrevisions.apps') as ResourceInfo;

/** Whether kubectl reads this kind's history from ControllerRevisions. */
export function hasControllerRevisions(info: ResourceInfo): boolean {
  return info.group === 'apps' && (info.kind === 'DaemonSet' || info.kind === 'StatefulSet');
}

/** daemonSetHistory / statefulSetHistory, with their error texts. */
export function workloadHistory(ctx: KubectlContext, info: ResourceInfo, namespace: string | undefined, name: string): { ok: true; value: WorkloadHistory } | { ok: false; error: string } {
  const got = ctx.request('GET', resourcePath(info, { namespace, name }));
  // The typed client's error is the server's message.
  const kind = info.kind === 'DaemonSet' ? 'DaemonSet' : 'Statefulset';
  if (got.code !== 200) return { ok: false, error: `failed to retrieve ${kind} ${name}: ${statusOf(got).message ?? ''}` };
  const object = got.body as KubeObject;
  const selector = selectorString((object as { spec?: { selector?: Parameters<typeof selectorString>[0] } }).spec?.selector) ?? '';
  const list = listObjects(ctx, CONTROLLER_REVISIONS, object.metadata.namespace, { labelSelector: selector });
  if (!list.ok) return { ok: false, error: `unable to find history controlled by ${info.kind} ${name}: ${statusOf(list.response).message ?? ''}` };
  const revisions = list.value.items
    .filter((r) => controllerOf(r)?.uid === object.metadata.uid)
    .map((r) => r as ControllerRevision);
  return { ok: true, value: { object, revisions } };
}

/** applyDaemonSetHistory / applyRevision: the object with the revision's patch applied. */
export function applyHistory(object: KubeObject, revision: ControllerRevision): KubeObject {
  return applyStrategicMergePatch(object as unknown as Json, revision.data ?? {}, object.kind ?? '') as unknown as KubeObject;
}

export function templateOf(object: KubeObject): PodTemplateSpec | undefined {
  return (object as { spec?: { template?: PodTemplateSpec } }).spec?.template;
}

/** getDaemonSetPatch / getStatefulSetPatch: the object's template as a replacing patch. */
function ownPatch(object: KubeObject): Json {
  return { spec: { template: { ...(templateOf(object) as Json as Record<string, Json>), $patch: 'replace' } } };
}

/** daemonSetMatch / statefulsetMatch. */
export function matchesRevision(object: KubeObject, revision: ControllerRevision): boolean {
  return sameJson(ownPatch(object), revision.data ?? {});
}

/** findHistory: revision `to`, or for 0 the one before the newest (undefined when there is none). */
export function findHistory(to: number, revisions: readonly ControllerRevision[]): ControllerRevision | undefined {
  if (to === 0) {
    if (revisions.length <= 1) return undefined;
    return [...revisions].sort((a, b) => a.revision - b.revision)[revisions.length - 2];
  }
  return revisions.find((r) => r.revision === to);
}
