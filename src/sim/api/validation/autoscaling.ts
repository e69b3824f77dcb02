/**
 * HorizontalPodAutoscaler validation (pkg/apis/autoscaling/validation): the scale target
 * (kind and name required, each a valid path segment), minReplicas ≥ 1 (HPAScaleToZero is off),
 * maxReplicas > 0 and ≥ minReplicas, and each metric: its source type and the target of a
 * Resource metric (a utilization or an average value, not both; a utilization > 0). It checks
 * the v2 object, which a v1 body has been converted to, as upstream checks the internal one.
 */
import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { isValidPathSegmentName, nameIsDNSSubdomain } from './name-rules';
import { validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { isObject, num, obj, str, type JsonObject } from './json-access';

const specPath = FieldPath.root('spec');
const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Record<string, string> = { ContainerResource: 'containerResource', External: 'external', Object: 'object', Pods: 'pods', Resource: 'resource' };

function validateScaleTargetRef(ref: JsonObject, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['kind', 'name']) {
    const value = str(ref[field]);
    if (!value) errs.push(required(path.child(field)));
    else for (const m of isValidPathSegmentName(value)) errs.push(invalid(path.child(field), value, m));
  }
  return errs;
}

function validateMetricTarget(target: JsonObject, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(target['type']);
  if (!type) errs.push(required(path.child('type'), 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(invalid(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  const utilization = num(target['averageUtilization']);
  if (utilization !== undefined && utilization < 1) errs.push(invalid(path.child('averageUtilization'), utilization, 'must be greater than 0'));
  return errs;
}

function validateMetric(metric: JsonObject, path: FieldPath): FieldError[] {
  const type = str(metric['type']);
  if (!type) return [required(path.child('type'), 'must specify a metric source type')];
  if (!SOURCE_TYPES.includes(type)) return [notSupported(path.child('type'), type, SOURCE_TYPES)];
  const field = SOURCE_FIELD[type] ?? '';
  if (!isObject(metric[field])) return [required(path.child(field), 'must populate information for the given metric source')];
  if (type !== 'Resource') return [];
  const source = obj(metric[field]);
  const sourcePath = path.child(field);
  const errs: FieldError[] = [];
  if (!str(source['name'])) errs.push(required(sourcePath.child('name'), 'must specify a resource name'));
  const target = obj(source['target']);
  errs.push(...validateMetricTarget(target, sourcePath.child('target')));
  const hasUtilization = target['averageUtilization'] !== undefined && target['averageUtilization'] !== null;
  const hasValue = target['averageValue'] !== undefined && target['averageValue'] !== null;
  if (!hasUtilization && !hasValue) errs.push(required(sourcePath.child('target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  if (hasUtilization && hasValue) errs.push(forbidden(sourcePath.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  return errs;
}

function validateSpec(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const min = num(spec['minReplicas']);
  const max = num(spec['maxReplicas']) ?? 0;
  if (min !== undefined && min < 1) errs.push(invalid(specPath.child('minReplicas'), min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid(specPath.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid(specPath.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateScaleTargetRef(obj(spec['scaleTargetRef']), specPath.child('scaleTargetRef')));
  const metrics = Array.isArray(spec['metrics']) ? spec['metrics'] : [];
  metrics.forEach((m, i) => errs.push(...validateMetric(obj(m), specPath.child('metrics').index(i))));
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: KubeObject): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain), ...validateSpec(obj(hpa['spec']))];
}

export function validateHorizontalPodAutoscalerUpdate(hpa: KubeObject, old: KubeObject): FieldError[] {
  const status = obj(hpa['status']);
  return [
    ...validateObjectMetaUpdate(hpa.metadata, old.metadata),
    ...validateSpec(obj(hpa['spec'])),
    ...validateNonnegative(num(status['currentReplicas']), FieldPath.root('status').child('currentReplicas')),
    ...validateNonnegative(num(status['desiredReplicas']), FieldPath.root('status').child('desiredReplicas')),
  ];
}
