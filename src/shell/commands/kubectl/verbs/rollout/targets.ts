/**
 * The objects a `kubectl rollout` or `kubectl set` command names, as its resource builder
 * (ResourceTypeOrNameArgs, Latest) finds them: `deployment/web`, `deploy web db`,
 * `deployment.v1.apps/web`, or a type alone with `-l` / `--all` for every object of it. Each is
 * read from the server; a missing one is the server's NotFound, reported in its place.
 */
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { ResourceInfo } from '../../../../../sim/api/resources';
import { getObject, listObjects } from '../../api-calls';
import { arrayFlag } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { readManifests } from '../../manifest-source';
import { parseResourceArgs } from '../../resource-args';
import { statusErrorText, statusOf } from '../../server-error';

export interface Target {
  readonly info: ResourceInfo;
  readonly object: KubeObject;
}

export type Targets =
  | { readonly ok: true; readonly targets: Target[]; readonly errors: string[] }
  | { readonly ok: false; readonly error: string };

/** Whether `-f` names files, which stand for resource arguments. */
export function hasFiles(ctx: KubectlContext): boolean {
  return arrayFlag(ctx.flags, 'filename').length > 0;
}

/** The objects the `-f` files hold, as `TYPE/NAME` arguments: the builder then reads each from the server. */
function fileArgs(ctx: KubectlContext, selector: string | undefined): string[] | { ok: false; error: string } {
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length === 0) return [];
  const read = readManifests(ctx, files, selector);
  if (!read.ok) return read;
  return read.objects.map((o) => `${o.info.resource}${o.info.group ? `.${o.info.group}` : ''}/${o.object.metadata.name ?? ''}`);
}

/** `deployments.apps`: the resource as kubectl's messages name it (`deployments.apps "web" is already paused`). */
export function groupResource(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/**
 * Read the objects `args` name. `selector` and `all` let a bare type stand for every object of
 * it; without them a bare type is the builder's "resource(s) were provided, but no name was specified".
 */
export function findTargets(ctx: KubectlContext, args: readonly string[], options: { selector?: string | undefined; all?: boolean } = {}): Targets {
  const fromFiles = fileArgs(ctx, options.selector);
  if (!Array.isArray(fromFiles)) return fromFiles;
  if (fromFiles.length > 0 && args.length > 0) return { ok: false, error: `error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well` };
  const parsed = parseResourceArgs(fromFiles.length > 0 ? fromFiles : args);
  if (!parsed.ok) return parsed;
  const targets: Target[] = [];
  const errors: string[] = [];
  for (const { info, names } of parsed.selections) {
    const namespace = info.namespaced ? ctx.namespace : undefined;
    if (names.length === 0) {
      if (options.selector === undefined && !options.all) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
      const r = listObjects(ctx, info, namespace, { labelSelector: options.selector });
      if (!r.ok) errors.push(statusErrorText(statusOf(r.response)));
      else for (const object of r.value.items) targets.push({ info, object });
      continue;
    }
    for (const name of names) {
      const r = getObject(ctx, info, namespace, name);
      if (r.ok) targets.push({ info, object: r.value });
      else errors.push(statusErrorText(statusOf(r.response)));
    }
  }
  return { ok: true, targets, errors };
}

/** schema.GroupKind's String(): `Pod`, `ReplicaSet.apps`. */
export function groupKind(info: ResourceInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** The kinds kubectl's apps.GroupKindElement.Accept knows (the rest have no visitor method). */
const VISITABLE = ['DaemonSet.apps', 'Deployment.apps', 'Job.batch', 'Pod', 'ReplicaSet.apps', 'ReplicationController', 'StatefulSet.apps', 'CronJob.batch'];

/**
 * HistoryViewerFor / RollbackerFor for a kind that is not a Deployment: a kind the visitor knows
 * has no viewer (`no history viewer has been implemented for "Pod"`); any other has no visitor method.
 */
export function noVisitorFor(info: ResourceInfo, what: 'history viewer' | 'rollbacker', retrieving: string): string {
  const kind = groupKind(info);
  if (VISITABLE.includes(kind)) return `no ${what} has been implemented for ${JSON.stringify(kind)}`;
  return `error ${retrieving} for ${JSON.stringify(kind)}, no visitor method exists for ${kind}`;
}
