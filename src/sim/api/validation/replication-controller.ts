/**
 * ReplicationController validation (pkg/apis/core/validation: ValidateReplicationController,
 * ValidateReplicationControllerUpdate, ValidateReplicationControllerSpec and
 * ValidatePodTemplateSpecForRC). Unlike the apps kinds, the selector is a plain label map and
 * may change on update; an empty one is `spec.selector: Required value`, a template whose
 * labels it does not select is `` `selector` does not match template `labels` ``, and the
 * template's restartPolicy must be Always.
 */
import { FieldPath, forbidden, goStringMap, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { nameIsDNSSubdomain } from './name-rules';
import { validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodTemplateSpec } from './pod';
import { isObject, num, obj, str, strMap, type JsonObject } from './json-access';

const specPath = FieldPath.root('spec');

const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** ValidatePodTemplateSpecForRC. */
function validateTemplateForRC(template: unknown, selector: Record<string, string>, path: FieldPath): FieldError[] {
  if (!isObject(template)) return [required(path)];
  const t = template as JsonObject;
  const errs: FieldError[] = [];
  const labels = strMap(obj(t['metadata'])['labels']) ?? {};
  if (Object.keys(selector).length > 0 && !selects(selector, labels)) {
    errs.push(invalid(path.child('metadata', 'labels'), goStringMap(strMap(obj(t['metadata'])['labels'])), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const podSpec = obj(t['spec']);
  const restartPolicy = str(podSpec['restartPolicy']);
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

/** ValidateReplicationControllerSpec. */
function validateSpec(spec: JsonObject): FieldError[] {
  const selector = strMap(spec['selector']) ?? {};
  const errs = [...validateNonnegative(num(spec['minReadySeconds']), specPath.child('minReadySeconds'))];
  // ValidateNonEmptySelector.
  if (Object.keys(selector).length === 0) errs.push(required(specPath.child('selector')));
  errs.push(...validateNonnegative(num(spec['replicas']), specPath.child('replicas')));
  errs.push(...validateTemplateForRC(spec['template'], selector, specPath.child('template')));
  return errs;
}

export function validateReplicationController(rc: KubeObject): FieldError[] {
  return [...validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain), ...validateSpec(obj(rc['spec']))];
}

export function validateReplicationControllerUpdate(rc: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata), ...validateSpec(obj(rc['spec']))];
}
