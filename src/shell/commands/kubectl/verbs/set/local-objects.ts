/**
 * The objects a `kubectl set ... --local` works on: the builder with LocalParam(true) reads the
 * `-f` files and asks the server nothing; each object gets the command's namespace as the
 * builder's SetNamespace visitor writes it. Resources named as arguments cannot be read
 * locally (resource.LocalResourceError).
 */
import { arrayFlag } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { readManifests } from '../../manifest-source';
import type { Targets } from '../rollout/targets';

export const LOCAL_RESOURCE_ERROR = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

/** Each set verb's Validate: a local change cannot be a server-side dry run. */
export const LOCAL_SERVER_DRY_RUN_ERROR = 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?';

export function localTargets(ctx: KubectlContext, resources: readonly string[]): Targets {
  if (resources.length > 0) return { ok: false, error: LOCAL_RESOURCE_ERROR };
  // The local builder has no LabelSelectorParam: -l is not a filter here.
  const read = readManifests(ctx, arrayFlag(ctx.flags, 'filename'));
  if (!read.ok) return read;
  return {
    ok: true,
    targets: read.objects.map((o) => ({ info: o.info, object: o.namespace ? { ...o.object, metadata: { ...o.object.metadata, namespace: o.namespace } } : o.object })),
    errors: read.errors,
  };
}
