/**
 * `kubectl rollout history deployment/NAME [--revision=N]`: kubectl 1.32's RolloutHistoryOptions
 * with DeploymentHistoryViewer (polymorphichelpers/history.go). Without --revision, the
 * REVISION / CHANGE-CAUSE table of the Deployment's ReplicaSets; with it, that revision's pod
 * template as DescribePodTemplate writes it into a bare buffer (its tabs left as they are). The
 * name printer prints both, as `deployment.apps/web <operation>` where the operation is
 * "with revision #N" (or nothing) and the text, hence the space before the first newline and
 * the blank line at the end. With -o, the ReplicaSets themselves (GetHistory).
 * DaemonSets and StatefulSets (DaemonSetHistoryViewer, StatefulSetHistoryViewer) read their
 * ControllerRevisions instead (workload-revisions.ts): the change-cause is the revision's own
 * annotation, a revision's template is the object with the revision applied, and -o prints
 * those applied objects.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { findResource, type ResourceInfo } from '../../../../../sim/api/resources';
import { fail, type CommandResult } from '../../../../types';
import { objectRef, withTypeMeta } from '../../api-calls';
import { describePodTemplate } from '../../describe/containers';
import { stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { outputFormatOf, PRINT_FLAGS, printObjects } from '../../output';
import { DescribeWriter } from '../../printers/describe-writer';
import { KUBECTL_DESCRIBE, tabwrite } from '../../printers/tabwriter';
import { CHANGE_CAUSE_ANNOTATION, deploymentRevisions, type Revision } from './deployment-revisions';
import { findTargets, noVisitorFor, hasFiles } from './targets';
import { applyHistory, hasControllerRevisions, templateOf, workloadHistory } from './workload-revisions';
import { RECURSIVE_FLAG } from '../../file-paths';

export const HISTORY_FLAGS: readonly FlagSpec[] = [
  { name: 'revision', kind: 'int' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
];

const REPLICASETS = findResource('replicasets.apps') as ResourceInfo;

/** printTemplate: DescribePodTemplate into a PrefixWriter over a plain buffer. */
export function podTemplateText(template: PodTemplateSpec | undefined): string {
  const w = new DescribeWriter(false);
  describePodTemplate(template, w);
  return w.text();
}

/** One revision as the viewers see it: its number, change-cause, template and what -o prints. */
interface HistoryEntry {
  readonly revision: number;
  readonly changeCause: string | undefined;
  readonly template: () => PodTemplateSpec | undefined;
  readonly object: () => KubeObject;
}

/** ViewHistory's table: revisions in order, each with its change-cause or <none>. */
function historyTable(byRevision: ReadonlyMap<number, HistoryEntry>): string {
  const rows = [...byRevision.keys()].sort((a, b) => a - b).map((n) => `${n}\t${byRevision.get(n)?.changeCause || '<none>'}\n`);
  return tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, KUBECTL_DESCRIBE);
}

/** The revisions of a Deployment (its ReplicaSets) or of a DaemonSet or StatefulSet (its ControllerRevisions). */
function historyOf(ctx: KubectlContext, info: ResourceInfo, object: KubeObject): { ok: true; value: HistoryEntry[] } | { ok: false; error: string } {
  if (hasControllerRevisions(info)) {
    const history = workloadHistory(ctx, info, object.metadata.namespace, object.metadata.name ?? '');
    if (!history.ok) return history;
    const current = history.value.object;
    return {
      ok: true,
      value: history.value.revisions.map((r) => ({
        revision: r.revision,
        changeCause: r.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
        template: () => templateOf(applyHistory(current, r)),
        object: () => withTypeMeta(info, applyHistory(current, r)),
      })),
    };
  }
  const history = deploymentRevisions(ctx, object);
  if (!history.ok) return history;
  return {
    ok: true,
    value: history.value.revisions.map((r: Revision) => ({
      revision: r.revision,
      changeCause: r.replicaSet.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION],
      template: () => r.replicaSet.spec?.template,
      object: () => withTypeMeta(REPLICASETS, r.replicaSet as unknown as KubeObject),
    })),
  };
}

export function rolloutHistory(ctx: KubectlContext): CommandResult {
  const args = ctx.flags.args.slice(1);
  if (args.length === 0 && !hasFiles(ctx)) return fail('error: required resource not specified');
  const revision = Number(stringFlag(ctx.flags, 'revision') ?? '0');
  if (revision < 0) return fail(`error: revision must be a positive integer: ${revision}`);
  // OutputFlagSpecified: -o itself; a --template alone prints the Deployment through the template instead.
  const outputSpecified = !!stringFlag(ctx.flags, 'output');
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const found = findTargets(ctx, args, { selector: stringFlag(ctx.flags, 'selector'), all: true });
  if (!found.ok) return fail(found.error);
  let stdout = '';
  // r.Visit stops at the first error, which CheckErr prints.
  const stop = (error: string): CommandResult => ({ exitCode: 1, stdout, stderr: `${error.startsWith('error: ') || error.startsWith('Error from server') ? error : `error: ${error}`}\n` });
  if (found.errors.length > 0 && found.targets.length === 0) return stop(found.errors[0] as string);
  for (const { info, object } of found.targets) {
    if (info.kind !== 'Deployment' && !hasControllerRevisions(info)) return stop(noVisitorFor(info, 'history viewer', 'retrieving history'));
    const history = historyOf(ctx, info, object);
    if (!history.ok) return stop(history.error);
    // historyInfo is a map by revision: of two with one revision, the later listed wins.
    const byRevision = new Map<number, HistoryEntry>();
    for (const r of history.value) byRevision.set(r.revision, r);
    if (outputSpecified && format.kind !== 'table') {
      const chosen = revision > 0 ? [byRevision.get(revision)] : [...byRevision.keys()].sort((a, b) => a - b).map((n) => byRevision.get(n));
      if (chosen.some((o) => o === undefined)) return stop('unable to find the specified revision');
      for (const o of (chosen as HistoryEntry[]).map((e) => e.object())) {
        const printed = printObjects([o], true, format);
        if ('error' in printed) return { exitCode: 1, stdout: stdout + (printed.stdout ?? ''), stderr: printed.error };
        stdout += printed.stdout;
      }
      continue;
    }
    let text: string;
    if (byRevision.size === 0) text = 'No rollout history found.';
    else if (revision > 0) {
      const match = byRevision.get(revision);
      if (!match) return stop('unable to find the specified revision');
      text = podTemplateText(match.template());
    } else text = historyTable(byRevision);
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    if (format.kind !== 'table' && format.kind !== 'name') {
      const printed = printObjects([object], true, format);
      if ('error' in printed) return { exitCode: 1, stdout: stdout + (printed.stdout ?? ''), stderr: printed.error };
      stdout += printed.stdout;
    } else stdout += `${objectRef(info, object.metadata.name ?? '')} ${withRevision}\n${text}\n`;
  }
  if (found.errors.length > 0) return { exitCode: 1, stdout, stderr: `${found.errors[0] ?? ''}\n` };
  return { exitCode: 0, stdout, stderr: '' };
}
