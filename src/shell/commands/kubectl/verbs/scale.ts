/**
 * `kubectl scale TYPE NAME --replicas=N`: a merge patch of the scale subresource
 * (`.../deployments/web/scale`), `deployment.apps/web scaled`; `--current-replicas` is checked
 * against the scale first, as kubectl's precondition does. `--dry-run=client` reads the object
 * (as the builder does) and sends nothing; `--dry-run=server` sends the patch with `dryRun=All`.
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';

export const SCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'replicas', kind: 'int' },
  { name: 'current-replicas', kind: 'int' },
  { name: 'resource-version', kind: 'string' },
  { name: 'timeout', kind: 'string' },
  DRY_RUN_FLAG,
];

export function scale(ctx: KubectlContext): CommandResult {
  const replicas = stringFlag(ctx.flags, 'replicas');
  if (replicas === undefined) return fail(`error: required flag(s) "replicas" not set`);
  if (Number(replicas) < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const suffix = dryRunSuffix(dryRun.strategy);
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return fail(parsed.error);
  const targets = parsed.selections.flatMap(({ info, names }) => names.map((name) => ({ info, name })));
  if (targets.length === 0) return fail(`error: resource(s) were provided, but no name was specified`);
  const lines: string[] = [];
  const errors: string[] = [];
  const current = stringFlag(ctx.flags, 'current-replicas');
  for (const { info, name } of targets) {
    const namespace = info.namespaced ? ctx.namespace : undefined;
    const path = resourcePath(info, { namespace, name, subresource: 'scale' });
    if (dryRun.strategy === 'client') {
      // RunScale prints a client dry run's objects as the builder read them, and scales nothing.
      const got = getObject(ctx, info, namespace, name);
      if (got.ok) lines.push(`${objectRef(info, name)} scaled${suffix}`);
      else errors.push(statusErrorText(statusOf(got.response)));
      continue;
    }
    if (current !== undefined && current !== '-1') {
      const r = ctx.request('GET', path);
      if (r.code >= 300) {
        errors.push(statusErrorText(statusOf(r)));
        continue;
      }
      const actual = (r.body as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
      if (String(actual) !== current) {
        errors.push(`error: Expected replicas to be ${current}, was ${actual}`);
        continue;
      }
    }
    const r = ctx.request('PATCH', resourcePath(info, { namespace, name, subresource: 'scale', query: dryRunQuery(dryRun.strategy) }), { body: { spec: { replicas: Number(replicas) } }, contentType: 'application/merge-patch+json' });
    if (r.code >= 300) errors.push(statusErrorText(statusOf(r)));
    else lines.push(`${objectRef(info, name)} scaled${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: errors.map((e) => `${e}\n`).join('') }, dryRun.warnings);
}
