/**
 * `kubectl set serviceaccount (TYPE NAME | TYPE/NAME) SERVICE_ACCOUNT`: kubectl 1.32's
 * SetServiceAccountOptions (pkg/cmd/set/set_serviceaccount.go). The pod template's (or the pod's)
 * serviceAccountName is set in a copy and the difference sent as a strategic merge patch:
 * `deployment.apps/web serviceaccount updated`.
 */
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { boolFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, patchEach } from './patches';
import { goTypeOf, podSpecOf } from './pod-spec';
import { record, recordNotices } from './record';
import { RECURSIVE_FLAG } from '../../file-paths';

export const SET_SERVICEACCOUNT_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
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
  patchEach(ctx, found.targets, format, dryRun.strategy, {
    change: (copy) => {
      const spec = podSpecOf(copy);
      if (!spec) return `the object is not a pod or does not have a pod template: ${goTypeOf(copy)}`;
      spec.serviceAccountName = serviceAccount;
      record(ctx, 'set', copy);
      return undefined;
    },
    operation: 'serviceaccount updated',
    failure: (r) => `failed to patch ServiceAccountName ${statusErrorText(statusOf(r))}`,
    printUnchanged: true,
  }, { lines, errors });
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, [...notices, ...dryRun.warnings]);
}
