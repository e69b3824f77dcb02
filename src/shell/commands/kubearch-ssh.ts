/**
 * `kubearch ssh NODE -- COMMAND`: run a command on a node, as a learner would after `ssh node-1`.
 * The shell runs it with the node as its host, looking it up in the node's own commands
 * (node-tools/): crictl against the node's container runtime today, the netfilter tools with
 * kube-proxy later.
 */
import { fail, type CommandContext, type CommandResult } from '../types';

export const SSH_USAGE = 'kubearch ssh NODE -- COMMAND [ARGS]';

export function kubearchSsh(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [node, dashes, tool, ...rest] = args;
  if (!node) return fail(`kubearch ssh: usage: ${SSH_USAGE}`);
  const host = ctx.simulator.nodeHost(node);
  // What ssh itself says for a host it cannot resolve, with its exit code.
  if (!host) return { exitCode: 255, stdout: '', stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n` };
  if (dashes !== '--' || !tool) return fail(`kubearch ssh: give the command to run on ${node} after --: ${SSH_USAGE}`);
  if (!ctx.exec) return fail('kubearch ssh: this shell cannot start commands on another host');
  return ctx.exec([tool, ...rest], {}, host);
}
