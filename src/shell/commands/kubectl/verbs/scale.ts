/**
 * `kubectl scale TYPE NAME --replicas=N` (or `TYPE --all`, `TYPE -l SELECTOR`): a merge patch of the scale subresource
 * (`.../deployments/web/scale`), `deployment.apps/web scaled`; `--current-replicas` is checked
 * against the scale first, as kubectl's precondition does. `--dry-run=client` reads the object
 * (as the builder does) and sends nothing; `--dry-run=server` sends the patch with `dryRun=All`.
 */
import type { ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, listObjects, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { readManifests } from '../manifest-source';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';

export const SCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'replicas', kind: 'int' },
  { name: 'current-replicas', kind: 'int' },
  { name: 'resource-version', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
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
  // ResourceTypeOrNameArgs(o.All, ...) with LabelSelectorParam: a bare type with --all or -l
  // scales what a list of it (by that selector) returns.
  const selector = stringFlag(ctx.flags, 'selector');
  const all = boolFlag(ctx.flags, 'all');
  const targets: { info: ResourceInfo; name: string }[] = [];
  for (const { info, names } of parsed.selections) {
    if (names.length > 0 && selector !== undefined) return fail('error: name cannot be provided when a selector is specified');
    if (names.length > 0 || (!all && selector === undefined)) {
      targets.push(...names.map((name) => ({ info, name })));
      continue;
    }
    const list = listObjects(ctx, info, info.namespaced ? ctx.namespace : undefined, { labelSelector: selector });
    if (!list.ok) return fail(statusErrorText(statusOf(list.response)));
    targets.push(...list.value.items.map((o) => ({ info, name: o.metadata.name ?? '' })));
  }
  // FilenameParam: the objects the files name, scaled on the server by their names.
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length > 0) {
    const read = readManifests(ctx, files);
    if (!read.ok) return fail(read.error);
    targets.push(...read.objects.map((o) => ({ info: o.info, name: o.object.metadata.name ?? '' })));
  }
  if (targets.length === 0 && (all || selector !== undefined)) return fail('error: no objects passed to scale');
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
