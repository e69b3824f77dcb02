/**
 * Rollback through the `deprecated.deployment.rollback.to` annotation
 * (pkg/controller/deployment/rollback.go), what the old extensions/v1beta1 rollback subresource
 * left: copy the template of the ReplicaSet with that revision (0: the previous one) into the
 * Deployment, take that ReplicaSet's annotations, and clear the annotation. kubectl 1.32's
 * `rollout undo` does not use it: it patches the template itself (DeploymentRollbacker), and
 * the controller then rolls out as for any template change.
 */
import type { ApiError } from '../controller-utils/api-call';
import { call, type Step } from '../controller-utils/sync-runner';
import { deploymentPath, type DeploymentContext, type DeploymentView, type ReplicaSetView } from './context';
import { getAllReplicaSetsAndSyncRevision } from './sync';
import {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  equalIgnoreHash,
  lastRevision,
  revisionOf,
  ROLLBACK_DONE,
  ROLLBACK_REVISION_NOT_FOUND,
  ROLLBACK_TEMPLATE_UNCHANGED,
  ROLLBACK_TO_ANNOTATION,
  setDeploymentAnnotationsTo,
} from './util/deployment-util';
import { jsonCopy } from '../../api/json-copy';

/** getRollbackTo: the revision asked for, if the annotation parses. */
export function rollbackTo(d: DeploymentView): number | undefined {
  const v = d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

export function* rollback(ctx: DeploymentContext, d: DeploymentView, rsList: readonly ReplicaSetView[]): Step<ApiError | undefined> {
  const { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  if (error) return error;
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let revision = rollbackTo(d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      ctx.recorder.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find last revision.');
      return yield* updateDeploymentAndClearRollbackTo(d);
    }
  }
  for (const rs of allRSs) {
    if (revisionOf(rs) !== revision) continue;
    let performed = false;
    if (!equalIgnoreHash(d.spec.template, rs.spec.template)) {
      // SetFromReplicaSetTemplate: the ReplicaSet's template, without its pod-template-hash.
      const template = jsonCopy(rs.spec.template ?? {});
      if (template.metadata?.labels) delete template.metadata.labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
      d.spec.template = template;
      setDeploymentAnnotationsTo(d, rs);
      performed = true;
    } else {
      ctx.recorder.event(d, 'Warning', ROLLBACK_TEMPLATE_UNCHANGED, `The rollback revision contains the same template as current deployment "${d.metadata.name ?? ''}"`);
    }
    const updateError = yield* updateDeploymentAndClearRollbackTo(d);
    if (performed && !updateError) ctx.recorder.event(d, 'Normal', ROLLBACK_DONE, `Rolled back deployment "${d.metadata.name ?? ''}" to revision ${revision}`);
    return updateError;
  }
  ctx.recorder.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find the revision to rollback to.');
  return yield* updateDeploymentAndClearRollbackTo(d);
}

function* updateDeploymentAndClearRollbackTo(d: DeploymentView): Step<ApiError | undefined> {
  if (d.metadata.annotations) delete d.metadata.annotations[ROLLBACK_TO_ANNOTATION];
  const a = yield* call<DeploymentView>('PUT', deploymentPath(d), { body: d });
  return a.ok ? undefined : a.error;
}
