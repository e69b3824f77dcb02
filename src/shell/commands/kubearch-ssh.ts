/**
 * `kubearch ssh NODE -- COMMAND`: run a node's own tools on that node, as a learner would after
 * `ssh node-1`. Today that is crictl against the node's container runtime (crictl talks to the
 * runtime's CRI socket on the node, not to the apiserver, so this is the one place the shell
 * reads a node's state directly). iptables-save, ipvsadm and the like come with kube-proxy.
 */
import { crictlImages, crictlInspect, crictlLogs, crictlPods, crictlPs, crictlVersion, resolveContainerId } from '../../sim/node/runtime/crictl-format';
import type { ContainerRuntime } from '../../sim/node/runtime/container-runtime';
import { fail, ok, type CommandContext, type CommandResult } from '../types';

export const SSH_USAGE = 'kubearch ssh NODE -- COMMAND [ARGS]';

const CRICTL_USAGE = `crictl on this node: ps [-a], pods, images, inspect ID, logs [--tail N] [-t] ID, version\n`;

function crictl(runtime: ContainerRuntime, now: number, args: readonly string[]): CommandResult {
  const [sub, ...rest] = args;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const positional = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '--tail');
  switch (sub) {
    case 'ps':
      return ok(crictlPs(runtime, now, { all: flags.has('-a') || flags.has('--all') }));
    case 'pods':
      return ok(crictlPods(runtime, now));
    case 'images':
    case 'img':
      return ok(crictlImages(runtime));
    case 'version':
      return ok(crictlVersion(runtime));
    case 'inspect':
    case 'logs': {
      const prefix = positional[0];
      if (!prefix) return fail(`FATA[0000] ID cannot be empty`);
      const id = resolveContainerId(runtime, prefix);
      if (typeof id !== 'string') return fail(`FATA[0000] ${id.error}`);
      if (sub === 'inspect') return ok(crictlInspect(runtime, id));
      const tailAt = rest.indexOf('--tail');
      const tail = tailAt >= 0 ? Number(rest[tailAt + 1]) : undefined;
      return ok(crictlLogs(runtime, id, { timestamps: flags.has('-t') || flags.has('--timestamps'), ...(tail !== undefined && Number.isInteger(tail) ? { tail } : {}) }));
    }
    default:
      return fail(sub ? `crictl: '${sub}' is not simulated yet\n${CRICTL_USAGE}` : CRICTL_USAGE);
  }
}

export function kubearchSsh(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [node, dashes, tool, ...rest] = args;
  if (!node) return fail(`kubearch ssh: usage: ${SSH_USAGE}`);
  const kubelet = ctx.cluster.kubelets.find((k) => k.shape.name === node);
  // What ssh itself says for a host it cannot resolve, with its exit code.
  if (!kubelet) return { exitCode: 255, stdout: '', stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n` };
  if (dashes !== '--' || !tool) return fail(`kubearch ssh: give the command to run on ${node} after --: ${SSH_USAGE}`);
  if (tool === 'crictl') return crictl(kubelet.runtime, ctx.cluster.engine.now(), rest);
  if (['iptables-save', 'iptables', 'ipvsadm', 'ipset', 'conntrack', 'curl'].includes(tool)) {
    return fail(`kubearch ssh: ${tool} on a node is not simulated yet: kube-proxy does not run on the nodes yet`);
  }
  return { exitCode: 127, stdout: '', stderr: `bash: ${tool}: command not found\n` };
}
