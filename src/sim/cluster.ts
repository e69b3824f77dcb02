/**
 * Assembles a simulated cluster from options: the engine and network, etcd, kube-apiserver
 * (with its post-start hooks), the controllers built so far, and the worker nodes' kubelets.
 * The worker and the headless runner both build clusters here, so the page and the runner
 * simulate the same thing for the same seed.
 */
import { Engine } from './engine';
import { Etcd } from './etcd';
import { Network } from './network/network';
import { KubeApiServer } from './apiserver/kube-apiserver';
import { buildAuth, KUBECONFIG_USERS, type ClusterAuth } from './apiserver/auth-setup';
import { defaultRbacObjects } from './apiserver/bootstrap/default-rbac';
import { defaultAdmissionPlugins } from './apiserver/admission/plugins';
import type { Credentials } from './api/http';
import { etcdComponent, kubeApiServerComponent } from './apiserver/kube-apiserver-component';
import { RestClient } from './client/rest-client';
import { SharedInformerFactory } from './client/shared-informer-factory';
import { kubeControllerManager, type KubeControllerManagerOptions } from './controllers/kube-controller-manager';
import { cloudControllerManager, type CloudControllerManagerComponent } from './cloud/cloud-controller-manager';
import { SimulatedCloud } from './cloud/simulated-cloud';
import { kubeSchedulerComponent, type KubeSchedulerComponent, type KubeSchedulerComponentOptions } from './scheduler/kube-scheduler-component';
import type { KubeScheduler } from './scheduler/kube-scheduler';
import { containerRuntimeComponent, kubeletComponent, type KubeletComponent } from './node/node-components';
import { kubeProxyComponent, type KubeProxyComponent } from './node/kube-proxy/kube-proxy-component';
import { Netfilter } from './node/netfilter/netfilter';
import { kubeadmComponent, type KubeadmComponent } from './kubeadm/kubeadm-component';
import type { Kubelet } from './node/kubelet';
import { containerLogs } from './node/kubelet/container-logs';
import { containerExec } from './node/kubelet/container-exec';
import { KUBELET_VERSION, nodeAddress, podCIDR, type NodeShape } from './node/node-object';
import { Dataplane, type DataplaneNode } from './network/dataplane';
import type { DnsRecords } from './network/cluster-dns';
import { nodeNetAccess, podNetAccess } from './network/namespaces';
import type { NetAccess } from './node/container/programs/net-access';
import { WatchCacheObjects } from './apiserver/authorization/stored-objects';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { kubeletCertificate } from './apiserver/authentication/x509';
import { KubeProxyAddon } from './kubeadm/kube-proxy-addon';
import type { ServiceAccountTokens } from './apiserver/authentication/service-account-token';
import { describeTopology, type Topology } from './topology';
import type { Component, ComponentContext } from './component';
import type { AdmissionPlugin } from './apiserver/admission/types';
import type { KubeObject } from './api/kube-object';
import { Breakpoints } from './breakpoints/breakpoints';

export interface ClusterOptions {
  seed?: number;
  /** Worker node names; default node-1, node-2, node-3. */
  nodes?: readonly string[];
  /** Admission plugins in execution order (the apiserver's enabled set). */
  admissionPlugins?: readonly AdmissionPlugin[];
  /** Default RBAC objects the apiserver writes at start. */
  rbacDefaults?: readonly KubeObject[];
  /**
   * Whether kube-scheduler runs (default true). Tests of the apiserver's storage, and the
   * scheduler's own tests that start their own instance, turn it off so pods stay where they are put.
   */
  scheduler?: boolean;
  /**
   * Whether the cluster runs in the simulated cloud with cloud-controller-manager (default true):
   * its kubelets then run with `--cloud-provider=external`.
   */
  cloud?: boolean;
  /** kube-controller-manager's `--controllers` (default `*`: every controller built so far). */
  controllers?: readonly string[];
  /**
   * kube-controller-manager's client flags, `--kube-api-qps` (default 20) and `--kube-api-burst`
   * (default 30). Scale benchmarks raise them (KWOK's disableQPSLimits: 5000 and 10000).
   */
  kubeControllerManager?: Pick<KubeControllerManagerOptions, 'kubeAPIQPS' | 'kubeAPIBurst'>;
  /** kube-scheduler's KubeSchedulerConfiguration fields set at start: clientConnection (default qps 50, burst 100). */
  kubeScheduler?: Pick<KubeSchedulerComponentOptions, 'clientConnection'>;
  /**
   * Edits the component list before the cluster starts it: a test adds a component of its own
   * or leaves one out. Gets the default list, in start order.
   */
  components?: (defaults: readonly Component[]) => readonly Component[];
}

/**
 * How long a cluster runs before the user gets it: kubeadm init and join are done, the nodes
 * have registered and the controllers have made the default ServiceAccounts, so the first pod a
 * learner submits is admitted, as it would be on a real fresh cluster.
 */
export const BOOT_MS = 2_000;

/** A cluster that has booted (BOOT_MS of simulated time): what the page and the runner start from. */
export function bootedCluster(options: ClusterOptions = {}): Cluster {
  const cluster = new Cluster(options);
  cluster.engine.runUntil(BOOT_MS);
  return cluster;
}

export const DEFAULT_NODES = ['node-1', 'node-2', 'node-3'] as const;

/**
 * The components a cluster runs, in start order: the control plane, kubeadm's addon phase, then
 * each worker node's runtime, kubelet and kube-proxy (which programs the node's netfilter).
 */
export function defaultComponents(engine: Engine, etcd: Etcd, auth: ClusterAuth, nodeNames: readonly string[], options: ClusterOptions): Component[] {
  const inCloud = options.cloud !== false;
  const cloud = new SimulatedCloud(engine, nodeNames.map((name, i) => ({ name, index: i + 1 })));
  const kubeadm = kubeadmComponent();
  return [
    etcdComponent(etcd),
    kubeApiServerComponent(options.rbacDefaults ?? defaultRbacObjects()),
    kubeControllerManager({ tokens: auth.serviceAccountTokens, ...(options.controllers ? { controllers: options.controllers } : {}), ...options.kubeControllerManager }),
    ...(inCloud ? [cloudControllerManager({ cloud, tokens: auth.serviceAccountTokens })] : []),
    ...(options.scheduler === false ? [] : [kubeSchedulerComponent({ instance: 'kube-scheduler-control-plane', ...options.kubeScheduler })]),
    kubeadm,
    ...nodeNames.flatMap((name, i) =>
      nodeComponents(engine, { name, index: i + 1, ...DEFAULT_NODE_CAPACITY, ...(inCloud ? { cloudProvider: 'external' as const } : {}) }, { addon: kubeadm.kubeProxyAddon, tokens: auth.serviceAccountTokens }),
    ),
  ];
}

/** What kubeadm's example worker has: 2 CPUs, about 4 GiB, 110 pods. */
export const DEFAULT_NODE_CAPACITY = { cpu: '2', memory: '4025836Ki', pods: 110 } as const;

/** What a node's kube-proxy gets from kubeadm: the addon it waits for, the issuer of its token. */
export interface KubeProxyInputs {
  readonly addon: KubeProxyAddon;
  readonly tokens: Pick<ServiceAccountTokens, 'mint'>;
}

/**
 * The components one worker node runs, in start order: its container runtime, its kubelet, and
 * kube-proxy (its DaemonSet pod), which programs the node's netfilter.
 */
export function nodeComponents(engine: Engine, shape: NodeShape, proxy: KubeProxyInputs): Component[] {
  const runtime = containerRuntimeComponent(engine, shape);
  return [
    runtime,
    kubeletComponent(shape, runtime.runtime),
    kubeProxyComponent({ nodeName: shape.name, nodeIP: nodeAddress(shape.index), netfilter: new Netfilter(), addon: proxy.addon, tokens: proxy.tokens }),
  ];
}

export class Cluster {
  readonly engine: Engine;
  readonly network: Network;
  readonly etcd: Etcd;
  readonly apiserver: KubeApiServer;
  /** The apiserver's authenticators and authorizers: the cluster CA, the TokenRequest issuer, can-i. */
  readonly auth: ClusterAuth;
  /** Conditions that stop a step, a sleep or the page's play between events (kubearch break). */
  readonly breakpoints: Breakpoints;
  private readonly nodes: string[];
  /** Every component, in the order started; the topology's "simulated" parts are the kinds found here. */
  private readonly started: Component[];
  /** Each component's shared informers, by component name: what it lists and watches. */
  private readonly informerFactories = new Map<string, SharedInformerFactory>();
  /** Pod-to-Service traffic through each node's netfilter (curl, wget, trace-packet). */
  readonly dataplane: Dataplane;
  /** What cluster DNS answers from: the Services and EndpointSlices in the apiserver's watch caches. */
  readonly dnsRecords: DnsRecords;
  /** A node without kube-proxy still has its kernel's (empty) tables. */
  private readonly bareNetfilters = new Map<string, Netfilter>();

  constructor(options: ClusterOptions = {}) {
    this.engine = new Engine({ seed: options.seed ?? 1 });
    this.network = new Network(this.engine);
    this.etcd = new Etcd(this.engine);
    this.auth = buildAuth({ nodeNames: options.nodes ?? DEFAULT_NODES, now: () => this.engine.now() });
    this.apiserver = new KubeApiServer(this.engine, this.network, this.etcd, this.auth, { admissionPlugins: options.admissionPlugins ?? defaultAdmissionPlugins() });
    this.auth.attachStorage(this.apiserver.caches);
    this.breakpoints = new Breakpoints(this.engine, this.etcd, this.apiserver);
    this.nodes = [...(options.nodes ?? DEFAULT_NODES)];
    const defaults = defaultComponents(this.engine, this.etcd, this.auth, this.nodes, options);
    this.started = [...(options.components ? options.components(defaults) : defaults)];
    for (const component of this.started) component.start(this.contextFor(component));
    this.connectKubelets();
    const objects = new WatchCacheObjects(() => this.apiserver.caches);
    this.dnsRecords = {
      services: () => objects.list('services', '') as unknown as readonly Service[],
      endpointSlices: () => objects.list('endpointslices', '') as unknown as readonly EndpointSlice[],
    };
    this.dataplane = new Dataplane(() => this.dataplaneNodes(), this.engine.rng, () => this.engine.now());
    for (const kubelet of this.kubelets) this.connectPodNetwork(kubelet);
  }

  /** Each node as the data plane sees it: its addresses, its netfilter and its runtime's pods. */
  private dataplaneNodes(): DataplaneNode[] {
    return this.kubelets.map((k) => ({ name: k.shape.name, nodeIP: nodeAddress(k.shape.index), podCIDR: podCIDR(k.shape.index), netfilter: this.kernelNetfilter(k.shape.name), pods: k.runtime }));
  }

  private kernelNetfilter(nodeName: string): Netfilter {
    const nf = this.netfilterOf(nodeName);
    if (nf) return nf;
    let bare = this.bareNetfilters.get(nodeName);
    if (!bare) this.bareNetfilters.set(nodeName, (bare = new Netfilter()));
    return bare;
  }

  /** The CNI plugin's part: each sandbox's network namespace reaches the data plane. */
  private connectPodNetwork(kubelet: Kubelet): void {
    const node = kubelet.shape.name;
    kubelet.runtime.attachNetwork((sandbox) => podNetAccess(this.dataplane, this.dnsRecords, node, sandbox));
  }

  /** A node's host network namespace, for the node's own tools (curl over `kubearch ssh`). */
  nodeNetwork(nodeName: string): NetAccess {
    return nodeNetAccess(this.dataplane, this.dnsRecords, nodeName);
  }

  get nodeNames(): readonly string[] {
    return this.nodes;
  }

  get components(): readonly Component[] {
    return this.started;
  }

  get topology(): Topology {
    return describeTopology(this.nodes, new Set(this.started.map((c) => c.kind)), (id) => this.started.find((c) => c.name === id)?.parts?.());
  }

  /**
   * A machine joins the cluster (kubeadm join): the cluster CA signs its kubelet's certificate,
   * its runtime and kubelet start, and the kubelet registers the Node with its labels and
   * `--register-with-taints`. Returns an error message when the name is taken.
   */
  addNode(shape: Omit<NodeShape, 'index'>): string | undefined {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(shape.name) || shape.name.length > 253) {
      return `invalid node name "${shape.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
    }
    if (this.nodes.includes(shape.name)) return `node "${shape.name}" already exists`;
    this.auth.ca.sign(kubeletCertificate(shape.name));
    const index = this.started.filter((c) => c.kind === 'kubelet').length + 1;
    this.nodes.push(shape.name);
    // A machine of the cloud, when the cluster runs in one: its kubelet leaves the rest to cloud-controller-manager.
    const cloud = this.cloud;
    cloud?.addInstance({ name: shape.name, index });
    const kubeadm = this.started.find((c): c is KubeadmComponent => c.kind === 'kubeadm' && 'kubeProxyAddon' in c);
    const proxy = { addon: kubeadm?.kubeProxyAddon ?? new KubeProxyAddon(), tokens: this.auth.serviceAccountTokens };
    for (const component of nodeComponents(this.engine, { ...shape, index, ...(cloud ? { cloudProvider: 'external' as const } : {}) }, proxy)) {
      this.started.push(component);
      component.start(this.contextFor(component));
    }
    const kubelet = this.kubelets.find((k) => k.shape.name === shape.name);
    if (kubelet) this.connectPodNetwork(kubelet);
    return undefined;
  }

  /** What a component process is given when it starts: the clock, its client, its shared informers. */
  private contextFor(component: Component): ComponentContext {
    const agent = component.agent ?? component.kind;
    const client = this.client(component.name, component.credentials ?? {}, agent);
    const informers = new SharedInformerFactory(this.engine, client);
    this.informerFactories.set(component.name, informers);
    let replaced = false;
    return {
      engine: this.engine,
      client,
      clientAs: (credentials, as) => this.client(component.name, credentials, as),
      informers,
      informersAs: (other, listOptions) => {
        const factory = new SharedInformerFactory(this.engine, other, listOptions);
        // The first replaces the process's own; later ones are kept beside it by their selectors.
        const selectors = [listOptions?.labelSelector, listOptions?.fieldSelector].filter(Boolean).join(' ');
        this.informerFactories.set(replaced ? `${component.name} ${selectors}` : component.name, factory);
        replaced = true;
        return factory;
      },
    };
  }

  /**
   * The shared informers of a component (by name), for the page and for tests; a process's
   * further factories as `NAME SELECTORS` ("kube-proxy/node-1 metadata.name=node-1").
   */
  informersOf(name: string): SharedInformerFactory | undefined {
    return this.informerFactories.get(name);
  }

  get kubelets(): readonly Kubelet[] {
    return this.components.filter((c): c is KubeletComponent => c.kind === 'kubelet' && 'kubelet' in c).map((c) => c.kubelet);
  }

  /** The simulated cloud the cluster runs in (its instances, load balancers and routes), if any. */
  get cloud(): SimulatedCloud | undefined {
    const component = this.components.find((c): c is CloudControllerManagerComponent => c.kind === 'cloud-controller-manager' && 'cloud' in c);
    return component?.cloud;
  }

  /** Each node's kube-proxy component (its netfilter, and the process once started). */
  get kubeProxies(): readonly KubeProxyComponent[] {
    return this.components.filter((c): c is KubeProxyComponent => c.kind === 'kube-proxy' && 'netfilter' in c);
  }

  /** A worker node's netfilter (its iptables, ipsets, IPVS and conntrack), as `iptables-save` there reads it. */
  netfilterOf(nodeName: string): Netfilter | undefined {
    return this.kubeProxies.find((c) => c.host === nodeName)?.netfilter;
  }

  get scheduler(): KubeScheduler | undefined {
    const component = this.components.find((c): c is KubeSchedulerComponent => c.kind === 'kube-scheduler' && 'scheduler' in c);
    return component?.scheduler;
  }

  /** The apiserver reaches each node's kubelet (:10250) for logs and exec, as --kubelet-* flags set it up. */
  private connectKubelets(): void {
    this.apiserver.connectKubelets((nodeName) => {
      const kubelet = this.kubelets.find((k) => k.shape.name === nodeName);
      return (
        kubelet && {
          containerLogs: (namespace, pod, container, options) => containerLogs(kubelet.runtime, namespace, pod, container, options, kubelet.podWorkers.waitingReason(namespace, pod, container)),
          containerExec: (namespace, pod, container, command) => containerExec(kubelet.runtime, namespace, pod, container, command),
        }
      );
    });
  }

  /** A client for a component or a user, sending as `component` on the network. */
  client(component: string, credentials: Credentials, agent: string): RestClient {
    return new RestClient(component, credentials, this.network, this.apiserver, `${agent}/${KUBELET_VERSION} (linux/amd64) kubernetes/kubearch`);
  }

  /** The token of a kubeconfig user ("kubernetes-admin", "alice", "bob"). */
  userToken(name: string): string | undefined {
    return KUBECONFIG_USERS.find((u) => u.name === name)?.token;
  }
}
