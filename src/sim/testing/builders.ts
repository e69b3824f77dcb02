/**
 * Shared object builders for tests (in the spirit of the scheduler's `st.MakePod()` wrappers,
 * but plain functions taking a partial spec): a pod, a node, a service, a config map, a
 * deployment, each with only the fields a test gives plus what the kind requires. Fields appear
 * in the order a manifest writes them, and absent options add no keys, so an object built here is
 * the same, key for key, as the one a test wrote out by hand.
 */
import type { KubeObject } from '../api/kube-object';

export interface PodOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly nodeName?: string;
  /** Default: one container `app` running `nginx:1.27`. */
  readonly containers?: readonly object[];
  /** More spec fields, after nodeName and containers. */
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

export const DEFAULT_CONTAINER = { name: 'app', image: 'nginx:1.27' } as const;

export function makePod(o: PodOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(o),
    spec: { ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}), containers: o.containers ?? [{ ...DEFAULT_CONTAINER }], ...o.spec },
    ...(o.status ? { status: o.status } : {}),
  };
}

export interface NodeOptions {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

export function makeNode(o: NodeOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(o),
    ...(o.spec ? { spec: o.spec } : {}),
    ...(o.status ? { status: o.status } : {}),
  };
}

export interface ServiceOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly selector?: Record<string, string>;
  readonly ports?: readonly object[];
  /** More spec fields, after selector and ports. */
  readonly spec?: Record<string, unknown>;
}

export function makeService(o: ServiceOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(o),
    spec: { ...(o.selector ? { selector: o.selector } : {}), ...(o.ports ? { ports: o.ports } : {}), ...o.spec },
  };
}

/** A ConfigMap in `default` unless told: the one object most apiserver tests create. */
export function makeConfigMap(name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export interface DeploymentOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly replicas: number;
  /** Selector and template labels; default `{ app: name }`. */
  readonly podLabels?: Record<string, string>;
  /** Default: one container `app` running `nginx:1.27`. */
  readonly containers?: readonly object[];
}

export function makeDeployment(o: DeploymentOptions): KubeObject {
  const labels = o.podLabels ?? { app: o.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(o),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers: o.containers ?? [{ ...DEFAULT_CONTAINER }] } },
    },
  };
}

function meta(o: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> }): KubeObject['metadata'] {
  return { name: o.name, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), ...(o.labels ? { labels: o.labels } : {}) };
}
