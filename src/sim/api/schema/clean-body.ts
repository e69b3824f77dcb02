/**
 * One walk that says a body is clean: every known field holds a value of its Go type
 * (type-decoding.ts would find no mismatch) and no struct anywhere has a field its type does
 * not declare (strict-decoding.ts would find no unknown field). Every create, update and patch
 * asks both; nearly every body is clean, so the registry asks this first and runs the two
 * walks that word the errors only when it is not.
 *
 * Clean here implies clean for both: this walk visits every value either of them visits (the
 * strict walk skips values of the wrong type, which this one already calls unclean) and applies
 * both tests. The converse need not hold: an unclean answer only costs the two full walks.
 */
import { fieldType, rootTypeOf } from './field-schema';
import { fitsFieldType } from './type-decoding';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Stored values found clean, by the type they were walked as. Stored objects are never changed,
 * so a patched object's top-level fields still shared with the stored one (`stored`) are walked
 * once per stored value; a client's own objects are never remembered (it may change them).
 */
const cleanStored = new WeakMap<object, string>();

/** Whether `object` (named by its own apiVersion and kind, a kind we serve) decodes cleanly. */
export function decodesCleanly(object: unknown, stored?: Readonly<Record<string, unknown>>): boolean {
  if (!isObject(object)) return false;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return false;
  const root = rootTypeOf(apiVersion, kind);
  if (root === undefined) return false;
  const type = fieldType(root);
  if (type.kind !== 'struct') return false;
  for (const key in object) {
    const ref = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
    if (ref === undefined) return false;
    const child = object[key];
    const isStored = stored !== undefined && typeof child === 'object' && child !== null && stored[key] === child;
    if (isStored && cleanStored.get(child) === ref) continue;
    if (!clean(child, ref)) return false;
    if (isStored) cleanStored.set(child, ref);
  }
  return true;
}

function clean(value: unknown, ref: string): boolean {
  const type = fieldType(ref);
  if (!fitsFieldType(value, type)) return false;
  if (value === null || value === undefined) return true;
  switch (type.kind) {
    case 'struct':
      for (const key in value as Json) {
        const fieldRef = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
        if (fieldRef === undefined || !clean((value as Json)[key], fieldRef)) return false;
      }
      return true;
    case 'array':
      for (const item of value as unknown[]) if (!clean(item, type.items)) return false;
      return true;
    case 'map':
      for (const key in value as Json) if (!clean((value as Json)[key], type.values)) return false;
      return true;
    default:
      return true;
  }
}
