/**
 * The cloud the simulated cluster runs in: what cloud-controller-manager's cloud provider talks
 * to (k8s.io/cloud-provider's Instances, LoadBalancer and Routes interfaces), and the page's
 * view of the cloud beside the cluster. Each worker node is an instance with providerID
 * `kubearch://<node>`, an instance type, a zone of region `kubearch-1` (nodes spread over three
 * zones in turn) and an external address; `type: LoadBalancer` Services get a load balancer with
 * an address from 203.0.113.0/24 (TEST-NET-3, documentation addresses); the route table holds a
 * route per node's pod CIDR.
 *
 * The cloud is made up, so its figures are its own: answers come after a small API latency, and
 * a new load balancer takes LOAD_BALANCER_PROVISION_MS to provision (real clouds take from
 * seconds to minutes). Addresses are handed out lowest first, so a run is easy to follow.
 * Only cloud-controller-manager calls it, never another component: the cloud is outside the
 * cluster, as in a real one.
 */
import type { Engine } from '../engine';

export const PROVIDER_ID_PREFIX = 'kubearch://';
export const CLOUD_REGION = 'kubearch-1';
export const CLOUD_ZONES = ['kubearch-1a', 'kubearch-1b', 'kubearch-1c'] as const;
export const INSTANCE_TYPE = 'ka-standard-2';
export const LOAD_BALANCER_POOL = '203.0.113.0/24';
/** How long an API call to the simulated cloud takes. */
export const CLOUD_API_LATENCY_MS = 50;
/** How long the simulated cloud takes to provision a new load balancer. */
export const LOAD_BALANCER_PROVISION_MS = 3_000;

export interface NodeAddress {
  readonly type: 'InternalIP' | 'ExternalIP' | 'Hostname';
  readonly address: string;
}

export interface InstanceMetadata {
  readonly providerID: string;
  readonly instanceType: string;
  readonly nodeAddresses: readonly NodeAddress[];
  readonly zone: string;
  readonly region: string;
}

export interface LoadBalancerPort {
  readonly protocol: string;
  readonly port: number;
  readonly nodePort: number;
}

export interface LoadBalancer {
  /** GetLoadBalancerName: "a" + the Service's uid without dashes, at most 32 characters. */
  readonly name: string;
  /** namespace/name of the Service it serves. */
  readonly service: string;
  readonly ip: string;
  readonly ports: readonly LoadBalancerPort[];
  /** The nodes it sends traffic to (their node ports). */
  readonly nodes: readonly string[];
}

export interface Route {
  readonly name: string;
  readonly targetNode: string;
  readonly destinationCIDR: string;
}

/** What the cloud answers: a value, or the cloud's error message. */
export type CloudResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface CloudInstance {
  readonly name: string;
  /** 1-based: the node's internal address is 10.0.0.(10 + index). */
  readonly index: number;
}

export class SimulatedCloud {
  private readonly instances = new Map<string, CloudInstance>();
  private readonly loadBalancers = new Map<string, LoadBalancer>();
  private readonly routes = new Map<string, Route>();
  /** Calls made, for the page and for tests: "EnsureLoadBalancer a1b2...". */
  readonly calls: string[] = [];

  constructor(
    private readonly engine: Engine,
    instances: readonly CloudInstance[],
  ) {
    for (const instance of instances) this.instances.set(instance.name, instance);
  }

  /** A machine started in the cloud (a node added to the cluster). */
  addInstance(instance: CloudInstance): void {
    this.instances.set(instance.name, instance);
  }

  /** The instances and what the cloud knows of each, by name: the cloud console's view. */
  listInstances(): (InstanceMetadata & { readonly name: string })[] {
    return [...this.instances.values()].sort((a, b) => a.index - b.index).map((i) => ({ name: i.name, ...metadataOf(i) }));
  }

  listLoadBalancers(): LoadBalancer[] {
    return [...this.loadBalancers.values()].sort((a, b) => a.service.localeCompare(b.service));
  }

  listRoutesNow(): Route[] {
    return [...this.routes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private answer<T>(call: string, delayMs: number, produce: () => CloudResult<T>, done: (r: CloudResult<T>) => void): void {
    this.calls.push(call);
    this.engine.schedule(delayMs, `cloud: ${call}`, () => done(produce()));
  }

  /** A machine deleted in the cloud (its Node object stays until someone deletes it). */
  removeInstance(name: string): void {
    this.instances.delete(name);
  }

  /** InstancesV2.InstanceMetadata */
  instanceMetadata(nodeName: string, done: (r: CloudResult<InstanceMetadata>) => void): void {
    this.answer(`InstanceMetadata ${nodeName}`, CLOUD_API_LATENCY_MS, () => {
      const instance = this.instances.get(nodeName);
      if (!instance) return { ok: false, error: 'instance not found' };
      return { ok: true, value: metadataOf(instance) };
    }, done);
  }

  /** InstancesV2.InstanceExists */
  instanceExists(nodeName: string): boolean {
    return this.instances.has(nodeName);
  }

  /** LoadBalancer.GetLoadBalancer */
  getLoadBalancer(name: string): LoadBalancer | undefined {
    return this.loadBalancers.get(name);
  }

  /** LoadBalancer.EnsureLoadBalancer: create it (provisioning takes a while) or update its ports and nodes. */
  ensureLoadBalancer(name: string, service: string, ports: readonly LoadBalancerPort[], nodes: readonly string[], done: (r: CloudResult<LoadBalancer>) => void): void {
    const existing = this.loadBalancers.get(name);
    const delay = existing ? CLOUD_API_LATENCY_MS : LOAD_BALANCER_PROVISION_MS;
    this.answer(`EnsureLoadBalancer ${name}`, delay, () => {
      const current = this.loadBalancers.get(name);
      const ip = current?.ip ?? this.freeAddress();
      if (!ip) return { ok: false, error: `no free address in ${LOAD_BALANCER_POOL}` };
      const lb: LoadBalancer = { name, service, ip, ports: [...ports], nodes: [...nodes].sort() };
      this.loadBalancers.set(name, lb);
      return { ok: true, value: lb };
    }, done);
  }

  /** LoadBalancer.EnsureLoadBalancerDeleted: gone, its address back in the pool. */
  ensureLoadBalancerDeleted(name: string, done: (r: CloudResult<void>) => void): void {
    this.answer(`EnsureLoadBalancerDeleted ${name}`, CLOUD_API_LATENCY_MS, () => {
      this.loadBalancers.delete(name);
      return { ok: true, value: undefined };
    }, done);
  }

  /** Routes.ListRoutes */
  listRoutes(done: (r: CloudResult<Route[]>) => void): void {
    this.answer('ListRoutes', CLOUD_API_LATENCY_MS, () => ({ ok: true, value: this.listRoutesNow() }), done);
  }

  /**
   * Routes.CreateRoute. Each cloud names routes its own way (GCE: the cluster name and the
   * node's uid, which the route controller passes as a hint); this one names them after the
   * node and the range, so that they read easily.
   */
  createRoute(_nameHint: string, targetNode: string, destinationCIDR: string, done: (r: CloudResult<Route>) => void): void {
    this.answer(`CreateRoute ${targetNode} ${destinationCIDR}`, CLOUD_API_LATENCY_MS, () => {
      if (!this.instances.has(targetNode)) return { ok: false, error: `instance ${targetNode} not found` };
      const route: Route = { name: `kubernetes-${targetNode}-${destinationCIDR.replace(/[./]/g, '-')}`, targetNode, destinationCIDR };
      this.routes.set(route.name, route);
      return { ok: true, value: route };
    }, done);
  }

  /** Routes.DeleteRoute */
  deleteRoute(name: string, done: (r: CloudResult<void>) => void): void {
    this.answer(`DeleteRoute ${name}`, CLOUD_API_LATENCY_MS, () => {
      this.routes.delete(name);
      return { ok: true, value: undefined };
    }, done);
  }

  private freeAddress(): string | undefined {
    const used = new Set([...this.loadBalancers.values()].map((lb) => lb.ip));
    for (let host = 1; host < 255; host++) {
      const ip = `203.0.113.${host}`;
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }
}

/** The instance's metadata: zones in turn, addresses from its index. */
export function metadataOf(instance: CloudInstance): InstanceMetadata {
  return {
    providerID: `${PROVIDER_ID_PREFIX}${instance.name}`,
    instanceType: INSTANCE_TYPE,
    zone: CLOUD_ZONES[(instance.index - 1) % CLOUD_ZONES.length] ?? CLOUD_ZONES[0],
    region: CLOUD_REGION,
    nodeAddresses: [
      { type: 'InternalIP', address: `10.0.0.${10 + instance.index}` },
      { type: 'ExternalIP', address: `198.51.100.${10 + instance.index}` },
      { type: 'Hostname', address: instance.name },
    ],
  };
}

/** cloudprovider.DefaultLoadBalancerName: "a" + uid without dashes, cut to 32 characters. */
export function defaultLoadBalancerName(uid: string): string {
  return `a${uid.replace(/-/g, '')}`.slice(0, 32);
}
