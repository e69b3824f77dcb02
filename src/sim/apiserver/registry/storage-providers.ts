/**
 * Which resources have storage of their own (upstream's RESTStorageProviders, one line a
 * resource): each folder under registry/<group>/<resource>/ exports its registration, and this
 * list is the only place that names them. Resources not listed are plain generic storage.
 * Adding a resource's rules is one folder and one line here.
 */
import { daemonsets } from './apps/daemonsets/storage';
import { deployments } from './apps/deployments/storage';
import { replicasets } from './apps/replicasets/storage';
import { statefulsets } from './apps/statefulsets/storage';
import { horizontalpodautoscalers } from './autoscaling/horizontalpodautoscalers/storage';
import { selfsubjectreviews } from './authentication/selfsubjectreviews/storage';
import { selfsubjectaccessreviews } from './authorization/selfsubjectaccessreviews/storage';
import { selfsubjectrulesreviews } from './authorization/selfsubjectrulesreviews/storage';
import { cronjobs } from './batch/cronjobs/storage';
import { jobs } from './batch/jobs/storage';
import { namespaces } from './core/namespaces/storage';
import { nodes } from './core/nodes/storage';
import { pods } from './core/pods/storage';
import { replicationcontrollers } from './core/replicationcontrollers/storage';
import { resourcequotas } from './core/resourcequotas/storage';
import { serviceaccounts } from './core/serviceaccounts/storage';
import { services } from './core/services/storage';
import { poddisruptionbudgets } from './policy/poddisruptionbudgets/storage';
import { priorityclasses } from './scheduling/priorityclasses/storage';
import type { RestStorage, ResourceRegistration, StorageDeps } from './rest-storage';
import { PLAIN_STRATEGY, type ResourceStrategy } from './strategy';

export const RESOURCE_REGISTRATIONS: readonly ResourceRegistration[] = [
  // core
  namespaces,
  nodes,
  pods,
  replicationcontrollers,
  resourcequotas,
  serviceaccounts,
  services,
  // apps
  daemonsets,
  deployments,
  replicasets,
  statefulsets,
  // autoscaling
  horizontalpodautoscalers,
  // batch
  cronjobs,
  jobs,
  // policy
  poddisruptionbudgets,
  // scheduling.k8s.io
  priorityclasses,
  // authentication.k8s.io, authorization.k8s.io
  selfsubjectreviews,
  selfsubjectaccessreviews,
  selfsubjectrulesreviews,
];

const STRATEGIES = new Map<string, ResourceStrategy>();
for (const r of RESOURCE_REGISTRATIONS) if (r.strategy) STRATEGIES.set(r.resource, r.strategy);

/** A resource's strategy; a resource with no rules of its own gets the plain one. */
export function strategyFor(resource: string): ResourceStrategy {
  return STRATEGIES.get(resource) ?? PLAIN_STRATEGY;
}

/**
 * The one storage map, keyed `pods`, `pods/binding`, `deployments/scale`...: what dispatch looks
 * a request's path up in. A key must belong to the resource that registers it.
 */
export function restStorageMap(deps: StorageDeps): ReadonlyMap<string, RestStorage> {
  const map = new Map<string, RestStorage>();
  for (const registration of RESOURCE_REGISTRATIONS) {
    for (const [key, storage] of Object.entries(registration.storage?.(deps) ?? {})) {
      if (key !== registration.resource && !key.startsWith(`${registration.resource}/`)) throw new Error(`registry: ${registration.resource} registers storage for ${key}`);
      if (map.has(key)) throw new Error(`registry: storage for ${key} registered twice`);
      map.set(key, storage);
    }
  }
  return map;
}
