/**
 * The DNS configuration the kubelet hands the runtime for a pod sandbox (pkg/kubelet/network/dns
 * GetPodDNS), which the runtime writes as the container's /etc/resolv.conf: for dnsPolicy
 * ClusterFirst (the default) the cluster DNS Service address, the namespace's search path and
 * ndots:5, with the pod's own spec.dnsConfig appended; for None only spec.dnsConfig. A
 * hostNetwork pod under ClusterFirst, and dnsPolicy Default, get the node's resolver, which the
 * simulated node does not have: no file then.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { CLUSTER_DNS_IP, searchList } from '../../network/cluster-dns';
import type { DNSConfig } from '../runtime/cri';

/**
 * The DNS config of a pod that asks for nothing but the default (ClusterFirst, no hostNetwork, no
 * spec.dnsConfig) depends on its namespace alone: one frozen answer per namespace serves every
 * such pod (and lets the runtime share its resolv.conf text). Bounded: emptied when full.
 */
const PLAIN_KEPT = 256;
const plainByNamespace = new Map<string, DNSConfig>();

export function podDNSConfig(pod: Pod): DNSConfig | undefined {
  const spec = pod.spec;
  if ((spec?.dnsPolicy ?? 'ClusterFirst') === 'ClusterFirst' && !spec?.hostNetwork && !spec?.dnsConfig) {
    const namespace = pod.metadata?.namespace ?? 'default';
    let config = plainByNamespace.get(namespace);
    if (!config) {
      if (plainByNamespace.size >= PLAIN_KEPT) plainByNamespace.clear();
      const fresh = podDNSConfigOf(pod);
      if (!fresh) return undefined;
      config = Object.freeze({ servers: Object.freeze(fresh.servers), searches: Object.freeze(fresh.searches), options: Object.freeze(fresh.options) });
      plainByNamespace.set(namespace, config);
    }
    return config;
  }
  return podDNSConfigOf(pod);
}

/** GetPodDNS itself, for every pod (exported for the cache's test). */
export function podDNSConfigOf(pod: Pod): DNSConfig | undefined {
  const spec = pod.spec;
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const extra = spec?.dnsConfig;
  const extraOptions = (extra?.options ?? []).map((o) => (o.value !== undefined ? `${o.name ?? ''}:${o.value}` : (o.name ?? '')));
  if (policy === 'None') return { servers: extra?.nameservers ?? [], searches: extra?.searches ?? [], options: extraOptions };
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec?.hostNetwork);
  if (!clusterFirst) return undefined;
  const options = ['ndots:5', ...extraOptions];
  // An option the pod sets replaces the default of the same name (mergeDNSOptions).
  const merged = options.filter((o, i) => !options.slice(i + 1).some((later) => later.split(':')[0] === o.split(':')[0]));
  return {
    servers: [CLUSTER_DNS_IP, ...(extra?.nameservers ?? [])],
    searches: [...searchList(pod.metadata?.namespace ?? 'default'), ...(extra?.searches ?? [])],
    options: merged,
  };
}
