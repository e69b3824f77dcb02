/**
 * `kubectl cordon NODE` / `kubectl uncordon NODE` (kubectl 1.32 pkg/cmd/drain/drain.go Complete
 * and RunCordonOrUncordon, pkg/drain/cordon.go): the nodes by name or `-l`, read first (the first
 * that cannot be read stops the command, nothing changed); for each one whose spec.unschedulable
 * is not already what is wanted, the two-way strategic merge patch the cordon helper makes
 * (`{"spec":{"unschedulable":true}}`, or `null` to uncordon). `kubectl get nodes` then shows
 * `Ready,SchedulingDisabled`. A failed patch is printed and the others go on; as upstream,
 * RunCordonOrUncordon returns no error, so the exit code stays 0. `--dry-run=client` patches
 * nothing (`node/n1 cordoned (dry run)`); `--dry-run=server` sends the patch with `dryRun=All`.
 * `kubectl drain` cordons through the same functions.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { findResource } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, listObjects, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';

export const CORDON_FLAGS: readonly FlagSpec[] = [{ name: 'selector', short: 'l', kind: 'string' }, DRY_RUN_FLAG];

export const cordon = (ctx: KubectlContext) => cordonOrUncordon(ctx, true);
export const uncordon = (ctx: KubectlContext) => cordonOrUncordon(ctx, false);

/** What a node verb's Complete found: the nodes, or the error CheckErr prints. */
export type NodeLookup = { readonly ok: true; readonly nodes: KubeObject[] } | { readonly ok: false; readonly error: string };

/** Complete's first checks: `USAGE: <verb> NODE [flags]` with neither names nor -l; names and -l together. */
export function nodeArgsError(ctx: KubectlContext, verb: string): string | undefined {
  const hint = `\nSee 'kubectl ${verb} -h' for help and examples`;
  const selector = stringFlag(ctx.flags, 'selector');
  if (ctx.flags.args.length === 0 && selector === undefined) return `error: USAGE: ${verb} NODE [flags]${hint}`;
  if (ctx.flags.args.length > 0 && selector) return `error: cannot specify both a node name and a --selector option${hint}`;
  return undefined;
}

/** Complete's builder: ResourceNames("nodes", args), stopping at the first it cannot read, or the selector's list. */
export function lookupNodes(ctx: KubectlContext): NodeLookup {
  const selector = stringFlag(ctx.flags, 'selector');
  const nodes = findResource('nodes');
  if (!nodes) return { ok: false, error: 'error: the server doesn\'t have a resource type "nodes"' };
  if (ctx.flags.args.length === 0) {
    const r = listObjects(ctx, nodes, undefined, selector ? { labelSelector: selector } : {});
    return r.ok ? { ok: true, nodes: r.value.items } : { ok: false, error: statusErrorText(statusOf(r.response)) };
  }
  const found: KubeObject[] = [];
  for (const name of ctx.flags.args) {
    const got = getObject(ctx, nodes, undefined, name);
    if (!got.ok) return { ok: false, error: statusErrorText(statusOf(got.response)) };
    found.push(got.value);
  }
  return { ok: true, nodes: found };
}

/** RunCordonOrUncordon's output: the success lines and the errors, each newline-terminated. */
export interface CordonOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export function cordonNodes(ctx: KubectlContext, found: readonly KubeObject[], desired: boolean, strategy: DryRunStrategy): CordonOutput {
  const verb = desired ? 'cordon' : 'uncordon';
  const suffix = dryRunSuffix(strategy);
  const nodes = findResource('nodes');
  let stdout = '';
  let stderr = '';
  if (!nodes) return { stdout, stderr };
  for (const node of found) {
    const name = node.metadata.name ?? '';
    const unschedulable = (node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (unschedulable === desired) {
      stdout += `${objectRef(nodes, name)} already ${verb}ed${suffix}\n`;
      continue;
    }
    if (strategy !== 'client') {
      const r = ctx.request('PATCH', resourcePath(nodes, { name, query: dryRunQuery(strategy) }), {
        body: { spec: { unschedulable: desired ? true : null } },
        contentType: 'application/strategic-merge-patch+json',
      });
      if (r.code >= 300) {
        stderr += `error: unable to ${verb} node ${JSON.stringify(name)}: ${statusOf(r).message ?? ''}\n`;
        continue;
      }
    }
    stdout += `${objectRef(nodes, name)} ${verb}ed${suffix}\n`;
  }
  return { stdout, stderr };
}

function cordonOrUncordon(ctx: KubectlContext, desired: boolean): CommandResult {
  const verb = desired ? 'cordon' : 'uncordon';
  const argsError = nodeArgsError(ctx, verb);
  if (argsError) return fail(argsError);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const lookup = lookupNodes(ctx);
  if (!lookup.ok) return withStderrFirst(fail(lookup.error), dryRun.warnings);
  const out = cordonNodes(ctx, lookup.nodes, desired, dryRun.strategy);
  return withStderrFirst({ exitCode: 0, ...out }, dryRun.warnings);
}
