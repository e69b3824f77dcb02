/**
 * cloud-controller-manager's service controller (k8s.io/cloud-provider/controllers/service/
 * controller.go), events from `service-controller`. A Service of `type: LoadBalancer` (without a
 * loadBalancerClass) gets the finalizer `service.kubernetes.io/load-balancer-cleanup`, then a
 * load balancer from the cloud in front of the Ready nodes' node ports, and its address in
 * status.loadBalancer.ingress (`kubectl get svc` EXTERNAL-IP goes from `<pending>` to it), with
 * `EnsuringLoadBalancer` "Ensuring load balancer" and `EnsuredLoadBalancer` "Ensured load
 * balancer". A Service that no longer wants one, or is being deleted, has its load balancer
 * deleted (`DeletingLoadBalancer`, `DeletedLoadBalancer`), its status cleared and the finalizer
 * removed. When the set of Ready nodes changes, each load balancer is pointed at the new set
 * (`UpdatedLoadBalancer` "Updated load balancer with new hosts").
 */
import type { Node, Service } from 'kubernetes-types/core/v1';
import { findResource } from '../../../api/resources';
import type { Engine } from '../../../engine';
import type { Informer } from '../../../client/informer';
import type { SharedInformerFactory } from '../../../client/shared-informer-factory';
import type { RestClient } from '../../../client/rest-client';
import { resourcePath } from '../../../client/resource-path';
import { isSuccess } from '../../../client/sync';
import { EventRecorder } from '../../../client/event-recorder';
import { DONE, RateLimitingQueue } from '../../../client/workqueue';
import type { KubeObject } from '../../../api/kube-object';
import { defaultLoadBalancerName, type LoadBalancer, type LoadBalancerPort, type SimulatedCloud } from '../../simulated-cloud';

export const LOAD_BALANCER_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
const services = findResource('services');

export function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
}

function hasFinalizer(svc: Service): boolean {
  return (svc.metadata?.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER);
}

/** needsCleanup: it holds our finalizer and is being deleted or is no longer a LoadBalancer. */
export function needsCleanup(svc: Service): boolean {
  return hasFinalizer(svc) && (svc.metadata?.deletionTimestamp !== undefined || svc.spec?.type !== 'LoadBalancer');
}

/** getNodeConditionPredicate: nodes with Ready=True, not excluded from load balancers. */
export function loadBalancerNodes(nodes: readonly Node[]): string[] {
  return nodes
    .filter((n) => !('node.kubernetes.io/exclude-from-external-load-balancers' in (n.metadata?.labels ?? {})))
    .filter((n) => !(n.spec?.taints ?? []).some((t) => t.key === 'ToBeDeletedByClusterAutoscaler'))
    .filter((n) => (n.status?.conditions ?? []).length > 0 && (n.status?.conditions ?? []).every((c) => c.type !== 'Ready' || c.status === 'True'))
    .map((n) => n.metadata?.name ?? '')
    .sort();
}

function portsOf(svc: Service): LoadBalancerPort[] {
  return (svc.spec?.ports ?? []).map((p) => ({ protocol: p.protocol ?? 'TCP', port: p.port, nodePort: p.nodePort ?? 0 }));
}

export class ServiceController {
  private readonly services: Informer;
  private readonly nodes: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;
  private lastNodes = '';
  /** Services a sync is working on (waiting for the cloud): one at a time per key, as a worker holds it. */
  private readonly inFlight = new Set<string>();

  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    private readonly cloud: SimulatedCloud,
  ) {
    this.services = informers.informerFor('services');
    this.nodes = informers.informerFor('nodes');
    this.recorder = new EventRecorder(engine, client, 'service-controller');
    this.queue = new RateLimitingQueue(engine, 'cloud-controller-manager: service-controller', (key) => this.syncService(key));
    const enqueue = (svc: KubeObject) => {
      const s = svc as Service;
      if (wantsLoadBalancer(s) || hasFinalizer(s)) this.queue.add(`${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`);
    };
    this.services.addEventHandler({
      onAdd: enqueue,
      onUpdate: (old, svc) => {
        const [o, n] = [old as Service, svc as Service];
        if (wantsLoadBalancer(o) !== wantsLoadBalancer(n)) this.recorder.event(svc, 'Normal', 'Type', `${o.spec?.type ?? ''} -> ${n.spec?.type ?? ''}`);
        enqueue(svc);
      },
    });
    this.nodes.addEventHandler({ onAdd: () => this.nodesChanged(), onUpdate: () => this.nodesChanged(), onDelete: () => this.nodesChanged() });
  }

  start(): void {
    this.services.start();
    this.nodes.start();
  }

  private syncService(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const svc = this.services.get(namespace, name) as Service | undefined;
    if (!svc) return DONE;
    if (this.inFlight.has(key)) return { retry: true, after: 1_000 } as const;
    const lbName = defaultLoadBalancerName(svc.metadata?.uid ?? '');
    if (!wantsLoadBalancer(svc) || needsCleanup(svc)) {
      this.deleteLoadBalancer(svc, lbName, key);
      return DONE;
    }
    const nodes = loadBalancerNodes(this.nodes.list() as Node[]);
    const lb = this.cloud.getLoadBalancer(lbName);
    // Nothing changed since the last sync (our own status write comes back through the informer).
    if (lb && hasFinalizer(svc) && svc.status?.loadBalancer?.ingress?.[0]?.ip === lb.ip && JSON.stringify(lb.ports) === JSON.stringify(portsOf(svc))) return DONE;
    this.recorder.event(svc as KubeObject, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    this.inFlight.add(key);
    const failed = () => {
      this.inFlight.delete(key);
      this.queue.addRateLimited(key);
    };
    this.addFinalizer(svc, (ok) => {
      if (!ok) return failed();
      if (nodes.length === 0) this.recorder.event(svc as KubeObject, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
      this.cloud.ensureLoadBalancer(lbName, key, portsOf(svc), nodes, (result) => {
        if (!result.ok) {
          this.recorder.event(svc as KubeObject, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${result.error}`);
          return failed();
        }
        this.recorder.event(svc as KubeObject, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
        this.patchStatus(svc, result.value, key, () => this.inFlight.delete(key));
      });
    });
    return DONE;
  }

  private deleteLoadBalancer(svc: Service, lbName: string, key: string): void {
    const done = () => this.inFlight.delete(key);
    const failed = () => {
      done();
      this.queue.addRateLimited(key);
    };
    const finish = () =>
      this.removeFinalizer(svc, (ok) => {
        if (!ok) return failed();
        this.recorder.event(svc as KubeObject, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
        this.patchStatus(svc, undefined, key, done);
      });
    if (!this.cloud.getLoadBalancer(lbName)) {
      if (!hasFinalizer(svc) && !svc.status?.loadBalancer?.ingress?.length) return;
      this.inFlight.add(key);
      return finish();
    }
    this.inFlight.add(key);
    this.recorder.event(svc as KubeObject, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    this.cloud.ensureLoadBalancerDeleted(lbName, (r) => (r.ok ? finish() : failed()));
  }

  private addFinalizer(svc: Service, done: (ok: boolean) => void): void {
    if (hasFinalizer(svc) || !services) return done(true);
    const finalizers = [...(svc.metadata?.finalizers ?? []), LOAD_BALANCER_CLEANUP_FINALIZER];
    const path = resourcePath(services, { namespace: svc.metadata?.namespace, name: svc.metadata?.name });
    this.client.request('PATCH', path, { body: { metadata: { finalizers } }, contentType: 'application/merge-patch+json' }, (r) => done(isSuccess(r)));
  }

  private removeFinalizer(svc: Service, done: (ok: boolean) => void): void {
    if (!hasFinalizer(svc) || !services) return done(true);
    const finalizers = (svc.metadata?.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER);
    const path = resourcePath(services, { namespace: svc.metadata?.namespace, name: svc.metadata?.name });
    this.client.request('PATCH', path, { body: { metadata: { finalizers: finalizers.length > 0 ? finalizers : null } }, contentType: 'application/merge-patch+json' }, (r) => done(isSuccess(r) || r.code === 404));
  }

  /** patchStatus: status.loadBalancer from the load balancer (ipMode VIP, as the apiserver defaults it), or empty. */
  private patchStatus(svc: Service, lb: LoadBalancer | undefined, key: string, done: () => void): void {
    if (!services) return done();
    const loadBalancer = lb ? { ingress: [{ ip: lb.ip, ipMode: 'VIP' }] } : {};
    if (JSON.stringify(svc.status?.loadBalancer ?? {}) === JSON.stringify(loadBalancer)) return done();
    const path = resourcePath(services, { namespace: svc.metadata?.namespace, name: svc.metadata?.name, subresource: 'status' });
    const body = { status: { loadBalancer: lb ? loadBalancer : { ingress: null } } };
    this.client.request('PATCH', path, { body, contentType: 'application/merge-patch+json' }, (r) => {
      done();
      // A Service gone right after its finalizer was removed is not an error.
      if (!isSuccess(r) && r.code !== 404) this.queue.addRateLimited(key);
    });
  }

  /** nodeSyncInternal: when the Ready node set changes, every load balancer gets the new set. */
  private nodesChanged(): void {
    const nodes = loadBalancerNodes(this.nodes.list() as Node[]);
    const signature = nodes.join(',');
    if (signature === this.lastNodes) return;
    this.lastNodes = signature;
    for (const svc of this.services.list() as Service[]) {
      if (!wantsLoadBalancer(svc)) continue;
      const lbName = defaultLoadBalancerName(svc.metadata?.uid ?? '');
      const lb = this.cloud.getLoadBalancer(lbName);
      if (!lb || lb.nodes.join(',') === signature) continue;
      const key = `${svc.metadata?.namespace ?? ''}/${svc.metadata?.name ?? ''}`;
      this.cloud.ensureLoadBalancer(lbName, key, lb.ports, nodes, (r) => {
        if (r.ok) this.recorder.event(svc as KubeObject, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts');
      });
    }
  }
}
