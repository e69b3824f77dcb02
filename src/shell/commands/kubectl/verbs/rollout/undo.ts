/**
 * `kubectl rollout undo deployment/NAME [--to-revision=N]`: kubectl 1.32's UndoOptions with
 * DeploymentRollbacker (polymorphichelpers/rollback.go). It finds the ReplicaSet of the wanted
 * revision (the one before the latest when none is given) and sends a JSON patch that puts its
 * pod template (pod-template-hash label taken out) and its annotations back on the Deployment;
 * the Deployment controller then rolls that template out as the newest revision. A paused
 * Deployment is refused; a template that already matches is `skipped rollback`.
 * `--dry-run=client` prints the revision's pod template instead.
 * DaemonSets and StatefulSets (DaemonSetRollbacker, StatefulSetRollbacker) roll back to a
 * ControllerRevision: its data, a strategic merge patch replacing the template, is sent as it is;
 * their client dry run prints `will roll back to` and the template.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { resourcePath } from '../../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { objectRef } from '../../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../../dry-run';
import { stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { outputFormatOf, PRINT_FLAGS, resultChunk } from '../../output';
import { statusOf } from '../../server-error';
import { copyOf } from '../set/patches';
import { deploymentRevisions, equalIgnoreHash, REVISION_ANNOTATION, type Revision } from './deployment-revisions';
import { podTemplateText } from './history';
import { findTargets, noVisitorFor, hasFiles } from './targets';
import { applyHistory, findHistory, hasControllerRevisions, matchesRevision, templateOf, workloadHistory } from './workload-revisions';
import { RECURSIVE_FLAG } from '../../file-paths';

export const UNDO_FLAGS: readonly FlagSpec[] = [
  { name: 'to-revision', kind: 'int' },
  DRY_RUN_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

/** The annotations a rollback keeps from the Deployment rather than take from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

const revisionNotFound = (n: number) => `unable to find specified revision ${n} in history`;

/** deploymentRevision: the ReplicaSet of `toRevision`, or of the revision before the latest for 0. */
function replicaSetFor(name: string, revisions: readonly Revision[], toRevision: number): ReplicaSet | string {
  if (toRevision > 0) return revisions.find((r) => r.revision === toRevision)?.replicaSet ?? revisionNotFound(toRevision);
  let latest: Revision | undefined;
  let previous: Revision | undefined;
  for (const r of revisions) {
    if (!latest || latest.revision < r.revision) {
      previous = latest;
      latest = r;
    } else if (!previous || previous.revision < r.revision) previous = r;
  }
  return previous?.replicaSet ?? `no rollout history found for deployment ${JSON.stringify(name)}`;
}

export function rolloutUndo(ctx: KubectlContext): CommandResult {
  const args = ctx.flags.args.slice(1);
  if (args.length === 0 && !hasFiles(ctx)) return fail('error: required resource not specified');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const toRevision = Number(stringFlag(ctx.flags, 'to-revision') ?? '0');
  const found = findTargets(ctx, args, { selector: stringFlag(ctx.flags, 'selector'), all: true });
  if (!found.ok) return fail(found.error);
  let stdout = '';
  // r.Visit stops at the first error, which CheckErr prints.
  const stop = (error: string): CommandResult =>
    withStderrFirst({ exitCode: 1, stdout, stderr: `${/^(error: |Error from server)/.test(error) ? error : `error: ${error}`}\n` }, dryRun.warnings);
  if (found.errors.length > 0 && found.targets.length === 0) return stop(found.errors[0] as string);
  for (const { info, object } of found.targets) {
    const isWorkload = hasControllerRevisions(info);
    if (info.kind !== 'Deployment' && !isWorkload) return stop(noVisitorFor(info, 'rollbacker', 'retrieving rollbacker'));
    const name = object.metadata.name ?? '';
    if (toRevision < 0) return stop(revisionNotFound(toRevision));
    // The printer prints the object as the builder read it, with the result as its operation.
    const print = (result: string): string | undefined => {
      const chunk = resultChunk(format, object, `${objectRef(info, name)} ${result}${dryRunSuffix(dryRun.strategy)}`);
      if (typeof chunk !== 'string' && 'error' in chunk) return chunk.error.replace(/\n+$/, '');
      stdout += typeof chunk === 'string' ? `${chunk}\n` : chunk.raw;
      return undefined;
    };
    if (isWorkload) {
      const history = workloadHistory(ctx, info, object.metadata.namespace, name);
      if (!history.ok) return stop(history.error);
      const { object: current, revisions } = history.value;
      if (toRevision === 0 && revisions.length <= 1) return stop('no last revision to roll back to');
      const to = findHistory(toRevision, revisions);
      if (!to) return stop(revisionNotFound(toRevision));
      let result = 'rolled back';
      if (dryRun.strategy === 'client') result = `will roll back to ${podTemplateText(templateOf(applyHistory(current, to)))}`;
      else if (matchesRevision(current, to)) result = `skipped rollback (current template already matches revision ${toRevision})`;
      else {
        const r = ctx.request('PATCH', resourcePath(info, { namespace: object.metadata.namespace, name, query: dryRunQuery(dryRun.strategy) }), { body: to.data ?? {}, contentType: 'application/strategic-merge-patch+json' });
        if (r.code >= 300) return stop(`failed restoring revision ${toRevision}: ${statusOf(r).message ?? ''}`);
      }
      const failed = print(result);
      if (failed) return stop(failed);
      continue;
    }
    // The rollbacker reads the Deployment again through the typed client.
    const again = ctx.request('GET', resourcePath(info, { namespace: object.metadata.namespace, name }));
    if (again.code >= 300) return stop(`failed to retrieve Deployment ${name}: ${statusOf(again).message ?? ''}`);
    const deployment = again.body as Deployment;
    const history = deploymentRevisions(ctx, object);
    if (!history.ok) return stop(history.error);
    const rs = replicaSetFor(name, history.value.revisions, toRevision);
    if (typeof rs === 'string') return stop(rs);
    if (dryRun.strategy === 'client') {
      const failed = print(podTemplateText(rs.spec?.template));
      if (failed) return stop(failed);
      continue;
    }
    if (deployment.spec?.paused) return stop(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
    let result = 'rolled back';
    if (equalIgnoreHash(rs.spec?.template, deployment.spec?.template)) {
      result = `skipped rollback (current template already matches revision ${toRevision})`;
    } else {
      const template = copyOf(rs.spec?.template ?? {});
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      const annotations: Record<string, string> = {};
      for (const k of ANNOTATIONS_TO_SKIP) {
        const v = deployment.metadata?.annotations?.[k];
        if (v !== undefined) annotations[k] = v;
      }
      for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v;
      const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ];
      const r = ctx.request('PATCH', resourcePath(info, { namespace: object.metadata.namespace, name, query: dryRunQuery(dryRun.strategy) }), { body: patch, contentType: 'application/json-patch+json' });
      if (r.code >= 300) return stop(`failed restoring revision ${toRevision}: ${statusOf(r).message ?? ''}`);
    }
    const failed = print(result);
    if (failed) return stop(failed);
  }
  if (found.errors.length > 0) return stop(found.errors[0] as string);
  return withStderrFirst({ exitCode: 0, stdout, stderr: '' }, dryRun.warnings);
}
