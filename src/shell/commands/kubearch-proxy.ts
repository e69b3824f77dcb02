/**
 * `kubearch proxy restart [NODE]` and `kubearch proxy mode iptables|ipvs|userspace [NODE]`:
 * kube-proxy's configuration lives in the `kube-proxy` ConfigMap (config.conf) and is read when
 * kube-proxy starts. `restart` is what `kubectl -n kube-system rollout restart daemonset
 * kube-proxy` does on kubeadm; `mode` patches config.conf's `mode:` first (as the admin, with
 * kubectl patch) and then restarts. Both are actions (../actions/kube-proxy-actions.ts), the
 * same ones the page's iptables tab performs.
 */
import { performFromShell } from '../actions';
import { PROXY_MODES, type ProxyMode } from '../actions/kube-proxy-actions';
import { fail, type CommandContext, type CommandResult } from '../types';

export const PROXY_USAGE = 'kubearch proxy restart [NODE] | kubearch proxy mode iptables|ipvs|userspace [NODE]';

export function kubearchProxy(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  if (verb === 'restart') {
    const [node, ...extra] = rest;
    if (extra.length > 0 || node?.startsWith('-')) return fail(`kubearch proxy: usage: ${PROXY_USAGE}`);
    return performFromShell(ctx, { name: 'proxy-restart', ...(node !== undefined ? { node } : {}) }, undefined, 'kubearch proxy restart');
  }
  if (verb === 'mode') {
    const [mode, node, ...extra] = rest;
    if (mode === undefined || extra.length > 0) return fail(`kubearch proxy: usage: ${PROXY_USAGE}`);
    if (!isMode(mode)) return fail(`kubearch proxy mode: unknown mode "${mode}" (modes: ${PROXY_MODES.join(', ')})`);
    return performFromShell(ctx, { name: 'proxy-mode', mode, ...(node !== undefined ? { node } : {}) }, undefined, 'kubearch proxy mode');
  }
  return fail(`kubearch proxy: ${verb === undefined ? '' : `unknown action "${verb}": `}usage: ${PROXY_USAGE}`);
}

function isMode(text: string): text is ProxyMode {
  return (PROXY_MODES as readonly string[]).includes(text);
}
