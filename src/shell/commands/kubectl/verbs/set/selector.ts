/**
 * `kubectl set selector (-f FILE | TYPE NAME) EXPRESSIONS [--resource-version=RV] [--local]`:
 * kubectl 1.32's SetSelectorOptions (pkg/cmd/set/set_selector.go). The last argument is the new
 * selector, which replaces a Service's `spec.selector` (only Services take one this way); with
 * `--resource-version` the patch carries it, so a stale version is the server's Conflict.
 * `--local` changes the file's object and prints it, sending nothing.
 */
import { fail, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { LOCAL_RESOURCE_ERROR, localTargets } from './local-objects';
import { aggregateText, patchEach } from './patches';
import { RECURSIVE_FLAG } from '../../file-paths';

export const SET_SELECTOR_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'record', kind: 'bool' },
  { name: 'resource-version', kind: 'string' },
  { name: 'field-manager', kind: 'string' },
];

/** metav1.ParseToLabelSelector for the equality-based expressions a Service selector can hold. */
function parseSelector(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*==?\s*([-A-Za-z0-9_.]*)$/.exec(part);
    if (!m) return `unable to parse requirement: ${part}`;
    out[m[1] ?? ''] = m[2] ?? '';
  }
  return out;
}

export function setSelectorVerb(ctx: KubectlContext): CommandResult {
  const args = ctx.flags.args.slice(1);
  if (args.length === 0) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const selector = parseSelector(args[args.length - 1] ?? '');
  if (typeof selector === 'string') return fail(`error: ${selector}`);
  const resources = args.slice(0, -1);
  const local = boolFlag(ctx.flags, 'local');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  if (local && resources.length > 0) return fail(LOCAL_RESOURCE_ERROR);
  if (resources.length < 1 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const found = local ? localTargets(ctx, resources) : findTargets(ctx, resources, { all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return fail(found.error);
  const targets = found.targets;
  const errors = [...found.errors];
  const resourceVersion = stringFlag(ctx.flags, 'resource-version');
  const lines: OutputChunk[] = [];
  patchEach(ctx, targets, format, dryRun.strategy, {
    change: (copy, info) => {
      if (info.kind !== 'Service' || info.group !== '') return 'setting a selector is only supported for Services';
      (copy as unknown as { spec: { selector?: Record<string, string> } }).spec.selector = { ...selector };
      if (resourceVersion) copy.metadata.resourceVersion = resourceVersion;
      return undefined;
    },
    operation: 'selector updated',
    failure: (r) => statusErrorText(statusOf(r)),
    printUnchanged: true,
    local,
  }, { lines, errors });
  return { exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) };
}
