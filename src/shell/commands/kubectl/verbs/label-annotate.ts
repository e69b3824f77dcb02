/**
 * `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to remove, `--overwrite` to
 * replace a value (else kubectl's "already has a value" error), on named objects, `-l` or `--all`;
 * sent as a JSON merge patch of metadata, as kubectl does; prints `pod/web labeled` (or
 * `not labeled` when nothing changed). `--dry-run=client` sends nothing (`pod/web labeled (dry
 * run)`), `--dry-run=server` sends the patch with `dryRun=All`.
 */
import type { ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, listObjects, objectRef, withTypeMeta } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { CHANGE_CAUSE_ANNOTATION } from './rollout/deployment-revisions';
import { changeCause, recordNotices } from './set/record';

export const LABEL_FLAGS: readonly FlagSpec[] = [
  { name: 'overwrite', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'list', kind: 'bool' },
  { name: 'resource-version', kind: 'string' },
  { name: 'record', kind: 'bool' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

type Field = 'labels' | 'annotations';

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function run(ctx: KubectlContext, field: Field): CommandResult {
  const verb = field === 'labels' ? 'label' : 'annotate';
  const done = field === 'labels' ? 'labeled' : 'annotated';
  // The resource arguments end where the first key=value or key- begins.
  const args = ctx.flags.args;
  const firstChange = args.findIndex((a, i) => i > 0 && (a.includes('=') || (a.endsWith('-') && !a.includes('/'))));
  const resourceArgs = firstChange < 0 ? args : args.slice(0, firstChange);
  const changes = firstChange < 0 ? [] : args.slice(firstChange);
  const list = boolFlag(ctx.flags, 'list');
  // Validate(): the selector flags conflict with --all before anything else is looked at.
  if (boolFlag(ctx.flags, 'all') && stringFlag(ctx.flags, 'selector')) return fail('error: cannot set --all and --selector at the same time');
  if (boolFlag(ctx.flags, 'all') && stringFlag(ctx.flags, 'field-selector')) return fail('error: cannot set --all and --field-selector at the same time');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const suffix = dryRunSuffix(dryRun.strategy);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  if (changes.length === 0 && !list) return fail(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const change of changes) {
    if (change.includes('=')) {
      const eq = change.indexOf('=');
      const key = change.slice(0, eq);
      const value = change.slice(eq + 1);
      if (field === 'labels' && (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value) || value.length > 63)) return fail(`error: invalid label spec: ${change}`);
      set[key] = value;
    } else if (change.endsWith('-')) remove.push(change.slice(0, -1));
    else return fail(`error: invalid ${field === 'labels' ? 'label' : 'annotation'} format: ${change}`);
  }
  for (const key of remove) if (Object.hasOwn(set, key)) return fail(`error: can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);

  const parsed = parseResourceArgs(resourceArgs);
  if (!parsed.ok) return fail(parsed.error);
  const selector = stringFlag(ctx.flags, 'selector');
  const targets: { info: ResourceInfo; obj: KubeObject }[] = [];
  const errors: string[] = [];
  for (const { info, names } of parsed.selections) {
    if (names.length > 0) {
      for (const name of names) {
        const r = getObject(ctx, info, ctx.namespace, name);
        if (r.ok) targets.push({ info, obj: r.value });
        else errors.push(statusErrorText(statusOf(r.response)));
      }
    } else if (selector !== undefined || stringFlag(ctx.flags, 'field-selector') !== undefined || boolFlag(ctx.flags, 'all')) {
      const r = listObjects(ctx, info, info.namespaced && !boolFlag(ctx.flags, 'all-namespaces') ? ctx.namespace : undefined, { labelSelector: selector, fieldSelector: stringFlag(ctx.flags, 'field-selector') });
      if (r.ok) for (const obj of r.value.items) targets.push({ info, obj });
      else errors.push(statusErrorText(statusOf(r.response)));
    } else {
      return fail(`error: resource(s) were provided, but no name was specified`);
    }
  }
  if (parsed.selections.length === 0) return fail(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>`);

  // Only a write to the server records: a client dry run and --list print what they have.
  const cause = ctx.flags.values.get('record') === true && dryRun.strategy !== 'client' && !list ? changeCause(ctx, verb) : undefined;
  const lines: OutputChunk[] = [];
  const emit = (object: KubeObject, message: string) => {
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  for (const { info, obj } of targets) {
    const current = { ...((obj.metadata[field] as Record<string, string> | undefined) ?? {}) };
    const name = obj.metadata.name ?? '';
    if (list) {
      lines.push(...Object.keys(current).sort().map((k) => `${k}=${current[k] ?? ''}`));
      continue;
    }
    if (!boolFlag(ctx.flags, 'overwrite')) {
      const conflicts = Object.keys(set).filter((k) => Object.hasOwn(current, k) && current[k] !== set[k] && k !== CHANGE_CAUSE_ANNOTATION);
      if (conflicts.length > 0) {
        if (field === 'labels') {
          const messages = conflicts.map((k) => `'${k}' already has a value (${current[k] ?? ''}), and --overwrite is false`);
          errors.push(messages.length === 1 ? `error: ${messages[0] ?? ''}` : `error: [${messages.join(', ')}]`);
        } else {
          errors.push(`error: --overwrite is false but found the following declared annotation(s): ${conflicts.map((k) => `'${k}' already has a value (${current[k] ?? ''})`).join('; ')}`);
        }
        continue;
      }
    }
    const patchMap: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(set)) if (current[k] !== v) patchMap[k] = v;
    for (const k of remove) {
      if (Object.hasOwn(current, k)) patchMap[k] = null;
      else if (field === 'labels') lines.push(`label "${k}" not found.`);
    }
    const annotations = (obj.metadata.annotations as Record<string, string> | undefined) ?? {};
    const recorded = cause !== undefined && annotations[CHANGE_CAUSE_ANNOTATION] !== cause ? cause : undefined;
    if (recorded !== undefined && field === 'annotations') patchMap[CHANGE_CAUSE_ANNOTATION] = recorded;
    const ref = objectRef(info, name);
    if (Object.keys(patchMap).length === 0 && recorded === undefined) {
      emit(obj, `${ref} not ${done}${suffix}`);
      continue;
    }
    if (dryRun.strategy === 'client') {
      // A client dry run prints the object as it would be, changed here instead of on the server.
      const changed = { ...((obj.metadata[field] as Record<string, string> | undefined) ?? {}) };
      for (const [k, v] of Object.entries(patchMap)) {
        if (v === null) delete changed[k];
        else changed[k] = v;
      }
      emit({ ...obj, metadata: { ...obj.metadata, [field]: changed } }, `${ref} ${done}${suffix}`);
      continue;
    }
    const rv = stringFlag(ctx.flags, 'resource-version');
    const body = {
      metadata: {
        ...(recorded !== undefined && field === 'labels' ? { annotations: { [CHANGE_CAUSE_ANNOTATION]: recorded } } : {}),
        ...(Object.keys(patchMap).length > 0 ? { [field]: patchMap } : {}),
        ...(rv ? { resourceVersion: rv } : {}),
      },
    };
    const r = ctx.request('PATCH', resourcePath(info, { namespace: info.namespaced ? obj.metadata.namespace : undefined, name, query: { fieldManager: `kubectl-${verb}`, ...dryRunQuery(dryRun.strategy) } }), {
      body,
      contentType: 'application/merge-patch+json',
    });
    if (r.code >= 300) errors.push(statusErrorText(statusOf(r)));
    else emit(withTypeMeta(info, r.body as KubeObject), `${ref} ${done}${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((e) => `${e}\n`).join('') }, [...recordNotices(ctx), ...dryRun.warnings]);
}

export function label(ctx: KubectlContext): CommandResult {
  return run(ctx, 'labels');
}

export function annotate(ctx: KubectlContext): CommandResult {
  return run(ctx, 'annotations');
}

export const ANNOTATE_FLAGS = LABEL_FLAGS;
