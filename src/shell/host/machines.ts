/**
 * Where the hosts come from: the one place the shell turns the simulated Cluster into the
 * machines its commands run on (the operator's machine, a node) and into the simulator handle
 * `kubearch` gets.
 */
import type { Cluster } from '../../sim/cluster';
import type { RestClient } from '../../sim/client/rest-client';
import type { NodeHost, OperatorHost } from './host';
import { Netfilter } from '../../sim/node/netfilter/netfilter';
import type { Kubeconfig } from './kubeconfig';
import type { Simulator } from './simulator';
import type { KubeSchedulerComponent } from '../../sim/scheduler/kube-scheduler-component';
import { decodeKubeSchedulerConfiguration } from '../../sim/scheduler/apis/config/v1/kube-scheduler-configuration';
import { newInTreeRegistry } from '../../sim/scheduler/plugins/registry';

export const OPERATOR_HOSTNAME = 'operator';

/** The operator's machine; its kubectl clients are made once per user, as a kubeconfig's would be. */
export function operatorHost(cluster: Cluster, kubeconfig: Kubeconfig): OperatorHost {
  const clients = new Map<string, RestClient>();
  return {
    kind: 'operator',
    name: OPERATOR_HOSTNAME,
    kubeconfig,
    apiserver: {
      clientFor(user) {
        let client = clients.get(user);
        if (!client) {
          const token = cluster.userToken(user);
          if (token === undefined) return undefined;
          // The "kubectl" box in the graph: every kubectl request is drawn from there.
          client = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
          clients.set(user, client);
        }
        return client;
      },
    },
    etcd: cluster.etcd,
  };
}

/** A worker node's machine, or undefined when the cluster has no node by that name. */
export function nodeHost(cluster: Cluster, name: string): NodeHost | undefined {
  const kubelet = cluster.kubelets.find((k) => k.shape.name === name);
  if (!kubelet) return undefined;
  // A node where kube-proxy was left out still has its kernel's (empty) tables.
  return { kind: 'node', name, runtime: kubelet.runtime, kubeletUser: `system:node:${name}`, netfilter: cluster.netfilterOf(name) ?? new Netfilter(), network: cluster.nodeNetwork(name) };
}

function schedulerComponent(cluster: Cluster): KubeSchedulerComponent | undefined {
  return cluster.components.find((c): c is KubeSchedulerComponent => c.kind === 'kube-scheduler' && 'reconfigure' in c);
}

export function simulatorOf(cluster: Cluster): Simulator {
  return {
    engine: cluster.engine,
    breakpoints: cluster.breakpoints,
    get scheduler() {
      return cluster.scheduler;
    },
    get kubelets() {
      return cluster.kubelets;
    },
    get cloud() {
      return cluster.cloud;
    },
    get kubeProxies() {
      return cluster.kubeProxies;
    },
    admission: cluster.apiserver.admission,
    dataplane: cluster.dataplane,
    dnsRecords: cluster.dnsRecords,
    etcdRevision: () => cluster.etcd.revision,
    nodeHost: (name) => nodeHost(cluster, name),
    addNode: (shape) => cluster.addNode(shape),
    schedulerConfiguration: () => schedulerComponent(cluster)?.configuration,
    configureScheduler(document) {
      const component = schedulerComponent(cluster);
      if (!component) return ['kube-scheduler is not running in this cluster'];
      const decoded = decodeKubeSchedulerConfiguration(document, new Set(Object.keys(newInTreeRegistry())));
      if ('errors' in decoded) return decoded.errors;
      component.reconfigure(decoded.config);
      return undefined;
    },
  };
}
