/**
 * The parts of a cluster and who talks to whom, as data: the page draws the topology graph from
 * it, and each part says whether it is simulated yet. Everything talks to kube-apiserver; only
 * kube-apiserver talks to etcd (DESIGN.md).
 */

export type ComponentKind =
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'cloud-controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'container-runtime'
  | 'kubectl';

export interface ComponentInfo {
  /** Unique in the cluster: "etcd", "kubelet/node-1". */
  readonly id: string;
  readonly kind: ComponentKind;
  /** The machine it runs on: "control-plane" or a worker node's name. */
  readonly host: string;
  /** False while the part is drawn but not built yet: the page greys it out and says so. */
  readonly simulated: boolean;
  /** One line on what it does, for the graph's tooltip. */
  readonly role: string;
  /** Its parts (kube-controller-manager's controllers...) and which of them run yet. */
  readonly parts?: readonly ComponentPart[];
}

export interface ComponentPart {
  readonly name: string;
  readonly simulated: boolean;
}

export interface Connection {
  readonly from: string;
  readonly to: string;
  /** What travels on it: "watch + write", "gRPC (CRI)". */
  readonly label: string;
}

export interface Topology {
  readonly hosts: readonly { name: string; role: 'control-plane' | 'worker' | 'client' }[];
  readonly components: readonly ComponentInfo[];
  readonly connections: readonly Connection[];
}

const ROLES: Record<ComponentKind, string> = {
  'kube-apiserver': 'The front door: authenticates, authorizes and admits every request, and is the only part that talks to etcd.',
  etcd: 'The consistent key-value store that holds all cluster state, with revisions and watch.',
  'kube-scheduler': 'Watches for unscheduled pods and binds each to a node that fits.',
  'kube-controller-manager': 'Runs the control loops (Deployment, ReplicaSet, Node lifecycle, Endpoints ...) that drive state toward spec.',
  'cloud-controller-manager': 'Runs the cloud-specific loops: node addresses, load balancers, routes.',
  kubelet: "The node agent: runs the pods bound to its node and reports node and pod status.",
  'kube-proxy': "Programs the node's iptables so Service IPs reach their endpoints.",
  'container-runtime': 'Pulls images and runs containers when the kubelet asks over CRI.',
  kubectl: 'You: the shell and the editor send their requests as kubectl, from outside the cluster.',
};

export function describeTopology(
  workerNames: readonly string[],
  simulated: ReadonlySet<ComponentKind>,
  partsOf: (id: string) => readonly ComponentPart[] | undefined = () => undefined,
): Topology {
  const cp = 'control-plane';
  const controlPlaneKinds: ComponentKind[] = [
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'kube-controller-manager',
    'cloud-controller-manager',
  ];
  const components: ComponentInfo[] = controlPlaneKinds.map((kind) => ({
    id: kind,
    kind,
    host: cp,
    simulated: simulated.has(kind),
    role: ROLES[kind],
    ...withParts(partsOf(kind)),
  }));
  components.push({ id: 'kubectl', kind: 'kubectl', host: 'client', simulated: true, role: ROLES.kubectl });
  const connections: Connection[] = [
    { from: 'kubectl', to: 'kube-apiserver', label: 'HTTPS: REST' },
    { from: 'kube-apiserver', to: 'etcd', label: 'gRPC: txn, range, watch' },
    { from: 'kube-scheduler', to: 'kube-apiserver', label: 'watch pods, nodes; bind' },
    { from: 'kube-controller-manager', to: 'kube-apiserver', label: 'watch + write' },
    { from: 'cloud-controller-manager', to: 'kube-apiserver', label: 'watch nodes, services' },
  ];
  for (const node of workerNames) {
    for (const kind of ['kubelet', 'kube-proxy', 'container-runtime'] as const) {
      components.push({ id: `${kind}/${node}`, kind, host: node, simulated: simulated.has(kind), role: ROLES[kind], ...withParts(partsOf(`${kind}/${node}`)) });
    }
    connections.push(
      { from: `kubelet/${node}`, to: 'kube-apiserver', label: 'watch pods; status, lease' },
      { from: `kube-proxy/${node}`, to: 'kube-apiserver', label: 'watch services, endpointslices' },
      { from: `kubelet/${node}`, to: `container-runtime/${node}`, label: 'CRI (gRPC)' },
    );
  }
  return {
    hosts: [{ name: 'client', role: 'client' as const }, { name: cp, role: 'control-plane' }, ...workerNames.map((name) => ({ name, role: 'worker' as const }))],
    components,
    connections,
  };
}

function withParts(parts: readonly ComponentPart[] | undefined): { parts?: readonly ComponentPart[] } {
  return parts ? { parts } : {};
}
