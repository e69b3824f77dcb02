/**
 * The fields a create sets, straight to FieldsV1: what compareObjects(undefined, object) adds,
 * without building the field set first. Every create runs this (10,000-pod benchmarks included),
 * and a create with no managedFields in its body has no other entry to compare with, so its
 * one entry is this JSON; the set is parsed from it only if a later write needs it.
 */
import { fieldType } from '../../api/schema/field-schema';
import { isAtomicStruct, listMapElement, sortedMapKeys, valueStructFields, type ListType } from './list-types';
import { fieldElement, structField } from './struct-fields';
import { STRIPPED_META, inScope, type CompareScope } from './compare';
import { FIELDS_V1_LEAF } from './field-set';

type Json = unknown;
type FieldsV1 = Record<string, unknown>;

/** A member without children: the one shared `{}` (field-set.ts), the JSON being read-only. */
const LEAF = FIELDS_V1_LEAF as FieldsV1;

function isMap(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A node's FieldsV1 under construction: `.` first when it is a field of its own. */
function open(member: boolean): FieldsV1 {
  return member ? { '.': LEAF } : {};
}

/** The node once its children are in: `{}` for a member with nothing under it, nothing for a bare path. */
function close(member: boolean, out: FieldsV1, count: number): FieldsV1 | undefined {
  if (count === 0) return member ? LEAF : undefined;
  return out;
}

/** `strip`: this is the object's own metadata, whose system fields nobody owns (stripmeta.go). */
function value(r: Json, ref: string | undefined, list: ListType | undefined, member: boolean, strip = false): FieldsV1 | undefined {
  if (r === undefined || r === null) return undefined;
  const type = ref === undefined ? undefined : fieldType(ref);
  if (!type) return isMap(r) ? map(r, undefined, member) : member ? LEAF : undefined;
  switch (type.kind) {
    case 'struct':
      if (isAtomicStruct(type.id) || !isMap(r)) return member ? LEAF : undefined;
      return struct(r, type.id, type.fields, member, false, 'all', strip);
    case 'map':
      return isMap(r) ? map(r, type.values, member) : member ? LEAF : undefined;
    case 'array':
      if (!list || !Array.isArray(r)) return member ? LEAF : undefined;
      return list === 'set' ? set(r, member) : associative(r, type.items, list.map, member);
    default:
      return member ? LEAF : undefined;
  }
}

function struct(r: Record<string, Json>, id: string, fields: Readonly<Record<string, string>>, member: boolean, root: boolean, scope: CompareScope, strip = false): FieldsV1 | undefined {
  const children = open(member);
  let count = 0;
  // The object's own key order (Go struct order); kubectl's printers sort the keys they print.
  for (const key in r) {
    if (root && !inScope(key, scope)) continue;
    if (strip && STRIPPED_META.has(key)) continue;
    const field = structField(id, fields, root, key);
    const child =
      field === undefined
        ? value(r[key], undefined, undefined, !valueStructFields(id, root).includes(key), false)
        : value(r[key], field.ref, field.list, !field.valueField && !(field.podSpecContainers && !member), root && key === 'metadata');
    if (child !== undefined) {
      children[field === undefined ? fieldElement(key) : field.name] = child;
      count++;
    }
  }
  return close(member, children, count);
}

/** Sorted in place; most maps and lists here have one key or element, and sort() allocates even then. */
function sorted(keys: string[]): string[] {
  return keys.length > 1 ? keys.sort() : keys;
}

function map(r: Record<string, Json>, values: string | undefined, member: boolean): FieldsV1 | undefined {
  const children = open(member);
  let count = 0;
  for (const key of sorted(Object.keys(r))) {
    const child = value(r[key], values, undefined, true);
    if (child !== undefined) {
      children[fieldElement(key)] = child;
      count++;
    }
  }
  return close(member, children, count);
}

function set(r: Json[], member: boolean): FieldsV1 | undefined {
  const children = open(member);
  const elements = r.map((v) => `v:${JSON.stringify(v)}`).sort();
  for (const e of elements) children[e] = LEAF;
  return close(member, children, elements.length);
}

function associative(r: Json[], items: string, keys: readonly string[], member: boolean): FieldsV1 | undefined {
  const sortedKeys = sortedMapKeys(keys);
  // Most lists of a pod (containers, volumes, volumeMounts, ports) have one item: no map of them to make.
  if (r.length === 1 && isMap(r[0])) {
    const children = open(member);
    const child = value(r[0], items, undefined, true);
    if (child === undefined) return close(member, children, 0);
    children[listMapElement(r[0], sortedKeys)] = child;
    return close(member, children, 1);
  }
  const byElement = new Map<string, Json>();
  for (const item of r) {
    if (!isMap(item)) continue;
    const element = listMapElement(item, sortedKeys);
    if (!byElement.has(element)) byElement.set(element, item);
  }
  const children = open(member);
  let count = 0;
  for (const element of sorted([...byElement.keys()])) {
    const child = value(byElement.get(element), items, undefined, true);
    if (child !== undefined) {
      children[element] = child;
      count++;
    }
  }
  return close(member, children, count);
}

/** The FieldsV1 of what creating `object` sets, for a kind with schema `rootType`. */
export function createdFieldsV1(object: Record<string, Json>, rootType: string, scope: CompareScope): FieldsV1 {
  const type = fieldType(rootType);
  if (type.kind !== 'struct') return {};
  return struct(object, type.id, type.fields, false, true, scope) ?? {};
}
