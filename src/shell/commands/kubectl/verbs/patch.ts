/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: read the object, send the
 * patch (YAML or JSON text) with its content type, and say `pod/web patched`, or
 * `pod/web patched (no change)` when the object came back as it was. `--dry-run=client` reads the
 * object and sends nothing (`pod/web patched (dry run)`); `--dry-run=server` sends the patch with
 * `dryRun=All`.
 */
import { parse as parseYaml } from 'yaml';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef, withTypeMeta } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { arrayFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { sameJson, type Json } from '../apply/strategic-patch';
import { readManifests } from '../manifest-source';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';

export const PATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'patch', short: 'p', kind: 'string' },
  { name: 'patch-file', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'subresource', kind: 'string' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export function patch(ctx: KubectlContext): CommandResult {
  const type = stringFlag(ctx.flags, 'type') ?? 'strategic';
  const contentType = CONTENT_TYPES[type];
  if (!contentType) return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const suffix = dryRunSuffix(dryRun.strategy);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  let text = stringFlag(ctx.flags, 'patch');
  const patchFile = stringFlag(ctx.flags, 'patch-file');
  if (text === undefined && patchFile !== undefined) {
    try {
      text = ctx.readFile ? ctx.readFile(patchFile) : undefined;
    } catch {
      return fail(`error: unable to read patch file: open ${patchFile}: no such file or directory`);
    }
  }
  if (text === undefined || text === '') return fail('error: must specify --patch or --patch-file containing the contents of the patch');
  let body: unknown;
  try {
    body = parseYaml(text) as unknown;
  } catch (error) {
    return fail(`error: unable to parse "${text}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (type === 'json' && !Array.isArray(body)) return fail(`error: unable to parse "${text}": json: cannot unmarshal object into Go value of type jsonpatch.Patch`);

  const targets: { info: Parameters<typeof getObject>[1]; namespace: string | undefined; name: string }[] = [];
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length > 0) {
    const read = readManifests(ctx, files);
    if (!read.ok) return fail(read.error);
    for (const item of read.objects) targets.push({ info: item.info, namespace: item.namespace, name: item.object.metadata.name ?? '' });
  } else {
    const parsed = parseResourceArgs(ctx.flags.args);
    if (!parsed.ok) return fail(parsed.error);
    for (const { info, names } of parsed.selections) for (const name of names) targets.push({ info, namespace: info.namespaced ? ctx.namespace : undefined, name });
    if (targets.length === 0) return fail(`error: resource(s) were provided, but no name was specified`);
  }
  const lines: OutputChunk[] = [];
  const emit = (object: KubeObject, message: string) => {
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  const errors: string[] = [];
  const subresource = stringFlag(ctx.flags, 'subresource');
  for (const { info, namespace, name } of targets) {
    const before = getObject(ctx, info, namespace, name);
    if (!before.ok) {
      errors.push(statusErrorText(statusOf(before.response)));
      continue;
    }
    if (dryRun.strategy === 'client') {
      // RunPatch applies a client dry run's patch locally and prints "patched", changed or not.
      // The object as read; the simulator does not apply a client dry run's patch locally.
      emit(before.value, `${objectRef(info, name)} patched${suffix}`);
      continue;
    }
    const r = ctx.request('PATCH', resourcePath(info, { namespace, name, subresource, query: { fieldManager: 'kubectl-patch', ...dryRunQuery(dryRun.strategy) } }), { body, contentType });
    if (r.code >= 300) {
      errors.push(statusErrorText(statusOf(r)));
      continue;
    }
    const after = withTypeMeta(info, r.body as KubeObject);
    const changed = !sameJson(before.value as unknown as Json, after as unknown as Json);
    emit(after, `${objectRef(info, name)} patched${changed ? '' : ' (no change)'}${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((e) => `${e}\n`).join('') }, dryRun.warnings);
}
