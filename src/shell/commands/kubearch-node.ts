/**
 * `kubearch node stop|start|partition|heal NAME`: break a node and mend it. `stop` stops its
 * kubelet process (no Lease renewals, no status, no pod syncs); `start` brings it back (it
 * re-registers, relists its pods and resyncs them); `partition` makes the network between the
 * node and the apiserver drop everything; `heal` ends that. The containers keep running in both
 * cases, as on a real machine. Noticing the silence (Ready=Unknown after the 50 s grace period,
 * the taints, evictions) is the node lifecycle controller's job, not simulated yet.
 */
import { missingNode, NODE_VERBS, performFromShell, type NodeVerb } from '../actions';
import { fail, type CommandContext, type CommandResult } from '../types';

export const NODE_USAGE = 'kubearch node stop|start|partition|heal NAME';

export function kubearchNode(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [action, name, ...extra] = args;
  if (!action || !name || extra.length > 0) return fail(`kubearch node: usage: ${NODE_USAGE}`);
  // The node is checked before the action: `kubearch node reboot node-9` says node-9 is missing.
  const missing = missingNode(ctx.simulator, name);
  if (missing) return fail(`kubearch node: ${missing}`);
  if (!isNodeVerb(action)) return fail(`kubearch node: unknown action "${action}": ${NODE_USAGE}`);
  return performFromShell(ctx, { name: 'node', verb: action, node: name }, undefined, 'kubearch node');
}

function isNodeVerb(text: string): text is NodeVerb {
  return (NODE_VERBS as readonly string[]).includes(text);
}
