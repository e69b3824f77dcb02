/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): it keeps
 * spec.replicas active pods matching each ReplicaSet's selector. A sync claims the pods (adopts
 * matching orphans, releases pods that stopped matching), then, if its expectations are met,
 * creates the missing pods in slow-start batches (at most burstReplicas, 500, per sync) or
 * deletes the surplus in getPodsToDelete's order, and writes the status. It reads pods and
 * ReplicaSets through kube-controller-manager's shared informers and writes as
 * system:serviceaccount:kube-system:replicaset-controller, recording SuccessfulCreate /
 * SuccessfulDelete events on the ReplicaSet.
 */
import type { Engine } from '../../engine';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import type { Selector } from '../../api/labels/selector';
import { findResource } from '../../api/resources';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import { apiCall, isNotFound, namespaceTerminating, type ApiError } from '../controller-utils/api-call';
import { claimObjects } from '../controller-utils/controller-ref-manager';
import { ControllerExpectations } from '../controller-utils/expectations';
import { addControllerUIDIndexer, addPodControllerUIDIndexer, CONTROLLER_UID_INDEX, podsForOwner } from '../controller-utils/indexes';
import { isPodActive, isPodReady } from '../controller-utils/pod-util';
import { getPodsToDelete } from '../controller-utils/pod-ranking';
import { PodControl } from '../controller-utils/pod-control';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../controller-utils/slow-start';
import { controllerOf, isBeingDeleted, keyOf, newControllerRef, splitKey, type OwnerReference, type PodView, type ReplicaSetView } from '../controller-utils/types';
import { addPodFactsTally, tallyCounts } from './pod-tally';
import { calculateStatus, countReplicas, serializeStatus, statusUnchanged, type ReplicaCounts } from './replica-set-status';
import { sameLabels } from '../../api/labels/same-labels';
import { sameOwnerReference } from '../controller-utils/equality';

/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
/** --concurrent-replicaset-syncs. */
export const CONCURRENT_REPLICASET_SYNCS = 5;
/** statusUpdateRetries: one fresh read and retry after a failed status write. */
const STATUS_UPDATE_RETRIES = 1;

export interface ReplicaSetControllerOptions {
  readonly burstReplicas?: number;
  /** The kind this controller keeps (upstream's NewBaseController gvk): ReplicaSets unless the replication manager's adapter says otherwise. */
  readonly controlled?: ControlledKind;
}

/**
 * What the controller needs to know of the kind it manages (pkg/controller/replicaset's
 * NewBaseController takes a GroupVersionKind, an informer, a client and an event source; the
 * replication manager hands it ReplicationController adapters): the resource it lists and
 * writes, the kind owner references name, the event source, and how to read its selector.
 */
export interface ControlledKind {
  readonly resource: string;
  readonly kind: string;
  /** The event source and queue name: `replicaset-controller`. */
  readonly component: string;
  readonly queueName: string;
  readonly selectorOf: (owner: ReplicaSetView) => Selector | undefined;
}

export const REPLICA_SET_KIND: ControlledKind = {
  resource: 'replicasets',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  queueName: 'replicaset',
  selectorOf: (rs) => labelSelectorAsSelector(rs.spec.selector),
};

export class ReplicaSetController {
  private readonly replicaSets: Informer;
  private readonly pods: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly expectations: ControllerExpectations;
  private readonly podControl: PodControl;
  private readonly burstReplicas: number;
  private readonly controlled: ControlledKind;
  private readonly selectorOf: ControlledKind['selectorOf'];

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    options: ReplicaSetControllerOptions = {},
  ) {
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS;
    this.controlled = options.controlled ?? REPLICA_SET_KIND;
    this.selectorOf = this.controlled.selectorOf;
    this.replicaSets = informers.informerFor(this.controlled.resource);
    this.pods = informers.informerFor('pods');
    addPodControllerUIDIndexer(this.pods);
    addPodFactsTally(this.pods);
    addControllerUIDIndexer(this.replicaSets);
    this.expectations = new ControllerExpectations(engine);
    this.podControl = new PodControl(client, new EventRecorder(engine, client, this.controlled.component));
    this.queue = RateLimitingQueue.withWorkers(engine, `kube-controller-manager: ${this.controlled.queueName}`, CONCURRENT_REPLICASET_SYNCS, (key, finish) => this.syncReplicaSet(key, finish));
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.queue.add(keyOf(rs)),
      onUpdate: (old, cur) => {
        if (old.metadata.uid !== cur.metadata.uid) this.deleteRS(old);
        this.queue.add(keyOf(cur));
      },
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.addPod(pod as PodView),
      onUpdate: (old, cur) => this.updatePod(old as PodView, cur as PodView),
      onDelete: (pod) => this.deletePod(pod as PodView),
    });
  }

  start(): void {
    this.replicaSets.start();
    this.pods.start();
  }

  private deleteRS(rs: KubeObject): void {
    this.expectations.delete(keyOf(rs));
    this.queue.add(keyOf(rs));
  }

  /** resolveControllerRef: the ReplicaSet a controller reference names, if it is still that one. */
  private resolveControllerRef(namespace: string, ref: OwnerReference): ReplicaSetView | undefined {
    if (ref.kind !== this.controlled.kind) return undefined;
    const rs = this.replicaSets.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? (rs as ReplicaSetView) : undefined;
  }

  /** getPodReplicaSets: the ReplicaSets whose selector matches an orphan pod's labels. */
  private podReplicaSets(pod: PodView): ReplicaSetView[] {
    const labels = pod.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) return [];
    return this.replicaSets.list(pod.metadata.namespace ?? '', (rs) => {
      const selector = this.selectorOf(rs as ReplicaSetView);
      return selector !== undefined && !selector.empty() && selector.matches(labels);
    }) as ReplicaSetView[];
  }

  private addPod(pod: PodView): void {
    if (isBeingDeleted(pod)) return this.deletePod(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      this.queue.add(keyOf(rs));
      return;
    }
    for (const rs of this.podReplicaSets(pod)) this.queue.add(keyOf(rs));
  }

  private updatePod(old: PodView, cur: PodView): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !sameLabels(old.metadata.labels, cur.metadata.labels);
    if (isBeingDeleted(cur)) {
      // A terminating pod counts as deleted now: its replacement need not wait for the grace period.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameOwnerReference(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (rs) this.queue.add(keyOf(rs));
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!rs) return;
      this.queue.add(keyOf(rs));
      const minReadySeconds = rs.spec.minReadySeconds ?? 0;
      // Available only minReadySeconds after Ready: look again then (plus a second, as upstream).
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) this.queue.addAfter(keyOf(rs), minReadySeconds * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.podReplicaSets(cur)) this.queue.add(keyOf(rs));
  }

  private deletePod(pod: PodView): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.queue.add(keyOf(rs));
  }

  private syncReplicaSet(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.replicaSets.hasSynced() || !this.pods.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const rs = this.replicaSets.get(namespace, name) as ReplicaSetView | undefined;
    if (!rs) {
      this.expectations.delete(key);
      return finish(DONE);
    }
    const rsNeedsSync = this.expectations.satisfied(key);
    let selector: Selector | undefined;
    try {
      selector = this.selectorOf(rs);
    } catch {
      // An invalid selector is the user's to fix: upstream logs it and does not retry.
      return finish(DONE);
    }
    const manage = rsNeedsSync && !isBeingDeleted(rs);
    // The claimed pods, or (when the tally answered) only their counts.
    const afterClaim = (claimed: { pods: readonly PodView[]; counts?: undefined } | { pods?: undefined; counts: ReplicaCounts }) => {
      const afterManage = (manageReplicasErr?: ApiError) => {
        // Counted after manageReplicas, as upstream does: availability depends on the time.
        const counts = claimed.counts ?? countReplicas(rs, claimed.pods ?? [], this.engine.now());
        const newStatus = calculateStatus(rs, counts, manageReplicasErr, this.engine.now());
        this.updateStatus(rs, newStatus, (updated, statusError) => {
          if (statusError) return finish(RETRY);
          const replicas = updated.spec.replicas ?? 1;
          const minReadySeconds = updated.spec.minReadySeconds ?? 0;
          if (!manageReplicasErr && minReadySeconds > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
            this.queue.addAfter(key, minReadySeconds * 1000);
          }
          finish(manageReplicasErr ? RETRY : DONE);
        });
      };
      if (manage) this.manageReplicas(claimed.counts ? claimed.counts.replicas : claimed.pods.length, claimed.pods, rs, afterManage);
      else afterManage();
    };
    // What the claim and the counts would come to, without walking the pods, when that is all the sync needs.
    const tallied = tallyCounts(this.pods, rs, selector, manage);
    if (tallied) return afterClaim({ counts: tallied });
    // getRSPods: its own pods and the namespace's orphans, from the index.
    const active = podsForOwner(this.pods, rs, (p) => isPodActive(p as PodView));
    claimObjects(
      { client: this.client, owner: rs, ownerResource: this.controlled.resource, resource: 'pods', match: (p) => selector?.matches(p.metadata.labels ?? {}) ?? false },
      active,
      (claimed, claimError) => {
        if (claimError) return finish(RETRY);
        afterClaim({ pods: claimed as PodView[] });
      },
    );
  }

  /**
   * manageReplicas: create or delete pods so that the active ones number spec.replicas. The
   * pods themselves are needed only to choose which to delete; a sync that found no surplus
   * may leave them unread.
   */
  private manageReplicas(active: number, filteredPods: readonly PodView[] | undefined, rs: ReplicaSetView, done: (error?: ApiError) => void): void {
    const rsKey = keyOf(rs);
    const namespace = rs.metadata.namespace ?? '';
    let diff = active - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(rsKey, diff);
      const ref = newControllerRef(rs);
      slowStartBatch<ApiError>(
        diff,
        SLOW_START_INITIAL_BATCH_SIZE,
        (created) =>
          this.podControl.createPod(namespace, rs.spec.template ?? {}, rs, ref, (error) =>
            // A namespace being deleted refuses new pods: not an error for the ReplicaSet.
            created(error && !namespaceTerminating(error) ? error : undefined),
          ),
        (successes, error) => {
          // Pods never asked for will never be observed.
          const skipped = diff - successes;
          if (skipped > 0) this.expectations.lowerCreations(rsKey, skipped);
          done(error);
        },
      );
      return;
    }
    if (diff > 0 && filteredPods) {
      diff = Math.min(diff, this.burstReplicas);
      const podsToDelete = getPodsToDelete(filteredPods, this.indirectlyRelatedPods(rs), diff, this.engine.now());
      this.expectations.expectDeletions(rsKey, podsToDelete.map(keyOf));
      let pending = podsToDelete.length;
      let firstError: ApiError | undefined;
      for (const pod of podsToDelete) {
        this.podControl.deletePod(namespace, pod.metadata.name ?? '', rs, (error) => {
          if (error) {
            // Its deletion will not be observed through the informer.
            this.expectations.deletionObserved(rsKey, keyOf(pod));
            if (!isNotFound(error)) firstError ??= error;
          }
          if (--pending === 0) done(firstError);
        });
      }
      return;
    }
    done();
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (a
   * Deployment's old and new ones), for the "doubled up on a node" rank.
   */
  private indirectlyRelatedPods(rs: ReplicaSetView): PodView[] {
    const owner = controllerOf(rs);
    const related = owner ? (this.replicaSets.byIndex(CONTROLLER_UID_INDEX, owner.uid) as ReplicaSetView[]) : [rs];
    const seen = new Set<string>();
    const out: PodView[] = [];
    for (const other of related) {
      for (const pod of podsForOwner(this.pods, other)) {
        const uid = pod.metadata.uid ?? '';
        if (seen.has(uid)) continue;
        seen.add(uid);
        out.push(pod as PodView);
      }
    }
    return out;
  }

  /** updateReplicaSetStatus: PUT /status when something changed; once more on a fresh read if refused. */
  private updateStatus(rs: ReplicaSetView, next: ReplicaSetView['status'] & object, done: (updated: ReplicaSetView, error?: ApiError) => void): void {
    if (statusUnchanged(rs, next)) return done(rs);
    const status = serializeStatus({ ...next, observedGeneration: rs.metadata['generation'] as number | undefined });
    const info = findResource(this.controlled.resource);
    if (!info) return done(rs);
    const path = resourcePath(info, { namespace: rs.metadata.namespace, name: rs.metadata.name, subresource: 'status' });
    const attempt = (current: ReplicaSetView, tries: number) =>
      apiCall<ReplicaSetView>(this.client, 'PUT', path, { body: { ...current, status } }, (a) => {
        if (a.ok) return done(a.value);
        if (tries >= STATUS_UPDATE_RETRIES) return done(rs, a.error);
        apiCall<ReplicaSetView>(this.client, 'GET', resourcePath(info, { namespace: rs.metadata.namespace, name: rs.metadata.name }), {}, (got) => {
          if (!got.ok) return done(rs, got.error);
          attempt(got.value, tries + 1);
        });
      });
    attempt(rs, 0);
  }
}
