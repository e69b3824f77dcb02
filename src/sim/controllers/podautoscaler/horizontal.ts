/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go), as far as
 * a cluster without metrics goes: there is no metrics-server, so the resource metrics API
 * (metrics.k8s.io) is not served and every resource metric fails as it does on a real cluster
 * without one. Every --horizontal-pod-autoscaler-sync-period (15 s) it reads the target's scale;
 * below minReplicas or above maxReplicas it rescales to the bound (SuccessfulRescale), as
 * upstream does without metrics; otherwise it records FailedGetResourceMetric and
 * FailedComputeMetricsReplicas, sets ScalingActive False, and leaves desiredReplicas as it was.
 * Status is written to autoscaling/v2 as system:serviceaccount:kube-system:horizontal-pod-autoscaler.
 */
import type { Engine } from '../../engine';
import type { KubeObject } from '../../api/kube-object';
import { findResource, resourceForKind } from '../../api/resources';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import { apiCall } from '../controller-utils/api-call';
import { keyOf, splitKey } from '../controller-utils/types';
import { simulatedTimestamp } from '../../api/time';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** --concurrent-horizontal-pod-autoscaler-syncs. */
const CONCURRENT_HPA_SYNCS = 5;

/** What the metrics client answers when metrics.k8s.io is not served (no metrics-server). */
const NO_RESOURCE_METRICS = (resource: string) =>
  `failed to get ${resource} utilization: unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`;

interface Condition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

interface HpaView extends KubeObject {
  spec: { scaleTargetRef: { apiVersion?: string; kind: string; name: string }; minReplicas?: number; maxReplicas: number; metrics?: { type: string; resource?: { name: string } }[] };
  status?: { currentReplicas?: number; desiredReplicas?: number; lastScaleTime?: string; currentMetrics?: unknown[]; conditions?: Condition[] };
}

interface ScaleView {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

export class HorizontalController {
  private readonly hpas: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.hpas = informers.informerFor('horizontalpodautoscalers');
    this.recorder = new EventRecorder(engine, client, 'horizontal-pod-autoscaler');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: horizontalpodautoscaler', CONCURRENT_HPA_SYNCS, (key, finish) => this.sync(key, finish));
    // enqueueHPA: AddRateLimited, whose limiter is the fixed sync period.
    this.hpas.addEventHandler({
      onAdd: (hpa) => this.queue.addAfter(keyOf(hpa), HPA_SYNC_PERIOD_MS),
      onUpdate: () => undefined,
      onDelete: () => undefined,
    });
  }

  start(): void {
    this.hpas.start();
  }

  private sync(key: string, finish: (result: ProcessResult) => void): void {
    const { namespace, name } = splitKey(key);
    const hpa = this.hpas.get(namespace, name) as HpaView | undefined;
    if (!hpa) return finish(DONE);
    const again = () => {
      this.queue.addAfter(key, HPA_SYNC_PERIOD_MS);
      finish(DONE);
    };
    const ref = hpa.spec.scaleTargetRef;
    const info = resourceForKind(ref.apiVersion ?? '', ref.kind);
    const conditions = [...(hpa.status?.conditions ?? [])];
    if (!info || !info.subresources.includes('scale')) {
      const message = `unable to determine resource for scale target reference: no matches for kind "${ref.kind}" in version "${ref.apiVersion ?? ''}"`;
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', message);
      this.setCondition(conditions, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${message}` });
      return this.writeStatus(hpa, { ...hpa.status, conditions }, again);
    }
    const scalePath = resourcePath(info, { namespace, name: ref.name, subresource: 'scale' });
    apiCall<ScaleView>(this.client, 'GET', scalePath, {}, (got) => {
      if (!got.ok) {
        this.recorder.event(hpa, 'Warning', 'FailedGetScale', got.error.message);
        this.setCondition(conditions, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${got.error.message}` });
        return this.writeStatus(hpa, { ...hpa.status, conditions }, again);
      }
      this.setCondition(conditions, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
      const currentReplicas = got.value.spec?.replicas ?? 0;
      const minReplicas = hpa.spec.minReplicas ?? 1;
      let desired: number | undefined;
      let reason = '';
      if (currentReplicas === 0 && minReplicas !== 0) {
        this.setCondition(conditions, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
        return this.writeStatus(hpa, { ...hpa.status, currentReplicas, desiredReplicas: 0, conditions }, again);
      }
      if (currentReplicas > hpa.spec.maxReplicas) [desired, reason] = [hpa.spec.maxReplicas, 'Current number of replicas above Spec.MaxReplicas'];
      else if (currentReplicas < minReplicas) [desired, reason] = [minReplicas, 'Current number of replicas below Spec.MinReplicas'];
      if (desired === undefined) {
        // computeReplicasForMetrics: each resource metric asks metrics.k8s.io, which nothing serves.
        const metrics = hpa.spec.metrics ?? [];
        const first = metrics[0];
        const error = NO_RESOURCE_METRICS(first?.resource?.name ?? 'cpu');
        this.recorder.event(hpa, 'Warning', 'FailedGetResourceMetric', error);
        this.setCondition(conditions, { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${error}` });
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: failed to get ${first?.resource?.name ?? 'cpu'} resource metric value: ${error}`);
        return this.writeStatus(hpa, { ...hpa.status, currentReplicas, currentMetrics: metrics.map(() => ({ type: '' })), conditions }, again);
      }
      const rescaled = desired;
      // The scale client's Update: a PUT of the Scale read, with the new spec.replicas.
      apiCall(this.client, 'PUT', scalePath, { body: { ...got.value, spec: { ...got.value.spec, replicas: rescaled } } }, (patched) => {
        if (!patched.ok) {
          this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${rescaled}; reason: ${reason}; error: ${patched.error.message}`);
          this.setCondition(conditions, { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${patched.error.message}` });
          return this.writeStatus(hpa, { ...hpa.status, currentReplicas, conditions }, again);
        }
        this.setCondition(conditions, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${rescaled}` });
        this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${rescaled}; reason: ${reason}`);
        this.writeStatus(hpa, { ...hpa.status, currentReplicas, desiredReplicas: rescaled, lastScaleTime: simulatedTimestamp(this.engine.now()), conditions }, again);
      });
    });
  }

  /** setCondition: a new transition time only when the status flips. */
  private setCondition(conditions: Condition[], next: Condition): void {
    const i = conditions.findIndex((c) => c.type === next.type);
    const old = i >= 0 ? conditions[i] : undefined;
    const lastTransitionTime = old && old.status === next.status ? old.lastTransitionTime : simulatedTimestamp(this.engine.now());
    const condition = { type: next.type, status: next.status, lastTransitionTime, reason: next.reason, message: next.message };
    if (i >= 0) conditions[i] = condition;
    else conditions.push(condition);
  }

  /** updateStatusIfNeeded: PUT /status (autoscaling/v2) when something changed. */
  private writeStatus(hpa: HpaView, status: NonNullable<HpaView['status']>, done: () => void): void {
    const next = { desiredReplicas: 0, ...status };
    if (JSON.stringify(next) === JSON.stringify(hpa.status)) return done();
    const info = findResource('horizontalpodautoscalers');
    if (!info) return done();
    const path = resourcePath(info, { namespace: hpa.metadata.namespace, name: hpa.metadata.name, subresource: 'status' });
    apiCall(this.client, 'PUT', path, { body: { ...hpa, status: next } }, () => done());
  }
}
