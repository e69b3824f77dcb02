/**
 * Field validation (`?fieldValidation=Strict`, which kubectl sends on create, replace and apply;
 * Warn and Ignore): finds the fields of an object that its Go type does not have, the way
 * sigs.k8s.io/json's UnmarshalStrict does while decoding a request body into the typed struct,
 * and drops them, as decoding into the struct does when the request is not Strict.
 *
 * Upstream details kept here:
 *   - field names match case-sensitively (`Image` is unknown, `image` is not);
 *   - a path is the field's position from the root: struct fields and map keys joined with `.`,
 *     array elements as `[i]`: `spec.template.spec.containers[0].imagee`;
 *   - nothing under an unknown field is looked at (the decoder skips its value);
 *   - errors come in the order the decoder meets them: depth first, keys in document order;
 *   - at most 100 errors are kept.
 * Map-typed fields (labels, annotations, data, resources.requests) take any key; opaque types
 * (FieldsV1, RawExtension) take anything. A value of the wrong JSON type (a string where an object
 * belongs) is not a strict error: upstream fails the decode outright, which is not this module's job.
 */
import { fieldType, rootTypeOf } from './field-schema';

/** sigs.k8s.io/json stops accumulating strict errors at 100. */
const MAX_STRICT_ERRORS = 100;

export interface StrictDecodingOptions {
  /**
   * Visit object keys in sorted order instead of document order. Upstream decodes merge and
   * strategic-merge patch results after re-encoding them from Go maps, and encoding/json writes
   * map keys sorted, so on PATCH the errors come out in sorted-key order.
   */
  readonly sortKeys?: boolean;
  /**
   * The stored object `object` was made from (a patch's target). A top-level field whose value
   * is the stored one's own object, shared by reference, is walked once per stored value: stored
   * objects are never changed, so a value found clean stays clean. Only stored values are
   * remembered: a client may change its own objects after sending them.
   */
  readonly stored?: Readonly<Record<string, unknown>>;
}

/** Stored values (see StrictDecodingOptions.stored) with no unknown field, by the type they were walked as. */
const cleanStored = new WeakMap<object, string>();

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The paths of the fields in `object` that its kind's type does not declare, as upstream prints
 * them inside `unknown field "<path>"`. Empty for an apiVersion/kind we do not serve (the registry
 * rejects those itself) and for anything that is not an object.
 */
export function unknownFields(object: unknown, options: StrictDecodingOptions = {}): string[] {
  if (!isObject(object)) return [];
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const root = rootTypeOf(apiVersion, kind);
  if (root === undefined) return [];
  const found: string[] = [];
  // Nearly every body has no unknown field, and which fields are unknown does not depend on the
  // order keys are visited in: walk in document order (no key lists, no sorting) and walk again
  // in sorted order only when there are errors whose order must follow the sorted keys.
  walk(object, root, [], found, false, options.stored);
  if (found.length === 0 || options.sortKeys !== true) return found;
  found.length = 0;
  walk(object, root, [], found, true, options.stored);
  return found;
}

/** Code-unit order, as Go's sort.Strings orders the UTF-8 bytes of ASCII keys. */
function sortedKeysOf(object: JsonObject): string[] {
  return Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The path of the field at the top of `segments`, as sigs.k8s.io/json's strict field stack
 * prints it: keys joined with `.`, array indices as `[i]`. Built only for an unknown field, so
 * that walking a body with none (every create and update does) makes no strings.
 */
function pathOf(segments: readonly (string | number)[]): string {
  let path = '';
  for (const s of segments) path = typeof s === 'number' ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`;
  return path;
}

/** `stored`: only at the root (see StrictDecodingOptions.stored). */
function walk(value: unknown, ref: string, segments: (string | number)[], found: string[], sorted: boolean, stored?: Readonly<Record<string, unknown>>): void {
  if (found.length >= MAX_STRICT_ERRORS) return;
  const type = fieldType(ref);
  switch (type.kind) {
    case 'scalar':
    case 'opaque':
      return;
    case 'array':
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        segments.push(i);
        walk(value[i], type.items, segments, found, sorted);
        segments.pop();
      }
      return;
    case 'map':
      if (!isObject(value)) return;
      // Scalar values (labels, annotations, data, quantities) hold nothing to look at.
      if (fieldType(type.values).kind === 'scalar') return;
      if (sorted) {
        for (const key of sortedKeysOf(value)) walkMapValue(value, key, type.values, segments, found, sorted);
      } else {
        // for-in visits a JSON object's own keys in Object.keys order without copying them.
        for (const key in value) walkMapValue(value, key, type.values, segments, found, sorted);
      }
      return;
    case 'struct':
      if (!isObject(value)) return;
      if (sorted) {
        for (const key of sortedKeysOf(value)) walkStructField(value, key, type.fields, segments, found, sorted, stored);
      } else {
        for (const key in value) walkStructField(value, key, type.fields, segments, found, sorted, stored);
      }
      return;
  }
}

function walkMapValue(value: JsonObject, key: string, valuesRef: string, segments: (string | number)[], found: string[], sorted: boolean): void {
  segments.push(key);
  walk(value[key], valuesRef, segments, found, sorted);
  segments.pop();
}

function walkStructField(
  value: JsonObject,
  key: string,
  fields: Readonly<Record<string, string>>,
  segments: (string | number)[],
  found: string[],
  sorted: boolean,
  stored: Readonly<Record<string, unknown>> | undefined,
): void {
  const fieldRef = Object.hasOwn(fields, key) ? fields[key] : undefined;
  segments.push(key);
  if (fieldRef === undefined) {
    if (found.length < MAX_STRICT_ERRORS) found.push(pathOf(segments));
  } else {
    const child = value[key];
    if (stored !== undefined && typeof child === 'object' && child !== null && stored[key] === child) {
      if (cleanStored.get(child) !== fieldRef) {
        // Clean only if walked whole: below the error cap, and nothing found under it.
        const before = found.length;
        walk(child, fieldRef, segments, found, sorted);
        if (before < MAX_STRICT_ERRORS && found.length === before) cleanStored.set(child, fieldRef);
      }
    } else {
      walk(child, fieldRef, segments, found, sorted);
    }
  }
  segments.pop();
}

/**
 * The object as decoding it into its Go type leaves it: the fields the type does not declare
 * are gone (fieldValidation=Ignore or Warn, where Strict would refuse them). The same object
 * when it has none; otherwise a copy, the input untouched.
 */
export function withoutUnknownFields<T>(object: T): T {
  if (!isObject(object)) return object;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return object;
  const root = rootTypeOf(apiVersion, kind);
  return root === undefined ? object : (prune(object, root) as T);
}

function prune(value: unknown, ref: string): unknown {
  const type = fieldType(ref);
  switch (type.kind) {
    case 'scalar':
    case 'opaque':
      return value;
    case 'array': {
      if (!Array.isArray(value)) return value;
      const out = value.map((item) => prune(item, type.items));
      return out.some((item, i) => item !== value[i]) ? out : value;
    }
    case 'map':
    case 'struct': {
      if (!isObject(value)) return value;
      const out: JsonObject = {};
      let changed = false;
      for (const key of Object.keys(value)) {
        const fieldRef = type.kind === 'map' ? type.values : Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
        if (fieldRef === undefined) {
          changed = true;
          continue;
        }
        const pruned = prune(value[key], fieldRef);
        if (pruned !== value[key]) changed = true;
        out[key] = pruned;
      }
      return changed ? out : value;
    }
  }
}

/**
 * The error text upstream builds from strict decoding errors (runtime.NewStrictDecodingError):
 * `strict decoding error: unknown field "a", unknown field "b"`.
 */
export function strictDecodingError(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
}

/**
 * The 400 BadRequest message of a create or update whose body has unknown fields
 * (apiserver handlers' transformDecodeError): `Pod in version "v1" cannot be handled as a Pod:
 * strict decoding error: unknown field "spec.containers[0].imagee"`. The version is the
 * apiVersion's version part only (`v1` for `apps/v1`).
 */
export function strictDecodingMessage(apiVersion: string, kind: string, paths: readonly string[]): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${strictDecodingError(paths)}`;
}
