/**
 * What kube-controller-manager's serviceaccount controller and root-ca-cert-publisher have in
 * common: one named object kept in every active namespace, made when the namespace appears and
 * made again when the object is deleted. Each reads through informers and writes with its own
 * service-account credentials; a write that fails (other than AlreadyExists) is retried with the
 * queue's back-off.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import type { KubeObject } from '../api/kube-object';
import { Informer } from '../client/informer';
import type { SharedInformerFactory } from '../client/shared-informer-factory';
import type { RestClient } from '../client/rest-client';
import { resourcePath } from '../client/resource-path';
import { DONE, RateLimitingQueue } from '../client/workqueue';
import { isSuccess } from '../client/sync';

export interface NamespaceObject {
  /** The work queue's name in the trace: `kube-controller-manager: <controller>`. */
  readonly controller: string;
  /** `serviceaccounts`, `configmaps`. */
  readonly resource: string;
  readonly name: string;
  /** The object to create in `namespace`. */
  build(namespace: string): KubeObject;
  /** Sync a namespace on its updates too, not only when it appears (the serviceaccount controller does). */
  readonly syncOnNamespaceUpdate?: boolean;
}

export class NamespaceObjectController {
  private readonly namespaces: Informer;
  private readonly objects: Informer;
  private readonly queue: RateLimitingQueue;

  /**
   * `informers` is the controller-manager's shared informer factory (it lists and watches as
   * system:kube-controller-manager, one informer per resource for all controllers); `client`
   * carries the controller's service-account credentials for its writes.
   */
  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
    private readonly kept: NamespaceObject,
  ) {
    this.namespaces = informers.informerFor('namespaces');
    this.objects = informers.informerFor(kept.resource);
    this.queue = new RateLimitingQueue(engine, `kube-controller-manager: ${kept.controller}`, (ns) => this.sync(ns));
    const enqueue = (ns: KubeObject) => this.queue.add(ns.metadata.name ?? '');
    this.namespaces.addEventHandler({ onAdd: enqueue, ...(kept.syncOnNamespaceUpdate ? { onUpdate: (_old: KubeObject, ns: KubeObject) => enqueue(ns) } : {}) });
    this.objects.addEventHandler({ onDelete: (o) => o.metadata.name === kept.name && this.queue.add(o.metadata.namespace ?? '') });
  }

  start(): void {
    this.namespaces.start();
    this.objects.start();
  }

  private sync(namespace: string) {
    if (!this.objects.hasSynced()) return { retry: true, after: 100 } as const;
    const ns = this.namespaces.get('', namespace);
    if (!ns || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') return DONE;
    if (this.objects.get(namespace, this.kept.name)) return DONE;
    const info = findResource(this.kept.resource);
    if (!info) return DONE;
    this.client.request('POST', resourcePath(info, { namespace }), { body: this.kept.build(namespace) }, (response) => {
      if (!isSuccess(response) && response.code !== 409) this.queue.addRateLimited(namespace);
    });
    return DONE;
  }
}
