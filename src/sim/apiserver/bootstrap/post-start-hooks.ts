/**
 * What kube-apiserver writes when it starts (its post-start hooks), through its own loopback
 * client as `system:apiserver`: the system namespaces (start-system-namespaces-controller),
 * the default RBAC roles and bindings (rbac/bootstrap-roles), and the `kubernetes` Service with
 * its Endpoints and EndpointSlice pointing at the apiserver (the bootstrap controller).
 */
import { findResource } from '../../api/resources';
import type { KubeObject } from '../../watch-event';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
export const APISERVER_ADDRESS = '10.0.0.2';
export const APISERVER_PORT = 6443;
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

function create(client: RestClient, resource: string, object: KubeObject): void {
  const info = findResource(resource);
  if (!info) throw new Error(`bootstrap: unknown resource ${resource}`);
  client.request('POST', resourcePath(info, { namespace: object.metadata.namespace }), { body: object }, () => {});
}

export function runPostStartHooks(client: RestClient, rbacDefaults: readonly KubeObject[]): void {
  for (const name of SYSTEM_NAMESPACES) {
    create(client, 'namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
    });
  }
  for (const object of rbacDefaults) create(client, object.kind === 'ClusterRole' ? 'clusterroles' : object.kind === 'ClusterRoleBinding' ? 'clusterrolebindings' : object.kind === 'Role' ? 'roles' : 'rolebindings', object);
  create(client, 'services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  });
  create(client, 'endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
  });
  create(client, 'endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  });
}
