/**
 * kube-controller-manager's root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher):
 * puts the ConfigMap `kube-root-ca.crt` with the cluster's CA certificate in every namespace,
 * which is why `kubectl get configmaps` shows it in a fresh namespace.
 */
import type { Engine } from '../engine';
import type { RestClient } from '../client/rest-client';
import type { SharedInformerFactory } from '../client/shared-informer-factory';
import { NamespaceObjectController } from './namespace-object-controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** A placeholder PEM: the simulation has no real keys, and says so in the certificate body. */
const CA_CERT = `-----BEGIN CERTIFICATE-----
S1VCRUFSQ0ggU0lNVUxBVEVEIENMVVNURVIgQ0EgLSBOT1QgQSBSRUFMIENFUlRJRklDQVRF
-----END CERTIFICATE-----
`;

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCaCertPublisher extends NamespaceObjectController {
  constructor(engine: Engine, informers: SharedInformerFactory, client: RestClient) {
    super(engine, informers, client, {
      controller: 'root-ca-cert-publisher',
      resource: 'configmaps',
      name: ROOT_CA_CONFIGMAP,
      build: (namespace) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } },
        data: { 'ca.crt': CA_CERT },
      }),
    });
  }
}
