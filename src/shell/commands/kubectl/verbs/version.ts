/**
 * `kubectl version` and `kubectl cluster-info`. The client is kubectl v1.32.4 (with its bundled
 * kustomize); the server's version comes from GET /version, and cluster-info lists the control
 * plane and the kube-system services labelled kubernetes.io/cluster-service=true, in kubectl's
 * colours (it prints them even when not on a terminal).
 */
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { KUBELET_VERSION } from '../../../../sim/node/node-object';
import { CLUSTER_SERVER } from '../../../host/kubeconfig';
import { fail, ok, type CommandResult } from '../../../types';
import { goJsonIndent } from '../printers/json';
import { toKubectlYaml, type JsonValue } from '../printers/yaml';
import { listObjects } from '../api-calls';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';

export const VERSION_FLAGS: readonly FlagSpec[] = [
  { name: 'client', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
];

export const KUBECTL_VERSION = KUBELET_VERSION;
const KUSTOMIZE_VERSION = 'v5.5.0';

const clientInfo = {
  major: '1',
  minor: '32',
  gitVersion: KUBECTL_VERSION,
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:03:50Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function version(ctx: KubectlContext): CommandResult {
  const output = stringFlag(ctx.flags, 'output');
  const clientOnly = boolFlag(ctx.flags, 'client');
  let server: Record<string, unknown> | undefined;
  let error: string | undefined;
  if (!clientOnly) {
    const r = ctx.request('GET', '/version');
    if (r.code === 200) server = r.body as Record<string, unknown>;
    else error = statusErrorText(statusOf(r));
  }
  if (output === 'json' || output === 'yaml') {
    const doc = { clientVersion: clientInfo, kustomizeVersion: KUSTOMIZE_VERSION, ...(server ? { serverVersion: server } : {}) };
    const text = output === 'json' ? goJsonIndent(doc) : toKubectlYaml(doc as unknown as JsonValue);
    return { exitCode: error ? 1 : 0, stdout: text, stderr: error ? `${error}\n` : '' };
  }
  if (output !== undefined) return fail(`error: --output must be 'yaml' or 'json'`);
  let stdout = `Client Version: ${KUBECTL_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (server) stdout += `Server Version: ${String(server['gitVersion'] ?? '')}\n`;
  return { exitCode: error ? 1 : 0, stdout, stderr: error ? `${error}\n` : '' };
}

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export function clusterInfo(ctx: KubectlContext): CommandResult {
  if (ctx.flags.args[0] === 'dump') return fail('error: cluster-info dump is not simulated; use kubectl get -A -o yaml');
  const services = listObjects(ctx, findResource('services') as ResourceInfo, 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
  if (!services.ok) return fail(statusErrorText(statusOf(services.response)));
  let stdout = `${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${CLUSTER_SERVER}${RESET}\n`;
  for (const svc of services.value.items) {
    const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name ?? '';
    const ports = ((svc['spec'] as { ports?: { name?: string; port: number }[] } | undefined)?.ports ?? []).map((p) => p.name || String(p.port));
    const link = `${CLUSTER_SERVER}/api/v1/namespaces/kube-system/services/${svc.metadata.name ?? ''}${ports[0] ? `:${ports[0]}` : ''}/proxy`;
    stdout += `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
  }
  stdout += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
  return ok(stdout);
}
