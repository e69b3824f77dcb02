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
import { fieldType, rootTypeOf, type FieldType } from './field-schema';
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
const cleanStored = new WeakMap<object, TypeNode>();

/**
 * A field type with its children resolved once: a struct's known fields, an array's items, a
 * map's values. The walk then follows links instead of looking each reference up by name.
 */
interface TypeNode {
  readonly type: FieldType;
  /** Known fields only (so a client's unknown keys are never kept). */
  readonly fields: Map<string, TypeNode>;
  element: TypeNode | undefined;
}

const nodes = new Map<string, TypeNode>();

function nodeOf(ref: string): TypeNode {
  let node = nodes.get(ref);
  if (node === undefined) {
    node = { type: fieldType(ref), fields: new Map(), element: undefined };
    nodes.set(ref, node);
  }
  return node;
}

/** A struct's field, or undefined when the struct does not declare it. */
function fieldOf(node: TypeNode, fields: Readonly<Record<string, string>>, key: string): TypeNode | undefined {
  let child = node.fields.get(key);
  if (child === undefined) {
    const ref = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (ref === undefined) return undefined;
    child = nodeOf(ref);
    node.fields.set(key, child);
  }
  return child;
}

/** Whether `object` (named by its own apiVersion and kind, a kind we serve) decodes cleanly. */
export function decodesCleanly(object: unknown, stored?: Readonly<Record<string, unknown>>): boolean {
  if (!isObject(object)) return false;
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return false;
  const root = rootTypeOf(apiVersion, kind);
  if (root === undefined) return false;
  const node = nodeOf(root);
  const type = node.type;
  if (type.kind !== 'struct') return false;
  for (const key in object) {
    const child = fieldOf(node, type.fields, key);
    if (child === undefined) return false;
    const value = object[key];
    const isStored = stored !== undefined && typeof value === 'object' && value !== null && stored[key] === value;
    if (isStored && cleanStored.get(value) === child) continue;
    if (!clean(value, child)) return false;
    if (isStored) cleanStored.set(value, child);
  }
  return true;
}

function clean(value: unknown, node: TypeNode): boolean {
  const type = node.type;
  if (!fitsFieldType(value, type)) return false;
  if (value === null || value === undefined) return true;
  switch (type.kind) {
    case 'struct':
      for (const key in value as Json) {
        const child = fieldOf(node, type.fields, key);
        if (child === undefined || !clean((value as Json)[key], child)) return false;
      }
      return true;
    case 'array': {
      const items = (node.element ??= nodeOf(type.items));
      for (const item of value as unknown[]) if (!clean(item, items)) return false;
      return true;
    }
    case 'map': {
      const values = (node.element ??= nodeOf(type.values));
      for (const key in value as Json) if (!clean((value as Json)[key], values)) return false;
      return true;
    }
    default:
      return true;
  }
}
