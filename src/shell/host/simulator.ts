/**
 * What `kubearch` commands get to drive the simulator itself (step the engine, stop a kubelet,
 * ask the scheduler why, open a shell on a node): an explicit handle, apart from the host, so
 * that no Kubernetes tool can reach past its clients into the simulation.
 */
import type { Cluster } from '../../sim/cluster';
import type { NodeHost } from './host';
import type { NodeShape } from '../../sim/node/node-object';
import type { KubeSchedulerConfiguration } from '../../sim/scheduler/apis/config/v1/kube-scheduler-configuration';

export interface Simulator extends Pick<Cluster, 'engine' | 'scheduler' | 'kubelets' | 'cloud' | 'breakpoints' | 'dataplane' | 'dnsRecords' | 'kubeProxies'> {
  /** kube-apiserver's admission plugins, which `kubearch admission` and the page's toggles turn on and off. */
  readonly admission: Cluster['apiserver']['admission'];
  /** etcd's current revision: what the Compact action compacts to by default. */
  etcdRevision(): number;
  /** A machine joins (kubeadm join); the reason when it cannot. */
  addNode(shape: Omit<NodeShape, 'index'>): string | undefined;
  /** kube-scheduler's `--config` as running (undefined: the defaults). */
  schedulerConfiguration(): KubeSchedulerConfiguration | undefined;
  /** Restart kube-scheduler with a new KubeSchedulerConfiguration document; the errors when it is refused. */
  configureScheduler(document: unknown): readonly string[] | undefined;
  /** A node's machine, for `kubearch ssh NODE`; undefined when there is no such node. */
  nodeHost(name: string): NodeHost | undefined;
}
