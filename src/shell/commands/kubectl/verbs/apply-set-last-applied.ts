/**
 * `kubectl apply set-last-applied -f FILENAME [--create-annotation]` (apply_set_last_applied.go,
 * 1.32): set each live object's last-applied-configuration annotation to the file's object as
 * editor.GetApplyPatch encodes it (json.Marshal: sorted keys, compact, no newline), by a JSON
 * merge patch of that annotation alone. Validate visits every object first (it must exist, and
 * have the annotation unless --create-annotation; an annotation that already matches is `no
 * changes required`), then each remaining one is patched and printed as `configured`.
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef } from '../api-calls';
import { sortKeys } from '../apply/strategic-patch';
import { dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { arrayFlag, boolFlag } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { readManifests, type SourcedObject } from '../manifest-source';
import { joinOutput, outputFormatOf, resultChunk, type OutputChunk } from '../output';
import { NO_RESOURCES_GIVEN } from '../resource-targets';
import { serverError } from '../server-error';
import { LAST_APPLIED } from './apply';

type Json = Parameters<typeof sortKeys>[0];

/** GetApplyPatch's beforeJSON: the file's object, its namespace filled in by the builder. */
function applyConfiguration(item: SourcedObject): string {
  const metadata = { ...item.object.metadata, ...(item.namespace ? { namespace: item.namespace } : {}) };
  return JSON.stringify(sortKeys({ ...item.object, metadata } as unknown as Json));
}

export function applySetLastApplied(ctx: KubectlContext): CommandResult {
  const dryRunParse = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRunParse.ok) return fail(dryRunParse.error);
  const dryRun = dryRunParse.strategy;
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length === 0) return fail(NO_RESOURCES_GIVEN);
  const read = readManifests(ctx, files);
  if (!read.ok) return fail(read.error);
  if (read.errors.length > 0) return fail(read.errors[0] ?? '');

  // Validate: every object, before any is patched; the first error ends the command.
  const lines: OutputChunk[] = [];
  const changes: { item: SourcedObject; live: KubeObject; config: string }[] = [];
  for (const item of read.objects) {
    const config = applyConfiguration(item);
    const name = item.object.metadata.name ?? '';
    const live = getObject(ctx, item.info, item.namespace, name);
    if (!live.ok) return withOutputFirst(lines, serverError(live.response));
    const original = live.value.metadata.annotations?.[LAST_APPLIED];
    if (original === undefined && !boolFlag(ctx.flags, 'create-annotation')) {
      return withOutputFirst(lines, fail(`error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`));
    }
    if (original === config) lines.push(`set-last-applied ${name}: no changes required.`);
    else changes.push({ item, live: live.value, config });
  }

  for (const { item, live, config } of changes) {
    const name = item.object.metadata.name ?? '';
    let result = live;
    if (dryRun !== 'client') {
      // helper.Patch(o.namespace, ...): the command's namespace, not the object's.
      const path = resourcePath(item.info, { namespace: item.info.namespaced ? ctx.namespace : undefined, name, query: dryRunQuery(dryRun) });
      const r = ctx.request('PATCH', path, { body: { metadata: { annotations: { [LAST_APPLIED]: config } } }, contentType: 'application/merge-patch+json' });
      if (r.code >= 300) return withOutputFirst(lines, serverError(r));
      result = r.body as KubeObject;
    }
    const chunk = resultChunk(format, result, `${objectRef(item.info, name)} configured${dryRunSuffix(dryRun)}`);
    if (typeof chunk !== 'string' && 'error' in chunk) return withOutputFirst(lines, fail(chunk.error));
    lines.push(chunk);
  }
  return withStderrFirst({ exitCode: 0, stdout: joinOutput(lines), stderr: '' }, dryRunParse.warnings);
}

/** An error after some lines were printed: they stay on stdout. */
function withOutputFirst(lines: readonly OutputChunk[], result: CommandResult): CommandResult {
  return { ...result, stdout: joinOutput(lines) + result.stdout };
}
