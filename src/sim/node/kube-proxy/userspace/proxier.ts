/**
 * kube-proxy's userspace mode, removed in v1.26 and kept as a lesson (the page labels it so):
 * kube-proxy itself listened on a proxy port per service port and copied bytes to an endpoint it
 * chose round-robin (LoadBalancerRR); iptables only redirected the VIP to that port
 * (KUBE-PORTALS-CONTAINER for pod traffic, KUBE-PORTALS-HOST for the node's own).
 *
 * From memory of pkg/proxy/userspace at v1.25, not re-read (see the reference notes). Proxy ports
 * are chosen deterministically from the service name rather than by the kernel, so a replay is exact.
 */
import type { Netfilter } from '../../netfilter/netfilter';
import type { ProxierSettings } from '../config';
import type { SyncInput } from '../iptables/proxier';
import type { EndpointInfo } from '../service-port';

export const iptablesContainerPortalChain = 'KUBE-PORTALS-CONTAINER';
export const iptablesHostPortalChain = 'KUBE-PORTALS-HOST';
export const iptablesContainerNodePortChain = 'KUBE-NODEPORT-CONTAINER';
export const iptablesHostNodePortChain = 'KUBE-NODEPORT-HOST';
export const iptablesNonLocalNodePortChain = 'KUBE-NODEPORT-NON-LOCAL';

export interface UserspaceSyncResult {
  readonly full: boolean;
  /** Service port name -> the local port kube-proxy listens on for it. */
  readonly proxyPorts: ReadonlyMap<string, number>;
}

interface ProxiedService {
  readonly proxyPort: number;
  endpoints: readonly EndpointInfo[];
  index: number;
  readonly affinitySeconds: number;
  readonly affinity: Map<string, { endpoint: EndpointInfo; expires: number }>;
}

export class UserspaceProxier {
  private readonly services = new Map<string, ProxiedService>();
  private readonly usedPorts = new Set<number>();

  constructor(
    readonly settings: ProxierSettings,
    readonly nf: Netfilter,
  ) {}

  /** iptablesInit: the jumps into the portal and nodeport chains. */
  private init(): void {
    const nf = this.nf;
    for (const c of [iptablesContainerPortalChain, iptablesHostPortalChain, iptablesContainerNodePortChain, iptablesHostNodePortChain]) nf.ensureChain('nat', c);
    nf.ensureChain('filter', iptablesNonLocalNodePortChain);
    const portals = ['-m', 'comment', '--comment', 'handle ClusterIPs; NOTE: this must be before the NodePort rules'];
    nf.ensureRule('prepend', 'nat', 'OUTPUT', [...portals, '-j', iptablesHostPortalChain]);
    nf.ensureRule('prepend', 'nat', 'PREROUTING', [...portals, '-j', iptablesContainerPortalChain]);
    const nodePorts = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', 'handle service NodePorts; NOTE: this must be the last rule in the chain'];
    nf.ensureRule('append', 'nat', 'OUTPUT', [...nodePorts, '-j', iptablesHostNodePortChain]);
    nf.ensureRule('append', 'nat', 'PREROUTING', [...nodePorts, '-j', iptablesContainerNodePortChain]);
    nf.ensureRule('prepend', 'filter', 'INPUT', ['-m', 'comment', '--comment', 'Ensure that non-local NodePort traffic can flow', '-j', iptablesNonLocalNodePortChain]);
  }

  private allocatePort(name: string): number {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
    let port = 32768 + (h % 28000);
    while (this.usedPorts.has(port)) port = port === 60999 ? 32768 : port + 1;
    this.usedPorts.add(port);
    return port;
  }

  syncProxyRules(input: SyncInput): UserspaceSyncResult {
    this.init();
    const nf = this.nf;
    const nat = nf.table('nat');
    for (const c of [iptablesContainerPortalChain, iptablesHostPortalChain, iptablesContainerNodePortChain, iptablesHostNodePortChain]) (nat.chain(c) ?? { rules: [] }).rules = [];
    const filterChain = nf.table('filter').chain(iptablesNonLocalNodePortChain);
    if (filterChain) filterChain.rules = [];
    const seen = new Set<string>();
    for (const svc of input.servicePorts) {
      const key = svc.key;
      seen.add(key);
      let p = this.services.get(key);
      if (!p) {
        p = { proxyPort: this.allocatePort(key), endpoints: [], index: 0, affinitySeconds: svc.stickyMaxAgeSeconds, affinity: new Map() };
        this.services.set(key, p);
      }
      p.endpoints = (input.endpoints.get(key, svc.namespacedName) ?? []).filter((e) => e.ready);
      const proto = svc.protocol.toLowerCase();
      const head = ['-m', 'comment', '--comment', `"${svc.nameString}"`, '-p', proto, '-m', proto];
      const port = String(p.proxyPort);
      for (const ip of [svc.clusterIP, ...svc.externalIPs, ...svc.loadBalancerVIPs]) {
        nf.ensureRule('append', 'nat', iptablesContainerPortalChain, [...head, '--dport', String(svc.port), '-d', `${ip}/32`, '-j', 'REDIRECT', '--to-ports', port]);
        nf.ensureRule('append', 'nat', iptablesHostPortalChain, [...head, '--dport', String(svc.port), '-d', `${ip}/32`, '-j', 'DNAT', '--to-destination', `${this.settings.nodeIP}:${port}`]);
      }
      if (svc.nodePort !== 0) {
        const np = String(svc.nodePort);
        nf.ensureRule('append', 'nat', iptablesContainerNodePortChain, [...head, '--dport', np, '-j', 'REDIRECT', '--to-ports', port]);
        nf.ensureRule('append', 'nat', iptablesHostNodePortChain, [...head, '--dport', np, '-j', 'DNAT', '--to-destination', `${this.settings.nodeIP}:${port}`]);
        nf.ensureRule('append', 'filter', iptablesNonLocalNodePortChain, [...head, '--dport', port, '-j', 'ACCEPT']);
      }
    }
    for (const [key, p] of [...this.services]) {
      if (seen.has(key)) continue;
      this.services.delete(key);
      this.usedPorts.delete(p.proxyPort);
    }
    return { full: input.full, proxyPorts: new Map([...this.services].map(([k, v]) => [k, v.proxyPort])) };
  }

  /** The service port listening on a proxy port, for the packet walk. */
  serviceForProxyPort(port: number): string | undefined {
    for (const [k, v] of this.services) if (v.proxyPort === port) return k;
    return undefined;
  }

  /** LoadBalancerRR.NextEndpoint: the affinity entry if fresh, else the next endpoint in turn. */
  nextEndpoint(servicePort: string, clientIP: string, now: number): EndpointInfo | undefined {
    const p = this.services.get(servicePort);
    if (!p || p.endpoints.length === 0) return undefined;
    if (p.affinitySeconds > 0) {
      const a = p.affinity.get(clientIP);
      if (a && a.expires > now && p.endpoints.includes(a.endpoint)) {
        a.expires = now + p.affinitySeconds;
        return a.endpoint;
      }
    }
    const ep = p.endpoints[p.index % p.endpoints.length] as EndpointInfo;
    p.index = (p.index + 1) % p.endpoints.length;
    if (p.affinitySeconds > 0) p.affinity.set(clientIP, { endpoint: ep, expires: now + p.affinitySeconds });
    return ep;
  }
}
