/**
 * What `rollout pause`, `resume` and `restart` share (kubectl 1.32 rollout_pause.go and its
 * siblings): find the objects, compute each one's patch with the kind's polymorphic helper,
 * send it with the `kubectl-rollout` field manager, and print `deployment.apps/web paused`. A
 * helper's refusal prints as `error: deployments.apps "web" is already paused`; all errors come
 * after the successes, as one aggregate.
 */
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { ResourceInfo } from '../../../../../sim/api/resources';
import { fail, type CommandResult } from '../../../../types';
import { objectRef, withTypeMeta } from '../../api-calls';
import { stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { aggregateText, calculatePatch, sendStrategicPatch } from '../set/patches';
import { findTargets, groupResource, hasFiles } from './targets';
import { RECURSIVE_FLAG } from '../../file-paths';

export const OBJECT_CHANGE_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'field-manager', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

export interface ObjectChange {
  readonly subcommand: 'pause' | 'resume' | 'restart';
  /** The polymorphic helper: change the copy, or say why not (`is already paused`). */
  readonly change: (info: ResourceInfo, copy: KubeObject) => string | undefined;
  readonly done: string;
  /** What an empty patch means: pause and resume print `already paused`; restart refuses. */
  readonly unchanged: (name: string) => { readonly line: string } | { readonly error: string };
}

export function runObjectChange(ctx: KubectlContext, spec: ObjectChange): CommandResult {
  const args = ctx.flags.args.slice(1);
  if (args.length === 0 && !hasFiles(ctx)) return fail('error: required resource not specified');
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const found = findTargets(ctx, args, { selector: stringFlag(ctx.flags, 'selector'), all: true });
  if (!found.ok) return fail(found.error);
  const lines: OutputChunk[] = [];
  const errors = [...found.errors];
  // The name printer says `deployment.apps/web paused`; -o name is its short form; -o yaml and
  // the rest print the object.
  const emit = (object: KubeObject, message: string) => {
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  const fieldManager = stringFlag(ctx.flags, 'field-manager') ?? 'kubectl-rollout';
  for (const { info, object } of found.targets) {
    const name = object.metadata.name ?? '';
    const result = calculatePatch(object, (copy) => spec.change(info, copy));
    if (result.kind === 'error') {
      errors.push(`error: ${groupResource(info)} ${JSON.stringify(name)} ${result.error}`);
      continue;
    }
    if (result.kind === 'unchanged') {
      const u = spec.unchanged(name);
      if ('line' in u) emit(object, `${objectRef(info, name)} ${u.line}`);
      else errors.push(u.error);
      continue;
    }
    const r = sendStrategicPatch(ctx, info, object, result.patch, { fieldManager });
    if (r.code >= 300) {
      errors.push(`failed to patch: ${statusOf(r).message ?? statusErrorText(statusOf(r))}`);
      continue;
    }
    emit(withTypeMeta(info, r.body as KubeObject), `${objectRef(info, name)} ${spec.done}`);
  }
  // No patches and no errors: the bare type or the selector matched nothing.
  if (found.targets.length === 0 && errors.length === 0) return { exitCode: 0, stdout: '', stderr: `No resources found in ${ctx.namespace} namespace.\n` };
  return { exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) };
}
