/**
 * `kubectl cordon NODE` / `kubectl uncordon NODE` (drain.go RunCordonOrUncordon): read the
 * nodes, and for each one whose spec.unschedulable is not already what is wanted, send the
 * two-way strategic merge patch the cordon helper makes (`{"spec":{"unschedulable":true}}`, or
 * `null` to uncordon). `kubectl get nodes` then shows `Ready,SchedulingDisabled`.
 * `--dry-run=client` patches nothing (`node/n1 cordoned (dry run)`); `--dry-run=server` sends the
 * patch with `dryRun=All`.
 */
import { findResource } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';

export const CORDON_FLAGS: readonly FlagSpec[] = [DRY_RUN_FLAG];

export const cordon = (ctx: KubectlContext) => cordonOrUncordon(ctx, true);
export const uncordon = (ctx: KubectlContext) => cordonOrUncordon(ctx, false);

function cordonOrUncordon(ctx: KubectlContext, desired: boolean): CommandResult {
  const verb = desired ? 'cordon' : 'uncordon';
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const suffix = dryRunSuffix(dryRun.strategy);
  const nodes = findResource('nodes');
  if (!nodes) return fail('error: the server doesn\'t have a resource type "nodes"');
  if (ctx.flags.args.length === 0) return fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  // Complete() reads every node first and stops at the first it cannot read: then nothing changes.
  const found: { name: string; unschedulable: boolean }[] = [];
  for (const name of ctx.flags.args) {
    const got = getObject(ctx, nodes, undefined, name);
    if (!got.ok) return fail(statusErrorText(statusOf(got.response)));
    found.push({ name, unschedulable: (got.value['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true });
  }
  const lines: string[] = [];
  const errors: string[] = [];
  for (const { name, unschedulable } of found) {
    if (unschedulable === desired) {
      lines.push(`${objectRef(nodes, name)} already ${verb}ed${suffix}`);
      continue;
    }
    if (dryRun.strategy === 'client') {
      lines.push(`${objectRef(nodes, name)} ${verb}ed${suffix}`);
      continue;
    }
    const r = ctx.request('PATCH', resourcePath(nodes, { name, query: dryRunQuery(dryRun.strategy) }), { body: { spec: { unschedulable: desired ? true : null } }, contentType: 'application/strategic-merge-patch+json' });
    if (r.code >= 300) errors.push(`error: unable to ${verb} node ${JSON.stringify(name)}: ${statusOf(r).message ?? ''}`);
    else lines.push(`${objectRef(nodes, name)} ${verb}ed${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: errors.map((e) => `${e}\n`).join('') }, dryRun.warnings);
}
