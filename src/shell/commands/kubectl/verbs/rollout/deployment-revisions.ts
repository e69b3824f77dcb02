/**
 * A Deployment's revisions as kubectl reads them (k8s.io/kubectl pkg/util/deployment
 * GetAllReplicaSets and Revision): the ReplicaSets the Deployment controls, listed with its
 * selector, each with its `deployment.kubernetes.io/revision`; the new one is the one whose pod
 * template equals the Deployment's, pod-template-hash label aside (EqualIgnoreHash).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { findResource, type ResourceInfo } from '../../../../../sim/api/resources';
import { sameJson, type Json } from '../../apply/strategic-patch';
import { listObjects } from '../../api-calls';
import type { KubectlContext } from '../../kubectl-context';
import { selectorString } from '../../printers/labels';
import { controllerOf } from '../../../../../sim/controllers/controller-utils/types';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

export interface Revision {
  readonly revision: number;
  readonly replicaSet: ReplicaSet;
}

export interface DeploymentRevisions {
  /** Every owned ReplicaSet with a readable revision. */
  readonly revisions: Revision[];
  /** The ReplicaSet whose template is the Deployment's, if the controller made it yet. */
  readonly newRS: ReplicaSet | undefined;
}

const REPLICASETS = findResource('replicasets.apps') as ResourceInfo;

/** deploymentutil.Revision: the annotation as a whole number, undefined when missing or not one (Go's ParseInt error). */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } | undefined }): number | undefined {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

function withoutHash(template: PodTemplateSpec | undefined): Json {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template?.metadata, labels } } as unknown as Json;
}

/** EqualIgnoreHash: the two templates are the same once the pod-template-hash label is left out. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return sameJson(withoutHash(a), withoutHash(b));
}

/** GetAllReplicaSets: the ReplicaSets `deployment` controls; an error response when the list fails. */
export function deploymentRevisions(ctx: KubectlContext, deployment: KubeObject): { ok: true; value: DeploymentRevisions } | { ok: false; error: string } {
  const d = deployment as unknown as Deployment;
  const list = listObjects(ctx, REPLICASETS, deployment.metadata.namespace, { labelSelector: selectorString(d.spec?.selector) ?? '' });
  if (!list.ok) return { ok: false, error: `failed to retrieve replica sets from deployment ${deployment.metadata.name ?? ''}: ${String((list.response.body as { message?: string } | undefined)?.message ?? '')}` };
  const owned = list.value.items
    .filter((rs) => controllerOf(rs)?.uid === deployment.metadata.uid)
    .map((rs) => rs as unknown as ReplicaSet);
  // FindNewReplicaSet: the oldest of those equal to the template, when several are.
  const newRS = [...owned]
    .sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
    .find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const revisions: Revision[] = [];
  for (const replicaSet of owned) {
    const revision = revisionOf(replicaSet);
    if (revision !== undefined) revisions.push({ revision, replicaSet });
  }
  return { ok: true, value: { revisions, newRS } };
}
