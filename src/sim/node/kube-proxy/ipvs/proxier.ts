/**
 * kube-proxy's ipvs mode (pkg/proxy/ipvs/proxier.go): every service VIP bound on `kube-ipvs0`, an
 * IPVS virtual server per VIP:port (and per node IP for a NodePort) with its endpoints as real
 * servers, the ipsets that name those addresses, and the few iptables rules that match the sets.
 *
 * The structure (chains, jumps, set order and types, rule order) was read in upstream source; the
 * set comments and the KUBE-IPVS-FILTER tail are from memory of ipset.go and proxier.go (see the
 * reference notes). Every sync rebuilds the whole state: ipvs mode has no partial sync upstream.
 */
import type { Netfilter, RestoreTable, TableName } from '../../netfilter/netfilter';
import type { IpsetType } from '../../netfilter/ipset';
import type { IpvsProtocol } from '../../netfilter/ipvs';
import { parseRuleArgs } from '../../netfilter/rule';
import { masqueradeMarkString, type ProxierSettings } from '../config';
import type { SyncInput } from '../iptables/proxier';
import { categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from '../service-port';

export const kubeIPVSDummyInterface = 'kube-ipvs0';

export const kubeLoopBackIPSet = 'KUBE-LOOP-BACK';
export const kubeClusterIPSet = 'KUBE-CLUSTER-IP';
export const kubeExternalIPSet = 'KUBE-EXTERNAL-IP';
export const kubeExternalIPLocalSet = 'KUBE-EXTERNAL-IP-LOCAL';
export const kubeLoadBalancerSet = 'KUBE-LOAD-BALANCER';
export const kubeLoadBalancerFWSet = 'KUBE-LOAD-BALANCER-FW';
export const kubeLoadBalancerLocalSet = 'KUBE-LOAD-BALANCER-LOCAL';
export const kubeLoadBalancerSourceIPSet = 'KUBE-LOAD-BALANCER-SOURCE-IP';
export const kubeLoadBalancerSourceCIDRSet = 'KUBE-LOAD-BALANCER-SOURCE-CIDR';
export const kubeNodePortSetTCP = 'KUBE-NODE-PORT-TCP';
export const kubeNodePortLocalSetTCP = 'KUBE-NODE-PORT-LOCAL-TCP';
export const kubeNodePortSetUDP = 'KUBE-NODE-PORT-UDP';
export const kubeNodePortLocalSetUDP = 'KUBE-NODE-PORT-LOCAL-UDP';
export const kubeNodePortSetSCTP = 'KUBE-NODE-PORT-SCTP-HASH';
export const kubeNodePortLocalSetSCTP = 'KUBE-NODE-PORT-LOCAL-SCTP-HASH';
export const kubeHealthCheckNodePortSet = 'KUBE-HEALTH-CHECK-NODE-PORT';
export const kubeIPVSSet = 'KUBE-IPVS-IPS';

/** ipsetInfo: name, type and the comment kube-proxy puts on rules matching the set. */
export const ipsetInfo: readonly { name: string; type: IpsetType; comment: string }[] = [
  { name: kubeLoopBackIPSet, type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: kubeClusterIPSet, type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: kubeExternalIPSet, type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: kubeExternalIPLocalSet, type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: kubeLoadBalancerSet, type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: kubeLoadBalancerFWSet, type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: kubeLoadBalancerLocalSet, type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: kubeLoadBalancerSourceIPSet, type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: kubeLoadBalancerSourceCIDRSet, type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: kubeNodePortSetTCP, type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: kubeNodePortLocalSetTCP, type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: kubeNodePortSetUDP, type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: kubeNodePortLocalSetUDP, type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: kubeNodePortSetSCTP, type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: kubeNodePortLocalSetSCTP, type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: kubeHealthCheckNodePortSet, type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: kubeIPVSSet, type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

/** ipsetWithIptablesChain: which set is matched in which chain, jumping where. */
const ipsetWithIptablesChain: readonly { name: string; table: TableName; from: string; to: string; matchType: string; protocolMatch: string }[] = [
  { name: kubeLoopBackIPSet, table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', matchType: 'dst,dst,src', protocolMatch: '' },
  { name: kubeLoadBalancerSet, table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', matchType: 'dst,dst', protocolMatch: '' },
  { name: kubeLoadBalancerLocalSet, table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', matchType: 'dst,dst', protocolMatch: '' },
  { name: kubeNodePortLocalSetTCP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocolMatch: 'tcp' },
  { name: kubeNodePortSetTCP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocolMatch: 'tcp' },
  { name: kubeNodePortLocalSetUDP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocolMatch: 'udp' },
  { name: kubeNodePortSetUDP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocolMatch: 'udp' },
  { name: kubeNodePortLocalSetSCTP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst,dst', protocolMatch: 'sctp' },
  { name: kubeNodePortSetSCTP, table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst,dst', protocolMatch: 'sctp' },
  { name: kubeLoadBalancerFWSet, table: 'filter', from: 'KUBE-PROXY-FIREWALL', to: 'KUBE-SOURCE-RANGES-FIREWALL', matchType: 'dst,dst', protocolMatch: '' },
  { name: kubeLoadBalancerSourceCIDRSet, table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src', protocolMatch: '' },
  { name: kubeLoadBalancerSourceIPSet, table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src', protocolMatch: '' },
];

export const ipvsJumpChains: readonly [TableName, string, string, string][] = [
  ['nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals'],
  ['nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals'],
  ['nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules'],
  ['filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules'],
  ['filter', 'INPUT', 'KUBE-NODE-PORT', 'kubernetes health check rules'],
  ['filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
  ['filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
  ['filter', 'INPUT', 'KUBE-IPVS-FILTER', 'kubernetes ipvs access filter'],
  ['filter', 'OUTPUT', 'KUBE-IPVS-OUT-FILTER', 'kubernetes ipvs access filter'],
];

export const ipvsChains: Readonly<Record<'nat' | 'filter', readonly string[]>> = {
  nat: ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'],
  filter: ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'],
};

export interface IpvsSyncResult {
  readonly full: boolean;
  readonly tables: readonly RestoreTable[];
  readonly virtualServers: number;
  restoreText(): string;
}

export class IpvsProxier {
  constructor(
    readonly settings: ProxierSettings,
    readonly nf: Netfilter,
  ) {}

  syncProxyRules(input: SyncInput): IpvsSyncResult {
    const s = this.settings;
    const nf = this.nf;
    const mark = masqueradeMarkString(s);
    for (const [table, from, to, comment] of ipvsJumpChains) {
      nf.ensureChain(table, to);
      nf.ensureRule('prepend', table, from, ['-m', 'comment', '--comment', comment, '-j', to]);
    }
    for (const info of ipsetInfo) nf.ipsets.ensure(info.name, info.type, info.comment).entries.clear();
    const add = (set: string, entry: string) => nf.ipsets.get(set)?.entries.add(entry);

    const bound = new Set<string>();
    const wantedVS = new Set<string>();
    const ensureVS = (proto: IpvsProtocol, ip: string, port: number, svc: ServicePortInfo, eps: readonly EndpointInfo[]) => {
      const vs = nf.ipvs.ensureVirtualServer(proto, ip, port, s.ipvsScheduler, svc.stickyMaxAgeSeconds > 0 ? svc.stickyMaxAgeSeconds : undefined);
      // Terminating endpoints stay with weight 0 so established connections drain.
      nf.ipvs.setRealServers(vs, eps.map((e) => ({ address: e.ip, port: e.port, weight: e.ready ? 1 : 0 })));
      wantedVS.add(`${proto} ${ip}:${port}`);
    };
    for (const svc of input.servicePorts) {
      const proto = svc.protocol.toLowerCase();
      const eps = input.endpoints.get(svc.key, svc.namespacedName) ?? [];
      const { clusterEndpoints, localEndpoints, allReachableEndpoints } = categorizeEndpoints(eps, svc);
      const internal = svc.internalPolicyLocal ? localEndpoints : clusterEndpoints;
      const external = svc.externalPolicyLocal ? localEndpoints : clusterEndpoints;
      for (const ep of allReachableEndpoints) if (ep.isLocal) add(kubeLoopBackIPSet, `${ep.ip},${proto}:${ep.port},${ep.ip}`);
      const entry = (ip: string) => `${ip},${proto}:${svc.port}`;
      add(kubeClusterIPSet, entry(svc.clusterIP));
      bound.add(svc.clusterIP);
      ensureVS(svc.protocol, svc.clusterIP, svc.port, svc, internal);
      for (const ip of svc.externalIPs) {
        add(kubeExternalIPSet, entry(ip));
        if (svc.externalPolicyLocal) add(kubeExternalIPLocalSet, entry(ip));
        bound.add(ip);
        ensureVS(svc.protocol, ip, svc.port, svc, external);
      }
      for (const ip of svc.loadBalancerVIPs) {
        add(kubeLoadBalancerSet, entry(ip));
        if (svc.externalPolicyLocal) add(kubeLoadBalancerLocalSet, entry(ip));
        if (svc.loadBalancerSourceRanges.length > 0) {
          add(kubeLoadBalancerFWSet, entry(ip));
          for (const cidr of svc.loadBalancerSourceRanges) add(kubeLoadBalancerSourceCIDRSet, `${entry(ip)},${cidr}`);
        }
        bound.add(ip);
        ensureVS(svc.protocol, ip, svc.port, svc, external);
      }
      if (svc.nodePort !== 0) {
        const set = { tcp: [kubeNodePortSetTCP, kubeNodePortLocalSetTCP], udp: [kubeNodePortSetUDP, kubeNodePortLocalSetUDP], sctp: [kubeNodePortSetSCTP, kubeNodePortLocalSetSCTP] }[proto];
        const np = proto === 'sctp' ? `${s.nodeIP},${proto}:${svc.nodePort}` : String(svc.nodePort);
        if (set) {
          add(set[0] as string, np);
          if (svc.externalPolicyLocal) add(set[1] as string, np);
        }
        ensureVS(svc.protocol, s.nodeIP, svc.nodePort, svc, external);
      }
      if (svc.healthCheckNodePort !== 0) add(kubeHealthCheckNodePortSet, String(svc.healthCheckNodePort));
    }
    for (const vs of [...nf.ipvs.services.values()])
      if (!wantedVS.has(`${vs.protocol} ${vs.address}:${vs.port}`)) nf.ipvs.deleteVirtualServer(vs.protocol, vs.address, vs.port);
    nf.dummyInterfaceAddresses.clear();
    for (const ip of bound) {
      nf.dummyInterfaceAddresses.add(ip);
      add(kubeIPVSSet, ip);
    }

    // writeIptablesRules
    const natRules: [string, string[]][] = [];
    const filterRules: [string, string[]][] = [];
    const notEmpty = (name: string) => (nf.ipsets.get(name)?.entries.size ?? 0) > 0;
    const comment = (name: string) => `"${ipsetInfo.find((i) => i.name === name)?.comment ?? ''}"`;
    natRules.push(['KUBE-SERVICES', ['-s', '127.0.0.0/8', '-j', 'RETURN']]);
    for (const set of ipsetWithIptablesChain) {
      if (!notEmpty(set.name)) continue;
      const args = set.protocolMatch ? ['-p', set.protocolMatch] : [];
      args.push('-m', 'comment', '--comment', comment(set.name), '-m', 'set', '--match-set', set.name, set.matchType, '-j', set.to);
      (set.table === 'filter' ? filterRules : natRules).push([set.from, args]);
    }
    if (notEmpty(kubeClusterIPSet)) {
      const args = ['-m', 'comment', '--comment', comment(kubeClusterIPSet), '-m', 'set', '--match-set', kubeClusterIPSet];
      if (s.masqueradeAll) natRules.push(['KUBE-SERVICES', [...args, 'dst,dst', '-j', 'KUBE-MARK-MASQ']]);
      else if (s.clusterCIDR) natRules.push(['KUBE-SERVICES', [...args, 'dst,dst', '!', '-s', s.clusterCIDR, '-j', 'KUBE-MARK-MASQ']]);
      else natRules.push(['KUBE-SERVICES', [...args, 'src,dst', '-j', 'KUBE-MARK-MASQ']]);
    }
    if (notEmpty(kubeExternalIPSet))
      natRules.push(['KUBE-SERVICES', ['-m', 'comment', '--comment', comment(kubeExternalIPSet), '-m', 'set', '--match-set', kubeExternalIPSet, 'dst,dst', '-j', 'KUBE-MARK-MASQ']]);
    natRules.push(['KUBE-SERVICES', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT']]);
    natRules.push(['KUBE-LOAD-BALANCER', ['-j', 'KUBE-MARK-MASQ']]);
    filterRules.push(['KUBE-SOURCE-RANGES-FIREWALL', ['-j', 'DROP']]);
    for (const set of [kubeClusterIPSet, kubeLoadBalancerSet])
      if (notEmpty(set)) natRules.push(['KUBE-SERVICES', ['-m', 'set', '--match-set', set, 'dst,dst', '-j', 'ACCEPT']]);
    filterRules.push(['KUBE-FORWARD', ['-m', 'comment', '--comment', '"kubernetes forwarding rules"', '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT']]);
    filterRules.push(['KUBE-FORWARD', ['-m', 'comment', '--comment', '"kubernetes forwarding conntrack rule"', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']]);
    filterRules.push([
      'KUBE-NODE-PORT',
      ['-m', 'comment', '--comment', comment(kubeHealthCheckNodePortSet), '-m', 'set', '--match-set', kubeHealthCheckNodePortSet, 'dst', '-j', 'ACCEPT'],
    ]);
    for (const [set, match] of [
      [kubeLoadBalancerSet, 'dst,dst'],
      [kubeClusterIPSet, 'dst,dst'],
      [kubeExternalIPSet, 'dst,dst'],
      [kubeExternalIPLocalSet, 'dst,dst'],
      [kubeHealthCheckNodePortSet, 'dst'],
    ] as const)
      filterRules.push(['KUBE-IPVS-FILTER', ['-m', 'set', '--match-set', set, match, '-j', 'RETURN']]);
    filterRules.push(['KUBE-IPVS-FILTER', ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'set', '--match-set', kubeIPVSSet, 'dst', '-j', 'REJECT']]);
    natRules.push(['KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN']]);
    natRules.push(['KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', mark]]);
    const masq = ['-m', 'comment', '--comment', '"kubernetes service traffic requiring SNAT"', '-j', 'MASQUERADE'];
    if (s.hasRandomFully) masq.push('--random-fully');
    natRules.push(['KUBE-POSTROUTING', masq]);
    natRules.push(['KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', mark]]);

    const tables: RestoreTable[] = [
      { table: 'nat', chains: ipvsChains.nat.map((name) => ({ name })), rules: natRules.map(([chain, args]) => ({ chain, spec: parseRuleArgs(args) })), deleteChains: [] },
      { table: 'filter', chains: ipvsChains.filter.map((name) => ({ name })), rules: filterRules.map(([chain, args]) => ({ chain, spec: parseRuleArgs(args) })), deleteChains: [] },
    ];
    for (const t of tables) nf.restoreTable(t, { noflush: true });
    const restoreText = () => {
      const out: string[] = [];
      for (const [name, rules] of [
        ['nat', natRules],
        ['filter', filterRules],
      ] as const) {
        out.push(`*${name}`, ...ipvsChains[name].map((c) => `:${c} - [0:0]`), ...rules.map(([c, a]) => `-A ${c} ${a.join(' ')}`), 'COMMIT');
      }
      return `${out.join('\n')}\n`;
    };
    return { full: input.full, tables, virtualServers: wantedVS.size, restoreText };
  }
}
