/**
 * kube-controller-manager's EndpointSlice controller (pkg/controller/endpointslice/
 * endpointslice_controller.go): for every Service with a selector, keeps EndpointSlices
 * (`kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by:
 * endpointslice-controller.k8s.io`) listing the pods it selects, with their ready / serving /
 * terminating conditions, node and zone. Services without a selector are left to their owner
 * (and to the mirroring controller); ExternalName Services get none.
 *
 * It watches Services, Pods, Nodes and EndpointSlices through kube-controller-manager's shared
 * informers and writes as `system:serviceaccount:kube-system:endpointslice-controller`. A pod
 * event queues the Services that select it; an EndpointSlice event not caused by the controller
 * itself queues its Service a second later (endpointSliceChangeMinSyncDelay). Deleted Services'
 * slices are left to the garbage collector (they are owned by the Service).
 */
import type { Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Engine } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { EventRecorder } from '../../client/event-recorder';
import { findResource } from '../../api/resources';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import type { ApiResponse } from '../../api/http';
import type { KubeObject } from '../../api/kube-object';
import { KeyedSyncQueue, runInOrder, type SyncDone } from '../keyed-sync-queue';
import { EndpointSliceTracker } from './endpointslice-tracker';
import { TriggerTimeTracker } from './trigger-time-tracker';
import { CONTROLLER_NAME, DEFAULT_MAX_ENDPOINTS_PER_SLICE, planReconcile, type SlicePlan } from './reconciler';
import { asPod, asService, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LAST_CHANGE_TRIGGER_TIME, podsForService, servicesToUpdate } from './util';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';
/** endpointSliceChangeMinSyncDelay: a slice changed by someone else resyncs its Service after this. */
export const ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS = 1_000;
/** defaultSyncBackOff / maxSyncBackOff / maxRetries of the controller's queue. */
const SYNC_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 1_000_000, maxRetries: 15 };

const asSlice = (o: KubeObject): EndpointSlice => o as unknown as EndpointSlice;

/** An apiserver error as client-go prints it: the Status's message. */
export function statusMessage(response: ApiResponse): string {
  const body = response.body as { message?: string } | undefined;
  return body?.message ?? `the server responded with status ${response.code}`;
}

export interface EndpointSliceControllerOptions {
  /** `--max-endpoints-per-slice` (default 100). */
  readonly maxEndpointsPerSlice?: number;
}

export class EndpointSliceController {
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly slices: Informer;
  private readonly queue: KeyedSyncQueue;
  private readonly tracker = new EndpointSliceTracker();
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly recorder: EventRecorder;
  private readonly maxEndpointsPerSlice: number;

  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    options: EndpointSliceControllerOptions = {},
  ) {
    this.maxEndpointsPerSlice = options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
    this.services = informers.informerFor('services');
    this.pods = informers.informerFor('pods');
    this.nodes = informers.informerFor('nodes');
    this.slices = informers.informerFor('endpointslices');
    this.recorder = new EventRecorder(engine, client, ENDPOINTSLICE_CONTROLLER);
    this.queue = new KeyedSyncQueue(engine, `kube-controller-manager: ${ENDPOINTSLICE_CONTROLLER}`, (key, done) => this.syncService(key, done), SYNC_BACKOFF);
    const queueService = (o: KubeObject) => this.queue.add(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
    this.services.addEventHandler({ onAdd: queueService, onUpdate: (_old, svc) => queueService(svc), onDelete: queueService });
    const queuePods = (keys: ReadonlySet<string>) => keys.forEach((k) => this.queue.add(k));
    this.pods.addEventHandler({
      onAdd: (p) => queuePods(servicesToUpdate(this.services, undefined, asPod(p))),
      onUpdate: (o, p) => queuePods(servicesToUpdate(this.services, asPod(o), asPod(p))),
      onDelete: (p) => queuePods(servicesToUpdate(this.services, asPod(p), undefined)),
    });
    this.slices.addEventHandler({
      onAdd: (o) => this.onSliceChange(asSlice(o)),
      onUpdate: (o, n) => this.onSliceUpdate(asSlice(o), asSlice(n)),
      onDelete: (o) => this.onSliceDelete(asSlice(o)),
    });
  }

  start(): void {
    for (const informer of [this.services, this.pods, this.nodes, this.slices]) informer.start();
  }

  private managed(slice: EndpointSlice): boolean {
    return slice.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME;
  }

  private queueServiceFor(slice: EndpointSlice): void {
    const name = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!name) return;
    this.queue.addAfter(`${slice.metadata?.namespace ?? ''}/${name}`, ENDPOINTSLICE_CHANGE_MIN_SYNC_DELAY_MS);
  }

  private onSliceChange(slice: EndpointSlice): void {
    if (this.managed(slice) && this.tracker.shouldSync(slice)) this.queueServiceFor(slice);
  }

  private onSliceUpdate(old: EndpointSlice, slice: EndpointSlice): void {
    // Someone relabelled the slice to another Service: both Services need a look.
    if (old.metadata?.labels?.[LABEL_SERVICE_NAME] !== slice.metadata?.labels?.[LABEL_SERVICE_NAME]) {
      this.queueServiceFor(old);
      this.queueServiceFor(slice);
      return;
    }
    if (this.managed(old) !== this.managed(slice) || (this.managed(slice) && this.tracker.shouldSync(slice))) this.queueServiceFor(slice);
  }

  private onSliceDelete(slice: EndpointSlice): void {
    if (this.managed(slice) && this.tracker.has(slice) && !this.tracker.handleDeletion(slice)) this.queueServiceFor(slice);
  }

  private syncService(key: string, done: SyncDone): void {
    const [namespace = '', name = ''] = key.split('/');
    const object = this.services.get(namespace, name);
    if (!object) {
      // Deleted: its slices are owned by it, and the garbage collector removes them.
      this.triggerTimes.deleteService(namespace, name);
      this.tracker.deleteService(namespace, name);
      return done();
    }
    const service = asService(object);
    if (service.spec?.type === 'ExternalName' || !service.spec?.selector) return done();
    const pods = podsForService(this.pods, service);
    const slices = this.slices
      .list(namespace, (o) => o.metadata.labels?.[LABEL_SERVICE_NAME] === name && o.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME)
      .map(asSlice)
      .filter((s) => !s.metadata?.deletionTimestamp);
    // Our own writes not in the cache yet: the informer's event for them queues the Service again.
    if (this.tracker.staleSlices(key, slices)) return done('EndpointSlice informer cache is out of date');
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    const plan = planReconcile({
      service,
      pods,
      existingSlices: slices,
      node: (n) => this.nodes.get('', n) as unknown as Node | undefined,
      maxEndpointsPerSlice: this.maxEndpointsPerSlice,
    });
    const steps = [...plan.byAddressType.map((p) => (next: SyncDone) => this.finalize(service, p, triggerTime, next))];
    for (const slice of plan.unsupported) steps.push((next) => this.deleteSlice(service, slice, next));
    const errors = [...plan.errors];
    // Each address type is finalized even when another failed; the errors are reported together.
    runInOrder(
      steps.map((step) => (next: SyncDone) => step((error) => (error !== undefined && errors.push(error), next()))),
      () => {
        if (errors.length === 0) return done();
        const message = errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
        this.recorder.event(object, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${message}`);
        done(message);
      },
    );
  }

  /** finalize: creates (unless the Service is being deleted), then updates, then deletes, stopping at the first error. */
  private finalize(service: Service, plan: SlicePlan, triggerTime: string, done: SyncDone): void {
    const info = findResource('endpointslices');
    if (!info) return done('endpointslices: no such resource');
    const namespace = service.metadata?.namespace ?? '';
    const svcName = `${namespace}/${service.metadata?.name ?? ''}`;
    const annotate = (slice: EndpointSlice): EndpointSlice => {
      const annotations = { ...(slice.metadata?.annotations ?? {}) };
      if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
      else delete annotations[LAST_CHANGE_TRIGGER_TIME];
      // An empty map is left out, as encoding/json's omitempty leaves it out.
      const { annotations: _dropped, ...meta } = slice.metadata ?? {};
      return { ...slice, metadata: Object.keys(annotations).length ? { ...meta, annotations } : meta };
    };
    const steps: ((next: SyncDone) => void)[] = [];
    if (!service.metadata?.deletionTimestamp) {
      for (const slice of plan.create) {
        steps.push((next) =>
          this.client.request('POST', resourcePath(info, { namespace }), { body: annotate(slice) }, (r) => {
            if (isSuccess(r)) {
              this.tracker.update(r.body as EndpointSlice);
              return next();
            }
            // A terminating namespace refuses creates for good: drop the item.
            if (statusCause(r) === 'NamespaceTerminating') return done();
            next(`failed to create EndpointSlice for Service ${svcName}: ${statusMessage(r)}`);
          }),
        );
      }
    }
    for (const slice of plan.update) {
      const name = slice.metadata?.name ?? '';
      steps.push((next) =>
        this.client.request('PUT', resourcePath(info, { namespace, name }), { body: annotate(slice) }, (r) => {
          if (!isSuccess(r)) return next(`failed to update ${name} EndpointSlice for Service ${svcName}: ${statusMessage(r)}`);
          this.tracker.update(r.body as EndpointSlice);
          next();
        }),
      );
    }
    for (const slice of plan.delete) steps.push((next) => this.deleteSlice(service, slice, next));
    runInOrder(steps, done);
  }

  /** deleteEndpointSlice: a slice already gone is fine. */
  private deleteSlice(service: Service, slice: EndpointSlice, done: SyncDone): void {
    const info = findResource('endpointslices');
    const namespace = slice.metadata?.namespace ?? '';
    const name = slice.metadata?.name ?? '';
    if (!info) return done('endpointslices: no such resource');
    this.client.request('DELETE', resourcePath(info, { namespace, name }), {}, (r) => {
      if (isSuccess(r) || r.code === 404) {
        if (isSuccess(r)) this.tracker.expectDeletion(slice);
        return done();
      }
      done(`failed to delete ${name} EndpointSlice for Service ${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}: ${statusMessage(r)}`);
    });
  }
}

/** The first cause type of a metav1.Status (errors.HasStatusCause). */
export function statusCause(response: ApiResponse): string | undefined {
  const body = response.body as { details?: { causes?: { type?: string }[] } } | undefined;
  return body?.details?.causes?.[0]?.type;
}
