/**
 * `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)`
 * (apply_view_last_applied.go, 1.32): print each object's last-applied-configuration annotation,
 * as YAML (the default, JSONToYAML) or JSON (json.Indent of the annotation, two spaces).
 */
import { fail, type CommandResult } from '../../../types';
import { boolFlag, stringFlag } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { toKubectlYaml, type JsonValue } from '../printers/yaml';
import { findTargets } from './rollout/targets';
import { LAST_APPLIED } from './apply';

export function applyViewLastApplied(ctx: KubectlContext, args: readonly string[]): CommandResult {
  const format = stringFlag(ctx.flags, 'output') ?? 'yaml';
  // ValidateOutputArgs: before anything is read.
  if (format !== 'yaml' && format !== 'json') return fail(`error: Unexpected -o output mode: ${format}, the flag 'output' must be one of yaml|json\nSee 'view-last-applied -h' for help and examples`);
  const found = findTargets(ctx, args, { selector: stringFlag(ctx.flags, 'selector'), all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return fail(found.error);
  // The builder's first error (a NotFound) ends the command before anything is printed.
  if (found.errors.length > 0) return fail(found.errors[0] ?? '');
  const configs: string[] = [];
  for (const { object } of found.targets) {
    const config = object.metadata.annotations?.[LAST_APPLIED];
    if (config === undefined) return fail(`error: no last-applied-configuration annotation found on resource: ${object.metadata.name ?? ''}`);
    configs.push(config);
  }
  let stdout = '';
  for (const config of configs) {
    let value: JsonValue;
    try {
      value = JSON.parse(config) as JsonValue;
    } catch (e) {
      return fail(`error: ${e instanceof Error ? e.message : String(e)}`);
    }
    // json.Indent keeps the annotation's trailing newline; JSONToYAML ends with one of its own.
    stdout += format === 'json' ? `${JSON.stringify(value, null, 2)}${config.endsWith('\n') ? '\n' : ''}` : toKubectlYaml(value);
  }
  return { exitCode: 0, stdout, stderr: '' };
}
