/**
 * `kubectl set resources (TYPE NAME | TYPE/NAME) [-c CONTAINER] --limits=cpu=200m,memory=512Mi
 * --requests=...`: kubectl 1.32's SetResourcesOptions (pkg/cmd/set/set_resources.go). The
 * containers whose names match `-c` (a glob, `*` by default) get the limits and requests merged
 * into theirs; the change goes as a strategic merge patch, `deployment.apps/web resource
 * requirements updated`; no match is `error: unable to find container named x`. `--local`
 * changes the `-f` files' objects and prints them, asking the server nothing.
 */
import type { Container, ResourceRequirements } from 'kubernetes-types/core/v1';
import { tryParseQuantity, QuantityParseError } from '../../../../../sim/api/quantity';
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, patchEach } from './patches';
import { globMatch } from './glob';
import { goTypeOf, podSpecOf } from './pod-spec';
import { record, recordNotices } from './record';
import { RECURSIVE_FLAG } from '../../file-paths';
import { LOCAL_SERVER_DRY_RUN_ERROR, localTargets } from './local-objects';

export const SET_RESOURCES_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'containers', short: 'c', kind: 'string' },
  { name: 'limits', kind: 'string' },
  { name: 'requests', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'record', kind: 'bool' },
  { name: 'field-manager', kind: 'string' },
];

/** populateResourceListV1: `cpu=200m,memory=512Mi` as a ResourceList, with kubectl's errors. */
function resourceList(spec: string | undefined): Record<string, string> | { error: string } | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return { error: `Invalid argument syntax ${statement}, expected <resource>=<value>` };
    const q = tryParseQuantity(parts[1] as string);
    if (q instanceof QuantityParseError) return { error: q.message };
    out[parts[0] as string] = q.toString();
  }
  return out;
}

export function setResourcesVerb(ctx: KubectlContext): CommandResult {
  const resources = ctx.flags.args.slice(1);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const limits = resourceList(stringFlag(ctx.flags, 'limits'));
  if (limits && 'error' in limits) return fail(`error: ${String(limits.error)}`);
  const requests = resourceList(stringFlag(ctx.flags, 'requests'));
  if (requests && 'error' in requests) return fail(`error: ${String(requests.error)}`);
  if (boolFlag(ctx.flags, 'local') && dryRun.strategy === 'server') return fail(LOCAL_SERVER_DRY_RUN_ERROR);
  if (boolFlag(ctx.flags, 'all') && stringFlag(ctx.flags, 'selector')) return fail('error: cannot set --all and --selector at the same time');
  if (!limits && !requests) return fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  if (resources.length === 0 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const notices = recordNotices(ctx);
  const local = boolFlag(ctx.flags, 'local');
  const found = local ? localTargets(ctx, resources) : findTargets(ctx, resources, { selector: stringFlag(ctx.flags, 'selector'), all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return withStderrFirst(fail(found.error), notices);
  const selector = stringFlag(ctx.flags, 'containers') ?? '*';
  const errors = [...found.errors];
  const lines: OutputChunk[] = [];
  patchEach(ctx, found.targets, format, dryRun.strategy, {
    change: (copy) => {
      const spec = podSpecOf(copy);
      if (!spec) return `the object is not a pod or does not have a pod template: ${goTypeOf(copy)}`;
      const containers = (spec.containers ?? []).filter((c: Container) => globMatch(selector, c.name));
      if (containers.length === 0) errors.push(`error: unable to find container named ${selector}`);
      for (const c of containers) {
        const r: ResourceRequirements = (c.resources ??= {});
        if (limits) Object.assign((r.limits ??= {}), limits);
        if (requests) Object.assign((r.requests ??= {}), requests);
      }
      record(ctx, 'set', copy);
      return undefined;
    },
    operation: 'resource requirements updated',
    failure: (r) => `failed to patch resources update to pod template ${statusOf(r).message ?? statusErrorText(statusOf(r))}`,
    printUnchanged: false,
    local,
  }, { lines, errors });
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, [...notices, ...dryRun.warnings]);
}
