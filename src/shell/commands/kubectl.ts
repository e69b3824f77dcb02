/**
 * TEMPORARY kubectl: `apply -f -` and `get KIND` against the temporary object store, until the
 * apiserver and the real kubectl land (issue 4). Output follows kubectl's formats where it goes.
 */
import { parseManifests } from '../manifest';
import { fail, ok, type Command, type CommandResult } from '../types';
import { formatAge } from '../format-age';
import type { KubeObject } from '../../sim/watch-event';

const KINDS: Record<string, string> = {
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  service: 'Service', services: 'Service', svc: 'Service',
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  configmap: 'ConfigMap', configmaps: 'ConfigMap', cm: 'ConfigMap',
  namespace: 'Namespace', namespaces: 'Namespace', ns: 'Namespace',
  lease: 'Lease', leases: 'Lease',
  node: 'Node', nodes: 'Node', no: 'Node',
};

const CLUSTER_SCOPED = new Set(['Namespace', 'Node']);

export const kubectl: Command = (ctx) => {
  const [, verb, ...rest] = ctx.argv;
  if (verb === 'apply') return apply(rest, ctx.stdin, ctx.cluster);
  if (verb === 'get') return get(rest, ctx.cluster);
  return fail(`error: unknown command "${verb ?? ''}" for "kubectl"\n(this build's kubectl knows apply -f - and get; the full kubectl comes with the apiserver)`);
};

type ClusterOf = Parameters<Command>[0]['cluster'];

function apply(args: string[], stdin: string, cluster: ClusterOf): CommandResult {
  const fi = args.indexOf('-f');
  if (fi < 0 || args[fi + 1] !== '-') return fail('error: must specify -f - (a here-document or the editor)');
  const parsed = parseManifests(stdin);
  if (parsed.kind === 'error') return fail(parsed.errors.map((e) => `error: ${e.message}`).join('\n'));
  const ns = flagValue(args, '-n', '--namespace') ?? 'default';
  const lines: string[] = [];
  for (const object of parsed.objects) {
    if (!object.metadata.name) return fail('error: error when retrieving current configuration: resource name may not be empty');
    const namespace = CLUSTER_SCOPED.has(object.kind) ? '' : (object.metadata.namespace ?? ns);
    const outcome = cluster.store.apply(object, namespace);
    lines.push(`${object.kind.toLowerCase()}/${object.metadata.name} ${outcome.action}`);
  }
  return ok(`${lines.join('\n')}\n`);
}

function get(args: string[], cluster: ClusterOf): CommandResult {
  const resource = args.find((a) => !a.startsWith('-') && !isFlagValue(args, a));
  if (!resource) return fail('error: you must specify the type of resource to get.');
  const kind = KINDS[resource.toLowerCase()];
  if (!kind) return fail(`error: the server doesn't have a resource type "${resource}"`);
  const all = args.includes('-A') || args.includes('--all-namespaces');
  const ns = CLUSTER_SCOPED.has(kind) ? undefined : all ? undefined : (flagValue(args, '-n', '--namespace') ?? 'default');
  const items = cluster.store.list(kind, ns);
  if (items.length === 0) {
    return { exitCode: 0, stdout: '', stderr: ns === undefined ? 'No resources found\n' : `No resources found in ${ns} namespace.\n` };
  }
  const now = cluster.engine.now();
  const rows = items.map((o: KubeObject) => [
    ...(all && !CLUSTER_SCOPED.has(kind) ? [o.metadata.namespace ?? ''] : []),
    o.metadata.name ?? '',
    formatAge(now, o.metadata.creationTimestamp),
  ]);
  const header = [...(all && !CLUSTER_SCOPED.has(kind) ? ['NAMESPACE'] : []), 'NAME', 'AGE'];
  return ok(table([header, ...rows]));
}

function flagValue(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === short || a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
  }
  return undefined;
}

function isFlagValue(args: string[], a: string): boolean {
  const i = args.indexOf(a);
  return i > 0 && ['-n', '--namespace', '-o', '-l', '-f'].includes(args[i - 1] as string);
}

/** kubectl's tabwriter layout: columns padded to the widest cell plus three spaces. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join(''))
    .join('\n')
    .concat('\n');
}
