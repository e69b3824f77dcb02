/**
 * KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) as kube-proxy reads it from
 * `/var/lib/kube-proxy/config.conf`, the `config.conf` key of the `kube-proxy` ConfigMap that
 * kubeadm writes in kube-system: the text kubeadm 1.32 writes (every field, zero values
 * included, so `kubectl -n kube-system get cm kube-proxy -o yaml` looks as on a real cluster),
 * and the defaults kube-proxy applies to it (pkg/proxy/apis/config/v1alpha1/defaults.go):
 * mode "" is iptables on Linux, iptables.minSyncPeriod 1s, syncPeriod 30s, masqueradeBit 14,
 * localhostNodePorts true, ipvs.syncPeriod 30s, ipvs.scheduler "" (rr).
 */
import { parse as parseYaml } from 'yaml';
import type { ProxyMode } from './config';

/** kubeadm's default pod subnet in the simulated cluster (the node podCIDRs are 10.244.N.0/24). */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';

/** What kube-proxy's sync loop and proxier take from the configuration, defaults applied. */
export interface KubeProxyConfig {
  readonly mode: ProxyMode;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  readonly masqueradeBit: number;
  readonly localhostNodePorts: boolean;
  /** iptables (or ipvs) minSyncPeriod, ms: the least time between two syncs (burst of 2 aside). */
  readonly minSyncPeriodMs: number;
  /** iptables (or ipvs) syncPeriod, ms: iptables mode checks its canary chains this often; ipvs resyncs. */
  readonly syncPeriodMs: number;
  readonly ipvsScheduler: string;
  readonly nodePortAddresses: readonly string[];
}

/** The config.conf kubeadm writes (cmd/kubeadm/app/phases/addons/proxy), for a cluster with this pod subnet. */
export function kubeadmKubeProxyConfigText(clusterCIDR = DEFAULT_CLUSTER_CIDR): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${clusterCIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetrics: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""
`;
}

/** The kubeconfig.conf beside it: kube-proxy authenticates with its ServiceAccount's projected token. */
export function kubeadmKubeProxyKubeconfigText(server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

/** A Go duration as metav1.Duration reads it ("1s", "500ms", "1m30s"); ms. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (units[m[2] ?? ''] ?? 0);
    consumed += m[0].length;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}

export class KubeProxyConfigError extends Error {}

interface RawSection {
  minSyncPeriod?: string;
  syncPeriod?: string;
  masqueradeAll?: boolean;
  masqueradeBit?: number | null;
  localhostNodePorts?: boolean | null;
  scheduler?: string;
}

/**
 * Reads config.conf and applies v1alpha1's defaults. A mode kube-proxy 1.32 does not know is an
 * error, as its validation refuses it ("must be iptables, ipvs or nftables"); userspace, removed
 * in 1.26, is accepted here as the lesson the page labels it.
 */
export function parseKubeProxyConfiguration(text: string): KubeProxyConfig {
  const raw = (parseYaml(text) ?? {}) as {
    kind?: string;
    mode?: string;
    clusterCIDR?: string;
    iptables?: RawSection;
    ipvs?: RawSection;
    nodePortAddresses?: string[] | null;
  };
  if (raw.kind !== 'KubeProxyConfiguration') throw new KubeProxyConfigError(`no kind "${raw.kind ?? ''}" is registered for version "kubeproxy.config.k8s.io/v1alpha1"`);
  const mode = raw.mode === '' || raw.mode === undefined ? 'iptables' : raw.mode;
  if (mode !== 'iptables' && mode !== 'ipvs' && mode !== 'userspace') throw new KubeProxyConfigError(`KubeProxyConfiguration.Mode: Invalid value: "${mode}": must be iptables, ipvs or nftables`);
  const duration = (value: string | undefined, fallback: number, field: string): number => {
    const ms = parseGoDuration(value ?? '0s');
    if (ms === undefined) throw new KubeProxyConfigError(`time: invalid duration "${value ?? ''}" (${field})`);
    return ms === 0 ? fallback : ms;
  };
  const section = mode === 'ipvs' ? (raw.ipvs ?? {}) : (raw.iptables ?? {});
  return {
    mode,
    clusterCIDR: raw.clusterCIDR ?? '',
    masqueradeAll: raw.iptables?.masqueradeAll ?? false,
    masqueradeBit: raw.iptables?.masqueradeBit ?? 14,
    localhostNodePorts: raw.iptables?.localhostNodePorts ?? true,
    minSyncPeriodMs: duration(section.minSyncPeriod, mode === 'ipvs' ? 0 : 1_000, `${mode}.minSyncPeriod`),
    syncPeriodMs: duration(section.syncPeriod, 30_000, `${mode}.syncPeriod`),
    ipvsScheduler: raw.ipvs?.scheduler || 'rr',
    nodePortAddresses: raw.nodePortAddresses ?? [],
  };
}
