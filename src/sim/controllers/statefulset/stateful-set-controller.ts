/**
 * The StatefulSet controller (pkg/controller/statefulset: stateful_set.go, stateful_set_control.go,
 * stateful_pod_control.go): pods with stable identities `<set>-0`, `<set>-1` ..., made from the
 * update revision's template (ordinals below a RollingUpdate partition from the current one).
 * OrderedReady (the default) creates one pod at a time, waiting for each to be Running and
 * Ready, and removes surplus ones highest ordinal first, one at a time; Parallel does each all at
 * once. RollingUpdate replaces pods whose revision is not the update revision from the highest
 * ordinal down to the partition, one at a time and only once the one before is healthy;
 * OnDelete replaces a pod only after the user deletes it. The ControllerRevisions of its template
 * name the revisions (`<set>-<hash>`, the pods' controller-revision-hash), and the status reports
 * currentRevision / updateRevision. Events: "create Pod web-0 in StatefulSet web successful".
 *
 * Not simulated: PersistentVolumeClaims are not served by this apiserver and there is no storage
 * provisioner, so volumeClaimTemplates make no claims: a pod still gets its `www-web-0` claim
 * volume, as upstream, and stays Pending until kube-scheduler finds the claim (it never does).
 * Simplified: a sync sends its requests one after another; maxUnavailable (alpha) is not read;
 * orphan pods are not adopted.
 */
import type { Engine } from '../../engine';
import type { KubeObject } from '../../api/kube-object';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import { isNotFound, namespaceTerminating, type ApiError } from '../controller-utils/api-call';
import { addControllerUIDIndexer, addPodControllerUIDIndexer, CONTROLLER_UID_INDEX, POD_CONTROLLER_UID_INDEX } from '../controller-utils/indexes';
import { isPodReady } from '../controller-utils/pod-util';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, keyOf, splitKey, type PodView } from '../controller-utils/types';
import type { ControllerRevision } from '../history/controller-history';
import { cleanupHistory, constructHistory, revisionTemplate } from '../history/revision-steps';
import { isFailed, isHealthy, isRunningAndReady, isSucceeded, isTerminating, newStatefulSetPod, ordinalOf, podRevision } from './stateful-pod';
import { computeStatus, serializeStatus, statusUnchanged } from './stateful-set-status';
import type { StatefulSetView } from './types';
import { sameOwnerReference } from '../controller-utils/equality';

/** --concurrent-statefulset-syncs. */
export const CONCURRENT_STATEFULSET_SYNCS = 5;
const STATUS_UPDATE_RETRIES = 1;

const podsPath = (namespace: string) => `/api/v1/namespaces/${namespace}/pods`;
const setPath = (namespace: string, name: string) => `/apis/apps/v1/namespaces/${namespace}/statefulsets/${name}`;

/** What one pass of updateStatefulSet decided: carry on, or stop here and wait for an event. */
type Pass = { readonly wait: boolean; readonly error?: ApiError };

export class StatefulSetController {
  private readonly sets: Informer;
  private readonly pods: Informer;
  private readonly revisions: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.sets = informers.informerFor('statefulsets');
    this.pods = informers.informerFor('pods');
    this.revisions = informers.informerFor('controllerrevisions');
    addPodControllerUIDIndexer(this.pods);
    addControllerUIDIndexer(this.revisions);
    this.recorder = new EventRecorder(engine, client, 'statefulset-controller');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: statefulset', CONCURRENT_STATEFULSET_SYNCS, (key, finish) => this.sync(key, finish));
    this.sets.addEventHandler({
      onAdd: (set) => this.queue.add(keyOf(set)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (set) => this.queue.add(keyOf(set)),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.enqueueOwner(pod as PodView),
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        if (!sameOwnerReference(controllerOf(old), controllerOf(cur))) this.enqueueOwner(old as PodView);
        this.enqueueOwner(cur as PodView);
        const set = this.ownerOf(cur as PodView);
        const minReadySeconds = set?.spec.minReadySeconds ?? 0;
        if (set && !isPodReady(old as PodView) && isPodReady(cur as PodView) && minReadySeconds > 0) this.queue.addAfter(keyOf(set), minReadySeconds * 1000 + 1000);
      },
      onDelete: (pod) => this.enqueueOwner(pod as PodView),
    });
  }

  start(): void {
    this.sets.start();
    this.pods.start();
    this.revisions.start();
  }

  private ownerOf(pod: PodView): StatefulSetView | undefined {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.sets.get(pod.metadata.namespace ?? '', ref.name);
    return set && set.metadata.uid === ref.uid ? (set as StatefulSetView) : undefined;
  }

  private enqueueOwner(pod: PodView): void {
    const set = this.ownerOf(pod);
    if (set) this.queue.add(keyOf(set));
  }

  private sync(key: string, finish: (result: ProcessResult) => void): void {
    if (![this.sets, this.pods, this.revisions].every((i) => i.hasSynced())) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const set = this.sets.get(namespace, name) as StatefulSetView | undefined;
    if (!set || isBeingDeleted(set)) return finish(DONE);
    runSync(this.client, this.syncStatefulSet(set), (error) => finish(error ? RETRY : DONE));
  }

  /** getPodsForStatefulSet: its pods (by controller reference) whose names are its ordinals and that match its selector. */
  private podsOf(set: StatefulSetView): PodView[] {
    const selector = labelSelectorAsSelector(set.spec.selector);
    return (this.pods.byIndex(POD_CONTROLLER_UID_INDEX, set.metadata.uid ?? '') as PodView[]).filter((p) => ordinalOf(set, p) >= 0 && (selector?.matches(p.metadata.labels ?? {}) ?? false));
  }

  private *syncStatefulSet(set: StatefulSetView): Step<ApiError | undefined> {
    const namespace = set.metadata.namespace ?? '';
    const owned = this.revisions.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid ?? '') as ControllerRevision[];
    const built = yield* constructHistory({ object: set, resource: 'statefulsets', template: set.spec.template, collisionCount: set.status?.collisionCount, status: set.status }, owned);
    if (!built.history) return built.error;
    const update = built.history.cur;
    // getStatefulSetRevisions: the current revision is the one the status names, while it exists.
    const current = [update, ...built.history.old].find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    const pass = yield* this.updateStatefulSet(set, current, update);
    const pods = this.podsOf(set);
    const status = computeStatus(set, this.podsOf(set), current.metadata.name ?? '', update.metadata.name ?? '', set.status?.collisionCount ?? 0, this.engine.now());
    const statusError = yield* this.updateStatus(set, status);
    // truncateHistory: keep the current and update revisions and any a pod runs.
    const live = new Set([current.metadata.name, update.metadata.name, ...pods.map(podRevision)]);
    const cleanup = yield* cleanupHistory(namespace, set.spec.revisionHistoryLimit ?? 10, built.history.old, (r) => live.has(r.metadata.name));
    return pass.error ?? statusError ?? cleanup;
  }

  /** updateStatefulSet: one pass over the replicas, the condemned and the rolling update. */
  private *updateStatefulSet(set: StatefulSetView, current: ControllerRevision, update: ControllerRevision): Step<Pass> {
    const replicaCount = set.spec.replicas ?? 1;
    const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const replicas: (PodView | undefined)[] = new Array<PodView | undefined>(replicaCount).fill(undefined);
    const condemned: PodView[] = [];
    for (const pod of this.podsOf(set)) {
      const ord = ordinalOf(set, pod);
      if (ord < replicaCount) replicas[ord] = pod;
      else condemned.push(pod);
    }
    // Condemned pods go highest ordinal first.
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition;
    const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const revisionFor = (ord: number): ControllerRevision => (rolling && partition !== undefined && ord < partition ? current : update);
    // The first unhealthy pod, by ordinal: only it may be deleted while others wait.
    const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((p) => p && !isHealthy(p));

    for (let ord = 0; ord < replicaCount; ord++) {
      let pod = replicas[ord];
      if (pod && (isFailed(pod) || isSucceeded(pod)) && !isTerminating(pod)) {
        // A failed or finished pod is deleted and made again.
        const err = yield* this.deletePod(set, pod);
        if (err) return { wait: true, error: err };
        pod = undefined;
        if (monotonic) return { wait: true };
      }
      if (!pod) {
        const revision = revisionFor(ord);
        const err = yield* this.createPod(set, newStatefulSetPod(set, revisionTemplate(revision), revision.metadata.name ?? '', ord));
        if (err) return { wait: true, error: err };
        if (monotonic) return { wait: true };
        continue;
      }
      // OrderedReady: the next ordinal waits for this one to be Running and Ready.
      if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return { wait: true };
    }

    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return { wait: true };
        continue;
      }
      if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return { wait: true };
      const err = yield* this.deletePod(set, pod);
      if (err) return { wait: true, error: err };
      if (monotonic) return { wait: true };
    }

    if (!rolling) return { wait: false };
    // RollingUpdate: highest ordinal first, down to the partition, one unhealthy pod at a time.
    const updateMin = partition ?? 0;
    for (let target = replicaCount - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      if (!pod) continue;
      if (podRevision(pod) !== update.metadata.name && !isTerminating(pod)) {
        const err = yield* this.deletePod(set, pod);
        return { wait: true, error: err };
      }
      if (!isHealthy(pod)) return { wait: true };
    }
    return { wait: false };
  }

  /** CreateStatefulPod, with recordPodEvent's "create Pod web-0 in StatefulSet web successful". */
  private *createPod(set: StatefulSetView, pod: KubeObject): Step<ApiError | undefined> {
    const a = yield* call<KubeObject>('POST', podsPath(set.metadata.namespace ?? ''), { body: pod });
    const name = pod.metadata.name ?? '';
    if (a.ok) {
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
      return undefined;
    }
    if (namespaceTerminating(a.error)) return a.error;
    this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${a.error.message}`);
    return a.error;
  }

  private *deletePod(set: StatefulSetView, pod: PodView): Step<ApiError | undefined> {
    const name = pod.metadata.name ?? '';
    const a = yield* call('DELETE', `${podsPath(set.metadata.namespace ?? '')}/${name}`);
    if (a.ok) {
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
      return undefined;
    }
    if (isNotFound(a.error)) return undefined;
    this.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${a.error.message}`);
    return a.error;
  }

  /** updateStatefulSetStatus: PUT /status when it changed; once more on a fresh read if refused. */
  private *updateStatus(set: StatefulSetView, status: ReturnType<typeof computeStatus>): Step<ApiError | undefined> {
    if (statusUnchanged(set, status)) return undefined;
    const path = setPath(set.metadata.namespace ?? '', set.metadata.name ?? '');
    let cur: StatefulSetView = set;
    for (let attempt = 0; ; attempt++) {
      const a = yield* call<StatefulSetView>('PUT', `${path}/status`, { body: { ...cur, status: serializeStatus(status) } });
      if (a.ok) return undefined;
      if (attempt >= STATUS_UPDATE_RETRIES) return a.error;
      const got = yield* call<StatefulSetView>('GET', path);
      if (!got.ok) return got.error;
      cur = got.value;
    }
  }
}
