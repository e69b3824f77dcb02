/**
 * The cluster's data plane: one TCP connection (and the HTTP GET on it) from a pod's network
 * namespace or a node's host namespace to IP:port, walked through each node's netfilter as the
 * kernel would: on the source node OUTPUT/POSTROUTING (a node process) or PREROUTING/FORWARD/
 * POSTROUTING (a pod's packet arriving on the bridge), where kube-proxy's rules pick an endpoint
 * (statistic matches draw from the engine's seeded Rng, IPVS schedules round-robin); then routed by
 * pod CIDR (or node IP) to the node that owns the address and walked there too, so counters rise
 * on both nodes; then handed to the container process listening on the port.
 *
 * Failures are a real cluster's: a REJECT rule (a Service with no endpoints) refuses at once; no
 * process on the port is a RST (refused); a DROP, or an address no node owns, is silence: the
 * client's connect timeout runs out. Simplified: one SYN stands for the connection (the reply
 * direction is not walked; conntrack entries are confirmed ESTABLISHED when the server answers,
 * and go to TIME_WAIT once an HTTP request on them is done and the client closes).
 */
import type { Rng } from '../engine/rng';
import type { HttpResponse } from '../node/container/process';
import type { PodSandboxStatus } from '../node/runtime/cri';
import { confirmReply, walkPacket, type PacketWalk } from '../node/netfilter/packet-walk';
import type { Netfilter } from '../node/netfilter/netfilter';
import type { ConntrackEntry } from '../node/netfilter/conntrack';
import { addressContains, parseAddress } from '../node/netfilter/rule';
import { RecentWalks } from './recent-walks';

/** What the data plane needs of a node: its addresses, its kernel's tables, and its pods. */
export interface DataplaneNode {
  readonly name: string;
  readonly nodeIP: string;
  readonly podCIDR: string;
  readonly netfilter: Netfilter;
  /** The node's container runtime: pod sandboxes (with their IPs) and what listens in them. */
  readonly pods: {
    listPodSandbox(): readonly PodSandboxStatus[];
    tcpConnect(ip: string, port: number): boolean;
    httpGet(ip: string, port: number, path: string): HttpResponse | undefined;
  };
}

/** Where a connection starts: a node's host namespace, or a pod's (its IP) on that node. */
export interface Source {
  readonly node: string;
  readonly podIP?: string;
}

/** One node's part of the journey. */
export interface Hop {
  readonly node: string;
  readonly walk: PacketWalk;
}

/** The address and port the connection reached, and whose it is. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
  readonly node: string;
  readonly pod?: { readonly namespace: string; readonly name: string };
}

export type Delivery =
  | { readonly outcome: 'connected'; readonly hops: readonly Hop[]; readonly endpoint: Endpoint; readonly response?: HttpResponse }
  /** A RST: the address exists but nothing listens on the port. */
  | { readonly outcome: 'refused'; readonly hops: readonly Hop[]; readonly endpoint: Endpoint }
  /** A REJECT rule answered with an ICMP error (kube-proxy's for a Service without endpoints). */
  | { readonly outcome: 'rejected'; readonly hops: readonly Hop[] }
  /** Nothing answered: a DROP, or nobody owns the address; the client waits for its timeout. */
  | { readonly outcome: 'timeout'; readonly hops: readonly Hop[]; readonly reason: string };

/** A packet forwarded more often than this is in a loop; a real TTL would end it. */
const MAX_HOPS = 8;
/** Linux's net.ipv4.ip_local_port_range starts here. */
const FIRST_EPHEMERAL_PORT = 32768;
const LAST_EPHEMERAL_PORT = 60999;

export class Dataplane {
  private nextPort = FIRST_EPHEMERAL_PORT;
  /** The last connections carried, for the page's packet walk (a bounded ring). */
  readonly recent = new RecentWalks();

  constructor(
    private readonly nodes: () => readonly DataplaneNode[],
    private readonly rng: Rng,
    /** Engine time in virtual ms. */
    private readonly now: () => number,
  ) {}

  node(name: string): DataplaneNode | undefined {
    return this.nodes().find((n) => n.name === name);
  }

  /** The node whose pod CIDR holds the address, or whose address it is. */
  owner(address: string): { readonly node: DataplaneNode; readonly host: boolean } | undefined {
    for (const n of this.nodes()) if (n.nodeIP === address) return { node: n, host: true };
    for (const n of this.nodes()) if (inCIDR(address, n.podCIDR)) return { node: n, host: false };
    return undefined;
  }

  /** The pod sandbox that has an address, on any node. */
  podAt(address: string): { readonly node: DataplaneNode; readonly sandbox: PodSandboxStatus } | undefined {
    const owner = this.owner(address);
    if (!owner || owner.host) return undefined;
    const sandbox = owner.node.pods.listPodSandbox().find((s) => s.ip === address && s.state === 'SANDBOX_READY');
    return sandbox ? { node: owner.node, sandbox } : undefined;
  }

  /** Open a TCP connection and, when `path` is given, send one HTTP GET on it. */
  connect(source: Source, address: string, port: number, path?: string): Delivery {
    const at = this.now();
    const delivery = this.deliver(source, address, port, path);
    this.recent.add({ at, source, address, port, delivery });
    return delivery;
  }

  private deliver(source: Source, address: string, port: number, path?: string): Delivery {
    const hops: Hop[] = [];
    let node = this.node(source.node);
    if (!node) return { outcome: 'timeout', hops, reason: `no node ${source.node}` };
    const sport = this.ephemeralPort();
    let packet = { protocol: 'tcp' as const, src: source.podIP ?? node.nodeIP, sport, dst: address, dport: port };
    // A node's own process starts in OUTPUT; a pod's packet arrives on the node's bridge.
    let origin: 'local' | 'external' = source.podIP === undefined ? 'local' : 'external';
    for (let i = 0; i < MAX_HOPS; i++) {
      const walk = walkPacket(node.netfilter, packet, { origin, localAddresses: [node.nodeIP], nodeIP: node.nodeIP, rng: this.rng, now: this.now() / 1000 });
      hops.push({ node: node.name, walk });
      if (walk.verdict === 'REJECT') return { outcome: 'rejected', hops };
      if (walk.verdict === 'DROP') return { outcome: 'timeout', hops, reason: `dropped on ${node.name}` };
      const dst = walk.destination;
      const owner = this.owner(dst.address);
      if (!owner) return { outcome: 'timeout', hops, reason: `no route to ${dst.address}` };
      if (owner.node.name !== node.name) {
        // Routed to the node that owns the address (its pod CIDR route, or its own address).
        packet = { protocol: 'tcp', src: walk.source.address, sport: walk.source.port, dst: dst.address, dport: dst.port };
        node = owner.node;
        origin = 'external';
        continue;
      }
      if (owner.host) {
        // The node's own address, with no Service rule that sent it on: no simulated host process listens.
        return { outcome: 'refused', hops, endpoint: { address: dst.address, port: dst.port, node: node.name } };
      }
      const sandbox = node.pods.listPodSandbox().find((s) => s.ip === dst.address && s.state === 'SANDBOX_READY');
      if (!sandbox) return { outcome: 'timeout', hops, reason: `no host ${dst.address} on ${node.name}` };
      const endpoint: Endpoint = { address: dst.address, port: dst.port, node: node.name, pod: { namespace: sandbox.metadata.namespace, name: sandbox.metadata.name } };
      if (!node.pods.tcpConnect(dst.address, dst.port)) return { outcome: 'refused', hops, endpoint };
      const at = this.now() / 1000;
      for (const h of hops) if (h.walk.conntrack) confirmReply(h.walk.conntrack, at);
      const response = path === undefined ? undefined : node.pods.httpGet(dst.address, dst.port, path);
      // The client closes after its one request: conntrack keeps the entries in TIME_WAIT.
      if (path !== undefined) for (const h of hops) if (h.walk.conntrack) closeEntry(h.walk.conntrack, at);
      return { outcome: 'connected', hops, endpoint, ...(response ? { response } : {}) };
    }
    return { outcome: 'timeout', hops, reason: 'routing loop' };
  }

  private ephemeralPort(): number {
    const port = this.nextPort;
    this.nextPort = port >= LAST_EPHEMERAL_PORT ? FIRST_EPHEMERAL_PORT : port + 1;
    return port;
  }
}

/** nf_conntrack_tcp_timeout_time_wait. */
const TCP_TIME_WAIT_SECONDS = 120;

function closeEntry(entry: ConntrackEntry, now: number): void {
  entry.state = 'TIME_WAIT';
  entry.expires = now + TCP_TIME_WAIT_SECONDS;
}

function inCIDR(address: string, cidr: string): boolean {
  try {
    return addressContains(parseAddress(cidr, false), address);
  } catch {
    return false;
  }
}
