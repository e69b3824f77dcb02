/** `kubectl get`: list or fetch objects and print them as kubectl's tables or as YAML/JSON/name. */
import { findResource } from '../../../sim/api/resources';
import type { KubeObject } from '../../../sim/watch-event';
import { resourcePath } from '../../../sim/client/resource-path';
import { fail, ok, type CommandResult } from '../../types';
import { formatAge } from '../../format-age';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { serverError } from '../server-error';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'show-labels', kind: 'bool' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'no-headers', kind: 'bool' },
];

export function get(ctx: KubectlContext): CommandResult {
  const [type, ...names] = ctx.flags.args;
  if (!type) return fail('error: you must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
  const info = findResource(type);
  if (!info) return fail(`error: the server doesn't have a resource type "${type}"`);
  const all = boolFlag(ctx.flags, 'all-namespaces');
  const namespace = info.namespaced && !all ? ctx.namespace : undefined;
  let items: KubeObject[];
  if (names.length) {
    items = [];
    for (const name of names) {
      const r = ctx.request('GET', resourcePath(info, { namespace, name }));
      if (r.code !== 200) return serverError(r);
      items.push(r.body as KubeObject);
    }
  } else {
    const r = ctx.request('GET', resourcePath(info, { namespace, query: { labelSelector: stringFlag(ctx.flags, 'selector'), fieldSelector: stringFlag(ctx.flags, 'field-selector') } }));
    if (r.code !== 200) return serverError(r);
    items = (r.body as { items: KubeObject[] }).items;
  }
  if (items.length === 0) {
    return { exitCode: 0, stdout: '', stderr: namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n' };
  }
  const now = ctx.cluster.engine.now();
  const rows = [
    [...(all && info.namespaced ? ['NAMESPACE'] : []), 'NAME', 'AGE'],
    ...items.map((o) => [...(all && info.namespaced ? [o.metadata.namespace ?? ''] : []), o.metadata.name ?? '', formatAge(now, o.metadata.creationTimestamp)]),
  ];
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return ok(rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('')).join('\n') + '\n');
}
