/**
 * `kubectl config`: current-context, get-contexts, use-context, set-context --current
 * --namespace, and view (the shell's kubeconfig, credentials redacted as kubectl redacts them;
 * yaml unless -o or --template says otherwise).
 */
import { fail, ok, type CommandResult } from '../../../types';
import { CLUSTER_NAME, CLUSTER_SERVER } from '../../../host/kubeconfig';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { formatTable } from '../printers/tabwriter';
import { outputFormatOf, PRINT_FLAGS, printObjects } from '../output';
import type { KubeObject } from '../../../../sim/api/kube-object';

export const CONFIG_FLAGS: readonly FlagSpec[] = [
  { name: 'current', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'minify', kind: 'bool' },
  { name: 'raw', kind: 'bool' },
  ...PRINT_FLAGS,
];

export function config(ctx: KubectlContext): CommandResult {
  const { kubeconfig } = ctx;
  const [sub, ...args] = ctx.flags.args;
  switch (sub) {
    case 'current-context':
      return ok(`${kubeconfig.currentContext}\n`);
    case 'use-context':
    case 'use': {
      const name = args[0];
      if (!name) return fail('error: Unexpected args: []\nSee \'kubectl config use-context -h\' for help and examples');
      if (!kubeconfig.contexts.some((c) => c.name === name)) return fail(`error: no context exists with the name: "${name}"`);
      kubeconfig.currentContext = name;
      return ok(`Switched to context "${name}".\n`);
    }
    case 'get-contexts': {
      const wanted = args[0];
      const contexts = [...kubeconfig.contexts].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((c) => !wanted || c.name === wanted);
      if (wanted && contexts.length === 0) return fail(`error: context ${wanted} not found`);
      if (stringFlag(ctx.flags, 'output') === 'name') return ok(contexts.map((c) => `${c.name}\n`).join(''));
      const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...contexts.map((c) => [c.name === kubeconfig.currentContext ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? ''])];
      return ok(formatTable(rows));
    }
    case 'set-context': {
      const name = boolFlag(ctx.flags, 'current') ? kubeconfig.currentContext : args[0];
      const context = kubeconfig.contexts.find((c) => c.name === name);
      if (!name || !context) return fail(boolFlag(ctx.flags, 'current') ? 'error: no current context is set' : `error: you must specify a non-empty context name or --current`);
      // set-context's own --namespace: given empty, it clears the context's namespace.
      const namespace = stringFlag(ctx.flags, 'namespace');
      if (namespace !== undefined) {
        if (namespace) context.namespace = namespace;
        else delete context.namespace;
      }
      return ok(`Context "${name}" modified.\n`);
    }
    case 'view': {
      // kubectl writes the kubeconfig's maps as sorted lists.
      const contexts = (boolFlag(ctx.flags, 'minify') ? kubeconfig.contexts.filter((c) => c.name === kubeconfig.currentContext) : [...kubeconfig.contexts]).sort((a, b) => (a.name < b.name ? -1 : 1));
      const users = [...new Set(contexts.map((c) => c.user))].sort();
      const view = {
        apiVersion: 'v1',
        clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: CLUSTER_SERVER }, name: CLUSTER_NAME }],
        contexts: contexts.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name })),
        'current-context': kubeconfig.currentContext,
        kind: 'Config',
        preferences: {},
        users: users.map((u) =>
          u === 'kubernetes-admin'
            ? { name: u, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }
            : { name: u, user: { token: 'REDACTED' } },
        ),
      };
      // view's printer defaults to yaml; a --template alone makes it a go-template.
      const format = outputFormatOf(ctx.flags, ctx.readFile);
      if ('error' in format) return fail(format.error);
      const printed = printObjects([view as unknown as KubeObject], true, format.kind === 'table' ? { kind: 'yaml' } : format);
      return 'error' in printed ? { exitCode: 1, stdout: printed.stdout ?? '', stderr: printed.error } : ok(printed.stdout);
    }
    default:
      return fail(sub ? `error: unknown command "${sub}" for "kubectl config"` : 'error: a subcommand is required: current-context, get-contexts, use-context, set-context, view');
  }
}
