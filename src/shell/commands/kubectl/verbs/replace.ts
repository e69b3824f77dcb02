/**
 * `kubectl replace -f`: PUT each object as written. A manifest carrying a resourceVersion is a
 * precondition, so a stale one is the apiserver's Conflict; `pod/web replaced`. `--dry-run=client`
 * sends nothing (`pod/web replaced (dry run)`); `--dry-run=server` sends the PUT with `dryRun=All`.
 * `--save-config` writes the last-applied-configuration annotation, as `apply` would.
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { boolFlag, type FlagSpec } from '../flags';
import { modifiedConfiguration } from './apply';
import type { KubectlContext } from '../kubectl-context';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import { filenameOptions, KUSTOMIZE_FLAG, readManifests } from '../manifest-source';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';

export const REPLACE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  { name: 'force', kind: 'bool' },
  VALIDATE_FLAG,
  DRY_RUN_FLAG,
  { name: 'save-config', kind: 'bool' },
];

export function replace(ctx: KubectlContext): CommandResult {
  const files = filenameOptions(ctx.flags);
  if (files.length === 0) return fail('error: must specify --filename to replace');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const suffix = dryRunSuffix(dryRun.strategy);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const read = readManifests(ctx, files);
  if (!read.ok) return fail(read.error);
  const lines: string[] = [];
  const errors: string[] = [...read.errors];
  for (const item of read.objects) {
    const { info, namespace, source } = item;
    // --save-config: the object carries its last-applied-configuration, as `apply` would write it.
    const object = boolFlag(ctx.flags, 'save-config') ? modifiedConfiguration(item).modified : item.object;
    const name = object.metadata.name ?? '';
    const body = { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } };
    if (dryRun.strategy === 'client') {
      lines.push(`${objectRef(info, name)} replaced${suffix}`);
      continue;
    }
    const r = ctx.request('PUT', resourcePath(info, { namespace, name, query: { fieldManager: 'kubectl-replace', fieldValidation: validation.directive, ...dryRunQuery(dryRun.strategy) } }), { body });
    if (r.code >= 300) errors.push(statusErrorText(statusOf(r), { verb: 'replacing', source }));
    else lines.push(`${objectRef(info, name)} replaced${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: errors.map((e) => `${e}\n`).join('') }, dryRun.warnings);
}
