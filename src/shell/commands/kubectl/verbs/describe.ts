/**
 * `kubectl describe`: for each object asked for (by name, name prefix, `-l`, or all of a type),
 * the describer's text, objects separated by two blank lines as kubectl separates them; a name
 * that matches nothing is `Error from server (NotFound)`, an empty type `No resources found`.
 */
import type { ResourceInfo } from '../../../../sim/api/resources';
import { findResource } from '../../../../sim/api/resources';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, type CommandResult } from '../../../types';
import { getObject, listObjects } from '../api-calls';
import { describerFor, type DescribeContext } from '../describe';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import { nowMs, type KubectlContext } from '../kubectl-context';
import { noResourcesFound } from '../printers/table';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';

export const DESCRIBE_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'show-events', kind: 'bool' },
  // DescriberSettings.ChunkSize: the describer lists the objects and their events in chunks of it.
  { name: 'chunk-size', kind: 'int' },
];

const NO_TYPE = `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.
error: Required resource not specified.
See 'kubectl describe -h' for help and examples`;

function describeContext(ctx: KubectlContext, showEvents: boolean): DescribeContext {
  const resource = (name: string) => findResource(name) as ResourceInfo;
  return {
    nowMs: nowMs(ctx),
    get: (res, namespace, name) => {
      const r = getObject(ctx, resource(res), namespace, name);
      return r.ok ? r.value : undefined;
    },
    list: (res, namespace, query) => {
      const r = listObjects(ctx, resource(res), namespace, query);
      return r.ok ? { items: r.value.items } : { forbidden: r.response.code === 403 };
    },
    events: (obj, options = {}) => {
      if (!showEvents) return undefined;
      const namespace = obj.metadata.namespace;
      const terms = [`involvedObject.name=${obj.metadata.name ?? ''}`, `involvedObject.namespace=${namespace ?? ''}`];
      if (!options.withoutKind) terms.push(`involvedObject.kind=${obj.kind}`);
      const uid = options.uid ?? obj.metadata.uid;
      if (uid) terms.push(`involvedObject.uid=${uid}`);
      const r = listObjects(ctx, resource('events'), namespace || undefined, { fieldSelector: terms.join(',') });
      return r.ok ? r.value.items : [];
    },
  };
}

export function describe(ctx: KubectlContext): CommandResult {
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return fail(parsed.error);
  if (parsed.selections.length === 0) return fail(NO_TYPE);
  const allNamespaces = boolFlag(ctx.flags, 'all-namespaces');
  const showEvents = ctx.flags.values.get('show-events') !== false;
  const dctx = describeContext(ctx, showEvents);
  const outputs: string[] = [];
  const errors: string[] = [];
  let anyListed = false;
  for (const { info, names } of parsed.selections) {
    const namespace = info.namespaced && !allNamespaces ? ctx.namespace : undefined;
    let objects: KubeObject[] = [];
    if (names.length > 0) {
      for (const name of names) {
        const r = getObject(ctx, info, ctx.namespace, name);
        if (r.ok) {
          objects.push(r.value);
          continue;
        }
        if (r.response.code !== 404) {
          errors.push(statusErrorText(statusOf(r.response)));
          continue;
        }
        // kubectl describe TYPE NAME_PREFIX: no exact match, so every object whose name starts with it.
        const list = listObjects(ctx, info, namespace);
        const matches = list.ok ? list.value.items.filter((o) => (o.metadata.name ?? '').startsWith(name)) : [];
        if (matches.length === 0) errors.push(statusErrorText(statusOf(r.response)));
        objects.push(...matches);
      }
    } else {
      const r = listObjects(ctx, info, namespace, { labelSelector: stringFlag(ctx.flags, 'selector') });
      if (!r.ok) {
        errors.push(statusErrorText(statusOf(r.response)));
        continue;
      }
      anyListed = true;
      objects = r.value.items;
    }
    const describer = describerFor(info.resource);
    for (const obj of objects) outputs.push(describer(obj, dctx));
  }
  let stderr = errors.map((e) => `${e}\n`).join('');
  if (outputs.length === 0 && errors.length === 0 && anyListed) {
    const namespaced = parsed.selections.some((s) => s.info.namespaced);
    stderr += noResourcesFound(namespaced && !allNamespaces ? ctx.namespace : undefined);
  }
  return { exitCode: errors.length > 0 ? 1 : 0, stdout: outputs.join('\n\n'), stderr };
}
