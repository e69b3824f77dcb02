/**
 * kube-controller-manager's taint-eviction-controller (pkg/controller/tainteviction/
 * taint_eviction.go; its own controller since SeparateTaintEvictionController, beta and on in
 * v1.29+), as the service account `taint-eviction-controller`, with events from the same name.
 * It watches the NoExecute taints of every Node and the tolerations of every pod bound to one:
 * a pod that does not tolerate a NoExecute taint of its node is deleted at once; one that
 * tolerates them all for a while (the smallest tolerationSeconds, 300 s for the not-ready and
 * unreachable tolerations the DefaultTolerationSeconds admission plugin adds) is deleted when
 * that time has passed since the controller saw the taint; one tolerating forever stays. Before
 * deleting, it records `TaintManagerEviction` "Marking for deletion Pod <ns>/<name>" and adds
 * the pod condition DisruptionTarget (DeletionByTaintManager); when the taint goes first, it
 * records "Cancelling deletion of Pod <ns>/<name>".
 */
import type { Node, Pod, PodCondition, Taint, Toleration } from 'kubernetes-types/core/v1';
import { findResource } from '../../api/resources';
import type { Engine, EventHandle } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import { EventRecorder } from '../../client/event-recorder';
import { toleratesTaint } from '../../scheduler/util/taints';
import type { KubeObject } from '../../api/kube-object';
import { updatePodCondition } from '../util/node-controller-utils';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';
/** deletePodHandler tries a deletion this many times, 10 ms apart. */
const RETRIES = 5;
const RETRY_MS = 10;
const CACHE_SYNC_POLL_MS = 100;

const podsResource = findResource('pods');

/** getNoExecuteTaints */
export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** GetMatchingTolerations: whether every taint is tolerated, and the tolerations that did it. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  if (taints.length === 0) return { all: true, used: [] };
  if (tolerations.length === 0) return { all: false, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x as Parameters<typeof toleratesTaint>[0], taint as Parameters<typeof toleratesTaint>[1]));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: the smallest tolerationSeconds in ms; -1 for forever; 0 when there are none or one is <= 0. */
export function minTolerationTimeMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

interface ScheduledEviction {
  readonly createdAt: number;
  readonly fireAt: number;
  readonly handle: EventHandle;
}

export class TaintEvictionController {
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;
  /** taintedNodes: node name -> its NoExecute taints, as last seen. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  /** The timed worker queue: pod key "<ns>/<name>" -> the deletion waiting for it. */
  private readonly evictions = new Map<string, ScheduledEviction>();
  private synced = false;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.nodes = informers.informerFor('nodes');
    this.pods = informers.informerFor('pods');
    this.recorder = new EventRecorder(engine, client, TAINT_EVICTION_CONTROLLER);
    this.nodes.addEventHandler({
      onAdd: (node) => this.nodeUpdated(undefined, node as Node),
      onUpdate: (old, node) => this.nodeUpdated(old as Node, node as Node),
      onDelete: (node) => this.nodeUpdated(node as Node, undefined),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podUpdated(undefined, pod as Pod),
      onUpdate: (old, pod) => this.podUpdated(old as Pod, pod as Pod),
      onDelete: (pod) => this.podUpdated(pod as Pod, undefined),
    });
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
    this.waitForCacheSync();
  }

  /** When the pod's deletion is due (controller clock, ms), if one is scheduled. */
  scheduledEvictionAt(namespace: string, name: string): number | undefined {
    return this.evictions.get(`${namespace}/${name}`)?.fireAt;
  }

  private waitForCacheSync(): void {
    if (this.nodes.hasSynced() && this.pods.hasSynced()) {
      this.synced = true;
      for (const node of this.nodes.list()) this.handleNodeUpdate(node.metadata.name ?? '');
      return;
    }
    this.engine.schedule(CACHE_SYNC_POLL_MS, `kube-controller-manager: ${TAINT_EVICTION_CONTROLLER} waits for caches`, () => this.waitForCacheSync());
  }

  // Handlers run the work straight away: the queues upstream only spread it over workers.

  private nodeUpdated(old: Node | undefined, node: Node | undefined): void {
    if (!this.synced) return;
    if (old && node && JSON.stringify(noExecuteTaints(old.spec?.taints)) === JSON.stringify(noExecuteTaints(node.spec?.taints))) return;
    this.handleNodeUpdate((node ?? old)?.metadata?.name ?? '');
  }

  private podUpdated(old: Pod | undefined, pod: Pod | undefined): void {
    if (!this.synced) return;
    if (old && pod && old.spec?.nodeName === pod.spec?.nodeName && sameTolerations(old.spec?.tolerations, pod.spec?.tolerations)) return;
    const ref = pod ?? old;
    this.handlePodUpdate(ref?.metadata?.namespace ?? '', ref?.metadata?.name ?? '', ref?.spec?.nodeName ?? '');
  }

  private handlePodUpdate(namespace: string, name: string, nodeName: string): void {
    const pod = this.pods.get(namespace, name) as Pod | undefined;
    if (!pod) return this.cancelWork(namespace, name);
    if ((pod.spec?.nodeName ?? '') !== nodeName || !nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(namespace, name, pod.spec?.tolerations ?? [], taints, this.engine.now());
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get('', nodeName) as Node | undefined;
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = noExecuteTaints(node.spec?.taints);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.pods.list(undefined, (p) => (p as Pod).spec?.nodeName === nodeName) as Pod[];
    if (taints.length === 0) {
      for (const pod of pods) this.cancelWork(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
      return;
    }
    const now = this.engine.now();
    for (const pod of pods) this.processPodOnNode(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', pod.spec?.tolerations ?? [], taints, now);
  }

  private processPodOnNode(namespace: string, name: string, tolerations: readonly Toleration[], taints: readonly Taint[], now: number): void {
    if (taints.length === 0) this.cancelWork(namespace, name);
    const { all, used } = matchingTolerations(taints, tolerations);
    if (!all) {
      // "Not all taints are tolerated after update for pod on node": deleted right away.
      this.cancelWork(namespace, name);
      this.addWork(namespace, name, now, now);
      return;
    }
    const min = minTolerationTimeMs(used);
    if (min < 0) {
      // Tolerated forever: nothing to do, and an earlier deletion is cancelled.
      this.cancelWork(namespace, name);
      return;
    }
    let start = now;
    const existing = this.evictions.get(`${namespace}/${name}`);
    if (existing) {
      start = existing.createdAt;
      if (start + min < now + min) return;
      this.cancelWork(namespace, name);
    }
    this.addWork(namespace, name, start, start + min);
  }

  private addWork(namespace: string, name: string, createdAt: number, fireAt: number): void {
    const key = `${namespace}/${name}`;
    if (this.evictions.has(key)) return;
    const handle = this.engine.scheduleAt(Math.max(fireAt, this.engine.now()), `kube-controller-manager: ${TAINT_EVICTION_CONTROLLER} evicts pod ${key}`, () => {
      this.evictions.delete(key);
      this.deletePod(namespace, name);
    });
    this.evictions.set(key, { createdAt, fireAt, handle });
  }

  private cancelWork(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const work = this.evictions.get(key);
    if (!work) return;
    this.engine.cancel(work.handle);
    this.evictions.delete(key);
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** deletePodHandler: the event, then addConditionAndDeletePod, tried up to 5 times. */
  private deletePod(namespace: string, name: string): void {
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    const attempt = (i: number) =>
      this.addConditionAndDeletePod(namespace, name, (ok) => {
        if (!ok && i + 1 < RETRIES) this.engine.schedule(RETRY_MS, `kube-controller-manager: ${TAINT_EVICTION_CONTROLLER} retries pod ${namespace}/${name}`, () => attempt(i + 1));
      });
    attempt(0);
  }

  /** GET the pod, PATCH its status with DisruptionTarget=True, DELETE it. `done(true)` when deleted (or gone). */
  private addConditionAndDeletePod(namespace: string, name: string, done: (ok: boolean) => void): void {
    if (!podsResource) return done(false);
    const path = resourcePath(podsResource, { namespace, name });
    this.client.request('GET', path, {}, (got) => {
      if (!isSuccess(got)) return done(got.code === 404);
      const pod = got.body as Pod;
      const condition: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
      const conditions = updatePodCondition(pod.status?.conditions ?? [], condition, this.engine.now());
      const del = () =>
        this.client.request('DELETE', path, {}, (deleted) => done(isSuccess(deleted) || deleted.code === 404));
      if (!conditions) return del();
      // PatchPodStatus: a strategic merge patch of status, with the pod's uid as a precondition.
      const body = { metadata: { uid: pod.metadata?.uid }, status: { conditions } };
      this.client.request('PATCH', resourcePath(podsResource, { namespace, name, subresource: 'status' }), { body, contentType: 'application/strategic-merge-patch+json' }, (patched) => {
        if (!isSuccess(patched)) return done(patched.code === 404);
        del();
      });
    });
  }
}

/** The ObjectReference the events name: apiVersion, kind, namespace and name, no uid (as upstream). */
function podRef(namespace: string, name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
}

/**
 * helper.Semantic.DeepEqual of two pods' tolerations. A status update keeps the spec it came
 * with, so the same array is the common answer, found without serialising either.
 */
function sameTolerations(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  return a === b || JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
