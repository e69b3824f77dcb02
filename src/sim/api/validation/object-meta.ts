/**
 * ObjectMeta validation (k8s.io/apimachinery pkg/api/validation/objectmeta.go and
 * apis/meta/v1/validation): name or generateName, namespace (required for namespaced kinds,
 * forbidden otherwise), labels, annotations, finalizers, owner references; and on update the
 * fields that may never change. Also ValidateImmutableField and the label-map check other
 * validators reuse (selectors, nodeSelector).
 */
import { FieldPath, forbidden, invalid, required, tooLongBytes, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameValidator } from './name-rules';

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

type Meta = KubeObject['metadata'];

/** metav1validation.ValidateLabelName. */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  const msgs = isQualifiedName(name);
  // A valid name (nearly every one) hands back its own empty list: nothing to map.
  return msgs.length === 0 ? [] : msgs.map((msg) => invalid(path, name, msg));
}

/** metav1validation.ValidateLabels: keys are qualified names, values label values; errors at the map's path. */
export function validateLabels(labels: Record<string, unknown> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  // Keys in Object.entries order, without its pairs: every write checks its labels.
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    const value = typeof v === 'string' ? v : String(v);
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Record<string, unknown> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  if (annotations) {
    for (const k of Object.keys(annotations)) {
      for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
      size += k.length + String(annotations[k]).length;
    }
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLongBytes(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: compared as JSON, the way Semantic.DeepEqual compares the decoded values. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: FieldPath, printed: unknown = newValue): FieldError[] {
  return deepEqual(newValue, oldValue) ? [] : [invalid(path, printed, FIELD_IMMUTABLE)];
}

/** Deep equality for decoded JSON, treating absent, null, empty object and empty list alike as Go's zero values do. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    return true;
  }
  return a === b;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  for (const f of finalizers as string[]) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const raw of refs as Record<string, unknown>[]) {
    const apiVersion = String(raw['apiVersion'] ?? '');
    // What follows the first '/' up to the next one (split('/')[1]), without the list.
    const slash = apiVersion.indexOf('/');
    const next = slash < 0 ? -1 : apiVersion.indexOf('/', slash + 1);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1, next < 0 ? undefined : next);
    if (!version) errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!raw['kind']) errs.push(invalid(path.child('kind'), String(raw['kind'] ?? ''), 'must not be empty'));
    if (!raw['name']) errs.push(invalid(path.child('name'), String(raw['name'] ?? ''), 'must not be empty'));
    if (!raw['uid']) errs.push(invalid(path.child('uid'), String(raw['uid'] ?? ''), 'must not be empty'));
    if (raw['controller'] === true) {
      const current = `${String(raw['kind'])}/${String(raw['name'])}`;
      if (firstController) {
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else firstController = current;
    }
  }
  return errs;
}

/** ValidateObjectMeta (create): the name by the kind's rule, then namespace, labels, annotations, ... */
export function validateObjectMeta(meta: Meta, namespaced: boolean, nameFn: NameValidator, path = FieldPath.root('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName) for (const msg of nameFn(generateName, true)) errs.push(invalid(path.child('generateName'), generateName, msg));
  const name = meta.name ?? '';
  if (!name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(path.child('name'), name, msg));
  errs.push(...validateMetaCommon(meta, namespaced, path));
  return errs;
}

function validateMetaCommon(meta: Meta, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = meta.namespace ?? '';
  if (namespaced) {
    if (!namespace) errs.push(required(path.child('namespace')));
    else for (const msg of nameIsDNSLabel(namespace, false)) errs.push(invalid(path.child('namespace'), namespace, msg));
  } else if (namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(meta['generation'] as number | undefined, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta['ownerReferences'], path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta['finalizers'], path.child('finalizers')));
  return errs;
}

const IMMUTABLE_META_FIELDS = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/**
 * ValidateObjectMetaUpdate. The resourceVersion check is left out: the registry does what the
 * real store does for an unconditional update and uses the stored object's version.
 */
export function validateObjectMetaUpdate(meta: Meta, old: Meta, path = FieldPath.root('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (old['deletionTimestamp']) {
    const oldFinalizers = new Set((old['finalizers'] as string[] | undefined) ?? []);
    const extra = [...new Set(((meta['finalizers'] as string[] | undefined) ?? []).filter((f) => !oldFinalizers.has(f)))].sort();
    if (extra.length) {
      errs.push(forbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
  }
  const generation = (meta['generation'] as number | undefined) ?? 0;
  if (generation < ((old['generation'] as number | undefined) ?? 0)) errs.push(invalid(path.child('generation'), generation, 'must not be decremented'));
  for (const f of IMMUTABLE_META_FIELDS) {
    // The path only when the field changed (validateImmutableField's error, without its list).
    const value = meta[f] ?? '';
    if (!deepEqual(value, old[f] ?? '')) errs.push(invalid(path.child(f), value, FIELD_IMMUTABLE));
  }
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta['ownerReferences'], path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta['finalizers'], path.child('finalizers')));
  return errs;
}
