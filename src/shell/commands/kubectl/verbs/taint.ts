/**
 * `kubectl taint nodes NAME KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]-` (kubectl 1.32
 * staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go: Complete, Validate, RunTaint): the nodes by
 * name, `-l` or `--all`; for each, the new taint list (taint-spec.ts), sent as the two-way
 * strategic merge patch kubectl computes (spec.taints has no merge key, so the whole list), with
 * fieldManager kubectl-taint. Prints `node/node-1 tainted|untainted|modified`, `-o name` only
 * `node/node-1`, other `-o` the node as patched. Errors per node are collected and printed after,
 * as the ContinueOnError builder and CheckErr do. `--dry-run=client` sends nothing.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, listObjects, objectRef, withTypeMeta } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { VALIDATE_FLAG } from '../field-validation';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { aggregate, apiError, checkErrText, plainError, type GoError } from './check-err';
import { conflictingTaints, parseTaints, reorganizeTaints, taintsAlreadyThere, type Taint } from './taint-spec';

export const TAINT_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'overwrite', kind: 'bool' },
  { name: 'all', kind: 'bool' },
  { name: 'field-manager', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  DRY_RUN_FLAG,
  VALIDATE_FLAG,
  ...PRINT_FLAGS,
];

const USAGE_HINT = "\nSee 'kubectl taint -h' for help and examples";

/** The taints of a node as the API returns them. */
function taintsOf(node: KubeObject): Taint[] {
  return ((node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? []).map((t) => ({ ...t }));
}

/** The JSON kubectl marshals a Taint to (omitempty value and timeAdded), in field order. */
function wireTaint(t: Taint): Taint {
  return { key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect ?? '', ...(t.timeAdded ? { timeAdded: t.timeAdded } : {}) };
}

/** CreateTwoWayMergePatch for spec.taints: the whole list, null when emptied, {} when unchanged. */
export function taintsPatch(old: readonly Taint[], next: readonly Taint[]): Record<string, unknown> {
  const a = JSON.stringify(old.map(wireTaint));
  const b = JSON.stringify(next.map(wireTaint));
  if (a === b) return {};
  return { spec: { taints: next.length ? next.map(wireTaint) : null } };
}

export function taint(ctx: KubectlContext): CommandResult {
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  // Complete: the resource arguments end where the first taint argument begins.
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of ctx.flags.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length === 0) resources.push(s);
    else return fail(`error: all resources must be specified before taint changes: ${s}`);
  }
  if (resources.length < 1) return fail('error: one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) return fail('error: at least one taint update is required');
  const parsed = parseTaints(taintArgs);
  if ('error' in parsed) return fail(`error: ${parsed.error}${USAGE_HINT}`);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);

  // Validate.
  const resourceType = (resources[0] as string).toLowerCase();
  const info = findResource(resourceType);
  if (!info) return fail(`error: the server doesn't have a resource type ${JSON.stringify(resourceType)}`);
  if (info.kind !== 'Node') return fail(`error: invalid resource type ${resourceType}, only node types are supported`);
  const conflict = conflictingTaints(parsed);
  if (conflict) return fail(`error: ${conflict}`);
  const all = boolFlag(ctx.flags, 'all');
  const selector = stringFlag(ctx.flags, 'selector') ?? '';
  if (all && selector) return fail("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) return fail("error: at least one resource name must be specified since 'all' parameter is not set");

  // RunTaint: names, or the nodes a selector or --all lists.
  const errors: GoError[] = [];
  const nodes: KubeObject[] = [];
  if (all || selector) {
    const r = listObjects(ctx, info, undefined, selector ? { labelSelector: selector } : {});
    if (!r.ok) return fail(checkErrText(apiError(r.response)));
    nodes.push(...r.value.items);
  } else {
    for (const name of resources.slice(1)) {
      const r = getObject(ctx, info, undefined, name);
      if (r.ok) nodes.push(r.value);
      else errors.push(apiError(r.response));
    }
  }
  const lines: OutputChunk[] = [];
  const overwrite = boolFlag(ctx.flags, 'overwrite');
  const suffix = dryRunSuffix(dryRun.strategy);
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const old = taintsOf(node);
    if (!overwrite) {
      const exists = taintsAlreadyThere(old, parsed.add);
      if (exists) {
        errors.push(plainError(`node ${name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`));
        continue;
      }
    }
    const result = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
    if ('errors' in result) {
      errors.push(aggregate(result.errors.map(plainError)));
      continue;
    }
    const message = `${objectRef(info, name)} ${result.operation}${suffix}`;
    const patch = taintsPatch(old, result.taints);
    let printed: KubeObject;
    if (dryRun.strategy === 'client') {
      printed = withTaints(node, result.taints);
    } else {
      const r = sendPatch(ctx, info, name, patch, dryRun.strategy === 'server');
      if ('error' in r) {
        errors.push(r.error);
        continue;
      }
      printed = r.node;
    }
    const chunk = resultChunk(format, printed, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(plainError(chunk.error.replace(/\n+$/, '')));
    else lines.push(chunk);
  }
  // The ContinueOnError visitor returns its one error as it is, several as an aggregate.
  const stderr = errors.length === 0 ? '' : checkErrText(errors.length === 1 ? (errors[0] as GoError) : aggregate(errors));
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr }, dryRun.warnings);
}

function withTaints(node: KubeObject, taints: readonly Taint[]): KubeObject {
  const spec = { ...((node['spec'] as Record<string, unknown> | undefined) ?? {}) };
  if (taints.length) spec['taints'] = taints.map(wireTaint);
  else delete spec['taints'];
  return { ...node, spec } as KubeObject;
}

function sendPatch(ctx: KubectlContext, info: ResourceInfo, name: string, patch: Record<string, unknown>, serverDryRun: boolean): { node: KubeObject } | { error: GoError } {
  const fieldManager = stringFlag(ctx.flags, 'field-manager') ?? 'kubectl-taint';
  const query = { fieldManager, ...dryRunQuery(serverDryRun ? 'server' : 'none') };
  const r = ctx.request('PATCH', resourcePath(info, { name, query }), { body: patch, contentType: 'application/strategic-merge-patch+json' });
  if (r.code >= 300) return { error: apiError(r) };
  return { node: withTypeMeta(info, r.body as KubeObject) };
}
