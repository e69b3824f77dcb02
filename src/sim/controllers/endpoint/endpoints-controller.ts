/**
 * kube-controller-manager's Endpoints controller (pkg/controller/endpoint/endpoints_controller.go):
 * for every Service with a selector, one v1 Endpoints object of the same name whose subsets list
 * the selected pods' `ip` + resolved ports, ready pods under `addresses` and the others under
 * `notReadyAddresses` (all under `addresses` with publishNotReadyAddresses; terminating pods only
 * then). It is what `kubectl get endpoints` and `kubectl describe service`'s Endpoints line show.
 * Services without a selector keep the Endpoints their owner writes; a deleted Service's
 * Endpoints is deleted here (they carry no ownerReference).
 *
 * Writes as `system:serviceaccount:kube-system:endpoint-controller`; events
 * FailedToCreateEndpoint / FailedToUpdateEndpoint on the Endpoints object, as upstream.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { EventRecorder } from '../../client/event-recorder';
import { findResource } from '../../api/resources';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import type { KubeObject } from '../../api/kube-object';
import { KeyedSyncQueue, type SyncDone } from '../keyed-sync-queue';
import { TriggerTimeTracker } from '../endpointslice/trigger-time-tracker';
import { statusCause, statusMessage } from '../endpointslice/endpointslice-controller';
import { asPod, asService, findPort, isPodReady, isServiceIPSet, LABEL_HEADLESS, LAST_CHANGE_TRIGGER_TIME, podsForService, servicesToUpdate, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointslice/util';
import { repackSubsets, truncateEndpoints } from './repack-subsets';
import { sameLabels } from '../../api/labels/same-labels';

export const ENDPOINT_CONTROLLER = 'endpoint-controller';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** DefaultControllerRateLimiter's per-item back-off, and maxRetries. */
const SYNC_BACKOFF = { baseDelayMs: 5, maxDelayMs: 1_000_000, maxRetries: 15 };

/** podToEndpointAddressForService: the pod IP of the Service's family, its node, the pod as target. */
function endpointAddress(service: Service, pod: Pod): EndpointAddress | undefined {
  const ips = (pod.status?.podIPs ?? []).flatMap((p) => (p.ip ? [p.ip] : []));
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  const family = service.spec?.ipFamilies?.[0] ?? ((service.spec?.clusterIP ?? '').includes(':') ? 'IPv6' : 'IPv4');
  const ip = ips.find((a) => (a.includes(':') ? 'IPv6' : 'IPv4') === family);
  if (!ip) return undefined;
  return {
    ip,
    ...(shouldSetHostname(pod, service) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
}

function endpointPortFromServicePort(sp: ServicePort, port: number): EndpointPort {
  return { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
}

/** The subsets a Service's pods give, before repacking (syncService's loop with addEndpointSubset). */
export function serviceSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = !!service.spec?.publishNotReadyAddresses;
  const subsets: EndpointSubset[] = [];
  const add = (pod: Pod, address: EndpointAddress, port: EndpointPort | undefined) => {
    const ports = port ? [port] : [];
    if (publishNotReady || isPodReady(pod)) subsets.push({ addresses: [address], ports });
    else subsets.push({ notReadyAddresses: [address], ports });
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = endpointAddress(service, pod);
    if (!address) continue;
    const ports = service.spec?.ports ?? [];
    // A headless Service may have no ports at all.
    if (ports.length === 0) {
      if (service.spec?.clusterIP === 'None') add(pod, address, undefined);
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (typeof port === 'number') add(pod, address, endpointPortFromServicePort(sp, port));
    }
  }
  return repackSubsets(subsets);
}

/** endpointSubsetsEqualIgnoreResourceVersion, on the JSON form (targets carry no resourceVersion here). */
function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

export class EndpointsController {
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly endpoints: Informer;
  private readonly queue: KeyedSyncQueue;
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly recorder: EventRecorder;
  /** staleEndpointsTracker: `ns/name` -> the resourceVersion replaced by our last write. */
  private readonly staleVersions = new Map<string, string>();

  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.services = informers.informerFor('services');
    this.pods = informers.informerFor('pods');
    this.endpoints = informers.informerFor('endpoints');
    this.recorder = new EventRecorder(engine, client, ENDPOINT_CONTROLLER);
    this.queue = new KeyedSyncQueue(engine, `kube-controller-manager: ${ENDPOINT_CONTROLLER}`, (key, done) => this.syncService(key, done), SYNC_BACKOFF);
    const queueObject = (o: KubeObject) => this.queue.add(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
    this.services.addEventHandler({ onAdd: queueObject, onUpdate: (_o, svc) => queueObject(svc), onDelete: queueObject });
    const queueAll = (keys: ReadonlySet<string>) => keys.forEach((k) => this.queue.add(k));
    this.pods.addEventHandler({
      onAdd: (p) => queueAll(servicesToUpdate(this.services, undefined, asPod(p))),
      onUpdate: (o, p) => queueAll(servicesToUpdate(this.services, asPod(o), asPod(p))),
      onDelete: (p) => queueAll(servicesToUpdate(this.services, asPod(p), undefined)),
    });
    // Endpoints deleted by someone: put them back (onEndpointsDelete).
    this.endpoints.addEventHandler({ onDelete: queueObject });
  }

  start(): void {
    for (const informer of [this.services, this.pods, this.endpoints]) informer.start();
  }

  private syncService(key: string, done: SyncDone): void {
    const info = findResource('endpoints');
    if (!info) return done('endpoints: no such resource');
    const [namespace = '', name = ''] = key.split('/');
    const object = this.services.get(namespace, name);
    if (!object) {
      this.client.request('DELETE', resourcePath(info, { namespace, name }), {}, (r) => {
        if (!isSuccess(r) && r.code !== 404) return done(statusMessage(r));
        this.triggerTimes.deleteService(namespace, name);
        this.staleVersions.delete(key);
        done();
      });
      return;
    }
    const service = asService(object);
    if (service.spec?.type === 'ExternalName' || !service.spec?.selector) return done();
    const pods = podsForService(this.pods, service);
    // Computed even when nothing is written, so the tracker keeps up.
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    const subsets = serviceSubsets(service, pods);
    const current = this.endpoints.get(namespace, name) as unknown as Endpoints | undefined;
    if (current && this.staleVersions.get(key) === current.metadata?.resourceVersion) return done('endpoints informer cache is outdated');
    const create = !current?.metadata?.resourceVersion;
    const compareLabels = { ...(current?.metadata?.labels ?? {}) };
    delete compareLabels[LABEL_HEADLESS];
    const overCapacity = current?.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION];
    const capacityOk = overCapacity === undefined || overCapacity === 'truncated';
    if (!create && sameJSON(current?.subsets, subsets) && sameLabels(compareLabels, service.metadata?.labels) && capacityOk) return done();

    const annotations = { ...(current?.metadata?.annotations ?? {}) };
    if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (truncateEndpoints(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
    if (!isServiceIPSet(service)) labels[LABEL_HEADLESS] = '';
    else delete labels[LABEL_HEADLESS];
    const body: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        ...(current?.metadata ?? {}),
        name,
        namespace,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      ...(subsets.length ? { subsets } : {}),
    };
    if (!Object.keys(labels).length) delete body.metadata?.labels;
    const path = resourcePath(info, create ? { namespace } : { namespace, name });
    this.client.request(create ? 'POST' : 'PUT', path, { body }, (r) => {
      if (isSuccess(r)) {
        const written = r.body as Endpoints;
        if (current?.metadata?.resourceVersion && written.metadata?.resourceVersion !== current.metadata.resourceVersion) this.staleVersions.set(key, current.metadata.resourceVersion);
        return done();
      }
      // A terminating namespace refuses creates for good: drop the item.
      if (create && r.code === 403 && statusCause(r) === 'NamespaceTerminating') return done();
      const error = statusMessage(r);
      const involved = body as unknown as KubeObject;
      if (create) this.recorder.event(involved, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${error}`);
      else this.recorder.event(involved, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${error}`);
      done(error);
    });
  }
}
