/**
 * An in-memory AdmissionContext and request attributes for the plugins' unit tests: the
 * apiserver's caches are stood in for by plain objects grouped by resource, the clock and the
 * random source are fixed.
 */
import { Rng } from '../../../engine';
import { findResource } from '../../../api/resources';
import type { KubeObject } from '../../../api/kube-object';
import type { Status } from '../../../api/status';
import { StatusError } from '../../status';
import type { AdmissionAttributes, AdmissionContext, AdmissionOperation } from '../types';

export function fakeAdmissionContext(objects: Readonly<Record<string, readonly KubeObject[]>> = {}, options: { now?: number; seed?: number } = {}): AdmissionContext {
  const inNamespace = (o: KubeObject, namespace: string) => !namespace || (o.metadata.namespace ?? '') === namespace;
  const get = (resource: string, namespace: string, name: string) => (objects[resource] ?? []).find((o) => inNamespace(o, namespace) && o.metadata.name === name);
  return {
    get,
    // Storage and the cache agree in these tests.
    getLive: get,
    list: (resource, namespace) => (objects[resource] ?? []).filter((o) => inNamespace(o, namespace)),
    now: () => options.now ?? 0,
    rng: new Rng(options.seed ?? 1),
  };
}

export function admissionAttributes(
  operation: AdmissionOperation,
  resource: string,
  object: KubeObject | undefined,
  options: { namespace?: string; name?: string; oldObject?: KubeObject; subresource?: string } = {},
): AdmissionAttributes {
  const info = findResource(resource);
  if (!info) throw new Error(`unknown resource ${resource}`);
  return {
    operation,
    resource: info,
    subresource: options.subresource ?? '',
    namespace: options.namespace ?? (info.namespaced ? (object?.metadata.namespace ?? 'default') : ''),
    name: options.name ?? object?.metadata.name ?? options.oldObject?.metadata.name ?? '',
    object,
    oldObject: options.oldObject,
    user: { name: 'admin', groups: ['system:masters', 'system:authenticated'] },
    dryRun: false,
  };
}

export function namespaceObject(name: string, options: { labels?: Record<string, string>; phase?: string } = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(options.labels ? { labels: options.labels } : {}) }, status: { phase: options.phase ?? 'Active' } };
}

/** A pod with the given containers (name and image given, the rest as passed). */
export function podObject(name: string, containers: readonly Record<string, unknown>[], spec: Record<string, unknown> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: containers.map((c) => ({ image: 'nginx', ...c })), ...spec } };
}

/** The Status a plugin call rejected with; throws when it did not reject. */
export function rejectionOf(fn: () => unknown): Status {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatusError) return error.status;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}
