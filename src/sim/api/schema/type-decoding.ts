/**
 * Type decoding: whether a request body decodes into its kind's Go type at all. A value of the
 * wrong JSON type (`labels: "invalid"`, `replicas: "3"`, `containers: {}`) cannot be stored: the
 * apiserver fails the request before admission, and nothing is written. Strict field
 * validation (strict-decoding.ts) is about unknown fields; this is about known fields holding
 * the wrong thing. Two upstream decoders are modelled, because their messages differ:
 *
 *   - encoding/json (sigs.k8s.io/json, a fork of Go 1.18's), which decodes a create or update
 *     body and a merge or JSON patch result: `json: cannot unmarshal string into Go struct field
 *     ObjectMeta.metadata.labels of type map[string]string`. The field path is the struct field
 *     names from the root joined with `.` (Go 1.18's errorContext: no array indices, no map
 *     keys); the first error in document order wins (the decoder keeps the first and goes on).
 *   - runtime.DefaultUnstructuredConverter, which turns a strategic-merge-patched map into the
 *     typed object: `cannot restore map from string`, `cannot restore slice from string`,
 *     `cannot restore struct from: string`, `cannot convert string to int32`.
 *
 * Simplified: the field schema says `number` where Go has int32 or int64; the few int64 fields
 * are listed below by name. Types with their own UnmarshalJSON (Time, Quantity, IntOrString,
 * RawExtension) are left to validation.
 */
import { fieldType, rootTypeOf, type FieldType } from './field-schema';

/** Fields declared int64 in the Kubernetes API types; every other integer field is int32. */
const INT64_FIELDS: ReadonlySet<string> = new Set([
  'activeDeadlineSeconds',
  'deletionGracePeriodSeconds',
  'expirationSeconds',
  'fsGroup',
  'generation',
  'observedGeneration',
  'runAsGroup',
  'runAsUser',
  'seconds',
  'sizeBytes',
  'supplementalGroups',
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
]);

/** What went wrong, in the terms both decoders' messages need. */
export interface TypeMismatch {
  /** The Go struct holding the field (`ObjectMeta`). */
  readonly struct: string;
  /** Struct field names from the root (`metadata.labels`). */
  readonly field: string;
  /** The Go type of the field (`map[string]string`, `[]v1.Container`, `int32`). */
  readonly goType: string;
  /** The Go kind the converter names (`map`, `slice`, `struct`, `int32`, `string`, `bool`). */
  readonly goKind: string;
  /** The JSON value's kind as encoding/json names it (`string`, `number`, `bool`, `array`, `object`). */
  readonly value: string;
  /** The value's kind as an unstructured map holds it (`string`, `int64`, `float64`, `bool`, `slice`, `map`). */
  readonly unstructuredKind: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `core/v1.Container` -> `v1.Container`, as reflect.Type.String() prints a struct type. */
function goStructType(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

function goStructName(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

function goIntType(fieldName: string): string {
  return INT64_FIELDS.has(fieldName) ? 'int64' : 'int32';
}

function goTypeOf(ref: string, fieldName: string): string {
  const type = fieldType(ref);
  switch (type.kind) {
    case 'array':
      return `[]${goTypeOf(type.items, fieldName)}`;
    case 'map':
      return `map[string]${goTypeOf(type.values, fieldName)}`;
    case 'struct':
      return goStructType(type.id);
    case 'opaque':
      return goStructType(type.name);
    case 'scalar':
      if (type.name === 'string') return 'string';
      if (type.name === 'boolean') return 'bool';
      if (type.name === 'number') return goIntType(fieldName);
      return type.name;
  }
}

/** Go's name for a JSON value's type in encoding/json's "cannot unmarshal X into ...". */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

function unstructuredKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'map' : typeof value;
}

/** Whether a JSON value fits a field's type at its top level (null always fits: the zero value). */
export function fitsFieldType(value: unknown, type: FieldType): boolean {
  if (value === null || value === undefined) return true;
  switch (type.kind) {
    case 'array':
      return Array.isArray(value);
    case 'map':
    case 'struct':
      return isObject(value);
    case 'opaque':
      return true;
    case 'scalar':
      if (type.name === 'string') return typeof value === 'string';
      if (type.name === 'boolean') return typeof value === 'boolean';
      if (type.name === 'number') return typeof value === 'number' && Number.isInteger(value);
      // IntOrString, Quantity, Time: their own UnmarshalJSON decides; validation reports them.
      return true;
  }
}

function goKindOf(ref: string, fieldName: string): string {
  const type = fieldType(ref);
  if (type.kind === 'array') return 'slice';
  if (type.kind === 'map' || type.kind === 'struct') return type.kind;
  return goTypeOf(ref, fieldName);
}

/**
 * The first field, in document order, whose value is not of its Go type; undefined when the
 * object decodes (or is of a kind we do not serve: the registry refuses those itself).
 */
export function firstTypeMismatch(object: unknown, stored?: Readonly<Record<string, unknown>>): TypeMismatch | undefined {
  if (!isObject(object)) return undefined;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const root = rootTypeOf(apiVersion, kind);
  return root === undefined ? undefined : walkStruct(object, root, [], stored);
}

/**
 * Stored values that decode, by the type they were walked as. `stored` is the stored object a
 * patched one was made from: a top-level field whose value is the stored one's own object,
 * shared by reference, is walked once per stored value, as stored objects are never changed.
 * Only stored values are remembered: a client may change its own objects after sending them.
 */
const cleanStored = new WeakMap<object, string>();

/** firstTypeMismatch of `object` read as the given apiVersion and kind, whatever it says itself. */
export function firstTypeMismatchAs(object: Json, apiVersion: unknown, kind: unknown): TypeMismatch | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const root = rootTypeOf(apiVersion, kind);
  return root === undefined ? undefined : walkStruct(object, root, []);
}

/** `stored`: only at the root (see cleanStored). */
function walkStruct(value: Json, id: string, path: string[], stored?: Readonly<Record<string, unknown>>): TypeMismatch | undefined {
  const type = fieldType(id);
  if (type.kind !== 'struct') return undefined;
  // for-in visits a JSON object's own keys in Object.keys order without copying them.
  for (const key in value) {
    const ref = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
    if (ref === undefined) continue; // an unknown field: strict decoding's business
    const child = value[key];
    const isStored = stored !== undefined && typeof child === 'object' && child !== null && stored[key] === child;
    if (isStored && cleanStored.get(child) === ref) continue;
    path.push(key);
    // The struct's Go name only when a mismatch is reported: every create walks its body here.
    const found = walkField(child, ref, key, id, path);
    path.pop();
    if (found) return found;
    if (isStored) cleanStored.set(child, ref);
  }
  return undefined;
}

function walkField(value: unknown, ref: string, fieldName: string, structId: string, path: string[]): TypeMismatch | undefined {
  const type = fieldType(ref);
  if (!fitsFieldType(value, type)) {
    const mismatchValue = typeof value === 'number' && !Number.isInteger(value) ? `number ${String(value)}` : jsonKind(value);
    return {
      struct: goStructName(structId),
      field: path.join('.'),
      goType: goTypeOf(ref, fieldName),
      goKind: goKindOf(ref, fieldName),
      value: mismatchValue,
      unstructuredKind: unstructuredKind(value),
    };
  }
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case 'struct':
      return walkStruct(value as Json, type.id, path);
    case 'array':
      for (const item of value as unknown[]) {
        const found = walkField(item, type.items, fieldName, structId, path);
        if (found) return found;
      }
      return undefined;
    case 'map':
      for (const key in value as Json) {
        const found = walkField((value as Json)[key], type.values, fieldName, structId, path);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** encoding/json's UnmarshalTypeError text for a struct field. */
export function jsonUnmarshalError(m: TypeMismatch): string {
  return `json: cannot unmarshal ${m.value} into Go struct field ${m.struct}.${m.field} of type ${m.goType}`;
}

/** runtime.DefaultUnstructuredConverter's error for the same mismatch. */
export function unstructuredConverterError(m: TypeMismatch): string {
  switch (m.goKind) {
    case 'map':
      return `cannot restore map from ${m.unstructuredKind}`;
    case 'slice':
      return `cannot restore slice from ${m.unstructuredKind}`;
    case 'struct':
      return `cannot restore struct from: ${m.unstructuredKind}`;
    default:
      return m.unstructuredKind === 'float64' && m.goKind.startsWith('int') ? `cannot convert float64 to ${m.goKind}` : `cannot convert ${m.unstructuredKind} to ${m.goKind}`;
  }
}

/**
 * A value as Go's fmt prints it with %v / %+v after decoding JSON into interface{}: maps as
 * `map[k:v]` with sorted keys, slices as `[a b]`, nil as `<nil>`. The patch's Invalid value.
 */
export function goFormatValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormatValue).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goFormatValue(value[k])}`).join(' ')}]`;
  }
  return String(value);
}

/** JSON as encoding/json writes a decoded map: keys sorted at every level, no spaces. */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
