/**
 * Test helpers for the workload controllers: a booted cluster (scheduler and kubelets running),
 * an admin client, object builders and readers for the events the controllers record.
 */
import { bootedCluster, type Cluster } from '../cluster';
import { call, userClient } from './test-cluster';
import type { RestClient } from '../client/rest-client';
import type { KubeObject } from '../api/kube-object';

export interface Harness {
  readonly cluster: Cluster;
  readonly admin: RestClient;
  /** Runs the simulated clock `ms` further. */
  run(ms: number): void;
  get<T = KubeObject>(path: string): T;
  list<T = KubeObject>(path: string): T[];
  /** The events recorded about an object, oldest first: "Reason: message". */
  events(kind: string, name: string, namespace?: string): string[];
}

export function harness(seed = 1): Harness {
  const cluster = bootedCluster({ seed });
  const admin = userClient(cluster);
  const get = <T,>(path: string): T => {
    const r = call(cluster, admin, 'GET', path);
    if (r.code !== 200) throw new Error(`GET ${path}: ${r.code} ${JSON.stringify(r.body)}`);
    return r.body as T;
  };
  return {
    cluster,
    admin,
    run: (ms) => cluster.engine.runUntil(cluster.engine.now() + ms),
    get,
    list: <T,>(path: string) => get<{ items: T[] }>(path).items,
    events: (kind, name, namespace = 'default') =>
      get<{ items: { involvedObject: { kind: string; name: string }; reason: string; message: string; firstTimestamp: string; metadata: { name: string } }[] }>(`/api/v1/namespaces/${namespace}/events`)
        .items.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
        .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
        .map((e) => `${e.reason}: ${e.message}`),
  };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }, image = 'nginx'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image }] } } },
  };
}

export function deployment(name: string, replicas: number, image = 'nginx', extra: Record<string, unknown> = {}): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image }] } }, ...extra },
  };
}

export const RS_PATH = '/apis/apps/v1/namespaces/default/replicasets';
export const DEPLOY_PATH = '/apis/apps/v1/namespaces/default/deployments';
export const PODS_PATH = '/api/v1/namespaces/default/pods';

/** GET, change, PUT: what `kubectl edit` does; read again and retry when a controller wrote in between (409). */
export function update<T extends KubeObject>(h: Harness, path: string, change: (o: T) => void): number {
  let code = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    const o = h.get<T>(path);
    change(o);
    code = call(h.cluster, h.admin, 'PUT', path, { body: o }).code;
    if (code !== 409) return code;
  }
  return code;
}
