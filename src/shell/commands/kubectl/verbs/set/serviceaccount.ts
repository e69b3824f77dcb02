/**
 * `kubectl set serviceaccount (TYPE NAME | TYPE/NAME) SERVICE_ACCOUNT`: kubectl 1.32's
 * SetServiceAccountOptions (pkg/cmd/set/set_serviceaccount.go). The pod template's (or the pod's)
 * serviceAccountName is set in a copy and the difference sent as a strategic merge patch:
 * `deployment.apps/web serviceaccount updated`.
 */
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { objectRef, withTypeMeta } from '../../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, nameOf, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, calculatePatch, sendStrategicPatch } from './patches';
import { goTypeOf, podSpecOf } from './pod-spec';
import { record, recordNotices } from './record';

export const SET_SERVICEACCOUNT_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'record', kind: 'bool' },
  { name: 'field-manager', kind: 'string' },
];

export function setServiceAccountVerb(ctx: KubectlContext): CommandResult {
  const rest = ctx.flags.args.slice(1);
  if (rest.length === 0) return fail("error: serviceaccount is required\nSee 'kubectl set serviceaccount -h' for help and examples");
  const serviceAccount = rest[rest.length - 1] ?? '';
  const resources = rest.slice(0, -1);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  if (resources.length < 1 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const notices = recordNotices(ctx);
  if (boolFlag(ctx.flags, 'local')) return withStderrFirst(fail('error: "kubectl set serviceaccount --local" is not simulated yet: kubectl reads the objects from the server here'), notices);
  const found = findTargets(ctx, resources, { all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return withStderrFirst(fail(found.error), notices);
  const errors = [...found.errors];
  const lines: OutputChunk[] = [];
  const suffix = dryRunSuffix(dryRun.strategy);
  const emit = (object: KubeObject, message: string) => {
    const chunk = format.kind === 'name' ? nameOf(object) : resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  for (const { info, object } of found.targets) {
    const name = object.metadata.name ?? '';
    const result = calculatePatch(object, (copy) => {
      const spec = podSpecOf(copy);
      if (!spec) return `the object is not a pod or does not have a pod template: ${goTypeOf(copy)}`;
      spec.serviceAccountName = serviceAccount;
      record(ctx, 'set', copy);
      return undefined;
    });
    if (result.kind === 'error') {
      errors.push(`error: ${info.resource}/${name} ${result.error}`);
      continue;
    }
    const message = `${objectRef(info, name)} serviceaccount updated${suffix}`;
    if (result.kind === 'unchanged') {
      emit(object, message);
      continue;
    }
    if (dryRun.strategy === 'client') {
      emit(result.modified, message);
      continue;
    }
    const r = sendStrategicPatch(ctx, info, object, result.patch, { fieldManager: stringFlag(ctx.flags, 'field-manager') ?? 'kubectl-set', ...dryRunQuery(dryRun.strategy) });
    if (r.code >= 300) errors.push(`failed to patch ServiceAccountName ${statusErrorText(statusOf(r))}`);
    else emit(withTypeMeta(info, r.body as KubeObject), message);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, [...notices, ...dryRun.warnings]);
}
