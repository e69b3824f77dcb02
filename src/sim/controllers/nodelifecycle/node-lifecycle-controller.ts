/**
 * kube-controller-manager's node lifecycle controller (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go, v1.32), as the service account `node-controller` with events from
 * `node-controller`. Every node-monitor-period (5 s) it checks each Node's health signals (its
 * Ready heartbeat and its Lease in kube-node-lease); a node silent for node-monitor-grace-period
 * (50 s since v1.32) gets Ready=Unknown (node-health.ts), a `NodeNotReady` event, and its pods'
 * Ready conditions set False with a `NodeNotReady` event on each (MarkPodsNotReady). On the next
 * pass the node is queued in its zone's rate-limited tainter (--node-eviction-rate 0.1 node/s),
 * which adds `node.kubernetes.io/unreachable:NoExecute` (Ready=Unknown) or
 * `node.kubernetes.io/not-ready:NoExecute` (Ready=False); the taint-eviction-controller then
 * deletes the pods that do not tolerate it. Node updates keep the NoSchedule taints matching the
 * conditions (TaintNodesByCondition: a new node's not-ready:NoSchedule goes once it is Ready).
 * A node Ready again loses its NoExecute taints. When every zone has no Ready node at all, the
 * controller assumes the control plane is the one cut off, removes the taints and evicts nothing.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { findResource } from '../../api/resources';
import type { Engine, EventHandle } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import { EventRecorder } from '../../client/event-recorder';
import { DONE, RateLimitingQueue } from '../../client/workqueue';
import { getNodeCondition, markPodsNotReady, recordNodeEvent, recordNodeStatusChange } from '../util/node-controller-utils';
import { removeTaintsOffNode, swapNodeControllerTaint, taintSetDiff } from '../util/node-taints';
import { tryUpdateNodeHealth, type NodeHealthData } from './node-health';
import { EVICTION_RATE_LIMITER_BURST, RateLimitedTimedQueue, TokenBucket } from './rate-limited-timed-queue';
import { computeZoneState, getZoneKey, labelsToReconcile, type ZoneState } from './zones';

export interface NodeLifecycleOptions {
  /** --node-monitor-period */
  readonly nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period */
  readonly nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period */
  readonly nodeStartupGracePeriodMs: number;
  /** --node-eviction-rate */
  readonly evictionLimiterQPS: number;
  /** --secondary-node-eviction-rate */
  readonly secondaryEvictionLimiterQPS: number;
  /** --large-cluster-size-threshold */
  readonly largeClusterThreshold: number;
  /** --unhealthy-zone-threshold */
  readonly unhealthyZoneThreshold: number;
}

/** The kube-controller-manager v1.32 defaults (node-monitor-grace-period 50 s since kubernetes/kubernetes#126287). */
export const NODE_LIFECYCLE_DEFAULTS: NodeLifecycleOptions = {
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterThreshold: 50,
  unhealthyZoneThreshold: 0.55,
};

export const UNREACHABLE_TAINT: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap: which condition status gets which NoSchedule taint. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: 'node.kubernetes.io/not-ready', Unknown: 'node.kubernetes.io/unreachable' },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));
const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';
/** nodeUpdateWorkerSize: the workers that run the NoSchedule tainting and label passes. */
const NODE_UPDATE_WORKER_SIZE = 8;
/** NodeHealthUpdateRetry and retrySleepTime: a failed status write is retried 5 times, 20 ms apart. */
const NODE_HEALTH_UPDATE_RETRY = 5;
const RETRY_SLEEP_MS = 20;
/** When a node without a Ready condition is tried again by the tainter (the source's 50 ms). */
const NO_CONDITION_RETRY_MS = 50;
/** WaitForNamedCacheSync polls every 100 ms. */
const CACHE_SYNC_POLL_MS = 100;

const nodesResource = findResource('nodes');

export class NodeLifecycleController {
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly leases: Informer;
  private readonly recorder: EventRecorder;
  private readonly knownNodes = new Map<string, Node>();
  private readonly nodeHealth = new Map<string, NodeHealthData>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly zoneTainters = new Map<string, RateLimitedTimedQueue>();
  private readonly nodesToRetry = new Set<string>();
  private readonly nodeUpdateQueue: RateLimitingQueue;
  private readonly podUpdateQueue: RateLimitingQueue;
  private taintPass: { at: number; handle: EventHandle } | undefined;
  /** A monitor pass waiting for its status writes: the tainting pass waits for it (see scheduleTaintPass). */
  private monitoring = false;
  /** Monitor passes run, for the page and for tests. */
  passes = 0;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    private readonly options: NodeLifecycleOptions = NODE_LIFECYCLE_DEFAULTS,
  ) {
    this.nodes = informers.informerFor('nodes');
    this.pods = informers.informerFor('pods');
    this.leases = informers.informerFor('leases');
    this.recorder = new EventRecorder(engine, client, 'node-controller');
    // doNodeProcessingPassWorker, nodeUpdateWorkerSize of them: each holds its node until the taint
    // and label writes are answered, so the GET and PATCH of one change are not both queued
    // behind every other node's behind the client's rate limiter (which made them conflict).
    this.nodeUpdateQueue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: node_lifecycle_controller', NODE_UPDATE_WORKER_SIZE, (name, finish) => this.processNode(name, () => finish(DONE)));
    this.podUpdateQueue = new RateLimitingQueue(engine, 'kube-controller-manager: node_lifecycle_controller_pods', (key) => this.processPod(key));
    const enqueueNode = (node: { metadata: { name?: string } }) => this.nodeUpdateQueue.add(node.metadata.name ?? '');
    this.nodes.addEventHandler({ onAdd: enqueueNode, onUpdate: (_old, node) => enqueueNode(node), onDelete: (node) => this.nodesToRetry.delete(node.metadata.name ?? '') });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podUpdated(undefined, pod as Pod),
      onUpdate: (old, pod) => this.podUpdated(old as Pod, pod as Pod),
    });
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
    this.leases.start();
    this.waitForCacheSync();
  }

  /** The zones' NoExecute tainters' rates (for tests and the page): zone key -> qps. */
  zoneRates(): ReadonlyMap<string, number> {
    return new Map([...this.zoneTainters].map(([zone, q]) => [zone, q.qps]));
  }

  zoneState(zone: string): ZoneState | undefined {
    return this.zoneStates.get(zone);
  }

  private waitForCacheSync(): void {
    if (this.nodes.hasSynced() && this.pods.hasSynced() && this.leases.hasSynced()) return this.monitorNodeHealth();
    this.engine.schedule(CACHE_SYNC_POLL_MS, 'kube-controller-manager: node-lifecycle-controller waits for caches', () => this.waitForCacheSync());
  }

  private podsOnNode(nodeName: string): Pod[] {
    return this.pods.list(undefined, (p) => (p as Pod).spec?.nodeName === nodeName) as Pod[];
  }

  // ---- the monitor loop: every node-monitor-period, after the previous pass has finished

  private monitorNodeHealth(): void {
    this.passes++;
    this.monitoring = true;
    const nodes = this.nodes.list() as Node[];
    const seen = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      if (this.knownNodes.has(name)) {
        if (!this.zoneStates.has(getZoneKey(node))) this.addTainterForNewZone(node);
        continue;
      }
      recordNodeEvent(this.recorder, node, 'Normal', 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.knownNodes.set(name, node);
      this.addTainterForNewZone(node);
      this.markNodeAsReachable(node);
    }
    for (const [name, node] of this.knownNodes) {
      if (seen.has(name)) continue;
      recordNodeEvent(this.recorder, node, 'Normal', 'RemovingNode', `Removing Node ${name} from Controller`);
      this.knownNodes.delete(name);
    }

    const zoneConditions = new Map<string, (ReturnType<typeof getNodeCondition>)[]>();
    let pending = nodes.length;
    const finished = () => {
      if (--pending > 0) return;
      this.handleDisruption(zoneConditions, nodes);
      this.monitoring = false;
      this.scheduleTaintPass();
      this.engine.schedule(this.options.nodeMonitorPeriodMs, 'kube-controller-manager: node-lifecycle-controller monitorNodeHealth', () => this.monitorNodeHealth());
    };
    if (pending === 0) {
      pending = 1;
      return finished();
    }
    for (const node of nodes) this.updateNode(node, zoneConditions, finished);
  }

  /**
   * tryUpdateNodeHealth, and the PUT of the Unknown conditions when it calls for one. A write that
   * fails is tried again with the Node read afresh, 20 ms apart, up to NodeHealthUpdateRetry (5)
   * times; then "Update health of Node from Controller error, Skipping - no pods will be evicted"
   * until the next pass.
   */
  private updateNode(node: Node, zoneConditions: Map<string, (ReturnType<typeof getNodeCondition>)[]>, finished: () => void, attempt = 0): void {
    const name = node.metadata?.name ?? '';
    const lease = this.leases.get('kube-node-lease', name) as Lease | undefined;
    const result = tryUpdateNodeHealth(node, this.nodeHealth.get(name), lease, this.engine.now(), this.options);
    const proceed = (current: Node) => {
      this.nodeHealth.set(name, result.health);
      if (!('node.kubernetes.io/exclude-disruption' in (current.metadata?.labels ?? {}))) {
        const zone = getZoneKey(current);
        zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), result.currentReady]);
      }
      if (result.currentReady) this.afterHealthUpdate(current, result.observedReady.status, result.currentReady.status);
      finished();
    };
    if (!result.update || !nodesResource) return proceed(node);
    const path = resourcePath(nodesResource, { name, subresource: 'status' });
    this.client.request('PUT', path, { body: result.update }, (response) => {
      if (isSuccess(response)) return proceed(response.body as Node);
      if (attempt + 1 >= NODE_HEALTH_UPDATE_RETRY) return finished();
      this.engine.schedule(RETRY_SLEEP_MS, `kube-controller-manager: node-lifecycle-controller retries node ${name}`, () =>
        this.client.request('GET', resourcePath(nodesResource, { name }), {}, (got) => {
          // "Failed while getting a Node to retry updating node health. Probably Node was deleted."
          if (!isSuccess(got)) return finished();
          this.updateNode(got.body as Node, zoneConditions, finished, attempt + 1);
        }),
      );
    });
  }

  private afterHealthUpdate(node: Node, observed: string | undefined, current: string | undefined): void {
    const name = node.metadata?.name ?? '';
    this.processTaintBaseEviction(node, observed);
    const needsRetry = this.nodesToRetry.has(name);
    const transitioned = current !== 'True' && observed === 'True';
    if (transitioned) recordNodeStatusChange(this.recorder, node, 'NodeNotReady');
    if (transitioned || (needsRetry && observed !== 'True')) {
      markPodsNotReady(this.engine, this.client, this.recorder, this.podsOnNode(name), name, (ok) => {
        if (ok) this.nodesToRetry.delete(name);
        else this.nodesToRetry.add(name);
      });
      return;
    }
    this.nodesToRetry.delete(name);
  }

  private processTaintBaseEviction(node: Node, observed: string | undefined): void {
    const taints = node.spec?.taints ?? [];
    const has = (t: Taint) => taints.some((x) => x.key === t.key && x.effect === t.effect);
    switch (observed) {
      case 'False':
        // An unreachable node that now says NotReady gets its taint swapped at once.
        if (has(UNREACHABLE_TAINT)) swapNodeControllerTaint(this.engine, this.client, [NOT_READY_TAINT], [UNREACHABLE_TAINT], node, () => {});
        else this.markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (has(NOT_READY_TAINT)) swapNodeControllerTaint(this.engine, this.client, [UNREACHABLE_TAINT], [NOT_READY_TAINT], node, () => {});
        else this.markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
      default:
        break;
    }
  }

  // ---- the zones' NoExecute tainters

  private addTainterForNewZone(node: Node): void {
    const zone = getZoneKey(node);
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, 'Initial');
    this.zoneTainters.set(zone, new RateLimitedTimedQueue(new TokenBucket(this.options.evictionLimiterQPS, EVICTION_RATE_LIMITER_BURST, this.engine.now())));
  }

  private tainterOf(node: Node): RateLimitedTimedQueue | undefined {
    return this.zoneTainters.get(getZoneKey(node));
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): void {
    const tainter = this.tainterOf(node);
    if (!tainter) return;
    const taint = status === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    const taints = node.spec?.taints ?? [];
    // Not tainted yet: forget an earlier try so the node is queued afresh.
    if (!taints.some((t) => t.key === taint.key && t.effect === taint.effect)) tainter.remove(node.metadata?.name ?? '');
    if (tainter.add(node.metadata?.name ?? '', node.metadata?.uid ?? '', this.engine.now())) this.scheduleTaintPass();
  }

  private markNodeAsReachable(node: Node): void {
    removeTaintsOffNode(this.engine, this.client, node, [UNREACHABLE_TAINT], (removedUnreachable) => {
      if (!removedUnreachable) return;
      removeTaintsOffNode(this.engine, this.client, node, [NOT_READY_TAINT], (removedNotReady) => {
        if (removedNotReady) this.tainterOf(node)?.remove(node.metadata?.name ?? '');
      });
    });
  }

  /**
   * doNoExecuteTaintingPass, run when a tainter can next act rather than every 100 ms. Upstream's
   * monitor pass takes microseconds, so the tainting goroutine never sees a node queued before the
   * same pass's handleDisruption has had its say; here the pass waits for its status writes on the
   * network, so the tainting pass waits for the monitor pass to finish.
   */
  private scheduleTaintPass(): void {
    if (this.monitoring) return;
    const now = this.engine.now();
    let at = Infinity;
    for (const tainter of this.zoneTainters.values()) at = Math.min(at, tainter.nextTryAt(now));
    if (at === Infinity) return;
    if (this.taintPass && this.taintPass.at <= at) return;
    if (this.taintPass) this.engine.cancel(this.taintPass.handle);
    const handle = this.engine.scheduleAt(Math.max(at, now), 'kube-controller-manager: node-lifecycle-controller doNoExecuteTaintingPass', () => {
      this.taintPass = undefined;
      if (this.monitoring) return;
      this.doNoExecuteTaintingPass();
      this.scheduleTaintPass();
    });
    this.taintPass = { at, handle };
  }

  private doNoExecuteTaintingPass(): void {
    for (const tainter of this.zoneTainters.values()) {
      tainter.try(this.engine.now(), (nodeName) => {
        const node = this.nodes.get('', nodeName) as Node | undefined;
        if (!node) return { done: true };
        const ready = getNodeCondition(node, 'Ready');
        if (!ready) return { done: false, waitMs: NO_CONDITION_RETRY_MS };
        // The unreachable and not-ready taints mirror Ready and exclude each other.
        let add: Taint;
        let opposite: Taint;
        if (ready.status === 'False') [add, opposite] = [NOT_READY_TAINT, UNREACHABLE_TAINT];
        else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_TAINT, NOT_READY_TAINT];
        else return { done: true }; // Ready again: nothing to taint.
        swapNodeControllerTaint(this.engine, this.client, [add], [opposite], node, (ok) => {
          // A failed taint is queued again on the next monitor pass.
          if (!ok) tainter.remove(nodeName);
        });
        return { done: true };
      });
    }
  }

  /** handleDisruption: each zone's eviction rate follows its state; all zones fully disrupted stops evictions. */
  private handleDisruption(zoneConditions: Map<string, (ReturnType<typeof getNodeCondition>)[]>, nodes: readonly Node[]): void {
    const now = this.engine.now();
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conditions] of zoneConditions) {
      const { state } = computeZoneState(conditions, this.options.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    if (allAreFullyDisrupted) {
      // "Controller detected that all Nodes are not-Ready. Entering master disruption mode."
      for (const node of nodes) this.markNodeAsReachable(node);
      for (const zone of this.zoneStates.keys()) {
        this.zoneTainters.get(zone)?.swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      // "Controller detected that some Nodes are Ready. Exiting master disruption mode."
      for (const node of nodes) {
        const name = node.metadata?.name ?? '';
        const health = this.nodeHealth.get(name);
        if (health) this.nodeHealth.set(name, { ...health, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      this.scheduleTaintPass();
      return;
    }
    for (const [zone, state] of [...this.zoneStates]) {
      const next = newStates.get(zone);
      if (!next || next === state) continue;
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
    this.scheduleTaintPass();
  }

  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const tainter = this.zoneTainters.get(zone);
    if (!tainter) return;
    const now = this.engine.now();
    if (state === 'Normal') tainter.swapLimiter(this.options.evictionLimiterQPS, now);
    // ReducedQPSFunc: large zones slow down, small ones stop.
    else if (state === 'PartialDisruption') tainter.swapLimiter(zoneSize > this.options.largeClusterThreshold ? this.options.secondaryEvictionLimiterQPS : 0, now);
    // HealthyQPSFunc
    else if (state === 'FullDisruption') tainter.swapLimiter(this.options.evictionLimiterQPS, now);
  }

  // ---- node updates: NoSchedule taints from conditions, labels

  private processNode(name: string, done: () => void): void {
    const node = this.nodes.get('', name) as Node | undefined;
    if (!node) return done();
    this.doNoScheduleTaintingPass(node, () => {
      // reconcileNodeLabels reads the node again from the lister.
      const latest = this.nodes.get('', name) as Node | undefined;
      if (latest) this.reconcileNodeLabels(latest, done);
      else done();
    });
  }

  private doNoScheduleTaintingPass(node: Node, done: () => void): void {
    const wanted: Taint[] = [];
    for (const condition of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[condition.type]?.[condition.status];
      if (key) wanted.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) wanted.push({ key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' });
    const current = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === UNSCHEDULABLE_TAINT_KEY || CONDITION_TAINT_KEYS.has(t.key)));
    const { add, remove } = taintSetDiff(wanted, current);
    if (add.length === 0 && remove.length === 0) return done();
    // "Failed to taint NoSchedule on node": not queued again until the node changes (as upstream).
    swapNodeControllerTaint(this.engine, this.client, add, remove, node, () => done());
  }

  private reconcileNodeLabels(node: Node, done: () => void): void {
    const labels = labelsToReconcile(node.metadata?.labels ?? {});
    if (Object.keys(labels).length === 0 || !nodesResource) return done();
    this.client.request('PATCH', resourcePath(nodesResource, { name: node.metadata?.name }), { body: { metadata: { labels } }, contentType: 'application/strategic-merge-patch+json' }, () => done());
  }

  // ---- pods bound to a node that is not Ready are marked NotReady too

  private podUpdated(old: Pod | undefined, pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (nodeName && (!old || old.spec?.nodeName !== nodeName)) this.podUpdateQueue.add(`${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`);
  }

  private processPod(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.pods.get(namespace, name) as Pod | undefined;
    if (!pod) return DONE;
    const nodeName = pod.spec?.nodeName ?? '';
    const health = this.nodeHealth.get(nodeName);
    if (!health || !this.nodes.get('', nodeName)) return DONE;
    const ready = health.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'True') return DONE;
    markPodsNotReady(this.engine, this.client, this.recorder, [pod], nodeName, (ok) => {
      if (!ok) this.podUpdateQueue.addRateLimited(key);
    });
    return DONE;
  }
}
