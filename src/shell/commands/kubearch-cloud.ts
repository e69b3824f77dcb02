/**
 * `kubearch cloud instances|load-balancers|routes`: the simulated cloud the cluster runs in, as
 * its console shows it (src/sim/cloud/simulated-cloud.ts): its machines with their providerIDs
 * and zones, the load balancers cloud-controller-manager's service controller made for
 * LoadBalancer Services, and the routes its route controller keeps to each node's pod CIDR. It
 * reads the cloud, which is outside the cluster: nothing here goes through kube-apiserver.
 */
import { fail, ok, type CommandContext, type CommandResult } from '../types';

export const CLOUD_USAGE = 'kubearch cloud instances|load-balancers|routes';

/** Columns padded as kubectl pads them: three spaces between, the last one bare. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd()).join('\n') + '\n';
}

export function kubearchCloud(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [what, ...extra] = args;
  const cloud = ctx.simulator.cloud;
  if (!what || extra.length > 0) return fail(`kubearch cloud: usage: ${CLOUD_USAGE}`);
  if (!cloud) return fail('kubearch cloud: this cluster does not run in a cloud (no cloud-controller-manager)');
  switch (what) {
    case 'instances':
      return ok(
        table(
          ['NAME', 'PROVIDER-ID', 'TYPE', 'ZONE', 'INTERNAL-IP', 'EXTERNAL-IP'],
          cloud.listInstances().map((i) => [
            i.name,
            i.providerID,
            i.instanceType,
            i.zone,
            i.nodeAddresses.find((a) => a.type === 'InternalIP')?.address ?? '',
            i.nodeAddresses.find((a) => a.type === 'ExternalIP')?.address ?? '',
          ]),
        ),
      );
    case 'load-balancers': {
      const lbs = cloud.listLoadBalancers();
      if (lbs.length === 0) return ok('No load balancers.\n');
      return ok(
        table(
          ['NAME', 'SERVICE', 'ADDRESS', 'PORTS', 'NODES'],
          lbs.map((lb) => [lb.name, lb.service, lb.ip, lb.ports.map((p) => `${p.port}->${p.nodePort}/${p.protocol}`).join(','), lb.nodes.join(',')]),
        ),
      );
    }
    case 'routes': {
      const routes = cloud.listRoutesNow();
      if (routes.length === 0) return ok('No routes.\n');
      return ok(table(['NAME', 'DESTINATION', 'NEXT-HOP'], routes.map((r) => [r.name, r.destinationCIDR, r.targetNode])));
    }
    default:
      return fail(`kubearch cloud: unknown view "${what}": ${CLOUD_USAGE}`);
  }
}
