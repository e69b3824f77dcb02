/**
 * What kube-apiserver writes when it starts (its post-start hooks), through its own loopback
 * client as `system:apiserver`: the system namespaces (start-system-namespaces-controller),
 * the default RBAC roles and bindings (rbac/bootstrap-roles), and the `kubernetes` Service with
 * its Endpoints and EndpointSlice pointing at the apiserver (the bootstrap controller).
 */
import { findResource, resourceForKind } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';
import { resourcePath } from '../../api/resource-path';
import type { Engine } from '../../engine';
import type { LoopbackClient } from './loopback-client';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
export const APISERVER_ADDRESS = '10.0.0.2';
export const APISERVER_PORT = 6443;
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

/** How often a hook retries a write that failed (the RBAC hook polls every second until all succeed). */
const RETRY_MS = 1_000;

/** Create, retrying until it exists: a role in kube-system may arrive before kube-system does. */
function create(client: LoopbackClient, resource: string, object: KubeObject, retry: Retry, created: () => void = () => {}): void {
  const info = findResource(resource);
  if (!info) throw new Error(`bootstrap: unknown resource ${resource}`);
  const attempt = () =>
    client.request('POST', resourcePath(info, { namespace: object.metadata.namespace }), { body: object }, (response) => {
      if (!isSuccess(response.code) && response.code !== 409) retry(`create ${resource} ${object.metadata.name ?? ''}`, attempt);
      else created();
    });
  attempt();
}

function isSuccess(code: number): boolean {
  return code >= 200 && code < 300;
}

export type Retry = (what: string, again: () => void) => void;

export function runPostStartHooks(client: LoopbackClient, rbacDefaults: readonly KubeObject[], engine: Engine): void {
  const retry: Retry = (what, again) => engine.schedule(RETRY_MS, `kube-apiserver: post-start hook retries ${what}`, again);
  const make = (resource: string, object: KubeObject) => create(client, resource, object, retry);
  // The namespaced writes wait for the system namespaces, or NamespaceLifecycle refuses them.
  let namespacesLeft = SYSTEM_NAMESPACES.length;
  for (const name of SYSTEM_NAMESPACES) {
    const namespace: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
    };
    create(client, 'namespaces', namespace, retry, () => {
      if (--namespacesLeft === 0) writeDefaults(make, rbacDefaults);
    });
  }
}

function writeDefaults(make: (resource: string, object: KubeObject) => void, rbacDefaults: readonly KubeObject[]): void {
  for (const object of rbacDefaults) {
    const info = resourceForKind(object.apiVersion, object.kind);
    if (!info) throw new Error(`bootstrap: no resource serves ${object.apiVersion} ${object.kind}`);
    make(info.resource, object);
  }
  make('services', {
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
  make('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
  });
  make('endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  });
}
