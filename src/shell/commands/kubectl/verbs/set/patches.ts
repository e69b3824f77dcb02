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
import type { KubectlContext } from '../../kubectl-context';

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
