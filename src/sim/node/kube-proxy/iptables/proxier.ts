/**
 * kube-proxy's iptables mode as v1.32 writes it (pkg/proxy/iptables/proxier.go): the jump rules
 * it ensures on a full sync, and syncProxyRules, which builds the `iptables-restore --noflush`
 * payload for the filter and nat tables and loads it into the node's netfilter.
 *
 * Upstream rebuilds every rule on every sync and, on a partial sync, leaves out the SVC/SVL/EXT/FW/SEP
 * chains of services that did not change. Here each service port's rules are kept as a fragment
 * (rule specs, see service-rules.ts) and rebuilt only when the service or its endpoints changed, so a
 * one-endpoint change costs one service; the payload it writes is the same as upstream's.
 * Service order in KUBE-SERVICES follows the order services are given (upstream ranges over a Go
 * map, so on a real node it changes from sync to sync).
 */
import type { Netfilter, RestoreTable, TableName } from '../../netfilter/netfilter';
import { parseAddress, trustedRule, type RuleSpec } from '../../netfilter/rule';
import {
  isServiceChainName,
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeletFirewallChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyCanaryChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortChains,
  servicePortPolicyLocalChainName,
} from '../chain-names';
import { masqueradeMarkString, type ProxierSettings } from '../config';
import { addressInCIDR } from '../cidr';
import { categorizeEndpoints, externallyAccessible, type EndpointInfo, type ServicePortInfo } from '../service-port';
import {
  AffinityJumpRule,
  ClusterIPRule,
  computeProbability,
  EndpointDnatRule,
  EndpointJumpRule,
  EndpointMasqRule,
  protocolOf,
  type SourceMatch,
} from './service-rules';

/** Above this many endpoints in total, per-endpoint comments are dropped (largeClusterMode). */
export const largeClusterEndpointsThreshold = 1000;

interface JumpChain {
  readonly table: TableName;
  readonly dstChain: string;
  readonly srcChain: string;
  readonly comment: string;
  readonly extraArgs: readonly string[];
}

const ctNew = ['-m', 'conntrack', '--ctstate', 'NEW'];

export const iptablesJumpChains: readonly JumpChain[] = [
  { table: 'filter', dstChain: kubeExternalServicesChain, srcChain: 'INPUT', comment: 'kubernetes externally-visible service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeExternalServicesChain, srcChain: 'FORWARD', comment: 'kubernetes externally-visible service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeNodePortsChain, srcChain: 'INPUT', comment: 'kubernetes health check service ports', extraArgs: [] },
  { table: 'filter', dstChain: kubeServicesChain, srcChain: 'FORWARD', comment: 'kubernetes service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeServicesChain, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeForwardChain, srcChain: 'FORWARD', comment: 'kubernetes forwarding rules', extraArgs: [] },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'INPUT', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'OUTPUT', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'FORWARD', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'nat', dstChain: kubeServicesChain, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: kubeServicesChain, srcChain: 'PREROUTING', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: kubePostroutingChain, srcChain: 'POSTROUTING', comment: 'kubernetes postrouting rules', extraArgs: [] },
];

/** Duplicates of the kubelet's chains (pkg/kubelet/kubelet_network_linux.go). */
export const iptablesKubeletJumpChains: readonly JumpChain[] = [
  { table: 'filter', dstChain: kubeletFirewallChain, srcChain: 'INPUT', comment: '', extraArgs: [] },
  { table: 'filter', dstChain: kubeletFirewallChain, srcChain: 'OUTPUT', comment: '', extraArgs: [] },
];

/**
 * What NewProxier and a full sync do outside iptables-restore: the canary chain in mangle, nat and
 * filter (utiliptables.Monitor), then EnsureChain + EnsureRule(Prepend) for every jump, which
 * leaves the jumps in reverse order at the top of the built-in chains.
 */
export function ensureIptablesJumpChains(nf: Netfilter): void {
  for (const table of ['mangle', 'nat', 'filter'] as const) nf.ensureChain(table, kubeProxyCanaryChain);
  for (const jump of [...iptablesJumpChains, ...iptablesKubeletJumpChains]) {
    nf.ensureChain(jump.table, jump.dstChain);
    const args = [...jump.extraArgs];
    if (jump.comment !== '') args.push('-m', 'comment', '--comment', jump.comment);
    args.push('-j', jump.dstChain);
    nf.ensureRule('prepend', jump.table, jump.srcChain, args);
  }
}

export { computeProbability };

/** One `-A` line: its chain and the rule (which spells itself as kube-proxy writes it and as iptables-save prints it). */
export interface RuleLine {
  readonly chain: string;
  readonly spec: RuleSpec;
}

/** The rules one service port contributes, split where upstream switches to the discard buffers. */
interface ServiceFragment {
  readonly filterRules: RuleLine[];
  /** KUBE-SERVICES / KUBE-NODEPORTS nat rules: written on every sync. */
  readonly natTopRules: RuleLine[];
  /** The service's own chains (all active) and rules: left out of a partial sync when unchanged. */
  readonly natChains: string[];
  readonly natRules: RuleLine[];
}

/** The last sync's per-service rules in order, with where each service's rules sit. */
interface Layout {
  readonly ports: readonly ServicePortInfo[];
  readonly fragments: ServiceFragment[];
  readonly endpointCounts: number[];
  /** `namespacedName` -> indices into `ports`. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  readonly filterRules: RuleLine[];
  readonly filterOffsets: readonly number[];
  readonly natTopRules: RuleLine[];
  readonly natTopOffsets: readonly number[];
  totalEndpoints: number;
}

export interface SyncInput {
  readonly servicePorts: readonly ServicePortInfo[];
  /** The endpoints of a service port (keyed by `ServicePortInfo.key`). */
  readonly endpoints: { get(key: string): readonly EndpointInfo[] | undefined };
  /** `namespacedName`s whose Service or EndpointSlices changed since the last sync. */
  readonly changed: ReadonlySet<string>;
  /** Full sync: rewrite everything (first sync, periodic, after an error). */
  readonly full: boolean;
}

export interface SyncResult {
  readonly full: boolean;
  /** The payload as RestoreTables (filter, nat). */
  readonly tables: readonly RestoreTable[];
  /** Services whose chains were rewritten. */
  readonly rewrittenServices: number;
  readonly deletedChains: readonly string[];
  /** The restore text kube-proxy would hand to iptables-restore, rendered on demand. */
  restoreText(): string;
}

export class IptablesProxier {
  private readonly fragments = new Map<string, { fragment: ServiceFragment; large: boolean; generation: number }>();
  private generation = 0;
  private readonly specCache = new Map<string, RuleSpec>();
  private largeClusterMode = false;
  /** How the last sync laid the services out, for partial syncs that only patch it. */
  private layout: Layout | undefined;
  private readonly mark: string;

  constructor(
    readonly settings: ProxierSettings,
    readonly nf: Netfilter,
  ) {
    this.mark = masqueradeMarkString(settings);
  }

  private line(chain: string, args: string[]): RuleLine {
    return { chain, spec: trustedRule(args) };
  }

  /** Rules that are the same on every sync are parsed once. */
  private fixedLine(chain: string, args: string[]): RuleLine {
    const key = `${chain} ${args.join(' ')}`;
    let spec = this.specCache.get(key);
    if (!spec) this.specCache.set(key, (spec = trustedRule(args)));
    return { chain, spec };
  }

  private comment(text: string): string[] {
    return ['-m', 'comment', '--comment', text];
  }

  private buildFragment(svc: ServicePortInfo, allEndpoints: readonly EndpointInfo[]): ServiceFragment {
    const s = this.settings;
    const protocol = protocolOf(svc);
    const name = svc.nameString;
    const port = String(svc.port);
    // Each endpoint's KUBE-SEP name is hashed once, though the SVC/SVL rules and its own chain use it.
    const sepNames = new Map<EndpointInfo, string>();
    const sepName = (ep: EndpointInfo): string => {
      let n = sepNames.get(ep);
      if (n === undefined) sepNames.set(ep, (n = servicePortEndpointChainName(name, protocol, ep.endpoint)));
      return n;
    };
    const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = categorizeEndpoints(allEndpoints, svc);
    const chains = servicePortChains(name, protocol);
    const clusterPolicyChain = chains.cluster;
    const localPolicyChain = chains.local;
    const usesClusterPolicyChain = clusterEndpoints.length > 0 && (!svc.internalPolicyLocal || (externallyAccessible(svc) && !svc.externalPolicyLocal));
    const usesLocalPolicyChain =
      localEndpoints.length > 0 && (svc.internalPolicyLocal || (externallyAccessible(svc) && svc.externalPolicyLocal));
    let internalPolicyChain = clusterPolicyChain;
    let hasInternalEndpoints = hasEndpoints;
    if (svc.internalPolicyLocal) {
      internalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasInternalEndpoints = false;
    }
    const internalTrafficChain = internalPolicyChain;
    let externalPolicyChain = clusterPolicyChain;
    let hasExternalEndpoints = hasEndpoints;
    if (svc.externalPolicyLocal) {
      externalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasExternalEndpoints = false;
    }
    const externalTrafficChain = chains.external;
    const usesExternalTrafficChain = hasEndpoints && externallyAccessible(svc);
    const fwChain = chains.firewall;
    const usesFWChain = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
    const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

    let internalTrafficFilterTarget = '';
    let internalTrafficFilterComment = '';
    let externalTrafficFilterTarget = '';
    let externalTrafficFilterComment = '';
    if (!hasEndpoints) {
      internalTrafficFilterTarget = externalTrafficFilterTarget = 'REJECT';
      internalTrafficFilterComment = externalTrafficFilterComment = `"${name} has no endpoints"`;
    } else {
      if (!hasInternalEndpoints) {
        internalTrafficFilterTarget = 'DROP';
        internalTrafficFilterComment = `"${name} has no local endpoints"`;
      }
      if (!hasExternalEndpoints) {
        externalTrafficFilterTarget = 'DROP';
        externalTrafficFilterComment = `"${name} has no local endpoints"`;
      }
    }

    const f: ServiceFragment = { filterRules: [], natTopRules: [], natChains: [], natRules: [] };
    const proto = ['-m', protocol, '-p', protocol];

    // Capture the clusterIP.
    if (hasInternalEndpoints) f.natTopRules.push({ chain: kubeServicesChain, spec: new ClusterIPRule(svc, internalTrafficChain, undefined) });
    else
      f.filterRules.push(
        this.line(kubeServicesChain, [...this.comment(internalTrafficFilterComment), ...proto, '-d', svc.clusterIP, '--dport', port, '-j', internalTrafficFilterTarget]),
      );

    // Capture externalIPs.
    for (const ip of svc.externalIPs) {
      if (hasEndpoints)
        f.natTopRules.push(this.line(kubeServicesChain, [...this.comment(`"${name} external IP"`), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficChain]));
      if (!hasExternalEndpoints)
        f.filterRules.push(
          this.line(kubeExternalServicesChain, [...this.comment(externalTrafficFilterComment), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficFilterTarget]),
        );
    }

    // Capture load-balancer ingress.
    for (const ip of svc.loadBalancerVIPs) {
      if (hasEndpoints)
        f.natTopRules.push(
          this.line(kubeServicesChain, [...this.comment(`"${name} loadbalancer IP"`), ...proto, '-d', ip, '--dport', port, '-j', loadBalancerTrafficChain]),
        );
      if (usesFWChain)
        f.filterRules.push(
          this.line(kubeProxyFirewallChain, [...this.comment(`"${name} traffic not accepted by ${fwChain}"`), ...proto, '-d', ip, '--dport', port, '-j', 'DROP']),
        );
    }
    if (!hasExternalEndpoints)
      for (const ip of svc.loadBalancerVIPs)
        f.filterRules.push(
          this.line(kubeExternalServicesChain, [...this.comment(externalTrafficFilterComment), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficFilterTarget]),
        );

    // Capture nodeports.
    if (svc.nodePort !== 0) {
      const np = String(svc.nodePort);
      if (hasEndpoints) {
        if (s.localhostNodePorts && s.nfacctCounters)
          f.natTopRules.push(
            this.line(kubeNodePortsChain, [
              ...this.comment(name),
              ...proto,
              '-d',
              '127.0.0.0/8',
              '--dport',
              np,
              '-m',
              'nfacct',
              '--nfacct-name',
              'localhost_nps_accepted_pkts',
              '-j',
              externalTrafficChain,
            ]),
          );
        f.natTopRules.push(this.line(kubeNodePortsChain, [...this.comment(name), ...proto, '--dport', np, '-j', externalTrafficChain]));
      }
      if (!hasExternalEndpoints)
        f.filterRules.push(
          this.line(kubeExternalServicesChain, [
            ...this.comment(externalTrafficFilterComment),
            '-m',
            'addrtype',
            '--dst-type',
            'LOCAL',
            ...proto,
            '--dport',
            np,
            '-j',
            externalTrafficFilterTarget,
          ]),
        );
    }

    // Capture healthCheckNodePorts.
    if (svc.healthCheckNodePort !== 0)
      f.filterRules.push(
        this.line(kubeNodePortsChain, [...this.comment(`"${name} health check node port"`), '-m', 'tcp', '-p', 'tcp', '--dport', String(svc.healthCheckNodePort), '-j', 'ACCEPT']),
      );

    // Internal traffic handling.
    if (hasInternalEndpoints) {
      if (s.masqueradeAll) f.natRules.push({ chain: internalTrafficChain, spec: new ClusterIPRule(svc, kubeMarkMasqChain, undefined) });
      else if (s.clusterCIDR) f.natRules.push({ chain: internalTrafficChain, spec: new ClusterIPRule(svc, kubeMarkMasqChain, this.notClusterCIDR(s.clusterCIDR)) });
    }

    // External traffic handling.
    if (usesExternalTrafficChain) {
      f.natChains.push(externalTrafficChain);
      if (!svc.externalPolicyLocal) {
        f.natRules.push(this.line(externalTrafficChain, [...this.comment(`"masquerade traffic for ${name} external destinations"`), '-j', kubeMarkMasqChain]));
      } else {
        if (s.clusterCIDR)
          f.natRules.push(
            this.line(externalTrafficChain, [...this.comment(`"pod traffic for ${name} external destinations"`), '-s', s.clusterCIDR, '-j', clusterPolicyChain]),
          );
        f.natRules.push(
          this.line(externalTrafficChain, [
            ...this.comment(`"masquerade LOCAL traffic for ${name} external destinations"`),
            '-m',
            'addrtype',
            '--src-type',
            'LOCAL',
            '-j',
            kubeMarkMasqChain,
          ]),
        );
        f.natRules.push(
          this.line(externalTrafficChain, [
            ...this.comment(`"route LOCAL traffic for ${name} external destinations"`),
            '-m',
            'addrtype',
            '--src-type',
            'LOCAL',
            '-j',
            clusterPolicyChain,
          ]),
        );
      }
      if (hasExternalEndpoints) f.natRules.push(this.line(externalTrafficChain, ['-j', externalPolicyChain]));
    }

    // Firewall chain for loadBalancerSourceRanges.
    if (usesFWChain) {
      f.natChains.push(fwChain);
      const head = this.comment(`"${name} loadbalancer IP"`);
      let allowFromNode = false;
      for (const cidr of svc.loadBalancerSourceRanges) {
        f.natRules.push(this.line(fwChain, [...head, '-s', cidr, '-j', externalTrafficChain]));
        if (addressInCIDR(s.nodeIP, cidr)) allowFromNode = true;
      }
      if (allowFromNode) for (const ip of svc.loadBalancerVIPs) f.natRules.push(this.line(fwChain, [...head, '-s', ip, '-j', externalTrafficChain]));
      f.natRules.push(this.line(fwChain, this.comment(`"other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`)));
    }

    if (usesClusterPolicyChain) {
      f.natChains.push(clusterPolicyChain);
      this.writeServiceToEndpointRules(f, svc, sepName, clusterPolicyChain, clusterEndpoints);
    }
    if (usesLocalPolicyChain) {
      f.natChains.push(localPolicyChain);
      this.writeServiceToEndpointRules(f, svc, sepName, localPolicyChain, localEndpoints);
    }

    // The per-endpoint chains (appendServiceCommentLocked: no per-endpoint comments in large clusters).
    const commented = !this.largeClusterMode;
    for (const ep of allReachableEndpoints) {
      const endpointChain = sepName(ep);
      f.natChains.push(endpointChain);
      f.natRules.push({ chain: endpointChain, spec: new EndpointMasqRule(svc, ep, commented) });
      f.natRules.push({ chain: endpointChain, spec: new EndpointDnatRule(svc, ep, endpointChain, commented) });
    }
    return f;
  }

  private writeServiceToEndpointRules(
    f: ServiceFragment,
    svc: ServicePortInfo,
    sepName: (ep: EndpointInfo) => string,
    svcChain: string,
    endpoints: readonly EndpointInfo[],
  ): void {
    const commented = !this.largeClusterMode;
    if (svc.stickyMaxAgeSeconds > 0)
      for (const ep of endpoints) f.natRules.push({ chain: svcChain, spec: new AffinityJumpRule(svc, ep, sepName(ep), commented) });
    const n = endpoints.length;
    for (let i = 0; i < n; i++) {
      const ep = endpoints[i] as EndpointInfo;
      f.natRules.push({ chain: svcChain, spec: new EndpointJumpRule(svc, ep, sepName(ep), n - i, commented) });
    }
  }

  private notClusterCIDRMatch: SourceMatch | undefined;

  /** `! -s CLUSTER-CIDR` of the masquerade rules, with the network iptables-save prints for it. */
  private notClusterCIDR(cidr: string): SourceMatch {
    let m = this.notClusterCIDRMatch;
    if (m?.restore !== cidr) {
      const a = parseAddress(cidr, false);
      this.notClusterCIDRMatch = m = { restore: cidr, save: `${a.address}/${a.prefix}` };
    }
    return m;
  }

  /** syncProxyRules: build the payload, load it into the node, and say what was written. */
  syncProxyRules(input: SyncInput): SyncResult {
    return this.partialSync(input) ?? this.fullOrPartialSync(input);
  }

  /** The rules every sync writes around the services' own: [nat head, filter head, filter tail]. */
  private fixedRules(): { natHead: RuleLine[]; filterHead: RuleLine[]; filterTail: RuleLine[]; filterChains: string[] } {
    const s = this.settings;
    const natHead = [
      this.fixedLine(kubePostroutingChain, ['-m', 'mark', '!', '--mark', `${this.mark}/${this.mark}`, '-j', 'RETURN']),
      this.fixedLine(kubePostroutingChain, ['-j', 'MARK', '--xor-mark', this.mark]),
      this.fixedLine(kubePostroutingChain, [...this.comment('"kubernetes service traffic requiring SNAT"'), '-j', 'MASQUERADE', ...(s.hasRandomFully ? ['--random-fully'] : [])]),
      this.fixedLine(kubeMarkMasqChain, ['-j', 'MARK', '--or-mark', this.mark]),
    ];
    const filterChains = [kubeServicesChain, kubeExternalServicesChain, kubeForwardChain, kubeNodePortsChain, kubeProxyFirewallChain];
    const filterHead: RuleLine[] = [];
    if (s.localhostNodePorts) {
      filterChains.push(kubeletFirewallChain);
      filterHead.push(
        this.fixedLine(kubeletFirewallChain, [
          ...this.comment('"block incoming localnet connections"'),
          ...['-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'],
        ]),
      );
    }
    const filterTail: RuleLine[] = [];
    if (!s.conntrackTCPLiberal) {
      const rule = ['-m', 'conntrack', '--ctstate', 'INVALID'];
      if (s.nfacctCounters) rule.push('-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts');
      rule.push('-j', 'DROP');
      filterTail.push(this.fixedLine(kubeForwardChain, rule));
    }
    filterTail.push(
      this.fixedLine(kubeForwardChain, [...this.comment('"kubernetes forwarding rules"'), '-m', 'mark', '--mark', `${this.mark}/${this.mark}`, '-j', 'ACCEPT']),
      this.fixedLine(kubeForwardChain, [...this.comment('"kubernetes forwarding conntrack rule"'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']),
    );
    return { natHead, filterHead, filterTail, filterChains };
  }

  private nodePortTail(): RuleLine[] {
    const s = this.settings;
    const catchAll = this.comment('"kubernetes service nodeports; NOTE: this must be the last rule in this chain"');
    if (s.nodePortAddresses.length === 0) {
      const dest = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
      if (!s.localhostNodePorts) dest.push('!', '-d', '127.0.0.0/8');
      return [this.fixedLine(kubeServicesChain, [...catchAll, ...dest, '-j', kubeNodePortsChain])];
    }
    return s.nodePortAddresses
      .filter((cidr) => addressInCIDR(s.nodeIP, cidr))
      .map(() => this.fixedLine(kubeServicesChain, [...catchAll, '-d', s.nodeIP, '-j', kubeNodePortsChain]));
  }

  /**
   * A partial sync in a large cluster that only patches the last layout: the same services in the
   * same order, some of them changed, none with a different number of KUBE-SERVICES/NODEPORTS or
   * filter rules. It writes what upstream's partial sync writes (top-level chains in full, the
   * changed services' chains), without visiting the unchanged services. Undefined when it does not apply.
   */
  private partialSync(input: SyncInput): SyncResult | undefined {
    const layout = this.layout;
    if (input.full || !layout || layout.ports !== input.servicePorts || !this.largeClusterMode) return undefined;
    const changedIdx: number[] = [];
    let total = layout.totalEndpoints;
    const counts = new Map<number, number>();
    for (const name of input.changed) {
      const idx = layout.byName.get(name);
      if (!idx) return undefined;
      for (const i of idx) {
        const n = input.endpoints.get((layout.ports[i] as ServicePortInfo).key)?.length ?? 0;
        total += n - (layout.endpointCounts[i] as number);
        counts.set(i, n);
        changedIdx.push(i);
      }
    }
    if (total <= largeClusterEndpointsThreshold) return undefined;
    const rebuilt = changedIdx.map((i) => {
      const svc = layout.ports[i] as ServicePortInfo;
      return this.buildFragment(svc, input.endpoints.get(svc.key) ?? []);
    });
    for (let k = 0; k < changedIdx.length; k++) {
      const old = layout.fragments[changedIdx[k] as number] as ServiceFragment;
      const f = rebuilt[k] as ServiceFragment;
      if (f.filterRules.length !== old.filterRules.length || f.natTopRules.length !== old.natTopRules.length) return undefined;
    }
    changedIdx.forEach((i, k) => {
      const f = rebuilt[k] as ServiceFragment;
      layout.fragments[i] = f;
      layout.endpointCounts[i] = counts.get(i) as number;
      f.filterRules.forEach((r, j) => (layout.filterRules[(layout.filterOffsets[i] as number) + j] = r));
      f.natTopRules.forEach((r, j) => (layout.natTopRules[(layout.natTopOffsets[i] as number) + j] = r));
      const svc = layout.ports[i] as ServicePortInfo;
      const cached = this.fragments.get(svc.key);
      if (cached) cached.fragment = f;
    });
    layout.totalEndpoints = total;

    const { natHead, filterHead, filterTail, filterChains } = this.fixedRules();
    const tail = this.nodePortTail();
    const natChains = [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain];
    const changedNat: RuleLine[] = [];
    for (const f of rebuilt) {
      for (const c of f.natChains) natChains.push(c);
      for (const r of f.natRules) changedNat.push(r);
    }
    const filterRules = [...filterHead, ...layout.filterRules, ...filterTail];
    // Chains are rewritten whole; the order of rules across chains in a payload does not matter.
    const tables: RestoreTable[] = [
      { table: 'filter', chains: filterChains.map((name) => ({ name })), rules: filterRules, deleteChains: [] },
      { table: 'nat', chains: natChains.map((name) => ({ name })), rules: [...natHead, ...layout.natTopRules, ...changedNat, ...tail], deleteChains: [] },
    ];
    for (const t of tables) this.nf.restoreTable(t, { noflush: true, trusted: true });
    const changedSet = new Set(changedIdx);
    const restoreText = (): string => {
      const out: string[] = ['*filter'];
      for (const c of filterChains) out.push(`:${c} - [0:0]`);
      for (const r of filterRules) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      out.push('COMMIT', '*nat');
      for (const c of natChains) out.push(`:${c} - [0:0]`);
      for (const r of natHead) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      layout.fragments.forEach((f, i) => {
        for (const r of f.natTopRules) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
        if (changedSet.has(i)) for (const r of f.natRules) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      });
      for (const r of tail) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      out.push('COMMIT');
      return `${out.join('\n')}\n`;
    };
    return { full: false, tables, rewrittenServices: new Set(changedIdx.map((i) => (layout.ports[i] as ServicePortInfo).namespacedName)).size, deletedChains: [], restoreText };
  }

  /** Remember how this sync laid the services out; `fragments` and `endpoints` follow `input.servicePorts`. */
  private recordLayout(input: SyncInput, fragments: ServiceFragment[], endpoints: readonly (readonly EndpointInfo[])[], totalEndpoints: number): void {
    const endpointCounts: number[] = [];
    const byName = new Map<string, number[]>();
    const filterRules: RuleLine[] = [];
    const filterOffsets: number[] = [];
    const natTopRules: RuleLine[] = [];
    const natTopOffsets: number[] = [];
    input.servicePorts.forEach((svc, i) => {
      const f = fragments[i] as ServiceFragment;
      endpointCounts.push((endpoints[i] as readonly EndpointInfo[]).length);
      const idx = byName.get(svc.namespacedName);
      if (idx) idx.push(i);
      else byName.set(svc.namespacedName, [i]);
      filterOffsets.push(filterRules.length);
      for (const r of f.filterRules) filterRules.push(r);
      natTopOffsets.push(natTopRules.length);
      for (const r of f.natTopRules) natTopRules.push(r);
    });
    this.layout = { ports: input.servicePorts, fragments, endpointCounts, byName, filterRules, filterOffsets, natTopRules, natTopOffsets, totalEndpoints };
  }

  private fullOrPartialSync(input: SyncInput): SyncResult {
    const doFullSync = input.full;
    if (doFullSync) ensureIptablesJumpChains(this.nf);

    // Each service port's endpoints, looked up once for the count, the rules and the layout.
    const endpoints: (readonly EndpointInfo[])[] = [];
    let totalEndpoints = 0;
    for (const svc of input.servicePorts) {
      const eps = input.endpoints.get(svc.key) ?? [];
      endpoints.push(eps);
      totalEndpoints += eps.length;
    }
    const large = totalEndpoints > largeClusterEndpointsThreshold;
    const modeFlipped = large !== this.largeClusterMode;
    this.largeClusterMode = large;

    const { natHead, filterHead, filterTail, filterChains } = this.fixedRules();
    const natChains = [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain];
    const filterRules: RuleLine[] = [...filterHead];
    const natRules: RuleLine[] = [...natHead];

    // Stale chains are only looked for when this sync deletes them (in large clusters only on full
    // syncs), and only if the nat table holds any service chain at all (not on the first sync).
    let cleanup = !large || doFullSync;
    if (cleanup) {
      cleanup = false;
      const nat = this.nf.tables.get('nat');
      if (nat) for (const chain of nat.chains.keys()) if (isServiceChainName(chain)) { cleanup = true; break; }
    }
    const activeNATChains = new Set<string>();
    const generation = ++this.generation;
    let seen = 0;
    let rewritten = 0;
    const fragments: ServiceFragment[] = [];
    for (const svc of input.servicePorts) {
      const key = svc.key;
      const changed = doFullSync || modeFlipped || input.changed.has(svc.namespacedName);
      let cached = this.fragments.get(key);
      if (!cached || changed) {
        cached = { fragment: this.buildFragment(svc, endpoints[seen] as readonly EndpointInfo[]), large, generation };
        this.fragments.set(key, cached);
      } else cached.generation = generation;
      seen++;
      const f = cached.fragment;
      fragments.push(f);
      for (const r of f.filterRules) filterRules.push(r);
      for (const r of f.natTopRules) natRules.push(r);
      if (cleanup) for (const c of f.natChains) activeNATChains.add(c);
      if (changed) {
        rewritten++;
        for (const c of f.natChains) natChains.push(c);
        for (const r of f.natRules) natRules.push(r);
      }
    }
    if (seen !== this.fragments.size) for (const [key, c] of [...this.fragments]) if (c.generation !== generation) this.fragments.delete(key);
    this.recordLayout(input, fragments, endpoints, totalEndpoints);

    // Delete chains no longer in use.
    const deletedChains: string[] = [];
    const deleteLines: string[] = [];
    if (cleanup) {
      const nat = this.nf.tables.get('nat');
      if (nat)
        for (const chain of nat.chains.keys())
          if (!activeNATChains.has(chain) && isServiceChainName(chain)) {
            natChains.push(chain);
            deletedChains.push(chain);
            deleteLines.push(chain);
          }
    }

    const nodePortTail = this.nodePortTail();
    for (const r of filterTail) filterRules.push(r);

    const tables: RestoreTable[] = [
      { table: 'filter', chains: filterChains.map((name) => ({ name })), rules: filterRules, deleteChains: [] },
      { table: 'nat', chains: natChains.map((name) => ({ name })), rules: [...natRules, ...nodePortTail], deleteChains: deletedChains },
    ];
    for (const t of tables) this.nf.restoreTable(t, { noflush: true, trusted: true });

    const restoreText = (): string => {
      const out: string[] = ['*filter'];
      for (const c of filterChains) out.push(`:${c} - [0:0]`);
      for (const r of filterRules) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      out.push('COMMIT', '*nat');
      for (const c of natChains) out.push(`:${c} - [0:0]`);
      for (const r of natRules) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      for (const c of deleteLines) out.push(`-X ${c}`);
      for (const r of nodePortTail) out.push(`-A ${r.chain} ${r.spec.restoreText}`);
      out.push('COMMIT');
      return `${out.join('\n')}\n`;
    };
    return { full: doFullSync, tables, rewrittenServices: rewritten, deletedChains, restoreText };
  }
}

export { serviceExternalChainName, serviceFirewallChainName, servicePortPolicyLocalChainName };
