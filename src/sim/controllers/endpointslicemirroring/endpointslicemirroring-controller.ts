/**
 * kube-controller-manager's EndpointSlice mirroring controller
 * (pkg/controller/endpointslicemirroring/endpointslicemirroring_controller.go): a Service without
 * a selector gets its endpoints from whoever writes its Endpoints object by hand; this
 * controller mirrors that Endpoints into EndpointSlices, so that kube-proxy (which reads only
 * slices) serves it. Not mirrored: Endpoints labelled `endpointslice.kubernetes.io/skip-mirror:
 * "true"` (the apiserver's own `kubernetes`), those carrying a leader-election annotation,
 * ExternalName Services, and Services with a selector (whose mirrored slices it deletes).
 *
 * Writes as `system:serviceaccount:kube-system:endpointslicemirroring-controller`.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Engine } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { EventRecorder } from '../../client/event-recorder';
import { findResource } from '../../api/resources';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import type { KubeObject } from '../../api/kube-object';
import { KeyedSyncQueue, runInOrder, type SyncDone } from '../keyed-sync-queue';
import { EndpointSliceTracker } from '../endpointslice/endpointslice-tracker';
import { statusCause, statusMessage } from '../endpointslice/endpointslice-controller';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../endpointslice/util';
import { MIRRORING_CONTROLLER_NAME, planMirror } from './reconciler';

export const ENDPOINTSLICE_MIRRORING_CONTROLLER = 'endpointslicemirroring-controller';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const SYNC_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 100_000, maxRetries: 15 };

const asSlice = (o: KubeObject): EndpointSlice => o as unknown as EndpointSlice;
const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** shouldMirror: not skipped by label, not a leader-election record. */
function shouldMirror(endpoints: KubeObject | undefined): boolean {
  if (!endpoints) return false;
  return endpoints.metadata.labels?.[SKIP_MIRROR] !== 'true' && endpoints.metadata.annotations?.[LEADER_ANNOTATION] === undefined;
}

export class EndpointSliceMirroringController {
  private readonly services: Informer;
  private readonly endpoints: Informer;
  private readonly slices: Informer;
  private readonly queue: KeyedSyncQueue;
  private readonly tracker = new EndpointSliceTracker();
  private readonly recorder: EventRecorder;

  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.services = informers.informerFor('services');
    this.endpoints = informers.informerFor('endpoints');
    this.slices = informers.informerFor('endpointslices');
    this.recorder = new EventRecorder(engine, client, ENDPOINTSLICE_MIRRORING_CONTROLLER);
    this.queue = new KeyedSyncQueue(engine, `kube-controller-manager: ${ENDPOINTSLICE_MIRRORING_CONTROLLER}`, (key, done) => this.syncEndpoints(key, done), SYNC_BACKOFF);
    const queue = (o: KubeObject) => this.queue.add(keyOf(o));
    this.services.addEventHandler({ onAdd: queue, onUpdate: (_o, n) => queue(n), onDelete: queue });
    this.endpoints.addEventHandler({
      onAdd: (o) => shouldMirror(o) && queue(o),
      onUpdate: (old, o) => (shouldMirror(o) || shouldMirror(old)) && queue(o),
      onDelete: queue,
    });
    const queueForSlice = (o: KubeObject) => {
      const name = o.metadata.labels?.[LABEL_SERVICE_NAME];
      if (name) this.queue.add(`${o.metadata.namespace ?? ''}/${name}`);
    };
    const managed = (o: KubeObject) => o.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME;
    this.slices.addEventHandler({
      onAdd: (o) => managed(o) && this.tracker.shouldSync(asSlice(o)) && queueForSlice(o),
      onUpdate: (old, o) => (managed(old) !== managed(o) || (managed(o) && this.tracker.shouldSync(asSlice(o)))) && queueForSlice(o),
      onDelete: (o) => managed(o) && this.tracker.has(asSlice(o)) && !this.tracker.handleDeletion(asSlice(o)) && queueForSlice(o),
    });
  }

  start(): void {
    for (const informer of [this.services, this.endpoints, this.slices]) informer.start();
  }

  private mirroredSlices(namespace: string, name: string): EndpointSlice[] {
    return this.slices
      .list(namespace, (o) => o.metadata.labels?.[LABEL_SERVICE_NAME] === name && o.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME)
      .map(asSlice);
  }

  private syncEndpoints(key: string, done: SyncDone): void {
    const [namespace = '', name = ''] = key.split('/');
    const svc = this.services.get(namespace, name) as unknown as Service | undefined;
    if (!svc) {
      this.tracker.deleteService(namespace, name);
      return done();
    }
    if (svc.spec?.type === 'ExternalName') return done();
    const endpointsObject = this.endpoints.get(namespace, name);
    if (svc.spec?.selector || !endpointsObject || !shouldMirror(endpointsObject)) return this.deleteMirroredSlices(namespace, name, done);
    const endpoints = endpointsObject as unknown as Endpoints;
    const slices = this.mirroredSlices(namespace, name);
    if (this.tracker.staleSlices(key, slices)) return done('EndpointSlice informer cache is out of date');
    const plan = planMirror(endpoints, slices);
    for (const [reason, message] of plan.events) this.recorder.event(endpointsObject, 'Warning', reason, message);
    const info = findResource('endpointslices');
    if (!info) return done('endpointslices: no such resource');
    const steps: ((next: SyncDone) => void)[] = [];
    if (!endpoints.metadata?.deletionTimestamp) {
      for (const slice of plan.create)
        steps.push((next) =>
          this.client.request('POST', resourcePath(info, { namespace }), { body: slice }, (r) => {
            if (isSuccess(r)) {
              this.tracker.update(r.body as EndpointSlice);
              return next();
            }
            if (statusCause(r) === 'NamespaceTerminating') return done();
            next(`failed to create EndpointSlice for Endpoints ${key}: ${statusMessage(r)}`);
          }),
        );
    }
    for (const slice of plan.update) {
      const sliceName = slice.metadata?.name ?? '';
      steps.push((next) =>
        this.client.request('PUT', resourcePath(info, { namespace, name: sliceName }), { body: slice }, (r) => {
          if (!isSuccess(r)) return next(`failed to update ${sliceName} EndpointSlice for Endpoints ${key}: ${statusMessage(r)}`);
          this.tracker.update(r.body as EndpointSlice);
          next();
        }),
      );
    }
    for (const slice of plan.delete) {
      const sliceName = slice.metadata?.name ?? '';
      steps.push((next) =>
        this.client.request('DELETE', resourcePath(info, { namespace, name: sliceName }), {}, (r) => {
          if (!isSuccess(r)) return next(`failed to delete ${sliceName} EndpointSlice for Endpoints ${key}: ${statusMessage(r)}`);
          this.tracker.expectDeletion(slice);
          next();
        }),
      );
    }
    runInOrder(steps, done);
  }

  /** deleteMirroredSlices: the Service got a selector, or its Endpoints went or should not be mirrored. */
  private deleteMirroredSlices(namespace: string, name: string, done: SyncDone): void {
    const slices = this.mirroredSlices(namespace, name);
    const info = findResource('endpointslices');
    if (!info || slices.length === 0) return done();
    const errors: string[] = [];
    runInOrder(
      slices.map((slice) => (next: SyncDone) =>
        this.client.request('DELETE', resourcePath(info, { namespace, name: slice.metadata?.name ?? '' }), {}, (r) => {
          if (isSuccess(r)) this.tracker.expectDeletion(slice);
          else if (r.code !== 404) errors.push(statusMessage(r));
          next();
        }),
      ),
      () => done(errors.length ? `Error(s) deleting ${errors.length}/${slices.length} EndpointSlices for ${namespace}/${name} Endpoints, including: ${errors[0] ?? ''}` : undefined),
    );
  }
}
