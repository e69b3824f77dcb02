/**
 * kube-controller-manager's serviceaccount controller (pkg/controller/serviceaccount): makes
 * sure every active namespace has the `default` ServiceAccount, recreating it when deleted.
 * Pods need it: the ServiceAccount admission plugin rejects pods whose account is missing.
 */
import type { Engine } from '../engine';
import type { RestClient } from '../client/rest-client';
import type { SharedInformerFactory } from '../client/shared-informer-factory';
import { NamespaceObjectController } from './namespace-object-controller';

export const SERVICEACCOUNTS_CONTROLLER = 'serviceaccount-controller';

export class ServiceAccountsController extends NamespaceObjectController {
  constructor(engine: Engine, informers: SharedInformerFactory, client: RestClient) {
    super(engine, informers, client, {
      controller: SERVICEACCOUNTS_CONTROLLER,
      resource: 'serviceaccounts',
      name: 'default',
      build: (namespace) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } }),
      syncOnNamespaceUpdate: true,
    });
  }
}
