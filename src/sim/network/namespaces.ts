/**
 * The network namespaces programs run in, as NetAccess: a pod's (its sandbox IP as the source, the
 * kubelet's ClusterFirst resolv.conf, its own hostname in /etc/hosts) and a node's host namespace
 * (the node IP as the source; the node's resolver knows no cluster names, only addresses).
 */
import type { NetAccess } from '../node/container/programs/net-access';
import type { PodSandboxStatus } from '../node/runtime/cri';
import { CLUSTER_DNS_IP, resolveName, type DnsRecords } from './cluster-dns';
import type { Dataplane } from './dataplane';

export function podNetAccess(dataplane: Dataplane, records: DnsRecords, node: string, sandbox: PodSandboxStatus): NetAccess {
  const namespace = sandbox.metadata.namespace;
  return {
    nameserver: CLUSTER_DNS_IP,
    // The kubelet writes the pod's hostname into its /etc/hosts.
    resolve: (name) => (name === sandbox.metadata.name ? { name, addresses: [sandbox.ip] } : resolveName(records, name, namespace)),
    connect: (address, port, path) => dataplane.connect({ node, podIP: sandbox.ip }, address, port, path),
  };
}

export function nodeNetAccess(dataplane: Dataplane, records: DnsRecords, node: string): NetAccess {
  return {
    nameserver: undefined,
    resolve: (name) => resolveName(records, name, undefined),
    connect: (address, port, path) => dataplane.connect({ node }, address, port, path),
  };
}
