/**
 * Cluster DNS as a pod sees it: the /etc/resolv.conf the kubelet writes for dnsPolicy
 * ClusterFirst, and the A records the Kubernetes DNS specification gives (a Service's ClusterIP
 * at `svc.ns.svc.cluster.local`; a headless Service's ready endpoint addresses; a pod's
 * `a-b-c-d.ns.pod.cluster.local`), looked up with the resolver's search list and ndots:5.
 *
 * Simplified, as the UI says: no CoreDNS pods run; the answers are read straight from the
 * Services and EndpointSlices the apiserver holds, which is what CoreDNS's kubernetes plugin
 * serves from its informers.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export const CLUSTER_DOMAIN = 'cluster.local';
/** kubeadm's clusterDNS: the tenth address of the default Service CIDR (the kube-dns Service). */
export const CLUSTER_DNS_IP = '10.96.0.10';
const NDOTS = 5;

/** What DNS reads: the cluster's Services and EndpointSlices. */
export interface DnsRecords {
  services(): readonly Service[];
  endpointSlices(): readonly EndpointSlice[];
}

export interface DnsAnswer {
  /** The name that answered, fully qualified, without the trailing dot. */
  readonly name: string;
  readonly addresses: readonly string[];
}

/** The search path for a pod in `namespace` (ClusterFirst). */
export function searchList(namespace: string): readonly string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** /etc/resolv.conf as the kubelet writes it for a ClusterFirst pod. */
export function resolvConf(namespace: string): string {
  return `search ${searchList(namespace).join(' ')}\nnameserver ${CLUSTER_DNS_IP}\noptions ndots:${NDOTS}\n`;
}

/** The A records of one fully qualified name; undefined is NXDOMAIN. */
export function lookupFqdn(records: DnsRecords, fqdn: string): readonly string[] | undefined {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');
  // a-b-c-d.ns.pod.cluster.local
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = (labels[0] ?? '').replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? [ip] : undefined;
  }
  if (labels.length !== 3 || labels[2] !== 'svc') return undefined;
  const [svcName, namespace] = labels as [string, string, string];
  const service = records.services().find((s) => s.metadata?.name === svcName && s.metadata?.namespace === namespace);
  if (!service || service.spec?.type === 'ExternalName') return undefined;
  const clusterIP = service.spec?.clusterIP;
  if (clusterIP && clusterIP !== 'None') return [clusterIP];
  // Headless: the ready endpoints' addresses, in the slices' order.
  const addresses: string[] = [];
  for (const slice of records.endpointSlices()) {
    if (slice.metadata?.namespace !== namespace || slice.metadata?.labels?.['kubernetes.io/service-name'] !== svcName) continue;
    for (const e of slice.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) if (!addresses.includes(a)) addresses.push(a);
  }
  return addresses.length ? addresses : undefined;
}

/**
 * Resolve a name as glibc/musl do with the pod's resolv.conf: a name with fewer than ndots dots
 * tries each search domain first, then the name as given; a trailing dot means absolute.
 * `namespace` undefined: the node's host resolver, which knows no cluster names.
 */
export function resolveName(records: DnsRecords, name: string, namespace: string | undefined): DnsAnswer | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { name, addresses: [name] };
  if (namespace === undefined) return undefined;
  const candidates: string[] = [];
  if (name.endsWith('.')) candidates.push(name.slice(0, -1));
  else {
    const dots = name.split('.').length - 1;
    const searched = searchList(namespace).map((d) => `${name}.${d}`);
    if (dots >= NDOTS) candidates.push(name, ...searched);
    else candidates.push(...searched, name);
  }
  for (const fqdn of candidates) {
    const addresses = lookupFqdn(records, fqdn);
    if (addresses) return { name: fqdn, addresses };
  }
  return undefined;
}
