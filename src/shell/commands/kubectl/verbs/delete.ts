/**
 * `kubectl delete`: by type and names, `type/name`, `-f`, `-l` or `--all`; prints
 * `pod "web" deleted` as each DELETE is accepted, then (with the default --wait) waits, on a
 * watch, until every object is really gone, as a graceful pod deletion takes its grace period.
 * `--dry-run=client` reads the objects (as the resource builder does) and deletes nothing;
 * `--dry-run=server` sends DeleteOptions with `dryRun: ["All"]`; neither waits.
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import type { ClientWatchEvent } from '../../../../sim/api/watch';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { parseDuration } from '../../../duration';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { kindRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunDeleteOption, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { stepUntil } from '../request-sync';
import { resourceTargets, type Target } from '../resource-targets';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';
import { filenameOptions, KUSTOMIZE_FLAG } from '../manifest-source';

export const DELETE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
  { name: 'cascade', kind: 'string', noOptDefault: 'background' },
  { name: 'force', kind: 'bool' },
  { name: 'now', kind: 'bool' },
  { name: 'wait', kind: 'bool' },
  { name: 'timeout', kind: 'string' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  DRY_RUN_FLAG,
];

const WAIT_LIMIT_MS = 5 * 60_000;

/** Wait on a watch until the object is gone (DELETED, or not there at all). */
function waitForDeletion(ctx: KubectlContext, target: Target, uid: string | undefined, timeoutMs: number): boolean {
  let gone = false;
  const path = resourcePath(target.info, { namespace: target.namespace, query: { watch: 'true', fieldSelector: `metadata.name=${target.name}` } });
  const handle = ctx.client.watch(path, (event: ClientWatchEvent) => {
    if (event.type === 'DELETED' && (!uid || event.object.metadata.uid === uid)) gone = true;
  });
  const check = ctx.request('GET', resourcePath(target.info, { namespace: target.namespace, name: target.name }));
  if (check.code === 404 || (check.code === 200 && uid && (check.body as KubeObject).metadata.uid !== uid)) gone = true;
  const engine = ctx.clock;
  stepUntil(engine, () => gone, engine.now() + timeoutMs);
  handle.stop();
  return gone;
}

const GO_BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_BOOL_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** delete_flags.go parseCascadingFlag: a policy name, or a deprecated boolean with its warning. */
function propagationPolicy(flag: string): { policy: string; warning?: string } | { error: string } {
  const named: Record<string, string> = { orphan: 'Orphan', foreground: 'Foreground', background: 'Background' };
  if (named[flag]) return { policy: named[flag] };
  const deprecated = (to: string) => `warning: --cascade=${flag} is deprecated (boolean value) and can be replaced with --cascade=${to}.`;
  if (GO_BOOL_TRUE.has(flag)) return { policy: 'Background', warning: deprecated('background') };
  if (GO_BOOL_FALSE.has(flag)) return { policy: 'Orphan', warning: deprecated('orphan') };
  return { error: `error: invalid cascade value (${flag}). Must be "background", "foreground", or "orphan"` };
}

export function deleteVerb(ctx: KubectlContext): CommandResult {
  const files = filenameOptions(ctx.flags);
  const selector = stringFlag(ctx.flags, 'selector');
  const fieldSelector = stringFlag(ctx.flags, 'field-selector');
  const all = boolFlag(ctx.flags, 'all');
  const allNamespaces = boolFlag(ctx.flags, 'all-namespaces');
  const ignoreNotFound = boolFlag(ctx.flags, 'ignore-not-found') || ((all || selector !== undefined || fieldSelector !== undefined) && ctx.flags.values.get('ignore-not-found') !== false);
  // DeleteFlags.ToOptions parses --cascade before Complete() and Validate() run.
  const cascade = propagationPolicy(stringFlag(ctx.flags, 'cascade') ?? 'background');
  if ('error' in cascade) return fail(cascade.error);
  const force = boolFlag(ctx.flags, 'force');
  let grace = stringFlag(ctx.flags, 'grace-period');
  // Complete(), then Validate(), in their order: the first to fail is the one printed.
  if (boolFlag(ctx.flags, 'now')) {
    if (grace !== undefined && grace !== '-1') return fail('error: --now and --grace-period cannot be specified together');
    grace = '1';
  }
  if (force && grace === undefined) grace = '0';
  if (force && grace !== '0') return fail('error: --force and --grace-period greater than 0 cannot be specified together');
  const wait = ctx.flags.values.get('wait') !== false;
  const timeout = stringFlag(ctx.flags, 'timeout');
  const timeoutMs = timeout && timeout !== '0s' && timeout !== '0' ? (parseDuration(timeout) ?? WAIT_LIMIT_MS) : WAIT_LIMIT_MS;
  const output = stringFlag(ctx.flags, 'output');
  const nameOutput = output === 'name';
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  if (output !== undefined && output !== '' && !nameOutput) return fail(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  if (all && selector) return fail('error: cannot set --all and --selector at the same time');
  if (all && fieldSelector) return fail('error: cannot set --all and --field-selector at the same time');

  const found = resourceTargets(ctx, { files, selector, fieldSelector, all, allNamespaces });
  if (!found.ok) return fail(found.error);
  const { targets, errors } = found;

  const lines: string[] = [];
  const warnings: string[] = [...(cascade.warning ? [cascade.warning] : []), ...dryRun.warnings];
  if (grace === '0' && force) warnings.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  const toWait: { target: Target; uid: string | undefined }[] = [];
  // Complete(): WarnClusterScope = enforceNamespace && !DeleteAllNamespaces; said once, at the first
  // cluster-scoped object.
  let warnClusterScope = ctx.namespaceExplicit && !allNamespaces;
  for (const target of targets) {
    const path = resourcePath(target.info, { namespace: target.namespace, name: target.name });
    // Field order is DeleteOptions' own: gracePeriodSeconds, propagationPolicy, dryRun.
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace !== undefined ? { gracePeriodSeconds: Number(grace) } : {}), propagationPolicy: cascade.policy, ...dryRunDeleteOption(dryRun.strategy) };
    // A client dry run only reads the object, as the builder's visit does, and deletes nothing.
    const r = dryRun.strategy === 'client' ? ctx.request('GET', path) : ctx.request('DELETE', path, { body });
    if (r.code >= 300) {
      if (!(r.code === 404 && ignoreNotFound)) errors.push(statusErrorText(statusOf(r)));
      continue;
    }
    if (warnClusterScope && !target.info.namespaced) {
      warnings.push('Warning: deleting cluster-scoped resources, not scoped to the provided namespace');
      warnClusterScope = false;
    }
    const kind = kindRef(target.info);
    lines.push(nameOutput ? `${kind}/${target.name}` : `${kind} "${target.name}" ${grace === '0' && force ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun.strategy)}`);
    const uid = (r.body as KubeObject | undefined)?.metadata?.uid;
    toWait.push({ target, uid });
  }
  if (targets.length === 0 && errors.length === 0) lines.push('No resources found');
  // DeleteResult: "If we are dry-running, then we don't want to wait".
  if (wait && dryRun.strategy === 'none') for (const { target, uid } of toWait) waitForDeletion(ctx, target, uid, timeoutMs);
  // The warning is printed before anything is deleted.
  return withStderrFirst({ exitCode: errors.length > 0 ? 1 : 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: errors.map((l) => `${l}\n`).join('') }, warnings);
}
