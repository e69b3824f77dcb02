/**
 * kube-proxy's iptables mode as v1.32 writes it (pkg/proxy/iptables/proxier.go): the jump rules
 * it ensures on a full sync, and syncProxyRules, which builds the `iptables-restore --noflush`
 * payload for the filter and nat tables and loads it into the node's netfilter.
 *
 * Upstream rebuilds every rule on every sync and, on a partial sync, leaves out the SVC/SVL/EXT/FW/SEP
 * chains of services that did not change. Here each service port's rules are kept as a fragment
 * (service-fragment.ts) and rebuilt only when the service or its endpoints changed, so a
 * one-endpoint change costs one service; the payload it writes is the same as upstream's. The
 * rewritten services' chains go to the node's netfilter whole, as the rule lists the fragments hold.
 * Service order in KUBE-SERVICES follows the order services are given (upstream ranges over a Go
 * map, so on a real node it changes from sync to sync).
 */
import type { Netfilter, RestoreTable, RuleList, TableName } from '../../netfilter/netfilter';
import { parseAddress, trustedRule, type RuleSpec } from '../../netfilter/rule';
import { writeNatChainRules, type RuleLine, type ServiceFragment } from './service-fragment';
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
  servicePortEndpointChainNames,
  servicePortChains,
  servicePortPolicyLocalChainName,
} from '../chain-names';
import { masqueradeMarkString, type ProxierSettings } from '../config';
import { addressInCIDR } from '../cidr';
import { categorizeEndpoints, externallyAccessible, type EndpointInfo, type ServicePortInfo } from '../service-port';
import { ClusterIPRule, computeProbability, EndpointChainRules, protocolOf, ServiceChainRules, type SourceMatch } from './service-rules';

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

/** Filter or KUBE-SERVICES rules of a service port that writes none (shared, never changed). */
const noRules: readonly RuleLine[] = [];
/** The nat chains every restore declares before the services' own. */
const NAT_TOP_CHAINS: readonly string[] = [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain];

/** The last sync's per-service rules in order, with where each service's rules sit. */
interface Layout {
  readonly ports: readonly ServicePortInfo[];
  fragments: ServiceFragment[];
  readonly endpointCounts: number[];
  /** `namespacedName` -> indices into `ports`. */
  readonly byName: ReadonlyMap<string, number | readonly number[]>;
  readonly filterRules: RuleLine[];
  readonly filterOffsets: readonly number[];
  readonly natTopRules: RuleLine[];
  readonly natTopOffsets: readonly number[];
  totalEndpoints: number;
}

export interface SyncInput {
  readonly servicePorts: readonly ServicePortInfo[];
  /**
   * The endpoints of a service port (keyed by `ServicePortInfo.key`). Callers pass the port's
   * `namespacedName` too, which a lookup grouped by Service uses rather than cutting it from the key.
   */
  readonly endpoints: { get(key: string, namespacedName: string): readonly EndpointInfo[] | undefined };
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
    const sepNames = servicePortEndpointChainNames(name, protocol);
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

    const filterRules: RuleLine[] = [];
    const natTopRules: RuleLine[] = [];
    const proto = ['-m', protocol, '-p', protocol];

    // Capture the clusterIP.
    if (hasInternalEndpoints) natTopRules.push({ chain: kubeServicesChain, spec: new ClusterIPRule(svc, internalTrafficChain, undefined) });
    else
      filterRules.push(
        this.line(kubeServicesChain, [...this.comment(internalTrafficFilterComment), ...proto, '-d', svc.clusterIP, '--dport', port, '-j', internalTrafficFilterTarget]),
      );

    // Capture externalIPs.
    for (const ip of svc.externalIPs) {
      if (hasEndpoints)
        natTopRules.push(this.line(kubeServicesChain, [...this.comment(`"${name} external IP"`), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficChain]));
      if (!hasExternalEndpoints)
        filterRules.push(
          this.line(kubeExternalServicesChain, [...this.comment(externalTrafficFilterComment), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficFilterTarget]),
        );
    }

    // Capture load-balancer ingress.
    for (const ip of svc.loadBalancerVIPs) {
      if (hasEndpoints)
        natTopRules.push(
          this.line(kubeServicesChain, [...this.comment(`"${name} loadbalancer IP"`), ...proto, '-d', ip, '--dport', port, '-j', loadBalancerTrafficChain]),
        );
      if (usesFWChain)
        filterRules.push(
          this.line(kubeProxyFirewallChain, [...this.comment(`"${name} traffic not accepted by ${fwChain}"`), ...proto, '-d', ip, '--dport', port, '-j', 'DROP']),
        );
    }
    if (!hasExternalEndpoints)
      for (const ip of svc.loadBalancerVIPs)
        filterRules.push(
          this.line(kubeExternalServicesChain, [...this.comment(externalTrafficFilterComment), ...proto, '-d', ip, '--dport', port, '-j', externalTrafficFilterTarget]),
        );

    // Capture nodeports.
    if (svc.nodePort !== 0) {
      const np = String(svc.nodePort);
      if (hasEndpoints) {
        if (s.localhostNodePorts && s.nfacctCounters)
          natTopRules.push(
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
        natTopRules.push(this.line(kubeNodePortsChain, [...this.comment(name), ...proto, '--dport', np, '-j', externalTrafficChain]));
      }
      if (!hasExternalEndpoints)
        filterRules.push(
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
      filterRules.push(
        this.line(kubeNodePortsChain, [...this.comment(`"${name} health check node port"`), '-m', 'tcp', '-p', 'tcp', '--dport', String(svc.healthCheckNodePort), '-j', 'ACCEPT']),
      );

    // Internal traffic handling: the masquerade rule is written first, to the internal chain.
    let internalMasq: RuleSpec | undefined;
    if (hasInternalEndpoints) {
      if (s.masqueradeAll) internalMasq = new ClusterIPRule(svc, kubeMarkMasqChain, undefined);
      else if (s.clusterCIDR) internalMasq = new ClusterIPRule(svc, kubeMarkMasqChain, this.notClusterCIDR(s.clusterCIDR));
    }

    // External traffic handling.
    const ext: RuleSpec[] = [];
    if (usesExternalTrafficChain) {
      if (!svc.externalPolicyLocal) {
        ext.push(trustedRule([...this.comment(`"masquerade traffic for ${name} external destinations"`), '-j', kubeMarkMasqChain]));
      } else {
        if (s.clusterCIDR)
          ext.push(
            trustedRule([...this.comment(`"pod traffic for ${name} external destinations"`), '-s', s.clusterCIDR, '-j', clusterPolicyChain]),
          );
        ext.push(
          trustedRule([
            ...this.comment(`"masquerade LOCAL traffic for ${name} external destinations"`),
            '-m',
            'addrtype',
            '--src-type',
            'LOCAL',
            '-j',
            kubeMarkMasqChain,
          ]),
        );
        ext.push(
          trustedRule([
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
      if (hasExternalEndpoints) ext.push(trustedRule(['-j', externalPolicyChain]));
    }

    // Firewall chain for loadBalancerSourceRanges.
    const fw: RuleSpec[] = [];
    if (usesFWChain) {
      const head = this.comment(`"${name} loadbalancer IP"`);
      let allowFromNode = false;
      for (const cidr of svc.loadBalancerSourceRanges) {
        fw.push(trustedRule([...head, '-s', cidr, '-j', externalTrafficChain]));
        if (addressInCIDR(s.nodeIP, cidr)) allowFromNode = true;
      }
      if (allowFromNode) for (const ip of svc.loadBalancerVIPs) fw.push(trustedRule([...head, '-s', ip, '-j', externalTrafficChain]));
      fw.push(trustedRule(this.comment(`"other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`)));
    }

    // The service's chains in the order kube-proxy declares them, with their rules; the node's
    // tables keep these lists, so the arrays are made to their size (a grown one keeps spare room).
    const chainCount = (usesExternalTrafficChain ? 1 : 0) + (usesFWChain ? 1 : 0) + (usesClusterPolicyChain ? 1 : 0) + (usesLocalPolicyChain ? 1 : 0) + allReachableEndpoints.length;
    const names = new Array<string>(chainCount);
    const rules = new Array<RuleList>(chainCount);
    const commented = !this.largeClusterMode;
    let n = 0;
    let leadChain = -1;
    if (usesExternalTrafficChain) {
      names[n] = externalTrafficChain;
      rules[n++] = ext;
    }
    if (usesFWChain) {
      names[n] = fwChain;
      rules[n++] = fw;
    }
    if (usesClusterPolicyChain) {
      const lead = internalTrafficChain === clusterPolicyChain ? internalMasq : undefined;
      if (lead) leadChain = n;
      names[n] = clusterPolicyChain;
      rules[n++] = new ServiceChainRules(svc, lead, clusterEndpoints, sepNames, commented);
    }
    if (usesLocalPolicyChain) {
      const lead = internalTrafficChain === localPolicyChain ? internalMasq : undefined;
      if (lead) leadChain = n;
      names[n] = localPolicyChain;
      rules[n++] = new ServiceChainRules(svc, lead, localEndpoints, sepNames, commented);
    }

    // The per-endpoint chains (appendServiceCommentLocked: no per-endpoint comments in large clusters).
    for (const ep of allReachableEndpoints) {
      const endpointChain = sepNames.name(ep.endpoint);
      names[n] = endpointChain;
      rules[n++] = new EndpointChainRules(svc, ep, endpointChain, commented);
    }
    return { filterRules: filterRules.length === 0 ? noRules : filterRules, natTopRules: natTopRules.slice(), names, rules, leadChain };
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
      if (idx === undefined) return undefined;
      for (const i of typeof idx === 'number' ? [idx] : idx) {
        const n = input.endpoints.get((layout.ports[i] as ServicePortInfo).key, name)?.length ?? 0;
        total += n - (layout.endpointCounts[i] as number);
        counts.set(i, n);
        changedIdx.push(i);
      }
    }
    if (total <= largeClusterEndpointsThreshold) return undefined;
    const rebuilt = changedIdx.map((i) => {
      const svc = layout.ports[i] as ServicePortInfo;
      return this.buildFragment(svc, input.endpoints.get(svc.key, svc.namespacedName) ?? []);
    });
    for (let k = 0; k < changedIdx.length; k++) {
      const old = layout.fragments[changedIdx[k] as number] as ServiceFragment;
      const f = rebuilt[k] as ServiceFragment;
      if (f.filterRules.length !== old.filterRules.length || f.natTopRules.length !== old.natTopRules.length) return undefined;
    }
    // A copy to patch: the restore text of an earlier sync still reads the one it was made with.
    layout.fragments = layout.fragments.slice();
    changedIdx.forEach((i, k) => {
      const f = rebuilt[k] as ServiceFragment;
      layout.fragments[i] = f;
      layout.endpointCounts[i] = counts.get(i) as number;
      f.filterRules.forEach((r, j) => (layout.filterRules[(layout.filterOffsets[i] as number) + j] = r));
      f.natTopRules.forEach((r, j) => (layout.natTopRules[(layout.natTopOffsets[i] as number) + j] = r));
    });
    layout.totalEndpoints = total;

    const { natHead, filterHead, filterTail, filterChains } = this.fixedRules();
    const tail = this.nodePortTail();
    const filterRules = [...filterHead, ...layout.filterRules, ...filterTail];
    // Chains are rewritten whole; the order of rules across chains in a payload does not matter.
    const tables: RestoreTable[] = [
      { table: 'filter', chains: filterChains.map((name) => ({ name })), rules: filterRules, deleteChains: [] },
      { table: 'nat', chains: NAT_TOP_CHAINS.map((name) => ({ name })), rules: [...natHead, ...layout.natTopRules, ...tail], deleteChains: [], wholeChains: rebuilt },
    ];
    for (const t of tables) this.nf.restoreTable(t, { noflush: true, trusted: true });
    const fragments = layout.fragments;
    const restoreText = (): string => this.restoreText(filterChains, filterRules, rebuilt, natHead, fragments, [], tail);
    return { full: false, tables, rewrittenServices: new Set(changedIdx.map((i) => (layout.ports[i] as ServicePortInfo).namespacedName)).size, deletedChains: [], restoreText };
  }

  /**
   * The payload as kube-proxy hands it to iptables-restore: filter, then nat with the top-level
   * chains, the rewritten services' chains and the deleted ones declared, every service's
   * KUBE-SERVICES/NODEPORTS rules with the rewritten services' own rules after them, the `-X`
   * lines, and the KUBE-SERVICES catch-all last.
   */
  private restoreText(
    filterChains: readonly string[],
    filterRules: readonly RuleLine[],
    rewritten: readonly ServiceFragment[],
    natHead: readonly RuleLine[],
    fragments: readonly ServiceFragment[],
    deletedChains: readonly string[],
    tail: readonly RuleLine[],
  ): string {
    const out: string[] = ['*filter'];
    const rule = (r: RuleLine) => out.push(`-A ${r.chain} ${r.spec.restoreText}`);
    for (const c of filterChains) out.push(`:${c} - [0:0]`);
    filterRules.forEach(rule);
    out.push('COMMIT', '*nat');
    for (const c of NAT_TOP_CHAINS) out.push(`:${c} - [0:0]`);
    for (const f of rewritten) for (const c of f.names) out.push(`:${c} - [0:0]`);
    for (const c of deletedChains) out.push(`:${c} - [0:0]`);
    natHead.forEach(rule);
    const isRewritten = new Set(rewritten);
    for (const f of fragments) {
      f.natTopRules.forEach(rule);
      if (isRewritten.has(f)) writeNatChainRules(out, f);
    }
    for (const c of deletedChains) out.push(`-X ${c}`);
    tail.forEach(rule);
    out.push('COMMIT');
    return `${out.join('\n')}\n`;
  }

  /** The fragment the last sync wrote for this service port (by its name, then its key), if any. */
  private lastFragment(svc: ServicePortInfo): ServiceFragment | undefined {
    const layout = this.layout;
    const idx = layout?.byName.get(svc.namespacedName);
    if (!layout || idx === undefined) return undefined;
    for (const i of typeof idx === 'number' ? [idx] : idx) if ((layout.ports[i] as ServicePortInfo).key === svc.key) return layout.fragments[i];
    return undefined;
  }

  private fullOrPartialSync(input: SyncInput): SyncResult {
    const doFullSync = input.full;
    if (doFullSync) ensureIptablesJumpChains(this.nf);

    // Each service port's endpoints, looked up once for the count, the rules and the layout.
    const endpoints: (readonly EndpointInfo[])[] = [];
    let totalEndpoints = 0;
    for (const svc of input.servicePorts) {
      const eps = input.endpoints.get(svc.key, svc.namespacedName) ?? [];
      endpoints.push(eps);
      totalEndpoints += eps.length;
    }
    const large = totalEndpoints > largeClusterEndpointsThreshold;
    const modeFlipped = large !== this.largeClusterMode;
    this.largeClusterMode = large;

    const { natHead, filterHead, filterTail, filterChains } = this.fixedRules();

    // Stale chains are only looked for when this sync deletes them (in large clusters only on full
    // syncs), and only if the nat table holds any service chain at all (not on the first sync).
    let cleanup = !large || doFullSync;
    if (cleanup) {
      cleanup = false;
      const nat = this.nf.tables.get('nat');
      if (nat) for (const chain of nat.chains.keys()) if (isServiceChainName(chain)) { cleanup = true; break; }
    }
    const activeNATChains = new Set<string>();
    // The layout a later partial sync patches, built as the services are visited.
    const fragments: ServiceFragment[] = [];
    const endpointCounts: number[] = [];
    // A service's one port by its index; an array only for services with several.
    const byName = new Map<string, number | number[]>();
    const layoutFilterRules: RuleLine[] = [];
    const filterOffsets: number[] = [];
    const natTopRules: RuleLine[] = [];
    const natTopOffsets: number[] = [];
    const rewritten: ServiceFragment[] = [];
    const ports = input.servicePorts;
    for (let i = 0; i < ports.length; i++) {
      const svc = ports[i] as ServicePortInfo;
      const changed = doFullSync || modeFlipped || input.changed.has(svc.namespacedName);
      let f = changed ? undefined : this.lastFragment(svc);
      if (!f) f = this.buildFragment(svc, endpoints[i] as readonly EndpointInfo[]);
      fragments.push(f);
      endpointCounts.push((endpoints[i] as readonly EndpointInfo[]).length);
      const idx = byName.get(svc.namespacedName);
      if (idx === undefined) byName.set(svc.namespacedName, i);
      else if (typeof idx === 'number') byName.set(svc.namespacedName, [idx, i]);
      else idx.push(i);
      filterOffsets.push(layoutFilterRules.length);
      for (const r of f.filterRules) layoutFilterRules.push(r);
      natTopOffsets.push(natTopRules.length);
      for (const r of f.natTopRules) natTopRules.push(r);
      if (cleanup) for (const c of f.names) activeNATChains.add(c);
      if (changed) rewritten.push(f);
    }
    this.layout = { ports, fragments, endpointCounts, byName, filterRules: layoutFilterRules, filterOffsets, natTopRules, natTopOffsets, totalEndpoints };

    // Delete chains no longer in use.
    const deletedChains: string[] = [];
    if (cleanup) {
      const nat = this.nf.tables.get('nat');
      if (nat) for (const chain of nat.chains.keys()) if (!activeNATChains.has(chain) && isServiceChainName(chain)) deletedChains.push(chain);
    }

    const nodePortTail = this.nodePortTail();
    const filterRules = [...filterHead, ...layoutFilterRules, ...filterTail];
    const tables: RestoreTable[] = [
      { table: 'filter', chains: filterChains.map((name) => ({ name })), rules: filterRules, deleteChains: [] },
      {
        table: 'nat',
        chains: [...NAT_TOP_CHAINS, ...deletedChains].map((name) => ({ name })),
        rules: [...natHead, ...natTopRules, ...nodePortTail],
        deleteChains: deletedChains,
        wholeChains: rewritten,
      },
    ];
    for (const t of tables) this.nf.restoreTable(t, { noflush: true, trusted: true });

    const restoreText = (): string =>
      this.restoreText(filterChains, filterRules, rewritten, natHead, fragments, deletedChains, nodePortTail);
    return { full: doFullSync, tables, rewrittenServices: rewritten.length, deletedChains, restoreText };
  }
}

export { serviceExternalChainName, serviceFirewallChainName, servicePortPolicyLocalChainName };
