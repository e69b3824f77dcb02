/**
 * `kubearch node stop|start|partition|heal NAME`: break a node and mend it. `stop` stops its
 * kubelet process (no Lease renewals, no status, no pod syncs); `start` brings it back (it
 * re-registers, relists its pods and resyncs them); `partition` makes the network between the
 * node and the apiserver drop everything; `heal` ends that. The containers keep running in both
 * cases, as on a real machine. Noticing the silence (Ready=Unknown after the 50 s grace period,
 * the taints, evictions) is the node lifecycle controller's job, not simulated yet.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../types';

export const NODE_USAGE = 'kubearch node stop|start|partition|heal NAME';

export function kubearchNode(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [action, name, ...extra] = args;
  if (!action || !name || extra.length > 0) return fail(`kubearch node: usage: ${NODE_USAGE}`);
  const kubelet = ctx.simulator.kubelets.find((k) => k.shape.name === name);
  if (!kubelet) return fail(`kubearch node: no node "${name}" in this cluster (nodes: ${ctx.simulator.kubelets.map((k) => k.shape.name).join(', ')})`);
  switch (action) {
    case 'stop':
      if (!kubelet.isRunning) return ok(`kubelet on ${name} is already stopped\n`);
      kubelet.stop();
      return ok(`kubelet on ${name} stopped: no more Lease renewals or status from it; its containers keep running\n`);
    case 'start':
      if (kubelet.isRunning) return ok(`kubelet on ${name} is already running\n`);
      kubelet.start();
      return ok(`kubelet on ${name} starting: it will register, relist its pods and resync them\n`);
    case 'partition':
      kubelet.partitioned = true;
      return ok(`${name} partitioned: the network drops its traffic to and from kube-apiserver\n`);
    case 'heal':
      kubelet.partitioned = false;
      return ok(`${name} healed: its traffic to kube-apiserver flows again\n`);
    default:
      return fail(`kubearch node: unknown action "${action}": ${NODE_USAGE}`);
  }
}
