/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go): it keeps one
 * ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`, and moves pods from the
 * old ReplicaSets to the new one as the strategy says (RollingUpdate or Recreate), records
 * ScalingReplicaSet events, and writes the Deployment's status and conditions. It watches
 * Deployments, ReplicaSets and (for Recreate) pod deletions through kube-controller-manager's
 * shared informers, and writes as system:serviceaccount:kube-system:deployment-controller.
 *
 * syncDeployment, in upstream's order: claim the ReplicaSets; a Deployment being deleted only
 * gets its status; paused conditions; a paused Deployment is only scaled; a rollback
 * annotation is acted on; a resize is spread proportionally; otherwise the strategy's rollout.
 */
import type { Engine } from '../../engine';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import type { Selector } from '../../api/labels/selector';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import type { ApiError } from '../controller-utils/api-call';
import { claimObjectsStep } from '../controller-utils/controller-ref-manager';
import { addControllerUIDIndexer, addPodControllerUIDIndexer, CONTROLLER_UID_INDEX, POD_CONTROLLER_UID_INDEX } from '../controller-utils/indexes';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { controllerOf, isBeingDeleted, keyOf, splitKey, type OwnerReference, type PodView } from '../controller-utils/types';
import { deploymentPath, type DeploymentContext, type DeploymentView, type ReplicaSetView } from './context';
import { rolloutRecreate } from './recreate';
import { rollback, rollbackTo } from './rollback';
import { rolloutRolling } from './rolling';
import { getAllReplicaSetsAndSyncRevision, isScalingEvent, serializeStatus, syncDeploymentStatus, syncScaleOnly } from './sync';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './util/conditions';
import { hasProgressDeadline, PAUSED_DEPLOY_REASON, RESUMED_DEPLOY_REASON, templateKeyOfCopy, TIMED_OUT_REASON } from './util/deployment-util';
import { sameLabels } from '../../api/labels/same-labels';
import { sameOwnerReference } from '../controller-utils/equality';
import { jsonCopy } from '../../api/json-copy';

/** --concurrent-deployment-syncs. */
export const CONCURRENT_DEPLOYMENT_SYNCS = 5;

export class DeploymentController {
  private readonly deployments: Informer;
  private readonly replicaSets: Informer;
  private readonly pods: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly ctx: DeploymentContext;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.deployments = informers.informerFor('deployments');
    this.replicaSets = informers.informerFor('replicasets');
    this.pods = informers.informerFor('pods');
    addPodControllerUIDIndexer(this.pods);
    addControllerUIDIndexer(this.replicaSets);
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: deployment', CONCURRENT_DEPLOYMENT_SYNCS, (key, finish) => this.syncDeployment(key, finish));
    this.ctx = {
      engine,
      recorder: new EventRecorder(engine, client, 'deployment-controller'),
      enqueueAfter: (d, ms) => this.queue.addAfter(keyOf(d), ms),
      enqueueRateLimited: (d) => this.queue.addRateLimited(keyOf(d)),
    };
    const enqueue = (d: KubeObject) => this.queue.add(keyOf(d));
    this.deployments.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cur) => enqueue(cur), onDelete: enqueue });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs as ReplicaSetView),
      onUpdate: (old, cur) => this.updateReplicaSet(old as ReplicaSetView, cur as ReplicaSetView),
      onDelete: (rs) => this.deleteReplicaSet(rs as ReplicaSetView),
    });
    this.pods.addEventHandler({ onDelete: (pod) => this.deletePod(pod as PodView) });
  }

  start(): void {
    this.deployments.start();
    this.replicaSets.start();
    this.pods.start();
  }

  private resolveControllerRef(namespace: string, ref: OwnerReference): DeploymentView | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? (d as DeploymentView) : undefined;
  }

  /** getDeploymentsForReplicaSet: the Deployments whose selector matches an orphan ReplicaSet. */
  private deploymentsForReplicaSet(rs: ReplicaSetView): DeploymentView[] {
    const labels = rs.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) return [];
    return this.deployments.list(rs.metadata.namespace ?? '', (d) => {
      const s = safeSelector(d as DeploymentView);
      return s !== undefined && !s.empty() && s.matches(labels);
    }) as DeploymentView[];
  }

  private addReplicaSet(rs: ReplicaSetView): void {
    if (isBeingDeleted(rs)) return this.deleteReplicaSet(rs);
    const ref = controllerOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
      if (d) this.queue.add(keyOf(d));
      return;
    }
    for (const d of this.deploymentsForReplicaSet(rs)) this.queue.add(keyOf(d));
  }

  private updateReplicaSet(old: ReplicaSetView, cur: ReplicaSetView): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameOwnerReference(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (d) this.queue.add(keyOf(d));
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (d) this.queue.add(keyOf(d));
      return;
    }
    const labelChanged = !sameLabels(old.metadata.labels, cur.metadata.labels);
    if (labelChanged || refChanged) for (const d of this.deploymentsForReplicaSet(cur)) this.queue.add(keyOf(d));
  }

  private deleteReplicaSet(rs: ReplicaSetView): void {
    const ref = controllerOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
    if (d) this.queue.add(keyOf(d));
  }

  /** deletePod: a Recreate rollout waits for the old pods to be gone; look again when the last one goes. */
  private deletePod(pod: PodView): void {
    const rsRef = controllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata.namespace ?? '', rsRef.name) as ReplicaSetView | undefined;
    const dRef = rs && rs.metadata.uid === rsRef.uid ? controllerOf(rs) : undefined;
    const d = dRef ? this.resolveControllerRef(pod.metadata.namespace ?? '', dRef) : undefined;
    if (!d || d.spec.strategy?.type !== 'Recreate') return;
    const podMap = this.podMapFor(d, this.ownedReplicaSets(d));
    let n = 0;
    for (const pods of podMap.values()) n += pods.length;
    if (n === 0) this.queue.add(keyOf(d));
  }

  private ownedReplicaSets(d: DeploymentView): ReplicaSetView[] {
    return this.replicaSets.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid ?? '') as ReplicaSetView[];
  }

  /**
   * getPodMapForDeployment: the Deployment's pods (those its selector matches) by the uid of
   * the ReplicaSet that owns them, read from the pod index rather than a scan of the namespace.
   */
  private podMapFor(d: DeploymentView, rsList: readonly ReplicaSetView[]): Map<string, PodView[]> {
    const selector = safeSelector(d);
    const map = new Map<string, PodView[]>();
    for (const rs of rsList) {
      const uid = rs.metadata.uid ?? '';
      const pods = selector ? this.pods.byIndex(POD_CONTROLLER_UID_INDEX, uid).filter((p) => selector.matches(p.metadata.labels ?? {})) : [];
      map.set(uid, pods as PodView[]);
    }
    return map;
  }

  private syncDeployment(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.deployments.hasSynced() || !this.replicaSets.hasSynced() || !this.pods.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const cached = this.deployments.get(namespace, name) as DeploymentView | undefined;
    if (!cached) return finish(DONE);
    // The cache's object is shared: the sync works on a copy, as upstream's DeepCopy.
    const d = jsonCopy(cached);
    templateKeyOfCopy(d.spec.template, cached.spec.template);
    runSync(this.client, this.sync(d), (error) => finish(error ? RETRY : DONE));
  }

  private *sync(d: DeploymentView): Step<ApiError | undefined> {
    const selector = safeSelector(d);
    if (!selector || selector.empty()) {
      // A Deployment selecting every pod would fight every other controller.
      this.ctx.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      const generation = (d.metadata['generation'] as number | undefined) ?? 0;
      if ((d.status?.observedGeneration ?? 0) < generation) {
        d.status = { ...(d.status ?? {}), observedGeneration: generation };
        const a = yield* call('PUT', deploymentPath(d, 'status'), { body: { ...d, status: serializeStatus(d.status) } });
        if (!a.ok) return a.error;
      }
      return undefined;
    }
    // getReplicaSetsForDeployment: adopt and release by selector.
    const all = this.replicaSets.list(d.metadata.namespace ?? '');
    const claim = yield* claimObjectsStep({ client: this.client, owner: d, ownerResource: 'deployments', resource: 'replicasets', match: (rs) => selector.matches(rs.metadata.labels ?? {}) }, all);
    if (claim.error) return claim.error;
    const rsList = claim.claimed as ReplicaSetView[];

    if (isBeingDeleted(d)) {
      const { newRS, oldRSs, error } = yield* getAllReplicaSetsAndSyncRevision(this.ctx, d, rsList, false);
      if (error) return error;
      return yield* syncDeploymentStatus(this.ctx, [...oldRSs, newRS], newRS, d);
    }
    const pausedError = yield* this.checkPausedConditions(d);
    if (pausedError) return pausedError;
    if (d.spec.paused) return yield* syncScaleOnly(this.ctx, d, rsList);
    if (rollbackTo(d) !== undefined) return yield* rollback(this.ctx, d, rsList);
    const scaling = yield* isScalingEvent(this.ctx, d, rsList);
    if (scaling.error) return scaling.error;
    if (scaling.scaling) return yield* syncScaleOnly(this.ctx, d, rsList);
    // Only Recreate reads the pods (upstream builds the map on every sync; the result is the same).
    if (d.spec.strategy?.type === 'Recreate') return yield* rolloutRecreate(this.ctx, d, rsList, this.podMapFor(d, rsList));
    return yield* rolloutRolling(this.ctx, d, rsList);
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  private *checkPausedConditions(d: DeploymentView): Step<ApiError | undefined> {
    if (!hasProgressDeadline(d)) return undefined;
    const cond = getDeploymentCondition(d.status, 'Progressing');
    if (cond?.reason === TIMED_OUT_REASON) return undefined;
    const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
    const now = this.engine.now();
    let needsUpdate = false;
    d.status ??= {};
    if (d.spec.paused && !pausedCondExists) {
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now));
      needsUpdate = true;
    } else if (!d.spec.paused && pausedCondExists) {
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now));
      needsUpdate = true;
    }
    if (!needsUpdate) return undefined;
    const a = yield* call<DeploymentView>('PUT', deploymentPath(d, 'status'), { body: { ...d, status: serializeStatus(d.status) } });
    // Upstream carries on with its own copy (older than what it wrote): the next write of the
    // sync may be refused with a Conflict, and the key retried, as in a real cluster.
    return a.ok ? undefined : a.error;
  }
}

function safeSelector(d: DeploymentView): Selector | undefined {
  try {
    return labelSelectorAsSelector(d.spec.selector);
  } catch {
    return undefined;
  }
}
