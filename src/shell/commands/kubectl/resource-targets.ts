/**
 * The objects a verb acts on, as kubectl's resource builder finds them: `-f` files, or TYPE NAME
 * / TYPE/NAME arguments, or a bare TYPE with `-l`, `--field-selector` or `--all` (listed in the
 * namespace, or in all of them with `-A`). Used by the verbs that visit objects one by one
 * (delete, wait).
 */
import type { ResourceInfo } from '../../../sim/api/resources';
import { listObjects } from './api-calls';
import type { KubectlContext } from './kubectl-context';
import { readManifests, type ManifestPath } from './manifest-source';
import { parseResourceArgs } from './resource-args';
import { statusErrorText, statusOf } from './server-error';

export interface Target {
  readonly info: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
}

export interface TargetQuery {
  readonly files: readonly ManifestPath[];
  readonly selector: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly all: boolean;
  readonly allNamespaces: boolean;
}

export type Targets = { readonly ok: true; readonly targets: Target[]; readonly errors: string[] } | { readonly ok: false; readonly error: string };

export const NO_RESOURCES_GIVEN = `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`;

export function resourceTargets(ctx: KubectlContext, q: TargetQuery): Targets {
  const targets: Target[] = [];
  const errors: string[] = [];
  if (q.files.length > 0) {
    const read = readManifests(ctx, q.files, q.selector);
    if (!read.ok) return { ok: false, error: read.error };
    errors.push(...read.errors);
    for (const item of read.objects) targets.push({ info: item.info, namespace: item.namespace, name: item.object.metadata.name ?? '' });
    return { ok: true, targets, errors };
  }
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (parsed.selections.length === 0) return { ok: false, error: NO_RESOURCES_GIVEN };
  for (const { info, names } of parsed.selections) {
    const namespace = info.namespaced ? ctx.namespace : undefined;
    if (names.length > 0) {
      for (const name of names) targets.push({ info, namespace, name });
      continue;
    }
    if (!q.all && q.selector === undefined && q.fieldSelector === undefined) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
    const list = listObjects(ctx, info, info.namespaced && !q.allNamespaces ? ctx.namespace : undefined, { labelSelector: q.selector, fieldSelector: q.fieldSelector });
    if (!list.ok) {
      errors.push(statusErrorText(statusOf(list.response)));
      continue;
    }
    for (const o of list.value.items) targets.push({ info, namespace: info.namespaced ? o.metadata.namespace : undefined, name: o.metadata.name ?? '' });
  }
  return { ok: true, targets, errors };
}
