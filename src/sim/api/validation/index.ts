/**
 * Validation by kind: what each resource's strategy Validate / ValidateUpdate calls. The
 * registry passes the object after defaulting and system metadata; the result is the
 * field.ErrorList that becomes a 422 Invalid. Kinds without their own rules get ObjectMeta
 * validation only (DNS-1123 subdomain names).
 */
import type { FieldError } from '../field-errors';
import { resourceForKind } from '../resources';
import type { KubeObject } from '../kube-object';
import { validateConfigMap, validateConfigMapUpdate, validateLimitRange, validateNamespace, validateNode, validateResourceQuota, validateSecret, validateSecretUpdate } from './core-objects';
import { nameIsDNSSubdomain } from './name-rules';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate } from './policy';
import { validatePriorityClass, validatePriorityClassUpdate } from './scheduling';
import { validateBinding, validateBindingUpdate, validateRole } from './rbac';
import { validateService, validateServiceUpdate } from './service';
import { validateCronJob, validateCronJobUpdate } from './cronjob';
import { validateReplicationController, validateReplicationControllerUpdate } from './replication-controller';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from './autoscaling';
import { validateWorkload, validateWorkloadUpdate, type WorkloadKind } from './workloads';

const WORKLOADS = new Set<string>(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

const isNamespaced = (object: KubeObject): boolean => resourceForKind(object.apiVersion, object.kind)?.namespaced ?? Boolean(object.metadata.namespace);

/** Strategy.Validate for the object's kind. */
export function validateObject(object: KubeObject): FieldError[] {
  switch (object.kind) {
    case 'Pod':
      return validatePodCreate(object);
    case 'Service':
      return validateService(object);
    case 'ConfigMap':
      return validateConfigMap(object);
    case 'Secret':
      return validateSecret(object);
    case 'Namespace':
      return validateNamespace(object);
    case 'Node':
      return validateNode(object);
    case 'ResourceQuota':
      return validateResourceQuota(object);
    case 'LimitRange':
      return validateLimitRange(object);
    case 'Role':
      return validateRole(object, true);
    case 'ClusterRole':
      return validateRole(object, false);
    case 'RoleBinding':
      return validateBinding(object, true);
    case 'ClusterRoleBinding':
      return validateBinding(object, false);
    case 'PriorityClass':
      return validatePriorityClass(object);
    case 'PodDisruptionBudget':
      return validatePodDisruptionBudget(object);
    case 'CronJob':
      return validateCronJob(object);
    case 'ReplicationController':
      return validateReplicationController(object);
    case 'HorizontalPodAutoscaler':
      return validateHorizontalPodAutoscaler(object);
    default:
      if (WORKLOADS.has(object.kind)) return validateWorkload(object.kind as WorkloadKind, object);
      return validateObjectMeta(object.metadata, isNamespaced(object), nameIsDNSSubdomain);
  }
}

/** Strategy.ValidateUpdate for the object's kind. */
export function validateObjectUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  switch (object.kind) {
    case 'Pod':
      return validatePodUpdate(object, old);
    case 'Service':
      return validateServiceUpdate(object, old);
    case 'ConfigMap':
      return validateConfigMapUpdate(object, old);
    case 'Secret':
      return validateSecretUpdate(object, old);
    case 'RoleBinding':
      return validateBindingUpdate(object, old, true);
    case 'ClusterRoleBinding':
      return validateBindingUpdate(object, old, false);
    case 'PriorityClass':
      return validatePriorityClassUpdate(object, old);
    case 'PodDisruptionBudget':
      return validatePodDisruptionBudgetUpdate(object, old);
    case 'CronJob':
      return validateCronJobUpdate(object, old);
    case 'ReplicationController':
      return validateReplicationControllerUpdate(object, old);
    case 'HorizontalPodAutoscaler':
      return validateHorizontalPodAutoscalerUpdate(object, old);
    case 'Namespace':
    case 'Node':
      return validateObjectMetaUpdate(object.metadata, old.metadata);
    case 'Role':
    case 'ClusterRole':
    case 'ResourceQuota':
    case 'LimitRange':
      return [...validateObjectMetaUpdate(object.metadata, old.metadata), ...withoutMetaName(validateObject(object))];
    default:
      if (WORKLOADS.has(object.kind)) return validateWorkloadUpdate(object.kind as WorkloadKind, object, old);
      return validateObjectMetaUpdate(object.metadata, old.metadata);
  }
}

/**
 * The status strategies' ValidateUpdate (ValidatePodStatusUpdate, ValidateReplicaSetStatusUpdate
 * ...): the object keeps its old spec through a status write, so only the metadata update (and
 * for a pod, its nodeName) is checked, not the whole spec again as a main-resource update is.
 */
export function validateObjectStatusUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  if (object.kind === 'Pod') return validatePodStatusUpdate(object, old);
  return validateObjectMetaUpdate(object.metadata, old.metadata);
}

/** On update the name was checked at creation; upstream's update validators do not check it again. */
function withoutMetaName(errors: FieldError[]): FieldError[] {
  return errors.filter((e) => e.field !== 'metadata.name' && e.field !== 'metadata.generateName');
}
