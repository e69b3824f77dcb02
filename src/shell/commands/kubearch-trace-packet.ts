/**
 * `kubearch trace-packet FROM TO:PORT`: send one TCP connection from a pod (`[NS/]POD`) or a node
 * (its host namespace) to an address or a Service name (resolved as the pod's cluster DNS would),
 * and print its walk: on each node it crossed, every rule it matched in order (hook, table, and
 * the rule as iptables-save prints it), the DNAT kube-proxy's rules chose, the masquerade, the
 * conntrack entry it left, then the endpoint and pod reached and the verdict. The packet is real
 * to the simulation: counters rise, the statistic matches draw from the engine's Rng, conntrack
 * keeps the entry, as a packet traced with `-j TRACE` on a real node would.
 */
import { resolveName } from '../../sim/network/cluster-dns';
import type { Delivery, Source } from '../../sim/network/dataplane';
import { conntrackLine } from '../../sim/node/netfilter/conntrack';
import type { WalkStep } from '../../sim/node/netfilter/packet-walk';
import { fail, type CommandContext, type CommandResult } from '../types';

export const TRACE_PACKET_USAGE = 'kubearch trace-packet FROM TO:PORT';

/** What a step did, after the rule: only the steps that change the packet or decide its fate. */
function effect(step: WalkStep): string {
  switch (step.action) {
    case 'dnat':
      return `DNAT to ${step.detail ?? ''}`;
    case 'redirect':
      return `REDIRECT to ${step.detail ?? ''}`;
    case 'masquerade':
      return `MASQUERADE: source becomes ${step.detail ?? ''}`;
    case 'snat':
      return `SNAT: source becomes ${step.detail ?? ''}`;
    case 'mark':
      return `mark now ${step.detail ?? ''}`;
    case 'reject':
      return `REJECT with ${step.detail ?? ''}`;
    case 'drop':
      return 'DROP';
    case 'accept':
      return 'ACCEPT';
    default:
      return '';
  }
}

function stepLine(step: WalkStep): string | undefined {
  if (step.action === 'conntrack') return `  conntrack      ${step.detail ?? ''}: the nat table is skipped`;
  if (step.table === 'ipvs') return `  ${step.hook.padEnd(12)} ipvs    ${step.chain}: ${step.detail ?? ''}`;
  // A built-in chain's policy only matters when it decides.
  if (step.action === 'policy') return step.detail === 'ACCEPT' ? undefined : `  ${step.hook.padEnd(12)} ${step.table.padEnd(7)} :${step.chain} ${step.detail ?? ''} (policy)`;
  const fx = effect(step);
  return `  ${step.hook.padEnd(12)} ${step.table.padEnd(7)} -A ${step.chain} ${step.ruleText ?? ''}${fx ? `\n${' '.repeat(24)}=> ${fx}` : ''}`;
}

function outcomeLine(d: Delivery): string {
  switch (d.outcome) {
    case 'connected':
      return `verdict: ACCEPT: connected to ${d.endpoint.address}:${d.endpoint.port}${d.endpoint.pod ? `, pod ${d.endpoint.pod.namespace}/${d.endpoint.pod.name}` : ''} on ${d.endpoint.node}`;
    case 'refused':
      return `verdict: ACCEPT, then RST from ${d.endpoint.address}: nothing listens on port ${d.endpoint.port} (connection refused)`;
    case 'rejected':
      return 'verdict: REJECT: the client gets ICMP port unreachable (connection refused)';
    case 'timeout':
      return `verdict: no answer (${d.reason}): the client waits for its connect timeout`;
  }
}

export function kubearchTracePacket(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [from, to, ...extra] = args;
  if (!from || !to || extra.length > 0) return fail(`kubearch trace-packet: usage: ${TRACE_PACKET_USAGE}`);
  const colon = to.lastIndexOf(':');
  const port = Number(to.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) return fail(`kubearch trace-packet: TO must be ADDRESS:PORT or SERVICE:PORT, got '${to}'`);
  const target = to.slice(0, colon);
  const { dataplane, dnsRecords } = ctx.simulator;
  let source: Source;
  let namespace = 'default';
  let label: string;
  if (!from.includes('/') && dataplane.node(from)) {
    source = { node: from };
    label = `node ${from}`;
  } else {
    const slash = from.indexOf('/');
    namespace = slash >= 0 ? from.slice(0, slash) : 'default';
    const name = slash >= 0 ? from.slice(slash + 1) : from;
    let found: Source | undefined;
    for (const k of ctx.simulator.kubelets) {
      const sandbox = k.runtime.listPodSandbox().find((s) => s.metadata.namespace === namespace && s.metadata.name === name && s.state === 'SANDBOX_READY');
      if (sandbox) found = { node: k.shape.name, podIP: sandbox.ip };
    }
    if (!found) return fail(`kubearch trace-packet: no node named "${from}" and no running pod "${name}" in namespace "${namespace}"`);
    source = found;
    label = `pod ${namespace}/${name} (${found.podIP ?? ''}) on ${found.node}`;
  }
  const answer = resolveName(dnsRecords, target, namespace);
  const address = answer?.addresses[0];
  if (!answer || address === undefined) return fail(`kubearch trace-packet: cannot resolve "${target}": no Service of that name in namespace "${namespace}" (cluster DNS)`);
  const delivery = dataplane.connect(source, address, port);
  const now = ctx.clock.now() / 1000;
  const lines = [`tcp ${address}:${port}${answer.name !== address ? ` (${answer.name})` : ''} from ${label}`];
  for (const hop of delivery.hops) {
    const entering = hop === delivery.hops[0] ? (source.podIP === undefined ? 'sent by a host process' : 'from the pod, on the bridge') : 'routed in';
    lines.push(`${hop.node} (${dataplane.node(hop.node)?.nodeIP ?? ''}), ${entering}:`);
    for (const step of hop.walk.steps) {
      const line = stepLine(step);
      if (line) lines.push(line);
    }
    if (hop.walk.conntrack) lines.push(`  conntrack: ${conntrackLine(hop.walk.conntrack, now)}`);
  }
  lines.push(outcomeLine(delivery));
  return { exitCode: delivery.outcome === 'connected' ? 0 : 1, stdout: lines.map((l) => `${l}\n`).join(''), stderr: '' };
}
