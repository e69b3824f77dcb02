/**
 * cloud-controller-manager's node controller (k8s.io/cloud-provider/controllers/node/
 * node_controller.go), events from `cloud-node-controller`. A kubelet started with
 * `--cloud-provider=external` registers its Node with the taint
 * `node.cloudprovider.kubernetes.io/uninitialized=true:NoSchedule`; this controller asks the
 * cloud about the instance, sets spec.providerID and the instance-type, zone and region labels
 * (the GA and the beta keys), takes the taint off (one PUT, retried on conflict with a fresh
 * GET), patches status.addresses with what the cloud knows (adding the ExternalIP), and records
 * `Synced` "Node synced successfully". Every node-status-update-frequency (5 min) it brings
 * every node's addresses up to date.
 */
import type { Node, NodeAddress } from 'kubernetes-types/core/v1';
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
import type { InstanceMetadata, SimulatedCloud } from '../../simulated-cloud';

export const UNINITIALIZED_TAINT_KEY = 'node.cloudprovider.kubernetes.io/uninitialized';
/** --node-status-update-frequency of cloud-controller-manager. */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 5 * 60_000;
const UPDATE_RETRIES = 5;

const nodesResource = findResource('nodes');

/** The node with the cloud's providerID and labels and without the uninitialized taint (the node modifiers). */
export function initializedNode(node: Node, meta: InstanceMetadata): Node {
  const labels = {
    ...(node.metadata?.labels ?? {}),
    'node.kubernetes.io/instance-type': meta.instanceType,
    'beta.kubernetes.io/instance-type': meta.instanceType,
    'topology.kubernetes.io/zone': meta.zone,
    'failure-domain.beta.kubernetes.io/zone': meta.zone,
    'topology.kubernetes.io/region': meta.region,
    'failure-domain.beta.kubernetes.io/region': meta.region,
  };
  const taints = (node.spec?.taints ?? []).filter((t) => t.key !== UNINITIALIZED_TAINT_KEY);
  const { taints: _old, ...spec } = node.spec ?? {};
  return {
    ...node,
    metadata: { ...node.metadata, labels },
    spec: { ...spec, providerID: node.spec?.providerID || meta.providerID, ...(taints.length > 0 ? { taints } : {}) },
  };
}

function sameAddresses(a: readonly NodeAddress[] | undefined, b: readonly NodeAddress[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b);
}

export class CloudNodeController {
  private readonly nodes: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    private readonly cloud: SimulatedCloud,
  ) {
    this.nodes = informers.informerFor('nodes');
    this.recorder = new EventRecorder(engine, client, 'cloud-node-controller');
    this.queue = new RateLimitingQueue(engine, 'cloud-controller-manager: cloud-node-controller', (name) => this.syncNode(name));
    const enqueue = (node: KubeObject) => this.queue.add(node.metadata.name ?? '');
    this.nodes.addEventHandler({ onAdd: enqueue, onUpdate: (_old, node) => enqueue(node) });
  }

  start(): void {
    this.nodes.start();
    this.engine.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, 'cloud-controller-manager: cloud-node-controller UpdateNodeStatus', () => this.updateNodeStatus());
  }

  private syncNode(name: string) {
    const node = this.nodes.get('', name) as Node | undefined;
    if (!node) return DONE;
    // Initialized already: nothing to do until the periodic address sync.
    if (!(node.spec?.taints ?? []).some((t) => t.key === UNINITIALIZED_TAINT_KEY)) return DONE;
    this.cloud.instanceMetadata(name, (meta) => {
      if (!meta.ok) {
        // "failed to get instance metadata": the node stays tainted and is tried again.
        this.queue.addRateLimited(name);
        return;
      }
      this.initializeNode(name, meta.value, 0);
    });
    return DONE;
  }

  /** The PUT of the initialized node, in RetryOnConflict with a fresh GET each time. */
  private initializeNode(name: string, meta: InstanceMetadata, attempt: number): void {
    if (!nodesResource) return;
    this.client.request('GET', resourcePath(nodesResource, { name }), {}, (got) => {
      if (!isSuccess(got)) return;
      const current = got.body as Node;
      if (!(current.spec?.taints ?? []).some((t) => t.key === UNINITIALIZED_TAINT_KEY)) return;
      const updated = initializedNode(current, meta);
      this.client.request('PUT', resourcePath(nodesResource, { name }), { body: updated }, (put) => {
        if (put.code === 409 && attempt + 1 < UPDATE_RETRIES) return this.initializeNode(name, meta, attempt + 1);
        if (!isSuccess(put)) return this.queue.addRateLimited(name);
        const node = put.body as Node;
        // After adding, set the addresses the cloud knows, so that they show without delay.
        this.updateNodeAddress(node, meta);
        this.recorder.event(node as KubeObject, 'Normal', 'Synced', 'Node synced successfully');
      });
    });
  }

  private updateNodeAddress(node: Node, meta: InstanceMetadata): void {
    if (!nodesResource || sameAddresses(node.status?.addresses, meta.nodeAddresses)) return;
    // Upstream sends the strategic merge patch of the old status to the new one; a merge patch
    // replacing the list whole comes to the same addresses, in the cloud's order.
    const body = { status: { addresses: meta.nodeAddresses } };
    this.client.request('PATCH', resourcePath(nodesResource, { name: node.metadata?.name, subresource: 'status' }), { body, contentType: 'application/merge-patch+json' }, () => {});
  }

  /** UpdateNodeStatus: every node's addresses from the cloud. */
  private updateNodeStatus(): void {
    for (const node of this.nodes.list() as Node[]) {
      const name = node.metadata?.name ?? '';
      if (!this.cloud.instanceExists(name)) continue;
      this.cloud.instanceMetadata(name, (meta) => {
        const current = this.nodes.get('', name) as Node | undefined;
        if (meta.ok && current) this.updateNodeAddress(current, meta.value);
      });
    }
    this.engine.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, 'cloud-controller-manager: cloud-node-controller UpdateNodeStatus', () => this.updateNodeStatus());
  }
}
