/**
 * The machine a shell command runs on, and what it can reach from there. A command reads its
 * host, never the Cluster: the operator's machine has a kubeconfig and network paths to the
 * apiserver and to etcd's client port (as a kubeadm control-plane machine has); a node has its
 * container runtime (crictl's CRI socket) and the kubelet's own credentials, and no kubeconfig,
 * so kubectl and etcdctl find nothing to talk to there. Later a node also has its netfilter
 * tables (iptables-save) once kube-proxy runs.
 */
import type { RestClient } from '../../sim/client/rest-client';
import type { Engine } from '../../sim/engine';
import type { Etcd } from '../../sim/etcd';
import type { ContainerRuntime } from '../../sim/node/runtime/container-runtime';
import type { Netfilter } from '../../sim/node/netfilter/netfilter';
import type { NetAccess } from '../../sim/node/container/programs/net-access';
import type { Kubeconfig } from './kubeconfig';

/**
 * The simulated time a command blocks on: waiting for a reply, sleeping, a watch window. A
 * command in a simulation cannot wait without running the world, so it gets this much of the
 * engine and no more.
 */
export type ProcessClock = Pick<Engine, 'now' | 'step' | 'nextEventTime' | 'runUntil' | 'runFor' | 'runUntilStopped'>;

/** The apiserver as reached over the network with a kubeconfig user's credentials. */
export interface ApiserverDialer {
  /** kubectl's client for a kubeconfig user (a bearer token); undefined when the user has none. */
  clientFor(user: string): RestClient | undefined;
}

/** etcd's client API (port 2379) as etcdctl calls it: KV, Watch, Lease and Maintenance, nothing else. */
export type EtcdClient = Pick<
  Etcd,
  'range' | 'put' | 'deleteRange' | 'txn' | 'compact' | 'watch' | 'watchDeliveryDelayMs' | 'leaseGrant' | 'leaseRevoke' | 'leaseTimeToLive' | 'leaseLeases' | 'leaseKeepAlive' | 'status'
>;

/** The learner's machine: where kubectl and etcdctl have their configuration and their network. */
export interface OperatorHost {
  readonly kind: 'operator';
  readonly name: string;
  readonly kubeconfig: Kubeconfig;
  readonly apiserver: ApiserverDialer;
  readonly etcd: EtcdClient;
}

/** A worker node, as after `ssh node-1`. */
export interface NodeHost {
  readonly kind: 'node';
  readonly name: string;
  /** What crictl talks to through the CRI socket. */
  readonly runtime: ContainerRuntime;
  /** The identity in the node's /etc/kubernetes/kubelet.conf (no node tool uses it yet). */
  readonly kubeletUser: string;
  /** The node kernel's netfilter (iptables tables, ipsets, IPVS, conntrack), which kube-proxy programs. */
  readonly netfilter: Netfilter;
  /** The host network namespace: what curl on the node resolves and connects through. */
  readonly network: NetAccess;
}

export type Host = OperatorHost | NodeHost;
