/**
 * The part of KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) and of the node's
 * environment that decides what rules kube-proxy writes. Defaults are kubeadm's and a real node's.
 */

export type ProxyMode = 'iptables' | 'ipvs' | 'userspace';

export interface ProxierSettings {
  readonly nodeName: string;
  readonly nodeIP: string;
  /** `clusterCIDR`: the local-traffic detector's pod range. Absent: no detector, no `! -s` masquerade rule. */
  readonly clusterCIDR?: string;
  /** `iptables.masqueradeAll`. */
  readonly masqueradeAll: boolean;
  /** `iptables.masqueradeBit` (14 gives mark 0x4000). */
  readonly masqueradeBit: number;
  /** `iptables.localhostNodePorts`. */
  readonly localhostNodePorts: boolean;
  /** The mark exactly as kube-proxy spells it in restore text; default `fmt.Sprintf("%#08x", 1<<bit)`. */
  readonly masqueradeMark?: string;
  /** Whether the nfacct counters kube-proxy asks for exist (they do on a v1.32 node with nfnetlink_acct). */
  readonly nfacctCounters: boolean;
  /** sysctl net.netfilter.nf_conntrack_tcp_be_liberal != 0: no INVALID drop rule. */
  readonly conntrackTCPLiberal: boolean;
  /** iptables supports `--random-fully` (1.6.2 and later: true on a real node). */
  readonly hasRandomFully: boolean;
  /** `nodePortAddresses`: CIDRs; empty means every local address. */
  readonly nodePortAddresses: readonly string[];
  /** ipvs mode: `ipvs.scheduler`. */
  readonly ipvsScheduler: string;
}

export const defaultProxierSettings = (nodeName: string, nodeIP: string): ProxierSettings => ({
  nodeName,
  nodeIP,
  masqueradeAll: false,
  masqueradeBit: 14,
  localhostNodePorts: true,
  nfacctCounters: true,
  conntrackTCPLiberal: false,
  hasRandomFully: true,
  nodePortAddresses: [],
  ipvsScheduler: 'rr',
});

/** Go's `%#08x`: eight zero-padded digits after the `0x` (the prefix does not count toward the width). */
export function masqueradeMarkString(s: ProxierSettings): string {
  return s.masqueradeMark ?? `0x${(1 << s.masqueradeBit).toString(16).padStart(8, '0')}`;
}
