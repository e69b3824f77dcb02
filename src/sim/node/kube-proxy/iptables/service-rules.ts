/**
 * The rule shapes kube-proxy writes for every service port and endpoint (the cluster IP capture
 * and masquerade rules, the KUBE-SVC/SVL jumps to endpoints, the KUBE-SEP rules), as rule specs
 * that spell themselves from the service port, the endpoint and a chain name when read, both as
 * kube-proxy writes them to iptables-restore and as iptables-save prints them back; and the
 * KUBE-SVC/SVL and KUBE-SEP chains as rule lists that make those specs when read.
 *
 * They are most of a big node's rules (150,000 of 170,000 for 10,000 services with 5 endpoints),
 * and keeping two strings per rule made a full sync mostly allocation and garbage collection; the
 * fields they spell from are objects kube-proxy holds anyway. Every spelling is checked against
 * the generic parser in proxier.test.ts.
 */
import { kubeMarkMasqChain, type EndpointChainNames } from '../chain-names';
import type { RuleList } from '../../netfilter/chain';
import { RuleSpec, savedProbability, saveString } from '../../netfilter/rule';
import type { EndpointInfo, ServicePortInfo } from '../service-port';

const LOWER: Readonly<Record<string, string>> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

/** The protocol as iptables spells it (`-p tcp`), without a new string per rule. */
export function protocolOf(svc: ServicePortInfo): string {
  return LOWER[svc.protocol] ?? svc.protocol.toLowerCase();
}

const probabilities: string[] = [];
const savedProbabilities: string[] = [];

/** computeProbability: `%0.10f` of 1/n. */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** proxier.probability: computeProbability, remembered per n. */
function probability(n: number): string {
  return (probabilities[n] ??= computeProbability(n));
}

/** The same probability as iptables-save prints it back (%.11f of what the kernel stored). */
function savedProbabilityOf(n: number): string {
  return (savedProbabilities[n] ??= savedProbability(probability(n)));
}

/** A source match kube-proxy adds (`! -s CLUSTER-CIDR`), with the network iptables saves for it. */
export interface SourceMatch {
  readonly restore: string;
  readonly save: string;
}

/**
 * `-m comment --comment "NAME cluster IP" -m tcp -p tcp -d CLUSTER-IP --dport PORT [! -s CIDR] -j TARGET`:
 * the KUBE-SERVICES capture of a cluster IP, and (with KUBE-MARK-MASQ) the service chain's masquerade rule.
 */
export class ClusterIPRule extends RuleSpec {
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly jump: string,
    private readonly notSource: SourceMatch | undefined,
  ) {
    super();
  }
  get restoreText(): string {
    const p = protocolOf(this.svc);
    const notSource = this.notSource ? ` ! -s ${this.notSource.restore}` : '';
    return `-m comment --comment "${this.svc.nameString} cluster IP" -m ${p} -p ${p} -d ${this.svc.clusterIP} --dport ${this.svc.port}${notSource} -j ${this.jump}`;
  }
  get saveText(): string {
    const p = protocolOf(this.svc);
    const notSource = this.notSource ? `! -s ${this.notSource.save} ` : '';
    const comment = saveString(`${this.svc.nameString} cluster IP`);
    return `${notSource}-d ${this.svc.clusterIP}/32 -p ${p} -m comment --comment ${comment} -m ${p} --dport ${this.svc.port} -j ${this.jump}`;
  }
}

/** `-m comment --comment "NAME -> ENDPOINT" ` before a per-endpoint rule, unless in largeClusterMode. */
function endpointComment(svc: ServicePortInfo, ep: EndpointInfo, commented: boolean): string {
  return commented ? `-m comment --comment "${svc.nameString} -> ${ep.endpoint}" ` : '';
}

function savedEndpointComment(svc: ServicePortInfo, ep: EndpointInfo, commented: boolean): string {
  return commented ? `-m comment --comment ${saveString(`${svc.nameString} -> ${ep.endpoint}`)} ` : '';
}

/** A KUBE-SVC/SVL jump to an endpoint's chain: `-m statistic ... --probability 1/n` but for the last. */
export class EndpointJumpRule extends RuleSpec {
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly ep: EndpointInfo,
    private readonly sep: string,
    /** How many endpoints are left to choose from (n - i); 1 for the last, which takes the rest. */
    private readonly remaining: number,
    private readonly commented: boolean,
  ) {
    super();
  }
  get restoreText(): string {
    const statistic = this.remaining > 1 ? `-m statistic --mode random --probability ${probability(this.remaining)} ` : '';
    return `${endpointComment(this.svc, this.ep, this.commented)}${statistic}-j ${this.sep}`;
  }
  get saveText(): string {
    const statistic = this.remaining > 1 ? `-m statistic --mode random --probability ${savedProbabilityOf(this.remaining)} ` : '';
    return `${savedEndpointComment(this.svc, this.ep, this.commented)}${statistic}-j ${this.sep}`;
  }
}

/** ClientIP affinity: a KUBE-SVC/SVL jump to the endpoint this client was recently sent to. */
export class AffinityJumpRule extends RuleSpec {
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly ep: EndpointInfo,
    private readonly sep: string,
    private readonly commented: boolean,
  ) {
    super();
  }
  get restoreText(): string {
    const seconds = this.svc.stickyMaxAgeSeconds;
    return `${endpointComment(this.svc, this.ep, this.commented)}-m recent --name ${this.sep} --rcheck --seconds ${seconds} --reap -j ${this.sep}`;
  }
  get saveText(): string {
    const seconds = this.svc.stickyMaxAgeSeconds;
    const comment = savedEndpointComment(this.svc, this.ep, this.commented);
    return `${comment}-m recent --rcheck --seconds ${seconds} --reap --name ${this.sep} --mask 255.255.255.255 --rsource -j ${this.sep}`;
  }
}

/** The KUBE-SEP chain's comment (the service port name, unquoted as kube-proxy writes it). */
function sepComment(svc: ServicePortInfo, commented: boolean): string {
  return commented ? `-m comment --comment ${svc.nameString} ` : '';
}

function savedSepComment(svc: ServicePortInfo, commented: boolean): string {
  return commented ? `-m comment --comment ${saveString(svc.nameString)} ` : '';
}

/** A KUBE-SEP chain's first rule: hairpin traffic from the endpoint itself is masqueraded. */
export class EndpointMasqRule extends RuleSpec {
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly ep: EndpointInfo,
    private readonly commented: boolean,
  ) {
    super();
  }
  get restoreText(): string {
    return `${sepComment(this.svc, this.commented)}-s ${this.ep.ip} -j ${kubeMarkMasqChain}`;
  }
  get saveText(): string {
    const host = `${this.ep.ip}/${this.ep.ip.includes(':') ? 128 : 32}`;
    return `-s ${host} ${savedSepComment(this.svc, this.commented)}-j ${kubeMarkMasqChain}`;
  }
}

/** A KUBE-SEP chain's DNAT to the endpoint (remembering the client for ClientIP affinity). */
export class EndpointDnatRule extends RuleSpec {
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly ep: EndpointInfo,
    private readonly sep: string,
    private readonly commented: boolean,
  ) {
    super();
  }
  get restoreText(): string {
    const p = protocolOf(this.svc);
    const recent = this.svc.stickyMaxAgeSeconds > 0 ? `-m recent --name ${this.sep} --set ` : '';
    return `${sepComment(this.svc, this.commented)}${recent}-m ${p} -p ${p} -j DNAT --to-destination ${this.ep.endpoint}`;
  }
  get saveText(): string {
    const p = protocolOf(this.svc);
    const recent = this.svc.stickyMaxAgeSeconds > 0 ? `-m recent --set --name ${this.sep} --mask 255.255.255.255 --rsource ` : '';
    return `-p ${p} ${savedSepComment(this.svc, this.commented)}${recent}-m ${p} -j DNAT --to-destination ${this.ep.endpoint}`;
  }
}

/**
 * A KUBE-SEP chain's two rules, made when read: the chain is held as this one object rather than
 * two specs and an array, for each of a big node's 50,000 endpoints.
 */
export class EndpointChainRules implements RuleList {
  get length(): number {
    return 2;
  }
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly ep: EndpointInfo,
    private readonly sep: string,
    private readonly commented: boolean,
  ) {}
  at(i: number): RuleSpec | undefined {
    if (i === 0) return new EndpointMasqRule(this.svc, this.ep, this.commented);
    if (i === 1) return new EndpointDnatRule(this.svc, this.ep, this.sep, this.commented);
    return undefined;
  }
}

/**
 * A KUBE-SVC/SVL chain's rules, made when read: `lead` (the cluster IP's masquerade rule) if
 * any, a ClientIP affinity jump per endpoint, then the jumps to the endpoints by probability.
 */
export class ServiceChainRules implements RuleList {
  readonly length: number;
  private readonly first: number;
  private readonly affinity: number;
  constructor(
    private readonly svc: ServicePortInfo,
    private readonly lead: RuleSpec | undefined,
    private readonly endpoints: readonly EndpointInfo[],
    private readonly sepNames: EndpointChainNames,
    private readonly commented: boolean,
  ) {
    this.first = lead ? 1 : 0;
    this.affinity = svc.stickyMaxAgeSeconds > 0 ? endpoints.length : 0;
    this.length = this.first + this.affinity + endpoints.length;
  }
  at(i: number): RuleSpec | undefined {
    if (i < 0 || i >= this.length) return undefined;
    if (i < this.first) return this.lead;
    const svc = this.svc;
    let k = i - this.first;
    if (k < this.affinity) {
      const ep = this.endpoints[k] as EndpointInfo;
      return new AffinityJumpRule(svc, ep, this.sepNames.name(ep.endpoint), this.commented);
    }
    k -= this.affinity;
    const ep = this.endpoints[k] as EndpointInfo;
    return new EndpointJumpRule(svc, ep, this.sepNames.name(ep.endpoint), this.endpoints.length - k, this.commented);
  }
}
