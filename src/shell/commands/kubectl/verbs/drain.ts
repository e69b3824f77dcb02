/**
 * `kubectl drain NODE` (kubectl 1.32 staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go Complete,
 * RunDrain, deleteOrEvictPodsSimple): cordon the nodes (cordon.ts), then for each node remove its
 * pods (drain-pods.ts: filtered, evicted through pods/eviction or deleted, waited for while the
 * simulated clock runs) and print `node/node-1 drained`. A node that cannot be drained is reported
 * (`error: unable to drain node ... continuing command...`), the others go on, and the command
 * ends with the pending nodes and CheckErr's text of their errors.
 */
import { tryParseSelector } from '../../../../sim/api/labels/selector';
import { parseDuration } from '../../../duration';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { aggregate, checkErrText, errorString, type GoError } from './check-err';
import { cordonNodes, lookupNodes, nodeArgsError } from './cordon';
import { deleteWarnings, podsToDelete } from './drain-filters';
import { deleteOrEvictPods, getPodsForDeletion, type DrainHelper } from './drain-pods';
import { OutputLog } from './output-log';

export const DRAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'force', kind: 'bool' },
  { name: 'ignore-daemonsets', kind: 'bool' },
  { name: 'delete-local-data', kind: 'bool' },
  { name: 'delete-emptydir-data', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
  { name: 'timeout', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'pod-selector', kind: 'string' },
  { name: 'disable-eviction', kind: 'bool' },
  { name: 'skip-wait-for-delete-timeout', kind: 'int' },
  { name: 'chunk-size', kind: 'int' },
  DRY_RUN_FLAG,
];

/** pflag's DurationVar: Go's time.ParseDuration, which wants a unit except for "0". */
function timeoutMs(text: string | undefined): number | { error: string } {
  if (text === undefined || text === '0') return 0;
  const ms = /^\d+(\.\d+)?$/.test(text) ? undefined : parseDuration(text);
  if (ms !== undefined) return ms;
  const why = /^\d+(\.\d+)?$/.test(text) ? `time: missing unit in duration "${text}"` : `time: invalid duration "${text}"`;
  return { error: `error: invalid argument "${text}" for "--timeout" flag: ${why}\nSee 'kubectl drain --help' for usage.` };
}

const intFlag = (ctx: KubectlContext, name: string, fallback: number) => {
  const v = stringFlag(ctx.flags, name);
  return v === undefined ? fallback : Number(v);
};

export function drain(ctx: KubectlContext): CommandResult {
  const timeout = timeoutMs(stringFlag(ctx.flags, 'timeout'));
  if (typeof timeout !== 'number') return fail(timeout.error);
  // pflag prints a deprecated flag's notice as it parses it.
  const notices = ctx.flags.values.has('delete-local-data') ? ['Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.'] : [];
  const argsError = nodeArgsError(ctx, 'drain');
  if (argsError) return withStderrFirst(fail(argsError), notices);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return withStderrFirst(fail(dryRun.error), notices);
  const warnings = [...notices, ...dryRun.warnings];
  const podSelector = stringFlag(ctx.flags, 'pod-selector') ?? '';
  if (podSelector && tryParseSelector(podSelector) instanceof Error) return withStderrFirst(fail('error: --pod-selector=<pod_selector> must be a valid label selector'), warnings);
  const lookup = lookupNodes(ctx);
  if (!lookup.ok) return withStderrFirst(fail(lookup.error), warnings);

  const log = new OutputLog();
  const helper: DrainHelper = {
    ctx,
    log,
    force: boolFlag(ctx.flags, 'force'),
    ignoreAllDaemonSets: boolFlag(ctx.flags, 'ignore-daemonsets'),
    deleteEmptyDirData: boolFlag(ctx.flags, 'delete-emptydir-data') || boolFlag(ctx.flags, 'delete-local-data'),
    skipWaitForDeleteTimeoutSeconds: intFlag(ctx, 'skip-wait-for-delete-timeout', 0),
    podSelector,
    gracePeriodSeconds: intFlag(ctx, 'grace-period', -1),
    timeoutMs: timeout,
    disableEviction: boolFlag(ctx.flags, 'disable-eviction'),
    dryRun: dryRun.strategy,
  };
  const cordoned = cordonNodes(ctx, lookup.nodes, true, dryRun.strategy);
  log.out(cordoned.stdout);
  if (cordoned.stderr) log.err(cordoned.stderr);

  const fatal: GoError[] = [];
  const remaining: string[] = [];
  for (const node of lookup.nodes) {
    const name = node.metadata.name ?? '';
    const err = deleteOrEvictPodsSimple(helper, name);
    if (!err) {
      log.out(`node/${name} drained${dryRunSuffix(dryRun.strategy)}\n`);
      continue;
    }
    log.err(`error: unable to drain node ${JSON.stringify(name)} due to error: ${errorString(err)}, continuing command...\n`);
    fatal.push(err);
    remaining.push(name);
  }
  if (remaining.length) log.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length) log.err(checkErrText(aggregate(fatal)));
  return withStderrFirst(log.result(fatal.length ? 1 : 0), warnings);
}

function deleteOrEvictPodsSimple(d: DrainHelper, nodeName: string): GoError | undefined {
  const { list, errors } = getPodsForDeletion(d, nodeName);
  if (errors || !list) return aggregate(errors ?? []);
  const warnings = deleteWarnings(list);
  if (warnings) d.log.err(`Warning: ${warnings}\n`);
  const pods = podsToDelete(list);
  if (d.dryRun === 'client') {
    for (const pod of pods) d.log.out(`evicting pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} (dry run)\n`);
    return undefined;
  }
  const err = deleteOrEvictPods(d, pods);
  if (!err) return undefined;
  const pending = getPodsForDeletion(d, nodeName);
  const left = pending.list ? podsToDelete(pending.list) : [];
  if (left.length) d.log.err(`There are pending pods in node ${JSON.stringify(nodeName)} when an error occurred: ${errorString(err)}\n${left.map((p) => `pod/${p.metadata.name ?? ''}\n`).join('')}`);
  if (pending.errors) d.log.err(`Following errors occurred while getting the list of pods to delete:\n${errorString(aggregate(pending.errors))}`);
  return err;
}
