/**
 * kubectl's set.CalculatePatches (pkg/cmd/set/helper.go): for each object, a function changes a
 * copy of it, and the patch sent is the two-way strategic merge patch from the object as read
 * to the changed copy (`{}` when nothing changed). `kubectl set`, `rollout pause|resume|restart`
 * all send their change this way, as PATCH application/strategic-merge-patch+json.
 */
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { ResourceInfo } from '../../../../../sim/api/resources';
import type { ApiResponse } from '../../../../../sim/api/http';
import { resourcePath } from '../../../../../sim/client/resource-path';
import { threeWayMergePatch } from '../../apply/strategic-patch';
import { objectRef, withTypeMeta } from '../../api-calls';
import { dryRunQuery, dryRunSuffix, type DryRunStrategy } from '../../dry-run';
import { stringFlag } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { resultChunk, type OutputChunk, type OutputFormat } from '../../output';

export type PatchResult =
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'patch'; readonly patch: Record<string, unknown>; readonly modified: KubeObject };

/** A deep copy to change, as the Go object the patch function receives is its own. */
export function copyOf<T>(obj: T): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}

/** One object's patch: `change` edits a copy in place, or returns an error message. */
export function calculatePatch(object: KubeObject, change: (copy: KubeObject) => string | undefined): PatchResult {
  const copy = copyOf(object);
  const error = change(copy);
  if (error !== undefined) return { kind: 'error', error };
  // CreateTwoWayMergePatch(original, modified) is the three-way one with nothing else changed.
  const patch = threeWayMergePatch(object, copy, object);
  return Object.keys(patch).length === 0 ? { kind: 'unchanged' } : { kind: 'patch', patch, modified: copy };
}

/** resource.Helper.Patch with the strategic merge patch type. */
export function sendStrategicPatch(
  ctx: KubectlContext,
  info: ResourceInfo,
  object: KubeObject,
  patch: Record<string, unknown>,
  query: Record<string, string | undefined>,
): ApiResponse {
  const path = resourcePath(info, { namespace: info.namespaced ? object.metadata.namespace : undefined, name: object.metadata.name ?? '', query });
  return ctx.request('PATCH', path, { body: patch, contentType: 'application/strategic-merge-patch+json' });
}

/**
 * cmdutil.CheckErr of utilerrors.NewAggregate(errs): one error prints with `error: ` in front
 * unless it has it (or is the server's `Error from server`); several print one a line, as they are.
 */
export function aggregateText(errors: readonly string[]): string {
  if (errors.length === 0) return '';
  if (errors.length === 1) {
    const e = errors[0] as string;
    return /^(error: |Error from server)/.test(e) ? `${e}\n` : `error: ${e}\n`;
  }
  return errors.map((e) => `${e}\n`).join('');
}

/** What one `kubectl set` subcommand does to each object it visits. */
export interface PatchEach {
  /** Change a copy of the object; an error message when it cannot take the change. */
  readonly change: (copy: KubeObject, info: ResourceInfo) => string | undefined;
  /** What the printer says after the object's name: `image updated`. */
  readonly operation: string;
  /** The error reported when the server refuses the patch. */
  readonly failure: (r: ApiResponse) => string;
  /** set serviceaccount, subject and selector print an object even when nothing changed; image, env and resources print nothing. */
  readonly printUnchanged: boolean;
  /** --local: print the changed object, send nothing. */
  readonly local?: boolean;
  /** set env --list: the change only reads, and nothing is printed or sent after it. */
  readonly readOnly?: boolean;
}

/**
 * The loop every `kubectl set` subcommand runs (its Run over the CalculatePatches results): each
 * object's patch worked out, printed as a client dry run or --local would print it, or sent as a
 * strategic merge patch and the server's answer printed; errors collected in `out.errors`.
 */
export function patchEach(
  ctx: KubectlContext,
  targets: readonly { readonly info: ResourceInfo; readonly object: KubeObject }[],
  format: OutputFormat,
  strategy: DryRunStrategy,
  each: PatchEach,
  out: { readonly lines: OutputChunk[]; readonly errors: string[] },
): void {
  const emit = (object: KubeObject, message: string) => {
    // -o name is the name printer's short form: the object alone, no operation.
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) out.errors.push(chunk.error.replace(/\n+$/, ''));
    else out.lines.push(chunk);
  };
  for (const { info, object } of targets) {
    const name = object.metadata.name ?? '';
    const result = calculatePatch(object, (copy) => each.change(copy, info));
    if (each.readOnly) continue;
    if (result.kind === 'error') {
      // info.ObjectName(): the plural resource without its group.
      out.errors.push(`error: ${info.resource}/${name} ${result.error}`);
      continue;
    }
    const message = `${objectRef(info, name)} ${each.operation}${dryRunSuffix(strategy)}`;
    if (result.kind === 'unchanged') {
      if (each.printUnchanged) emit(object, message);
      continue;
    }
    if (each.local || strategy === 'client') {
      emit(result.modified, message);
      continue;
    }
    const r = sendStrategicPatch(ctx, info, object, result.patch, { fieldManager: stringFlag(ctx.flags, 'field-manager') ?? 'kubectl-set', ...dryRunQuery(strategy) });
    if (r.code >= 300) out.errors.push(each.failure(r));
    else emit(withTypeMeta(info, r.body as KubeObject), message);
  }
}
