/**
 * kube-controller-manager's serviceaccount controller (pkg/controller/serviceaccount): makes
 * sure every active namespace has the `default` ServiceAccount, recreating it when deleted.
 * Pods need it: the ServiceAccount admission plugin rejects pods whose account is missing.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import type { KubeObject } from '../watch-event';
import { Informer } from '../client/informer';
import type { RestClient } from '../client/rest-client';
import { resourcePath } from '../client/resource-path';
import { DONE, RateLimitingQueue } from '../client/workqueue';
import { isSuccess } from '../client/sync';

export const SERVICEACCOUNTS_CONTROLLER = 'serviceaccount-controller';

export class ServiceAccountsController {
  private readonly namespaces: Informer;
  private readonly serviceAccounts: Informer;
  private readonly queue: RateLimitingQueue;

  /**
   * `informers` is the controller-manager's own client (its shared informer factory lists and
   * watches as system:kube-controller-manager); `client` carries the controller's
   * service-account credentials for its writes.
   */
  constructor(engine: Engine, informers: RestClient, private readonly client: RestClient) {
    this.namespaces = new Informer(engine, informers, 'namespaces');
    this.serviceAccounts = new Informer(engine, informers, 'serviceaccounts');
    this.queue = new RateLimitingQueue(engine, `kube-controller-manager: ${SERVICEACCOUNTS_CONTROLLER}`, (ns) => this.sync(ns));
    this.namespaces.addEventHandler({ onAdd: (ns) => this.queue.add(ns.metadata.name ?? ''), onUpdate: (_o, ns) => this.queue.add(ns.metadata.name ?? '') });
    this.serviceAccounts.addEventHandler({ onDelete: (sa) => this.queue.add(sa.metadata.namespace ?? '') });
  }

  start(): void {
    this.namespaces.start();
    this.serviceAccounts.start();
  }

  private sync(namespace: string) {
    if (!this.serviceAccounts.hasSynced()) return { retry: true, after: 100 } as const;
    const ns = this.namespaces.get('', namespace);
    if (!ns || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') return DONE;
    if (this.serviceAccounts.get(namespace, 'default')) return DONE;
    const info = findResource('serviceaccounts');
    if (!info) return DONE;
    const body: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } };
    this.client.request('POST', resourcePath(info, { namespace }), { body }, (response) => {
      if (!isSuccess(response) && response.code !== 409) this.queue.addRateLimited(namespace);
    });
    return DONE;
  }
}

