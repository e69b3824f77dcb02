/**
 * The component contract: every part of the simulated cluster (etcd, kube-apiserver,
 * kube-scheduler, kube-controller-manager, a node's container runtime and kubelet...) is a
 * `{ name, kind, host, start(ctx) }` value, and `cluster.ts` starts a list of them in order.
 * `ctx` is what a real process is given when it starts: the engine's clock, a client carrying
 * its own credentials, and a SharedInformerFactory on that client (one informer per resource
 * for the whole process). A component talks to the others only through the apiserver, with
 * that client, as DESIGN.md requires.
 */
import type { Engine } from './engine';
import type { Credentials } from './api/http';
import type { RestClient } from './client/rest-client';
import type { SharedInformerFactory } from './client/shared-informer-factory';
import type { ComponentKind, ComponentPart } from './topology';

export interface ComponentContext {
  readonly engine: Engine;
  /** The process's own client: its credentials, sending as the component on the network. */
  readonly client: RestClient;
  /**
   * Another identity of the same process, sending as the same component on the network:
   * kube-controller-manager's per-controller service accounts (`--use-service-account-credentials`).
   */
  clientAs(credentials: Credentials, agent: string): RestClient;
  /** One informer per resource for the process, listing and watching with `client`. */
  readonly informers: SharedInformerFactory;
}

export interface Component {
  /** Unique in the cluster, as the topology and the network name it: "kube-scheduler", "kubelet/node-1". */
  readonly name: string;
  readonly kind: ComponentKind;
  /** The machine it runs on: "control-plane" or a worker node's name. */
  readonly host: string;
  /** How it authenticates to kube-apiserver (a client certificate); none for parts that do not call it. */
  readonly credentials?: Credentials;
  /** The User-Agent's program name: "kube-scheduler", "kubelet". Default: the kind. */
  readonly agent?: string;
  /** Its parts and which run yet, for the page: kube-controller-manager's controllers. */
  parts?(): readonly ComponentPart[];
  /**
   * Called once, in list order, when the cluster is assembled. A component that waits for
   * something (the apiserver's /healthz, a boot delay) schedules that on the engine here.
   */
  start(ctx: ComponentContext): void;
}
