/**
 * `kubectl apply --prune` (apply/prune.go, 1.32, without ApplySets): after every object is
 * applied, each namespace apply touched is listed for each kind of the allowlist (the default
 * one, or `--prune-allowlist group/version/Kind`), with apply's `-l`; what carries the
 * last-applied-configuration annotation and was not just applied is deleted (in the
 * background, as --cascade's default) and printed `pruned`. Cluster-scoped kinds are listed once.
 */
import { resourceForKind, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { listObjects, objectRef, withTypeMeta } from '../api-calls';
import { dryRunDeleteOption, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';
import { LAST_APPLIED } from './apply';

export const PRUNE_FLAGS: readonly FlagSpec[] = [
  { name: 'prune', kind: 'bool' },
  { name: 'prune-allowlist', kind: 'stringArray' },
];

/** getRESTMappings' default allowlist: group, version, kind, namespaced. */
const DEFAULT_ALLOWLIST: readonly (readonly [string, string, string])[] = [
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'Endpoints'],
  ['', 'v1', 'Namespace'],
  ['', 'v1', 'PersistentVolumeClaim'],
  ['', 'v1', 'PersistentVolume'],
  ['', 'v1', 'Pod'],
  ['', 'v1', 'ReplicationController'],
  ['', 'v1', 'Secret'],
  ['', 'v1', 'Service'],
  ['batch', 'v1', 'Job'],
  ['batch', 'v1', 'CronJob'],
  ['networking.k8s.io', 'v1', 'Ingress'],
  ['apps', 'v1', 'DaemonSet'],
  ['apps', 'v1', 'Deployment'],
  ['apps', 'v1', 'ReplicaSet'],
  ['apps', 'v1', 'StatefulSet'],
];

/** What apply visited (MarkObjectVisited): the objects' UIDs and their namespaces. */
export interface Visited {
  readonly uids: Set<string>;
  readonly namespaces: Set<string>;
}

/** ApplyOptions.Validate's prune checks; apply's -l and --all otherwise only filter. */
export function validatePrune(ctx: KubectlContext): string | undefined {
  const all = boolFlag(ctx.flags, 'all');
  const selector = stringFlag(ctx.flags, 'selector');
  if (all && selector) return 'error: cannot set --all and --selector at the same time';
  if (boolFlag(ctx.flags, 'prune') && !all && !selector) {
    return 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector';
  }
  return undefined;
}

/** parsePruneResources: `group/version/Kind`, `core` for the empty group. */
function allowlist(ctx: KubectlContext): ResourceInfo[] | { error: string } {
  const given = arrayFlag(ctx.flags, 'prune-allowlist');
  const entries: (readonly [string, string, string])[] = [];
  for (const gvk of given) {
    const parts = gvk.split('/');
    if (parts.length !== 3) return { error: `error: invalid GroupVersionKind format: ${gvk}, please follow <group/version/kind>` };
    const [group = '', version = '', kind = ''] = parts;
    entries.push([group === 'core' ? '' : group, version, kind]);
  }
  const infos: ResourceInfo[] = [];
  for (const [group, version, kind] of given.length > 0 ? entries : DEFAULT_ALLOWLIST) {
    const info = resourceForKind(group ? `${group}/${version}` : version, kind);
    if (info) infos.push(info);
    // A default kind the simulated apiserver does not serve has nothing to prune; a named one is an error.
    else if (given.length > 0) return { error: `error: no matches for kind "${kind}" in version "${group ? `${group}/` : ''}${version}"` };
  }
  return infos;
}

/** pruner.pruneAll: the lines it prints (`pod/a pruned`), or its first error. */
export function pruneAll(ctx: KubectlContext, visited: Visited, dryRun: DryRunStrategy, emit: (object: KubeObject, message: string) => void): string | undefined {
  const kinds = allowlist(ctx);
  if ('error' in kinds) return kinds.error;
  const selector = stringFlag(ctx.flags, 'selector');
  // Go ranges over a set in no fixed order; sorted here, so that a run repeats.
  const namespaces = [...visited.namespaces].sort();
  const passes: [string | undefined, ResourceInfo][] = [
    ...namespaces.flatMap((ns) => kinds.filter((k) => k.namespaced).map((k): [string, ResourceInfo] => [ns, k])),
    ...kinds.filter((k) => !k.namespaced).map((k): [undefined, ResourceInfo] => [undefined, k]),
  ];
  for (const [namespace, info] of passes) {
    const list = listObjects(ctx, info, namespace, { labelSelector: selector });
    if (!list.ok) return `error: error pruning ${namespace === undefined ? 'nonNamespaced' : 'namespaced'} object ${info.group}/${info.version}, Kind=${info.kind}: ${statusOf(list.response).message ?? ''}`;
    for (const object of list.value.items) {
      if (object.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      if (visited.uids.has(object.metadata.uid ?? '')) continue;
      const name = object.metadata.name ?? '';
      if (dryRun !== 'client') {
        const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...dryRunDeleteOption(dryRun) };
        const r = ctx.request('DELETE', resourcePath(info, { namespace, name }), { body });
        if (r.code >= 300) return statusErrorText(statusOf(r));
      }
      emit(withTypeMeta(info, object), `${objectRef(info, name)} pruned${dryRunSuffix(dryRun)}`);
    }
  }
  return undefined;
}
