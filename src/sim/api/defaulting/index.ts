/**
 * Defaulting by kind (the scheme's registered defaulters): the registry calls this on every
 * create and update, after decoding and before admission and validation.
 */
import type { KubeObject } from '../kube-object';
import { list, obj, str, type JsonObject } from '../validation/json-access';
import { defaultHorizontalPodAutoscaler } from './autoscaling';
import { defaultPod } from './pod';
import { defaultService } from './service';
import { defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet, defaultReplicationController, defaultStatefulSet } from './workloads';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function defaultNamespace(ns: KubeObject): KubeObject {
  // SetDefaults_Namespace: every namespace carries its own name as a label.
  const name = ns.metadata.name;
  if (!name) return ns;
  return { ...ns, metadata: { ...ns.metadata, labels: { ...ns.metadata.labels, 'kubernetes.io/metadata.name': name } } };
}

function defaultBinding(binding: KubeObject): KubeObject {
  const roleRef: JsonObject = { ...obj(binding['roleRef']) };
  if (!str(roleRef['apiGroup'])) roleRef['apiGroup'] = RBAC_GROUP;
  const out: KubeObject = { ...binding, roleRef };
  if (Array.isArray(binding['subjects'])) {
    out['subjects'] = list(binding['subjects']).map((s) => {
      const subject: JsonObject = { ...obj(s) };
      if (subject['apiGroup'] === undefined || subject['apiGroup'] === '') {
        if (subject['kind'] === 'User' || subject['kind'] === 'Group') subject['apiGroup'] = RBAC_GROUP;
        else if (subject['kind'] === 'ServiceAccount') subject['apiGroup'] = '';
      }
      return subject;
    });
  }
  return out;
}

/** SetDefaults_LimitRangeItem: container defaults follow max, default requests follow min or the default limit. */
function defaultLimitRange(lr: KubeObject): KubeObject {
  const spec = obj(lr['spec']);
  if (!Array.isArray(spec['limits'])) return lr;
  const limits = list(spec['limits']).map((l) => {
    const item: JsonObject = { ...obj(l) };
    if (item['type'] !== 'Container') return item;
    const def: JsonObject = { ...obj(item['default']) };
    const defReq: JsonObject = { ...obj(item['defaultRequest']) };
    for (const [k, v] of Object.entries(obj(item['max']))) def[k] ??= v;
    for (const [k, v] of Object.entries(obj(item['min']))) defReq[k] ??= v;
    for (const [k, v] of Object.entries(def)) defReq[k] ??= v;
    if (Object.keys(def).length) item['default'] = def;
    if (Object.keys(defReq).length) item['defaultRequest'] = defReq;
    return item;
  });
  return { ...lr, spec: { ...spec, limits } };
}

export function defaultObject(object: KubeObject): KubeObject {
  switch (object.kind) {
    case 'Pod':
      return defaultPod(object);
    case 'Service':
      return defaultService(object);
    case 'Deployment':
      return defaultDeployment(object);
    case 'ReplicaSet':
      return defaultReplicaSet(object);
    case 'ReplicationController':
      return defaultReplicationController(object);
    case 'StatefulSet':
      return defaultStatefulSet(object);
    case 'DaemonSet':
      return defaultDaemonSet(object);
    case 'Job':
      return defaultJob(object);
    case 'CronJob':
      return defaultCronJob(object);
    case 'HorizontalPodAutoscaler':
      return defaultHorizontalPodAutoscaler(object);
    case 'Namespace':
      return defaultNamespace(object);
    case 'Secret':
      return object['type'] ? object : { ...object, type: 'Opaque' };
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return defaultBinding(object);
    case 'LimitRange':
      return defaultLimitRange(object);
    case 'PriorityClass':
      // SetDefaults_PriorityClass (pkg/apis/scheduling/v1/defaults.go).
      return object['preemptionPolicy'] === undefined || object['preemptionPolicy'] === null ? { ...object, preemptionPolicy: 'PreemptLowerPriority' } : object;
    default:
      return object;
  }
}

export { decodeObject, DecodeError } from './decode';
