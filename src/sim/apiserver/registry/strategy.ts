/**
 * Per-resource rules the generic registry applies on writes (pkg/registry/<group>/<resource>/
 * strategy.go): what a create resets, what an update keeps, when metadata.generation moves,
 * and how the status subresource differs from the main resource.
 *
 * - Resources with a status subresource ignore status on create/update of the main resource
 *   and ignore everything but status on an update of /status (PrepareForUpdate upstream).
 * - metadata.generation starts at 1 and grows when the spec (anything but metadata and status)
 *   changes, for the workload resources whose strategies keep one.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';

/**
 * Resources whose strategy sets metadata.generation (PrepareForCreate's `Generation = 1`): the
 * workloads, whose controllers report the generation they saw. Pods get one only from 1.33,
 * and Services, Namespaces, Nodes, quotas and limit ranges never do, though they have a spec.
 */
const HAS_GENERATION = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);

/** What a new object's status is, per resource (pods start Pending, as pod strategy sets). */
function initialStatus(info: ResourceInfo, object: KubeObject): unknown {
  switch (info.resource) {
    case 'pods':
      return { phase: 'Pending', qosClass: qosClass(object) };
    case 'namespaces':
      return { phase: 'Active' };
    case 'services':
      // service strategy: Status = api.ServiceStatus{}, which serialises its empty loadBalancer.
      return { loadBalancer: {} };
    case 'nodes':
      return object['status'];
    default:
      return undefined;
  }
}

function specOf(object: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return JSON.stringify(rest);
}

export function prepareForCreate(info: ResourceInfo, object: KubeObject): KubeObject {
  let out: KubeObject = object;
  if (info.subresources.includes('status')) {
    const status = initialStatus(info, object);
    const { status: _dropped, ...rest } = out;
    out = (status === undefined ? rest : { ...rest, status }) as KubeObject;
  }
  if (HAS_GENERATION.has(info.resource)) out = { ...out, metadata: { ...out.metadata, generation: 1 } };
  // namespace strategy: every namespace waits on the `kubernetes` finalizer when deleted.
  if (info.resource === 'namespaces') out = { ...out, spec: { ...((out['spec'] as object | undefined) ?? {}), finalizers: ['kubernetes'] } };
  if (info.resource === 'jobs') out = withGeneratedJobSelector(out);
  return out;
}

/**
 * job strategy generateSelector: unless spec.manualSelector, a Job selects its pods by its own
 * uid, and its template carries the labels that selector and `kubectl get pods -l job-name=x` use.
 */
function withGeneratedJobSelector(job: KubeObject): KubeObject {
  const spec = (job['spec'] ?? {}) as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  if (spec.manualSelector) return job;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = {
    ...(spec.template?.metadata?.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  return {
    ...job,
    spec: {
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { ...spec.template, metadata: { ...spec.template?.metadata, labels } },
    },
  };
}

/** An update of the main resource: status is kept from the stored object; generation follows the spec. */
export function prepareForUpdate(info: ResourceInfo, object: KubeObject, old: KubeObject): KubeObject {
  let out: KubeObject = object;
  if (info.subresources.includes('status') && info.resource !== 'nodes') {
    const { status: _dropped, ...rest } = out;
    out = (old['status'] === undefined ? rest : { ...rest, status: old['status'] }) as KubeObject;
  }
  if (HAS_GENERATION.has(info.resource)) {
    const oldGeneration = typeof old.metadata['generation'] === 'number' ? (old.metadata['generation'] as number) : 1;
    const generation = specOf(out) === specOf(old) ? oldGeneration : oldGeneration + 1;
    out = { ...out, metadata: { ...out.metadata, generation } };
  }
  return out;
}

/** An update of /status: only status changes; spec and metadata (but for labels/annotations upstream) stay. */
export function prepareForStatusUpdate(object: KubeObject, old: KubeObject): KubeObject {
  return { ...old, status: object['status'] } as KubeObject;
}

/** The system-owned metadata a client may not change on update: kept from the stored object. */
export function keepSystemMetadata(object: KubeObject, old: KubeObject): KubeObject {
  const m = old.metadata;
  return {
    ...object,
    metadata: {
      ...object.metadata,
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      creationTimestamp: m.creationTimestamp,
      ...(m['deletionTimestamp'] !== undefined ? { deletionTimestamp: m['deletionTimestamp'] } : {}),
      ...(m['deletionGracePeriodSeconds'] !== undefined ? { deletionGracePeriodSeconds: m['deletionGracePeriodSeconds'] } : {}),
      ...(m.generateName !== undefined ? { generateName: m.generateName } : {}),
    },
  };
}

/** The pod's QoS class (pkg/apis/core/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = pod['spec'] as { containers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]; initContainers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] } | undefined;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined || limits[r] !== undefined) anySet = true;
      const limit = limits[r];
      const request = requests[r] ?? limit;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
