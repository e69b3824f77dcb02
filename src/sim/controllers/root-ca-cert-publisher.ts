/**
 * kube-controller-manager's root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher):
 * puts the ConfigMap `kube-root-ca.crt` with the cluster's CA certificate in every namespace,
 * which is why `kubectl get configmaps` shows it in a fresh namespace.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import type { KubeObject } from '../watch-event';
import { Informer } from '../client/informer';
import type { RestClient } from '../client/rest-client';
import { resourcePath } from '../client/resource-path';
import { DONE, RateLimitingQueue } from '../client/workqueue';
import { isSuccess } from '../client/sync';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** A placeholder PEM: the simulation has no real keys, and says so in the certificate body. */
const CA_CERT = `-----BEGIN CERTIFICATE-----
S1VCRUFSQ0ggU0lNVUxBVEVEIENMVVNURVIgQ0EgLSBOT1QgQSBSRUFMIENFUlRJRklDQVRF
-----END CERTIFICATE-----
`;

export class RootCaCertPublisher {
  private readonly namespaces: Informer;
  private readonly configMaps: Informer;
  private readonly queue: RateLimitingQueue;

  /**
   * `informers` is the controller-manager's own client (its shared informer factory lists and
   * watches as system:kube-controller-manager); `client` carries the controller's
   * service-account credentials for its writes.
   */
  constructor(engine: Engine, informers: RestClient, private readonly client: RestClient) {
    this.namespaces = new Informer(engine, informers, 'namespaces');
    this.configMaps = new Informer(engine, informers, 'configmaps');
    this.queue = new RateLimitingQueue(engine, 'kube-controller-manager: root-ca-cert-publisher', (ns) => this.sync(ns));
    this.namespaces.addEventHandler({ onAdd: (ns) => this.queue.add(ns.metadata.name ?? '') });
    this.configMaps.addEventHandler({ onDelete: (cm) => cm.metadata.name === ROOT_CA_CONFIGMAP && this.queue.add(cm.metadata.namespace ?? '') });
  }

  start(): void {
    this.namespaces.start();
    this.configMaps.start();
  }

  private sync(namespace: string) {
    if (!this.configMaps.hasSynced()) return { retry: true, after: 100 } as const;
    const ns = this.namespaces.get('', namespace);
    if (!ns || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating') return DONE;
    if (this.configMaps.get(namespace, ROOT_CA_CONFIGMAP)) return DONE;
    const info = findResource('configmaps');
    if (!info) return DONE;
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
      data: { 'ca.crt': CA_CERT },
    };
    this.client.request('POST', resourcePath(info, { namespace }), { body }, (response) => {
      if (!isSuccess(response) && response.code !== 409) this.queue.addRateLimited(namespace);
    });
    return DONE;
  }
}
