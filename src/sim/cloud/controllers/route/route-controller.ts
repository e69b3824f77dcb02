/**
 * cloud-controller-manager's route controller (k8s.io/cloud-provider/controllers/route/
 * route_controller.go), events from `route_controller`. Every route-reconciliation-period (10 s)
 * it compares the cloud's route table with the nodes' pod CIDRs: a node without a route to its
 * pod CIDR gets one (named by the node's uid), a route whose node is gone or whose CIDR changed
 * is deleted. A node whose routes all exist has its NetworkUnavailable condition set False,
 * `RouteCreated` "RouteController created a route" (once: it is left alone while False).
 */
import type { Node } from 'kubernetes-types/core/v1';
import { findResource } from '../../../api/resources';
import { simulatedTimestamp } from '../../../api/time';
import type { Engine } from '../../../engine';
import type { Informer } from '../../../client/informer';
import type { SharedInformerFactory } from '../../../client/shared-informer-factory';
import type { RestClient } from '../../../client/rest-client';
import { resourcePath } from '../../../client/resource-path';
import { EventRecorder } from '../../../client/event-recorder';
import type { KubeObject } from '../../../api/kube-object';
import type { Route, SimulatedCloud } from '../../simulated-cloud';

/** --route-reconciliation-period */
export const ROUTE_RECONCILIATION_PERIOD_MS = 10_000;
const CACHE_SYNC_POLL_MS = 100;
const nodesResource = findResource('nodes');

/** What reconcile will do: the routes to create (node, CIDR) and the route names to delete. */
export function planRoutes(nodes: readonly Node[], routes: readonly Route[]): { create: { node: Node; cidr: string }[]; remove: string[] } {
  const wanted = new Set<string>();
  const create: { node: Node; cidr: string }[] = [];
  const have = new Set(routes.map((r) => `${r.targetNode} ${r.destinationCIDR}`));
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    for (const cidr of node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : [])) {
      wanted.add(`${name} ${cidr}`);
      if (!have.has(`${name} ${cidr}`)) create.push({ node, cidr });
    }
  }
  const remove = routes.filter((r) => !wanted.has(`${r.targetNode} ${r.destinationCIDR}`)).map((r) => r.name);
  return { create, remove };
}

export class RouteController {
  private readonly nodes: Informer;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    private readonly cloud: SimulatedCloud,
  ) {
    this.nodes = informers.informerFor('nodes');
    this.recorder = new EventRecorder(engine, client, 'route_controller');
  }

  start(): void {
    this.nodes.start();
    this.reconcileLoop();
  }

  /** WaitForCacheSync (polling every 100 ms), then reconcile every route-reconciliation-period. */
  private reconcileLoop(): void {
    if (!this.nodes.hasSynced()) {
      this.engine.schedule(CACHE_SYNC_POLL_MS, 'cloud-controller-manager: route-controller waits for caches', () => this.reconcileLoop());
      return;
    }
    this.cloud.listRoutes((listed) => {
      if (listed.ok) this.reconcile(this.nodes.list() as Node[], listed.value);
      this.engine.schedule(ROUTE_RECONCILIATION_PERIOD_MS, 'cloud-controller-manager: route-controller reconcile', () => this.reconcileLoop());
    });
  }

  private reconcile(nodes: readonly Node[], routes: readonly Route[]): void {
    const { create, remove } = planRoutes(nodes, routes);
    const creating = new Set(create.map((c) => c.node.metadata?.name ?? ''));
    for (const { node, cidr } of create) {
      const name = node.metadata?.name ?? '';
      this.cloud.createRoute(node.metadata?.uid ?? name, name, cidr, (r) => {
        if (r.ok) return this.updateNetworkingCondition(name);
        this.recorder.event(node as KubeObject, 'Warning', 'FailedToCreateRoute', `Could not create route ${node.metadata?.uid ?? ''} ${cidr} for node ${name}: ${r.error}`);
      });
    }
    for (const routeName of remove) this.cloud.deleteRoute(routeName, () => {});
    // Nodes whose routes are all there: NetworkUnavailable=False.
    for (const node of nodes) if (!creating.has(node.metadata?.name ?? '')) this.updateNetworkingCondition(node.metadata?.name ?? '');
  }

  private updateNetworkingCondition(nodeName: string): void {
    const node = this.nodes.get('', nodeName) as Node | undefined;
    if (!node || !nodesResource) return;
    const current = node.status?.conditions?.find((c) => c.type === 'NetworkUnavailable');
    if (current?.status === 'False') return;
    const now = simulatedTimestamp(this.engine.now());
    const condition = { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated', message: 'RouteController created a route', lastTransitionTime: now, lastHeartbeatTime: now };
    const body = { status: { conditions: [condition] } };
    this.client.request('PATCH', resourcePath(nodesResource, { name: nodeName, subresource: 'status' }), { body, contentType: 'application/strategic-merge-patch+json' }, () => {});
  }
}
