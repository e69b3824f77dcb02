/**
 * The kubelet of one node, as `system:node:<name>`: it registers its Node (retrying until it
 * succeeds, as registerWithAPIServer does; spec.podCIDR 10.244.N.0/24 and the runtime's
 * version in nodeInfo), keeps its Lease in kube-node-lease renewed every 10 s, posts node
 * status at least every 5 minutes (nodeStatusReportFrequency), and runs the pods bound to it:
 * a list+watch of `spec.nodeName=<node>` feeds the pod workers (kubelet/pod-workers.ts), which
 * drive the container runtime (runtime/) and report through the status manager and the event
 * recorder.
 *
 * Failure hooks for the lead's `kubearch node stop|start|partition|heal`: stop() is the kubelet
 * process stopping (no Lease renewals, no status, no syncs; containers keep running, as they
 * do under a stopped kubelet), start() brings it back (re-register, relist, resync every pod);
 * `partitioned` drops everything the kubelet would send and closes its watch until healed.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import { microTime } from '../api/time';
import { parseQuantity } from '../api/quantity';
import type { KubeObject } from '../api/kube-object';
import type { RestClient } from '../client/rest-client';
import { resourcePath } from '../client/resource-path';
import { isSuccess } from '../client/sync';
import { initialNode, nodeAddress, nodeConditions, podCIDR, type NodeShape } from './node-object';
import { ContainerRuntime } from './runtime/container-runtime';
import { PodSource } from './kubelet/config-apiserver';
import { ObjectManager } from './kubelet/object-manager';
import { KubeletEventRecorder } from './kubelet/event-recorder';
import { PodWorkers } from './kubelet/pod-workers';
import { StatusManager } from './kubelet/status-manager';
import type { NodeInfo } from './kubelet/admission';
import { Informer } from '../client/informer';

export const NODE_LEASE_DURATION_SECONDS = 40;
/** nodeLeaseRenewIntervalFraction 0.25 of the lease duration. */
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 0.25 * 1000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
const REGISTER_RETRY_MS = 7_000;

const nodes = findResource('nodes');
const leases = findResource('leases');

/** The container runtime a node of this shape runs (containerd unless the shape says CRI-O). */
export function nodeContainerRuntime(engine: Engine, shape: NodeShape): ContainerRuntime {
  return new ContainerRuntime(engine, { flavour: shape.runtime ?? 'containerd', podCIDR: podCIDR(shape.index), preloadedImages: shape.images ?? {}, ...(shape.pullBandwidth ? { pullBandwidth: shape.pullBandwidth } : {}) });
}


export class Kubelet {
  readonly component: string;
  readonly runtime: ContainerRuntime;
  readonly podWorkers: PodWorkers;
  readonly statusManager: StatusManager;
  private readonly recorder: KubeletEventRecorder;
  private readonly podSource: PodSource;
  private registered = false;
  private lease: KubeObject | undefined;
  private registeredAt = 0;
  /** The Node object's uid, for the Lease's owner reference (setNodeOwnerFunc). */
  private nodeUid: string | undefined;
  private running = false;
  private started = false;
  /** Bumped by stop(): timers of an older run find it changed and end. */
  private epoch = 0;
  private partition = false;
  /** The ConfigMaps and Secrets the pods here reference, watched one by one (configmap/secret managers). */
  private readonly configMaps: ObjectManager;
  private readonly secrets: ObjectManager;
  private readonly nodeInfo: NodeInfo & { readonly hostIP: string };
  /**
   * The kubelet's own Node, listed and watched by name (kubelet.go's nodeInformer with
   * `fieldSelector=metadata.name=NODE`): admission checks a pod's node selector and affinity
   * against the Node's labels as they are now, not as the kubelet registered them, so a label
   * added with `kubectl label node` counts.
   */
  private readonly nodeLister: Informer;

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    readonly shape: NodeShape,
    /** The node's container runtime, reached over its CRI socket; default: one made for the node's shape. */
    runtime: ContainerRuntime = nodeContainerRuntime(engine, shape),
  ) {
    this.component = `kubelet/${shape.name}`;
    this.runtime = runtime;
    const canSend = () => this.running && !this.partition;
    this.statusManager = new StatusManager(client, canSend);
    this.recorder = new KubeletEventRecorder(engine, client, shape.name, canSend);
    this.nodeInfo = {
      name: shape.name,
      hostIP: nodeAddress(shape.index),
      labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': shape.name, 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', ...(shape.labels ?? {}) },
      allocatable: { cpu: parseQuantity(shape.cpu).milliValue(), memory: parseQuantity(shape.memory).value(), pods: shape.pods },
    };
    const synced = (uids: readonly string[]) => this.podWorkers.volumes.objectsSynced(uids);
    this.configMaps = new ObjectManager(engine, client, 'configmaps', synced);
    this.secrets = new ObjectManager(engine, client, 'secrets', synced);
    this.podWorkers = new PodWorkers(
      engine,
      this.runtime,
      {
        setPodStatus: (pod, status) => this.statusManager.setPodStatus(pod, status),
        deletePod: (pod) => this.statusManager.deletePod(pod),
        event: (pod, type, reason, message, fieldPath) => this.recorder.event(pod, type, reason, message, fieldPath),
        envLookup: {
          configMap: (ns, name) => this.configMaps.get(ns, name),
          secret: (ns, name) => this.secrets.get(ns, name),
        },
      },
      () => this.currentNodeInfo(),
    );
    this.nodeLister = new Informer(engine, client, 'nodes', undefined, { fieldSelector: `metadata.name=${shape.name}` });
    this.podSource = new PodSource(engine, client, shape.name, {
      onAdd: (pod) => this.handlePod(pod),
      onUpdate: (pod) => this.handlePod(pod),
      onDelete: (pod) => {
        this.configMaps.unregisterPod(pod.metadata?.uid ?? '');
        this.secrets.unregisterPod(pod.metadata?.uid ?? '');
        this.podWorkers.removePod(pod);
        this.statusManager.forget(pod.metadata?.uid ?? '');
      },
    });
  }

  /** Boot the kubelet after `delayMs`, or bring a stopped one back. */
  start(delayMs = 0): void {
    if (this.running) return;
    const epoch = this.epoch;
    this.engine.schedule(delayMs, `${this.component}: ${this.started ? 'restart' : 'start'}`, () => {
      if (epoch !== this.epoch || this.running) return;
      this.running = true;
      this.started = true;
      this.configMaps.start();
      this.secrets.start();
      this.podWorkers.start();
      this.register();
    });
  }

  /** The kubelet process stops: no Lease renewals, no node or pod status, no pod syncs. */
  stop(): void {
    this.running = false;
    this.epoch++;
    this.lease = undefined;
    this.podSource.stop();
    this.nodeLister.stop();
    this.configMaps.stop();
    this.secrets.stop();
    this.podWorkers.stop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  /** The network between this node and the apiserver drops everything while true. */
  get partitioned(): boolean {
    return this.partition;
  }

  set partitioned(value: boolean) {
    if (value === this.partition) return;
    this.partition = value;
    if (value) {
      this.podSource.stop();
      this.nodeLister.stop();
      this.configMaps.stop();
      this.secrets.stop();
    } else if (this.running) {
      this.podSource.start();
      if (this.registered) this.nodeLister.start();
      this.configMaps.start();
      this.secrets.start();
      this.statusManager.resync();
      // The status sync (every 10 s) finds the Node's Ready condition no longer what the kubelet
      // reports (the node controller set it Unknown meanwhile) and posts it again.
      if (this.registered) this.postStatus();
    }
  }

  private handlePod(pod: Pod): void {
    // RegisterPod on the managers before the pod worker looks anything up.
    this.configMaps.registerPod(pod);
    this.secrets.registerPod(pod);
    this.podWorkers.updatePod(pod);
  }

  /**
   * What this kubelet lists and watches, for the page: its pods (the Node authorizer lets it
   * see only those), and each ConfigMap and Secret its pods reference (the watch managers).
   */
  watches(): string[] {
    return [`pods spec.nodeName=${this.shape.name}`, `nodes metadata.name=${this.shape.name}`, ...this.configMaps.watched().map((k) => `configmaps ${k}`), ...this.secrets.watched().map((k) => `secrets ${k}`)];
  }

  /** The last Node labels seen and the node info built with them: pod status asks for the node on every sync. */
  private labelledNodeInfo: { readonly labels: Readonly<Record<string, string>>; readonly info: NodeInfo & { readonly hostIP: string } } | undefined;

  /** The node as admission sees it: the Node's labels once the lister has it, else those the kubelet registered with. */
  private currentNodeInfo(): NodeInfo & { readonly hostIP: string } {
    const labels = this.nodeLister.get('', this.shape.name)?.metadata.labels;
    if (!labels) return this.nodeInfo;
    // Stored objects are never changed in place: the same labels object means the same labels.
    if (this.labelledNodeInfo?.labels !== labels) this.labelledNodeInfo = { labels, info: { ...this.nodeInfo, labels } };
    return this.labelledNodeInfo.info;
  }

  private send(method: Parameters<RestClient['request']>[0], path: string, options: Parameters<RestClient['request']>[2], done: Parameters<RestClient['request']>[3]): void {
    if (this.partition) return; // dropped on the way: no answer ever comes
    this.client.request(method, path, options, done);
  }

  private register(): void {
    if (!nodes) return;
    const epoch = this.epoch;
    const retry = () => this.engine.schedule(REGISTER_RETRY_MS, `${this.component}: register node`, () => epoch === this.epoch && this.register());
    if (this.partition) {
      retry();
      return;
    }
    this.send('POST', resourcePath(nodes), { body: initialNode(this.shape, this.engine.now()) }, (response) => {
      if (epoch !== this.epoch) return;
      // 409: already registered (a restarted kubelet); that is success too.
      if (isSuccess(response) || response.code === 409) {
        if (isSuccess(response)) this.nodeUid = (response.body as KubeObject).metadata.uid;
        this.registered = true;
        this.registeredAt = this.engine.now();
        // A restarted kubelet has not reported in this run yet: it posts its status at once.
        if (!isSuccess(response)) this.postStatus();
        this.podSource.start();
        this.nodeLister.start();
        this.renewLease();
        this.engine.schedule(NODE_STATUS_REPORT_FREQUENCY_MS, `${this.component}: report node status`, () => epoch === this.epoch && this.reportStatus());
      } else retry();
    });
  }

  /** Ensure the Lease exists (create on first use), then update renewTime every interval. */
  private renewLease(): void {
    if (!leases) return;
    const name = this.shape.name;
    const epoch = this.epoch;
    const next = () => this.engine.schedule(NODE_LEASE_RENEW_INTERVAL_MS, `${this.component}: renew Lease kube-node-lease/${name}`, () => epoch === this.epoch && this.renewLease());
    const now = this.engine.now();
    if (this.partition) {
      next();
      return;
    }
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
      this.send('POST', resourcePath(leases, { namespace: 'kube-node-lease' }), { body }, (response) => {
        if (epoch !== this.epoch) return;
        if (isSuccess(response)) this.lease = response.body as KubeObject;
        else if (response.code === 409) this.fetchLease();
      });
      next();
      return;
    }
    const body = { ...this.lease, spec: { ...(this.lease['spec'] as object), renewTime: microTime(now) } };
    this.send('PUT', resourcePath(leases, { namespace: 'kube-node-lease', name }), { body }, (response) => {
      if (epoch !== this.epoch) return;
      if (isSuccess(response)) this.lease = response.body as KubeObject;
      else this.lease = undefined; // a conflict or a deleted lease: fetch or create afresh next time
    });
    next();
  }

  private fetchLease(): void {
    if (!leases) return;
    const epoch = this.epoch;
    this.send('GET', resourcePath(leases, { namespace: 'kube-node-lease', name: this.shape.name }), {}, (response) => {
      if (epoch === this.epoch && isSuccess(response)) this.lease = response.body as KubeObject;
    });
  }

  private postStatus(): void {
    if (!nodes) return;
    const body = { status: { conditions: nodeConditions(this.engine.now(), this.registeredAt) } };
    this.send('PATCH', resourcePath(nodes, { name: this.shape.name, subresource: 'status' }), { body, contentType: 'application/strategic-merge-patch+json' }, () => {});
  }

  private reportStatus(): void {
    const epoch = this.epoch;
    this.postStatus();
    this.engine.schedule(NODE_STATUS_REPORT_FREQUENCY_MS, `${this.component}: report node status`, () => epoch === this.epoch && this.reportStatus());
  }
}
