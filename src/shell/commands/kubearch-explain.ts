/**
 * `kubearch explain pod NAME [-n NS] [-o json]`: why kube-scheduler put a pod where it did, or
 * nowhere — its latest scheduling attempt as the scheduler recorded it (what
 * kube-scheduler-simulator shows): per node, each Filter plugin's status and reasons, each Score
 * plugin's raw, normalized and weighted score, the total, the node chosen, and one sentence why.
 * `-o json` prints exactly the scheduler's explanation object. `deployment NAME` and `service NAME`
 * explain a rollout and a Service's endpoints (explain/).
 */
import type { Explanation, NodeExplanation } from '../../sim/scheduler/schedule-one';
import { fail, ok, type CommandContext, type CommandResult } from '../types';
import { clusterReader, type ClusterReader } from './explain/cluster-reader';
import { explainDeployment } from './explain/deployment';
import { explainService } from './explain/service';

export const EXPLAIN_USAGE = 'kubearch explain pod|deployment|service NAME [-n NAMESPACE] [-o json]';

const OTHER_KINDS: Readonly<Record<string, (reader: ClusterReader, namespace: string, name: string) => string>> = {
  deployment: explainDeployment,
  deployments: explainDeployment,
  deploy: explainDeployment,
  service: explainService,
  services: explainService,
  svc: explainService,
};

interface ExplainArgs {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly json: boolean;
}

function parseArgs(args: readonly string[]): ExplainArgs | string {
  const positional: string[] = [];
  let namespace = 'default';
  let output = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (flag: string) => (a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : args[++i]);
    if (a === '-n' || a === '--namespace' || a.startsWith('--namespace=')) namespace = value('--namespace') ?? '';
    else if (a === '-o' || a === '--output' || a.startsWith('--output=')) output = value('--output') ?? '';
    else if (a.startsWith('-')) return `unknown flag: ${a}`;
    else positional.push(a);
  }
  const [kind, name] = positional;
  if (!kind || !name || positional.length > 2) return `usage: ${EXPLAIN_USAGE}`;
  if (output !== '' && output !== 'json') return `unsupported output format "${output}": only -o json`;
  if (!namespace) return 'a namespace must be given with -n';
  return { kind, name, namespace, json: output === 'json' };
}

function filterText(node: NodeExplanation): string {
  const failed = node.filter.find((f) => f.status !== 'Success' && f.status !== 'Skip');
  if (!failed) return 'passed every filter';
  return `${failed.plugin}: ${failed.status}${failed.reasons.length ? ` (${failed.reasons.join('; ')})` : ''}`;
}

function scoreText(node: NodeExplanation): string {
  if (!node.scores) return '';
  return node.scores.map((s) => `${s.plugin} ${s.normalized}→${s.weighted}`).join(', ');
}

/** The one sentence a learner reads first. */
function why(e: Explanation): string {
  const feasible = e.nodes.filter((n) => n.scores !== undefined || !n.filter.some((f) => f.status !== 'Success' && f.status !== 'Skip'));
  if (!e.selected) return `No node passed every filter, so the pod stays Pending: ${e.message ?? 'no nodes available to schedule pods'}`;
  if (feasible.length === 1) return `${e.selected} was the only node that passed every filter, so it was chosen without scoring.`;
  const best = e.nodes.find((n) => n.name === e.selected)?.total;
  const tied = feasible.filter((n) => n.total === best).length;
  const tie = tied > 1 ? `; ${tied} nodes tied, and the scheduler picked one of them at random` : '';
  return `${e.selected} had the highest total score (${best ?? 0}) of the ${feasible.length} nodes that passed every filter${tie}.`;
}

export function formatExplanation(e: Explanation, profile: string): string {
  const rows = e.nodes.map((n) => [n.name, filterText(n), n.total === undefined ? '-' : String(n.total), scoreText(n)]);
  const header = ['NODE', 'FILTER', 'TOTAL', 'SCORES (plugin normalized→weighted)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd();
  return [
    `Pod ${e.pod}, scheduled by profile ${profile}: ${e.selected ? `bound to ${e.selected}` : 'not scheduled'}`,
    ...(e.message ? [`Message: ${e.message}`] : []),
    '',
    line(header),
    ...rows.map(line),
    '',
    `Why: ${why(e)}`,
    '',
  ].join('\n');
}

export function kubearchExplain(ctx: CommandContext, args: readonly string[]): CommandResult {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return fail(`kubearch explain: ${parsed}`);
  const other = OTHER_KINDS[parsed.kind];
  if (other) {
    if (parsed.json) return fail(`kubearch explain: -o json is for pods (the scheduler's own record)`);
    const reader = clusterReader(ctx);
    if (typeof reader === 'string') return fail(`kubearch explain: ${reader}`);
    try {
      return ok(other(reader, parsed.namespace, parsed.name));
    } catch (e) {
      return fail(`kubearch explain: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (parsed.kind !== 'pod' && parsed.kind !== 'pods' && parsed.kind !== 'po') {
    return fail(`kubearch explain: "${parsed.kind}" is not explained: pod, deployment and service are`);
  }
  const scheduler = ctx.simulator.scheduler;
  if (!scheduler) return fail('kubearch explain: kube-scheduler is not running in this cluster');
  const attempt = scheduler.latestAttempt(parsed.namespace, parsed.name);
  if (!attempt) {
    return fail(`kubearch explain: kube-scheduler has no scheduling attempt for pod ${parsed.namespace}/${parsed.name} (no such pod, a pod created with spec.nodeName, or not seen by the scheduler yet)`);
  }
  const explanation = attempt.explain();
  return ok(parsed.json ? `${JSON.stringify(explanation)}\n` : formatExplanation(explanation, attempt.profile));
}
