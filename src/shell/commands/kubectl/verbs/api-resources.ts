/**
 * `kubectl api-resources`: NAME SHORTNAMES APIVERSION NAMESPACED KIND (and VERBS, CATEGORIES
 * with -o wide), sorted by group then name, as kubectl sorts discovery. The list is the simulated
 * apiserver's (src/sim/api/resources.ts); the apiserver does not serve discovery yet, so it is read
 * directly rather than from /api and /apis.
 */
import { apiVersionOf, OTHER_VERSIONS, RESOURCES } from '../../../../sim/api/resources';
import { fail, ok, type CommandResult } from '../../../types';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { formatTable } from '../printers/tabwriter';

export const API_RESOURCES_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'namespaced', kind: 'bool' },
  { name: 'api-group', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'verbs', kind: 'stringArray' },
];

export function apiResources(ctx: KubectlContext): CommandResult {
  const output = stringFlag(ctx.flags, 'output');
  if (output !== undefined && output !== 'wide' && output !== 'name') return fail(`error: --output ${output} is not available`);
  const namespaced = ctx.flags.values.get('namespaced');
  const group = stringFlag(ctx.flags, 'api-group');
  const resources = RESOURCES.filter((r) => (namespaced === undefined || r.namespaced === namespaced) && (group === undefined || r.group === group)).sort((a, b) =>
    a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1,
  );
  if (output === 'name') return ok(resources.map((r) => `${r.group ? `${r.resource}.${r.group}` : r.resource}\n`).join(''));
  const wide = output === 'wide';
  const rows = resources.map((r) => [
    r.resource,
    r.shortNames.join(','),
    apiVersionOf(r),
    String(r.namespaced),
    r.kind,
    ...(wide ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : []),
  ]);
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
  return ok(formatTable(boolFlag(ctx.flags, 'no-headers') ? rows : [header, ...rows]));
}

/** `kubectl api-versions`: every group/version the apiserver serves, sorted as sort.Strings sorts them. */
export function apiVersions(): CommandResult {
  const versions = [...new Set([...RESOURCES, ...OTHER_VERSIONS].map((r) => apiVersionOf(r)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ok(versions.map((v) => `${v}\n`).join(''));
}
