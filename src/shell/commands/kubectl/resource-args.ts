/**
 * What the resource arguments of get/describe/delete/label name, as kubectl's resource builder
 * reads them: `pods`, `pods web db`, `pod/web svc/x`, `pods,services`, `all` (the resources in the
 * "all" category), with kubectl's errors for an unknown type or a mix of the forms.
 */
import { findResource, RESOURCES, type ResourceInfo } from '../../../sim/api/resources';

export interface ResourceSelection {
  readonly info: ResourceInfo;
  /** Names asked for; empty for "every object of this type". */
  readonly names: string[];
}

export type ParsedResources =
  | { readonly ok: true; readonly selections: ResourceSelection[]; readonly multipleTypes: boolean; readonly byName: boolean }
  | { readonly ok: false; readonly error: string };

/** The order `kubectl get all` prints the "all" category in (the discovery order of 1.32). */
const ALL_ORDER = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

function resolve(type: string): ResourceInfo[] | string {
  if (type === 'all') {
    return ALL_ORDER.map((r) => RESOURCES.find((info) => info.resource === r && info.categories.includes('all'))).filter((i): i is ResourceInfo => Boolean(i));
  }
  const info = findResource(type);
  return info ? [info] : `error: the server doesn't have a resource type "${type}"`;
}

export function parseResourceArgs(args: readonly string[]): ParsedResources {
  if (args.length === 0) return { ok: true, selections: [], multipleTypes: false, byName: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      return {
        ok: false,
        error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      };
    }
    const selections: ResourceSelection[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      const type = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (!type || !name) return { ok: false, error: `error: arguments in resource/name form must have a single resource and name` };
      const infos = resolve(type);
      if (typeof infos === 'string') return { ok: false, error: infos };
      const info = infos[0] as ResourceInfo;
      const existing = selections.find((s) => s.info === info);
      if (existing) existing.names.push(name);
      else selections.push({ info, names: [name] });
    }
    return { ok: true, selections, multipleTypes: selections.length > 1, byName: true };
  }
  const [typeArg = '', ...names] = args;
  const types = typeArg.split(',').filter(Boolean);
  const selections: ResourceSelection[] = [];
  for (const type of types) {
    const infos = resolve(type);
    if (typeof infos === 'string') return { ok: false, error: infos };
    for (const info of infos) if (!selections.some((s) => s.info === info)) selections.push({ info, names: [...names] });
  }
  return { ok: true, selections, multipleTypes: types.length > 1 || types.includes('all'), byName: names.length > 0 };
}
