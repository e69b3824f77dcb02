/**
 * kube-controller-manager's disruption controller (pkg/controller/disruption/disruption.go):
 * keeps every PodDisruptionBudget's status: how many of its pods are healthy (Ready, not being
 * deleted, not just evicted), how many must be (from minAvailable or maxUnavailable), how many
 * it expects, how many disruptions the eviction subresource may allow now, the generation it
 * saw and the DisruptionAllowed condition. Evicted pods stay in status.disruptedPods until they
 * are gone, or for DeletionTimeout (2 minutes) if their delete never comes. A sync that fails
 * writes the fail-safe status (no disruptions, condition SyncFailed).
 */
import type { Engine } from '../../engine';
import type { KubeObject } from '../../api/kube-object';
import { labelSelectorAsSelector, type LabelSelector } from '../../api/labels/label-selector';
import {
  DELETION_TIMEOUT_MS,
  DISRUPTION_ALLOWED_CONDITION,
  SYNC_FAILED_REASON,
  conditionsAreUpToDate,
  isPodReady,
  pdbStatus,
  setStatusCondition,
  updateDisruptionAllowedCondition,
  type PdbStatus,
} from '../../api/pod-disruption-budget';
import { findResource } from '../../api/resources';
import { virtualMsOf } from '../../api/time';
import { deepEqual } from '../../api/validation/object-meta';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { isSuccess } from '../../client/sync';
import { DONE, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import { expectedPodCount, type ControllerInformers } from './expected-count';

const key = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** The protobuf String() of a *metav1.LabelSelector, as `%v` prints it in the UnmanagedPods event. */
function selectorString(ps: LabelSelector | undefined): string {
  if (!ps) return 'nil';
  const labels = Object.keys(ps.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${ps.matchLabels?.[k] ?? ''},`)
    .join('');
  const exprs = (ps.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export class DisruptionController {
  private readonly pdbs: Informer;
  private readonly pods: Informer;
  private readonly controllers: ControllerInformers;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.pdbs = informers.informerFor('poddisruptionbudgets');
    this.pods = informers.informerFor('pods');
    this.controllers = { replicasets: informers.informerFor('replicasets'), deployments: informers.informerFor('deployments'), statefulsets: informers.informerFor('statefulsets') };
    // Upstream's recorder for this controller reports as "controllermanager".
    this.recorder = new EventRecorder(engine, client, 'controllermanager');
    this.queue = new RateLimitingQueue(engine, 'kube-controller-manager: disruption', (k) => this.sync(k));
    const enqueue = (pdb: KubeObject) => this.queue.add(key(pdb));
    this.pdbs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, pdb) => enqueue(pdb), onDelete: enqueue });
    const podChanged = (pod: KubeObject) => {
      const pdb = this.pdbForPod(pod);
      if (pdb) enqueue(pdb);
    };
    this.pods.addEventHandler({ onAdd: podChanged, onUpdate: (_old, pod) => podChanged(pod), onDelete: podChanged });
  }

  start(): void {
    this.pdbs.start();
    this.pods.start();
    this.controllers.replicasets.start();
    this.controllers.deployments.start();
    this.controllers.statefulsets.start();
  }

  /** getPdbForPod: the first budget selecting the pod; more than one is a warning on the pod. */
  private pdbForPod(pod: KubeObject): KubeObject | undefined {
    if (!pod.metadata.labels) return undefined;
    const labels = pod.metadata.labels;
    const matching = this.pdbs.list(pod.metadata.namespace).filter((pdb) => labelSelectorAsSelector(this.selectorOf(pdb))?.matches(labels) ?? false);
    if (matching.length > 1) {
      this.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', `Pod "${pod.metadata.namespace ?? ''}"/"${pod.metadata.name ?? ''}" matches multiple PodDisruptionBudgets.  Chose "${matching[0]?.metadata.name ?? ''}" arbitrarily.`);
    }
    return matching[0];
  }

  private selectorOf(pdb: KubeObject): LabelSelector | undefined {
    return (pdb['spec'] as { selector?: LabelSelector } | undefined)?.selector;
  }

  private synced(): boolean {
    return this.pdbs.hasSynced() && this.pods.hasSynced() && this.controllers.replicasets.hasSynced() && this.controllers.deployments.hasSynced() && this.controllers.statefulsets.hasSynced();
  }

  private sync(k: string): ProcessResult {
    if (!this.synced()) return { retry: true, after: 100 };
    const [namespace = '', name = ''] = k.split('/');
    const pdb = this.pdbs.get(namespace, name);
    if (!pdb) return DONE;
    try {
      this.trySync(pdb);
    } catch (error) {
      this.failSafe(pdb, error instanceof Error ? error.message : String(error));
    }
    return DONE;
  }

  private trySync(pdb: KubeObject): void {
    const selector = labelSelectorAsSelector(this.selectorOf(pdb));
    const pods = selector ? this.pods.list(pdb.metadata.namespace, (p) => selector.matches(p.metadata.labels ?? {})) : [];
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let expected;
    try {
      expected = expectedPodCount(this.controllers, pdb, pods);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
      throw error;
    }
    if (expected.unmanagedPods.length > 0) {
      this.recorder.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorString(this.selectorOf(pdb))}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.engine.now();
    const { disruptedPods, recheckAt } = this.buildDisruptedPodMap(pods, pdb, now);
    const currentHealthy = countHealthyPods(pods, disruptedPods, now);
    this.updateStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disruptedPods);
    if (recheckAt !== undefined) this.queue.addAfter(key(pdb), recheckAt - now);
  }

  /** buildDisruptedPodMap: keeps the evicted pods whose delete may still come; warns about the rest. */
  private buildDisruptedPodMap(pods: readonly KubeObject[], pdb: KubeObject, now: number): { disruptedPods: Record<string, string>; recheckAt?: number } {
    const previous = pdbStatus(pdb).disruptedPods;
    const disruptedPods: Record<string, string> = {};
    let recheckAt: number | undefined;
    if (!previous) return { disruptedPods };
    for (const pod of pods) {
      if (pod.metadata['deletionTimestamp']) continue;
      const disruptedAt = previous[pod.metadata.name ?? ''];
      if (disruptedAt === undefined) continue;
      const expectedDeletion = virtualMsOf(disruptedAt) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        // Upstream prints the namespace twice here.
        this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace ?? ''}/${pdb.metadata.namespace ?? ''} to be deleted but it wasn't`);
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
        disruptedPods[pod.metadata.name ?? ''] = disruptedAt;
      }
    }
    return { disruptedPods, ...(recheckAt !== undefined ? { recheckAt } : {}) };
  }

  /** updatePdbStatus: no write when nothing changed and the condition is up to date. */
  private updateStatus(pdb: KubeObject, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    // expectedPods must be > 0: a budget that selects nothing yet must be safe when its first pods appear.
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const old = pdbStatus(pdb);
    const generation = typeof pdb.metadata['generation'] === 'number' ? pdb.metadata['generation'] : 0;
    if (
      old.currentHealthy === currentHealthy &&
      old.desiredHealthy === desiredHealthy &&
      old.expectedPods === expectedPods &&
      old.disruptionsAllowed === disruptionsAllowed &&
      deepEqual(old.disruptedPods ?? {}, disruptedPods) &&
      (old.observedGeneration ?? 0) === generation &&
      conditionsAreUpToDate(old, generation)
    ) {
      return;
    }
    const status: PdbStatus = {
      observedGeneration: generation,
      ...(Object.keys(disruptedPods).length ? { disruptedPods } : {}),
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      ...(old.conditions ? { conditions: old.conditions } : {}),
    };
    this.writeStatus(pdb, updateDisruptionAllowedCondition(status, this.engine.now()));
  }

  /** failSafe: no disruptions allowed, and the condition says why. */
  private failSafe(pdb: KubeObject, message: string): void {
    const old = pdbStatus(pdb);
    const conditions = setStatusCondition(
      old.conditions ?? [],
      { type: DISRUPTION_ALLOWED_CONDITION, status: 'False', reason: SYNC_FAILED_REASON, message, ...(old.observedGeneration !== undefined ? { observedGeneration: old.observedGeneration } : {}) },
      this.engine.now(),
    );
    this.writeStatus(pdb, { ...old, disruptionsAllowed: 0, conditions });
  }

  private writeStatus(pdb: KubeObject, status: PdbStatus): void {
    const info = findResource('poddisruptionbudgets');
    if (!info) return;
    const path = resourcePath(info, { namespace: pdb.metadata.namespace, name: pdb.metadata.name, subresource: 'status' });
    this.client.request('PUT', path, { body: { ...pdb, status } }, (response) => {
      // A conflict or a refusal: sync again from what the informer holds then.
      if (!isSuccess(response) && response.code !== 404) this.queue.addRateLimited(key(pdb));
    });
  }
}

/** countHealthyPods: Ready, not being deleted, not evicted within DeletionTimeout. */
export function countHealthyPods(pods: readonly KubeObject[], disruptedPods: Record<string, string>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata['deletionTimestamp']) continue;
    const disruptedAt = disruptedPods[pod.metadata.name ?? ''];
    if (disruptedAt !== undefined && virtualMsOf(disruptedAt) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

