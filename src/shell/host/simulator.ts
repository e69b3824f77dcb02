/**
 * What `kubearch` commands get to drive the simulator itself (step the engine, stop a kubelet,
 * ask the scheduler why, open a shell on a node): an explicit handle, apart from the host, so
 * that no Kubernetes tool can reach past its clients into the simulation.
 */
import type { Cluster } from '../../sim/cluster';
import type { NodeHost } from './host';

export interface Simulator extends Pick<Cluster, 'engine' | 'scheduler' | 'kubelets' | 'breakpoints'> {
  /** kube-apiserver's admission plugins, which `kubearch admission` and the page's toggles turn on and off. */
  readonly admission: Cluster['apiserver']['admission'];
  /** etcd's current revision: what the Compact action compacts to by default. */
  etcdRevision(): number;
  /** A node's machine, for `kubearch ssh NODE`; undefined when there is no such node. */
  nodeHost(name: string): NodeHost | undefined;
}
