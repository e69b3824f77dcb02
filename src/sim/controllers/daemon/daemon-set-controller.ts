/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one pod of each
 * DaemonSet on every node that should run it (nodeSelector, required node affinity, taints
 * against the template's tolerations plus the ones the controller adds). A sync builds the
 * revision history, then, once its expectations are met, creates the missing pods (each pinned
 * to its node by a matchFields node affinity and left for kube-scheduler to bind), deletes pods
 * on nodes that no longer want them, failed ones and extras, rolls old pods over
 * (RollingUpdate, maxUnavailable at a time; OnDelete waits for the user), prunes history and
 * writes the status. It reads DaemonSets, pods, nodes and ControllerRevisions through the shared
 * informers and writes as system:serviceaccount:kube-system:daemon-set-controller, recording
 * SuccessfulCreate / SuccessfulDelete / FailedCreate / FailedDaemonPod events.
 *
 * Simplified: a sync sends its creates one after another rather than in concurrent slow-start
 * batches (the first refusal still stops the rest, as the slow start does); the failed-pod
 * back-off is not kept; orphan pods are not adopted. FailedPlacement, which upstream still
 * defines, is never recorded by a 1.32 controller: kube-scheduler places daemon pods and says
 * FailedScheduling when it cannot.
 */
import type { Engine } from '../../engine';
import type { KubeObject } from '../../api/kube-object';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { V1Affinity, V1Node } from '../../scheduler/framework/v1';
import { isNotFound, namespaceTerminating, type ApiError } from '../controller-utils/api-call';
import { ControllerExpectations } from '../controller-utils/expectations';
import { addControllerUIDIndexer, addPodControllerUIDIndexer, CONTROLLER_UID_INDEX, POD_CONTROLLER_UID_INDEX } from '../controller-utils/indexes';
import { FAILED_CREATE, FAILED_DELETE, podFromTemplate, SUCCESSFUL_CREATE, SUCCESSFUL_DELETE } from '../controller-utils/pod-control';
import { isPodReady } from '../controller-utils/pod-util';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, keyOf, newControllerRef, splitKey, type PodView } from '../controller-utils/types';
import { revisionHash, type ControllerRevision } from '../history/controller-history';
import { byCreationTimestampAndPhase, createPodTemplate, replaceNodeNameNodeAffinity, targetNodeName } from './daemon-pod';
import { cleanupHistory, constructHistory } from '../history/revision-steps';
import { calculateStatus, serializeStatus, statusUnchanged } from './daemon-set-status';
import { nodeShouldRunDaemonPod } from './node-should-run';
import { oldPodsToDelete } from './rolling-update';
import { templateGeneration, type DaemonSetView } from './types';
import { sameOwnerReference } from '../controller-utils/equality';
import { jsonCopy } from '../../api/json-copy';

/** BurstReplicas: the most pods one sync creates or deletes. */
export const DAEMONSET_BURST_REPLICAS = 250;
/** --concurrent-daemonset-syncs. */
export const CONCURRENT_DAEMONSET_SYNCS = 2;
/** StatusUpdateRetries. */
const STATUS_UPDATE_RETRIES = 1;

export const FAILED_DAEMON_POD = 'FailedDaemonPod';
export const SUCCEEDED_DAEMON_POD = 'SucceededDaemonPod';
export const SELECTING_ALL = 'SelectingAll';

const podsPath = (namespace: string) => `/api/v1/namespaces/${namespace}/pods`;
const dsPath = (namespace: string, name: string) => `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;

/** Whether a node change can change where DaemonSets run: labels, taints, or spec.unschedulable. */
function nodeSchedulingChanged(old: KubeObject, cur: KubeObject): boolean {
  const a = old as V1Node;
  const b = cur as V1Node;
  return JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {}) || JSON.stringify(a.spec?.taints ?? []) !== JSON.stringify(b.spec?.taints ?? []);
}

export class DaemonSetController {
  private readonly daemonSets: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly revisions: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly expectations: ControllerExpectations;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.daemonSets = informers.informerFor('daemonsets');
    this.pods = informers.informerFor('pods');
    this.nodes = informers.informerFor('nodes');
    this.revisions = informers.informerFor('controllerrevisions');
    addPodControllerUIDIndexer(this.pods);
    addControllerUIDIndexer(this.revisions);
    this.expectations = new ControllerExpectations(engine);
    this.recorder = new EventRecorder(engine, client, 'daemonset-controller');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: daemonset', CONCURRENT_DAEMONSET_SYNCS, (key, finish) => this.syncDaemonSet(key, finish));
    this.daemonSets.addEventHandler({
      onAdd: (ds) => this.queue.add(keyOf(ds)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (ds) => {
        this.expectations.delete(keyOf(ds));
        this.queue.add(keyOf(ds));
      },
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod as PodView, 'add'),
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        const ref = controllerOf(cur);
        const oldRef = controllerOf(old);
        if (oldRef && !sameOwnerReference(oldRef, ref)) this.enqueueOwner(old as PodView);
        if (isBeingDeleted(cur)) return this.podChanged(cur as PodView, 'delete');
        this.enqueueOwner(cur as PodView);
        const ds = this.ownerOf(cur as PodView);
        const minReadySeconds = ds?.spec.minReadySeconds ?? 0;
        // Available only minReadySeconds after Ready: look again then.
        if (ds && !isPodReady(old as PodView) && isPodReady(cur as PodView) && minReadySeconds > 0) this.queue.addAfter(keyOf(ds), minReadySeconds * 1000 + 1000);
      },
      onDelete: (pod) => this.podChanged(pod as PodView, 'delete'),
    });
    // A node added, or one whose labels or taints changed, may want (or refuse) daemon pods.
    this.nodes.addEventHandler({
      onAdd: () => this.enqueueAll(),
      onUpdate: (old, cur) => {
        if (nodeSchedulingChanged(old, cur)) this.enqueueAll();
      },
      onDelete: () => this.enqueueAll(),
    });
  }

  start(): void {
    this.daemonSets.start();
    this.pods.start();
    this.nodes.start();
    this.revisions.start();
  }

  private enqueueAll(): void {
    for (const ds of this.daemonSets.list()) this.queue.add(keyOf(ds));
  }

  private ownerOf(pod: PodView): DaemonSetView | undefined {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(pod.metadata.namespace ?? '', ref.name);
    return ds && ds.metadata.uid === ref.uid ? (ds as DaemonSetView) : undefined;
  }

  private enqueueOwner(pod: PodView): void {
    const ds = this.ownerOf(pod);
    if (ds) this.queue.add(keyOf(ds));
  }

  private podChanged(pod: PodView, change: 'add' | 'delete'): void {
    if (change === 'add' && isBeingDeleted(pod)) return this.podChanged(pod, 'delete');
    const ds = this.ownerOf(pod);
    if (!ds) return;
    if (change === 'add') this.expectations.creationObserved(keyOf(ds));
    else this.expectations.deletionObserved(keyOf(ds), keyOf(pod));
    this.queue.add(keyOf(ds));
  }

  private syncDaemonSet(key: string, finish: (result: ProcessResult) => void): void {
    if (![this.daemonSets, this.pods, this.nodes, this.revisions].every((i) => i.hasSynced())) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const ds = this.daemonSets.get(namespace, name) as DaemonSetView | undefined;
    if (!ds) {
      this.expectations.delete(key);
      return finish(DONE);
    }
    const selector = ds.spec.selector;
    if (selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
      this.recorder.event(ds, 'Warning', SELECTING_ALL, 'This daemon set is selecting all pods. A non-empty selector is required.');
      return finish(DONE);
    }
    // The history of a DaemonSet being deleted may be gone already: leave it to the garbage collector.
    if (isBeingDeleted(ds)) return finish(DONE);
    runSync(this.client, this.sync(ds, key), (error) => finish(error ? RETRY : DONE));
  }

  /** The DaemonSet's pods (by controller reference), by the node each is for. */
  private nodesToDaemonPods(ds: DaemonSetView): Map<string, PodView[]> {
    const selector = labelSelectorAsSelector(ds.spec.selector);
    const out = new Map<string, PodView[]>();
    for (const object of this.pods.byIndex(POD_CONTROLLER_UID_INDEX, ds.metadata.uid ?? '')) {
      const pod = object as PodView;
      if (!selector?.matches(pod.metadata.labels ?? {})) continue;
      // Terminal pods already being deleted are gone as far as placement goes.
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (terminal && isBeingDeleted(pod)) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = out.get(node) ?? [];
      list.push(pod);
      out.set(node, list);
    }
    return out;
  }

  private nodeList(): V1Node[] {
    return (this.nodes.list() as V1Node[]).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  }

  private *sync(ds: DaemonSetView, key: string): Step<ApiError | undefined> {
    const owned = this.revisions.byIndex(CONTROLLER_UID_INDEX, ds.metadata.uid ?? '') as ControllerRevision[];
    const built = yield* constructHistory({ object: ds, resource: 'daemonsets', template: ds.spec.template, collisionCount: ds.status?.collisionCount, status: ds.status }, owned);
    if (!built.history) return built.error;
    const { cur, old } = built.history;
    const hash = cur.metadata.labels?.['controller-revision-hash'] ?? '';
    const nodes = this.nodeList();
    if (!this.expectations.satisfied(key)) return yield* this.updateStatus(ds, nodes, hash, false);
    let error = yield* this.manage(ds, nodes, hash, key);
    if (!error && this.expectations.satisfied(key) && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      error = yield* this.rollingUpdate(ds, nodes, hash, key);
    }
    if (!error) {
      const pods = this.pods.byIndex(POD_CONTROLLER_UID_INDEX, ds.metadata.uid ?? '') as PodView[];
      // A revision some pod still runs is kept.
      const live = new Set(pods.map((p) => p.metadata.labels?.['controller-revision-hash']));
      const cleanup = yield* cleanupHistory(ds.metadata.namespace ?? '', ds.spec.revisionHistoryLimit ?? 10, old, (r) => live.has(revisionHash(r)));
      if (cleanup) error = { ...cleanup, message: `failed to clean up revisions of DaemonSet: ${cleanup.message}` };
    }
    const statusError = yield* this.updateStatus(ds, nodes, hash, true);
    return error ?? statusError;
  }

  /** manage and podsShouldBeOnNode: the nodes needing a pod, and the pods to delete. */
  private *manage(ds: DaemonSetView, nodes: readonly V1Node[], hash: string, key: string): Step<ApiError | undefined> {
    const nodeToPods = this.nodesToDaemonPods(ds);
    const needing: string[] = [];
    const toDelete: PodView[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const pods = nodeToPods.get(nodeName);
      if (shouldRun && !pods) {
        needing.push(nodeName);
      } else if (shouldContinueRunning) {
        const running: PodView[] = [];
        for (const pod of pods ?? []) {
          if (isBeingDeleted(pod)) continue;
          if (pod.status?.phase === 'Failed') {
            this.recorder.event(ds, 'Warning', FAILED_DAEMON_POD, `Found failed daemon pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} on node ${nodeName}, will try to kill it`);
            toDelete.push(pod);
          } else if (pod.status?.phase === 'Succeeded') {
            this.recorder.event(ds, 'Normal', SUCCEEDED_DAEMON_POD, `Found succeeded daemon pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} on node ${nodeName}, will try to delete it`);
            toDelete.push(pod);
          } else {
            running.push(pod);
          }
        }
        // More than one running pod on a node: keep the oldest.
        if (running.length > 1) toDelete.push(...running.sort(byCreationTimestampAndPhase).slice(1));
      } else if (pods) {
        // The node no longer wants the daemon (a NoExecute taint, a selector that stopped matching).
        for (const pod of pods) if (!isBeingDeleted(pod)) toDelete.push(pod);
      }
    }
    // getUnscheduledPodsWithoutNode: pending pods for a node that is gone would never be bound nor collected.
    const existing = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const [nodeName, pods] of nodeToPods) if (!existing.has(nodeName)) for (const pod of pods) if (!pod.spec?.nodeName) toDelete.push(pod);
    return yield* this.syncNodes(ds, toDelete, needing, hash, key);
  }

  /** syncNodes: create a pod for each node needing one, delete the given pods. */
  private *syncNodes(ds: DaemonSetView, toDelete: readonly PodView[], needing: readonly string[], hash: string, key: string): Step<ApiError | undefined> {
    const creates = needing.slice(0, DAEMONSET_BURST_REPLICAS);
    const deletes = toDelete.slice(0, DAEMONSET_BURST_REPLICAS);
    this.expectations.expect(key, creates.length, deletes.map(keyOf));
    const namespace = ds.metadata.namespace ?? '';
    const template = createPodTemplate(ds.spec.template ?? {}, templateGeneration(ds), hash);
    const ref = newControllerRef(ds);
    let firstError: ApiError | undefined;
    for (let i = 0; i < creates.length; i++) {
      const spec = jsonCopy(template.spec ?? {});
      spec['affinity'] = replaceNodeNameNodeAffinity(spec['affinity'] as V1Affinity | undefined, creates[i] as string);
      const pod = podFromTemplate({ ...template, spec }, ds.metadata.name ?? '', ref);
      const a = yield* call<KubeObject>('POST', podsPath(namespace), { body: pod });
      if (a.ok) {
        this.recorder.event(ds, 'Normal', SUCCESSFUL_CREATE, `Created pod: ${a.value.metadata.name ?? ''}`);
        continue;
      }
      this.expectations.creationObserved(key);
      // A namespace being deleted refuses every pod: not an error for the DaemonSet.
      if (namespaceTerminating(a.error)) continue;
      this.recorder.event(ds, 'Warning', FAILED_CREATE, `Error creating: ${a.error.message}`);
      firstError = a.error;
      // The slow start stops at the first failure: the rest are not expected.
      this.expectations.lowerCreations(key, creates.length - i - 1);
      break;
    }
    for (const pod of deletes) {
      const a = yield* call('DELETE', `${podsPath(namespace)}/${pod.metadata.name ?? ''}`);
      if (a.ok) {
        this.recorder.event(ds, 'Normal', SUCCESSFUL_DELETE, `Deleted pod: ${pod.metadata.name ?? ''}`);
        continue;
      }
      this.expectations.deletionObserved(key, keyOf(pod));
      if (isNotFound(a.error)) continue;
      this.recorder.event(ds, 'Warning', FAILED_DELETE, `Error deleting: ${a.error.message}`);
      firstError ??= { ...a.error, message: `unable to delete pods: ${a.error.message}` };
    }
    return firstError;
  }

  private *rollingUpdate(ds: DaemonSetView, nodes: readonly V1Node[], hash: string, key: string): Step<ApiError | undefined> {
    const nodeToPods = this.nodesToDaemonPods(ds);
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
    const names = oldPodsToDelete(ds, nodeToPods, desired, hash, templateGeneration(ds), this.engine.now());
    if (names.length === 0) return undefined;
    const byName = new Map([...nodeToPods.values()].flat().map((p) => [p.metadata.name ?? '', p]));
    return yield* this.syncNodes(ds, names.map((n) => byName.get(n)).filter((p): p is PodView => p !== undefined), [], hash, key);
  }

  /** updateDaemonSetStatus: PUT /status when a count changed; once more on a fresh read if refused. */
  private *updateStatus(ds: DaemonSetView, nodes: readonly V1Node[], hash: string, updateObservedGeneration: boolean): Step<ApiError | undefined> {
    const counts = calculateStatus(ds, nodes, this.nodesToDaemonPods(ds), hash, templateGeneration(ds), this.engine.now());
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    // Resync after minReadySeconds as a last line of defense against clock skew.
    if (minReadySeconds > 0 && counts.numberReady !== counts.numberAvailable) this.queue.addAfter(keyOf(ds), minReadySeconds * 1000);
    if (statusUnchanged(ds, counts)) return undefined;
    const generation = updateObservedGeneration ? (ds.metadata['generation'] as number | undefined) : undefined;
    const path = dsPath(ds.metadata.namespace ?? '', ds.metadata.name ?? '');
    let current: DaemonSetView = ds;
    for (let attempt = 0; ; attempt++) {
      const a = yield* call<DaemonSetView>('PUT', `${path}/status`, { body: { ...current, status: serializeStatus(current.status, counts, generation) } });
      if (a.ok) return undefined;
      if (attempt >= STATUS_UPDATE_RETRIES) return a.error;
      const got = yield* call<DaemonSetView>('GET', path);
      if (!got.ok) return got.error;
      current = got.value;
    }
  }
}
