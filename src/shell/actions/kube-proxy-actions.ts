/**
 * kube-proxy's configuration changed the way a kubeadm cluster's operator changes it: the
 * `kube-proxy` ConfigMap in kube-system holds config.conf (a KubeProxyConfiguration), and kube-proxy
 * reads it only when it starts. On kubeadm the restart is `kubectl -n kube-system rollout restart
 * daemonset kube-proxy`; our kube-proxies are processes, not DaemonSet pods, so `proxy-restart`
 * restarts them, each reading the ConfigMap as its new pod would mount it. `proxy-mode` does both
 * steps: it patches `mode:` in config.conf through the apiserver as the admin (kubectl patch, seen
 * in the requests panel), then restarts. The ConfigMap is read with kubectl too, as the admin:
 * the kubelet's own read of a pod's ConfigMap volume is not simulated.
 */
import type { Simulator } from '../host/simulator';
import type { CommandResult } from '../types';
import { parseKubeProxyConfiguration } from '../../sim/node/kube-proxy/kube-proxy-configuration';
import type { ActionContext, ActionDefinition, ActionResult } from './types';

export type ProxyMode = 'iptables' | 'ipvs' | 'userspace';
export const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'ipvs', 'userspace'];

export type ProxyRestartRequest = { readonly name: 'proxy-restart'; readonly node?: string };
export type ProxyModeRequest = { readonly name: 'proxy-mode'; readonly mode: ProxyMode; readonly node?: string };

const CONFIGMAP = ['-n', 'kube-system', 'configmap', 'kube-proxy'] as const;

function message(result: CommandResult): string {
  return (result.stderr || result.stdout).trim();
}

/** config.conf as the apiserver holds it now, or why it cannot be read. */
function readConfigText(exec: ActionContext['exec']): { text: string } | { error: string } {
  const got = exec(['kubectl', 'get', ...CONFIGMAP, '-o', 'json']);
  if (got.exitCode !== 0) return { error: message(got) };
  const data = (JSON.parse(got.stdout) as { data?: Record<string, string> }).data ?? {};
  const text = data['config.conf'];
  return text === undefined ? { error: 'the kube-proxy ConfigMap has no config.conf' } : { text };
}

/** The kube-proxies to restart: one node's, or every node's. */
function targets(simulator: Simulator, node: string | undefined): Simulator['kubeProxies'] | string {
  const all = simulator.kubeProxies;
  if (node === undefined) return all;
  const one = all.filter((p) => p.host === node);
  return one.length ? one : `no kube-proxy on "${node}" (nodes: ${all.map((p) => p.host).join(', ')})`;
}

function restart(ctx: ActionContext, node: string | undefined, before: readonly string[]): ActionResult {
  const chosen = targets(ctx.simulator, node);
  if (typeof chosen === 'string') return { ok: false, output: chosen };
  const read = readConfigText(ctx.exec);
  if ('error' in read) return { ok: false, output: `cannot read the kube-proxy ConfigMap: ${read.error}` };
  let mode: string;
  try {
    mode = parseKubeProxyConfiguration(read.text).mode;
  } catch (e) {
    // The new pods would crash on it, as a real kube-proxy exits on a bad config; the old ones are gone by then.
    for (const p of chosen) p.restart(read.text);
    return { ok: false, output: [...before, `kube-proxy will fail to start on ${chosen.map((p) => p.host).join(', ')}: ${e instanceof Error ? e.message : String(e)}`].join('\n') };
  }
  const lines = [...before];
  for (const p of chosen) {
    const was = p.kubeProxy?.config.mode;
    if (!p.restart(read.text)) {
      lines.push(`${p.name} has not started yet (kubeadm's addon phase is not done): it will read the ConfigMap when it starts`);
      continue;
    }
    const change = was === undefined || was === mode ? `mode ${mode}` : `mode ${mode} (was ${was}: its ${was} rules are cleaned up)`;
    lines.push(`${p.name} restarting: it re-reads config.conf from ConfigMap kube-system/kube-proxy, ${change}; its first sync is a full one`);
  }
  return { ok: true, output: lines.join('\n') };
}

export const proxyRestart: ActionDefinition<ProxyRestartRequest> = {
  name: 'proxy-restart',
  summary: "restart kube-proxy (every node's, or one node's) so it re-reads the kube-proxy ConfigMap (kubeadm: kubectl -n kube-system rollout restart daemonset kube-proxy)",
  perform(ctx, { node }) {
    return restart(ctx, node, []);
  },
};

export const proxyMode: ActionDefinition<ProxyModeRequest> = {
  name: 'proxy-mode',
  summary: "set mode: in the kube-proxy ConfigMap's config.conf (kubectl patch, as the admin) and restart kube-proxy",
  perform(ctx, { mode, node }) {
    if (!PROXY_MODES.includes(mode)) return { ok: false, output: `unknown mode "${String(mode)}" (modes: ${PROXY_MODES.join(', ')})` };
    const chosen = targets(ctx.simulator, node);
    if (typeof chosen === 'string') return { ok: false, output: chosen };
    const read = readConfigText(ctx.exec);
    if ('error' in read) return { ok: false, output: `cannot read the kube-proxy ConfigMap: ${read.error}` };
    const text = setMode(read.text, mode);
    const patched = ctx.exec(['kubectl', 'patch', ...CONFIGMAP, '--type', 'merge', '-p', JSON.stringify({ data: { 'config.conf': text } })]);
    if (patched.exitCode !== 0) return { ok: false, output: `kubectl patch failed: ${message(patched)}` };
    return restart(ctx, node, [patched.stdout.trim()]);
  },
};

/** config.conf with its top-level `mode:` line set (kubeadm writes `mode: ""`); appended when it has none. */
export function setMode(text: string, mode: ProxyMode): string {
  const line = /^mode:.*$/m;
  return line.test(text) ? text.replace(line, `mode: ${mode}`) : `${text.endsWith('\n') || text === '' ? text : `${text}\n`}mode: ${mode}\n`;
}
