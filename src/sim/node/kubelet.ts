/**
 * The kubelet, as far as it is simulated so far: it registers its Node with the apiserver
 * (retrying until it succeeds, as registerWithAPIServer does), keeps its Lease in
 * kube-node-lease renewed every 10 s (the heartbeat the control plane watches), and posts node
 * status at least every 5 minutes (nodeStatusReportFrequency). Running pods comes later.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import { simulatedTimestamp } from '../api/time';
import type { KubeObject } from '../watch-event';
import type { RestClient } from '../client/rest-client';
import { resourcePath } from '../client/resource-path';
import { isSuccess } from '../client/sync';
import { initialNode, nodeConditions, type NodeShape } from './node-object';

export const NODE_LEASE_DURATION_SECONDS = 40;
/** nodeLeaseRenewIntervalFraction 0.25 of the lease duration. */
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 0.25 * 1000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
const REGISTER_RETRY_MS = 7_000;

const nodes = findResource('nodes');
const leases = findResource('leases');

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return simulatedTimestamp(ms).replace('Z', `.${String(Math.floor(ms % 1000) * 1000).padStart(6, '0')}Z`);
}

export class Kubelet {
  readonly component: string;
  private registered = false;
  private lease: KubeObject | undefined;
  private registeredAt = 0;
  /** The Node object's uid, for the Lease's owner reference (setNodeOwnerFunc). */
  private nodeUid: string | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    readonly shape: NodeShape,
  ) {
    this.component = `kubelet/${shape.name}`;
  }

  start(delayMs: number): void {
    this.engine.schedule(delayMs, `${this.component}: register node`, () => this.register());
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  private register(): void {
    if (!nodes) return;
    this.client.request('POST', resourcePath(nodes), { body: initialNode(this.shape, this.engine.now()) }, (response) => {
      // 409: already registered (a restarted kubelet); that is success too.
      if (isSuccess(response) || response.code === 409) {
        if (isSuccess(response)) this.nodeUid = (response.body as KubeObject).metadata.uid;
        this.registered = true;
        this.registeredAt = this.engine.now();
        this.renewLease();
        this.engine.schedule(NODE_STATUS_REPORT_FREQUENCY_MS, `${this.component}: report node status`, () => this.reportStatus());
      } else {
        this.engine.schedule(REGISTER_RETRY_MS, `${this.component}: register node`, () => this.register());
      }
    });
  }

  /** Ensure the Lease exists (create on first use), then update renewTime every interval. */
  private renewLease(): void {
    if (!leases) return;
    const name = this.shape.name;
    const next = () => this.engine.schedule(NODE_LEASE_RENEW_INTERVAL_MS, `${this.component}: renew Lease kube-node-lease/${name}`, () => this.renewLease());
    const now = this.engine.now();
    if (!this.lease) {
      const body: KubeObject = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          // Without the Node's uid (a restarted kubelet that found its Node) the Lease has no owner, as upstream.
          ...(this.nodeUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: this.nodeUid }] } : {}),
        },
        spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: microTime(now) },
      };
      this.client.request('POST', resourcePath(leases, { namespace: 'kube-node-lease' }), { body }, (response) => {
        if (isSuccess(response)) this.lease = response.body as KubeObject;
        else if (response.code === 409) this.fetchLease();
        next();
      });
      return;
    }
    const body = { ...this.lease, spec: { ...(this.lease['spec'] as object), renewTime: microTime(now) } };
    this.client.request('PUT', resourcePath(leases, { namespace: 'kube-node-lease', name }), { body }, (response) => {
      if (isSuccess(response)) this.lease = response.body as KubeObject;
      else this.lease = undefined; // a conflict or a deleted lease: fetch or create afresh next time
      next();
    });
  }

  private fetchLease(): void {
    if (!leases) return;
    this.client.request('GET', resourcePath(leases, { namespace: 'kube-node-lease', name: this.shape.name }), {}, (response) => {
      if (isSuccess(response)) this.lease = response.body as KubeObject;
    });
  }

  private reportStatus(): void {
    if (!nodes) return;
    const body = { status: { conditions: nodeConditions(this.engine.now(), this.registeredAt) } };
    this.client.request('PATCH', resourcePath(nodes, { name: this.shape.name, subresource: 'status' }), { body, contentType: 'application/strategic-merge-patch+json' }, () => {});
    this.engine.schedule(NODE_STATUS_REPORT_FREQUENCY_MS, `${this.component}: report node status`, () => this.reportStatus());
  }
}
