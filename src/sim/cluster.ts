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
import { APISERVER_CERTIFICATE, buildAuth, KUBECONFIG_USERS, type ClusterAuth } from './apiserver/auth-setup';
import { defaultRbacObjects } from './apiserver/bootstrap/default-rbac';
import { defaultAdmissionPlugins } from './apiserver/admission/plugins';
import { runPostStartHooks } from './apiserver/bootstrap/post-start-hooks';
import type { Credentials } from './api/http';
import { RestClient } from './client/rest-client';
import { ServiceAccountsController } from './controllers/serviceaccounts-controller';
import { startWithServiceAccountCredentials } from './controllers/controller-credentials';
import { ClusterRoleAggregationController } from './controllers/clusterrole-aggregation-controller';
import { KUBE_CONTROLLER_MANAGER_CERTIFICATE, KUBE_SCHEDULER_CERTIFICATE, kubeletCertificate } from './apiserver/authentication/x509';
import { KubeScheduler } from './scheduler/kube-scheduler';
import { RootCaCertPublisher } from './controllers/root-ca-cert-publisher';
import { Kubelet } from './node/kubelet';
import { containerLogs } from './node/kubelet/container-logs';
import { KUBELET_VERSION } from './node/node-object';
import { describeTopology, type ComponentKind, type Topology } from './topology';
import type { AdmissionPlugin } from './apiserver/admission/types';
import type { KubeObject } from './api/kube-object';

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
}

/** When kube-controller-manager and kube-scheduler start, after the apiserver's start-up writes (default RBAC). */
const CONTROLLER_MANAGER_START_MS = 500;

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

/** The parts built so far; the rest are drawn greyed as "not yet simulated". */
const SIMULATED: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['etcd', 'kube-apiserver', 'kubelet', 'kube-controller-manager', 'kube-scheduler', 'container-runtime']);

export class Cluster {
  readonly engine: Engine;
  readonly network: Network;
  readonly etcd: Etcd;
  readonly apiserver: KubeApiServer;
  /** The apiserver's authenticators and authorizers: the cluster CA, the TokenRequest issuer, can-i. */
  readonly auth: ClusterAuth;
  readonly nodeNames: readonly string[];
  readonly topology: Topology;
  readonly kubelets: readonly Kubelet[];
  readonly scheduler: KubeScheduler | undefined;

  constructor(options: ClusterOptions = {}) {
    this.engine = new Engine({ seed: options.seed ?? 1 });
    this.network = new Network(this.engine);
    this.etcd = new Etcd(this.engine);
    this.auth = buildAuth({ nodeNames: options.nodes ?? DEFAULT_NODES, now: () => this.engine.now() });
    this.apiserver = new KubeApiServer(this.engine, this.network, this.etcd, this.auth, { admissionPlugins: options.admissionPlugins ?? defaultAdmissionPlugins() });
    this.auth.attachStorage(this.apiserver.caches);
    this.nodeNames = options.nodes ?? DEFAULT_NODES;
    this.topology = describeTopology(this.nodeNames, SIMULATED);

    runPostStartHooks(this.client('kube-apiserver', { clientCertificate: APISERVER_CERTIFICATE }, 'kube-apiserver'), options.rbacDefaults ?? defaultRbacObjects(), this.engine);

    // kube-controller-manager waits for the apiserver's /healthz, which is ok once the
    // post-start hooks (namespaces, default RBAC) have run.
    this.engine.schedule(CONTROLLER_MANAGER_START_MS, 'kube-controller-manager: kube-apiserver /healthz ok, start controllers', () => this.startControllerManager());

    if (options.scheduler !== false) {
      const scheduler = new KubeScheduler(this.engine, this.client('kube-scheduler', { clientCertificate: KUBE_SCHEDULER_CERTIFICATE }, 'kube-scheduler'), {
        instance: 'kube-scheduler-control-plane',
      });
      this.scheduler = scheduler;
      this.engine.schedule(CONTROLLER_MANAGER_START_MS, 'kube-scheduler: kube-apiserver /healthz ok, start', () => scheduler.start());
    }

    this.kubelets = this.nodeNames.map((name, i) => {
      const client = this.client(`kubelet/${name}`, { clientCertificate: kubeletCertificate(name) }, 'kubelet');
      const kubelet = new Kubelet(this.engine, client, { name, index: i + 1, cpu: '2', memory: '4025836Ki', pods: 110 });
      // Nodes come up at slightly different moments, as real machines do.
      kubelet.start(200 + this.engine.rng.int(0, 800));
      return kubelet;
    });
    this.connectKubelets();
  }

  /** The apiserver reaches each node's kubelet (:10250) for logs, as --kubelet-* flags set it up. */
  private connectKubelets(): void {
    this.apiserver.connectKubelets((nodeName) => {
      const kubelet = this.kubelets.find((k) => k.shape.name === nodeName);
      return kubelet && { containerLogs: (namespace, pod, container, options) => containerLogs(kubelet.runtime, namespace, pod, container, options) };
    });
  }

  /** kube-controller-manager: each controller with its own service-account credentials. */
  private startControllerManager(): void {
    const kcm = this.client('kube-controller-manager', { clientCertificate: KUBE_CONTROLLER_MANAGER_CERTIFICATE }, 'kube-controller-manager');
    const controllers: readonly [string, (client: RestClient) => void][] = [
      ['service-account-controller', (client) => new ServiceAccountsController(this.engine, kcm, client).start()],
      ['root-ca-cert-publisher', (client) => new RootCaCertPublisher(this.engine, kcm, client).start()],
      ['clusterrole-aggregation-controller', (client) => new ClusterRoleAggregationController(this.engine, kcm, client).start()],
    ];
    for (const [serviceAccount, start] of controllers) {
      const clientFor = (token: string) => this.client('kube-controller-manager', { bearerToken: token }, `kube-controller-manager/${serviceAccount}`);
      startWithServiceAccountCredentials(this.engine, kcm, this.auth.serviceAccountTokens, serviceAccount, clientFor, start);
    }
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
