/**
 * Where the hosts come from: the one place the shell turns the simulated Cluster into the
 * machines its commands run on (the operator's machine, a node) and into the simulator handle
 * `kubearch` gets.
 */
import type { Cluster } from '../../sim/cluster';
import type { RestClient } from '../../sim/client/rest-client';
import type { NodeHost, OperatorHost } from './host';
import type { Kubeconfig } from './kubeconfig';
import type { Simulator } from './simulator';

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
  return { kind: 'node', name, runtime: kubelet.runtime, kubeletUser: `system:node:${name}` };
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
    admission: cluster.apiserver.admission,
    etcdRevision: () => cluster.etcd.revision,
    nodeHost: (name) => nodeHost(cluster, name),
  };
}
