/**
 * What the field manager's walks (compare.ts, created-fields.ts) need of one schema field of a
 * struct, worked out once per type and field instead of per object walked, and the path
 * element of a map key, made once per key: every create and update walks its object through
 * these.
 */
import { listTypeOf, valueStructFields, type ListType } from './list-types';

export interface StructField {
  /** The FieldsV1 key, `f:<field>`. */
  readonly name: string;
  readonly ref: string;
  readonly list: ListType | undefined;
  /** A Go value of the struct (a root's metadata, spec, status; a template): no `.` of its own. */
  readonly valueField: boolean;
  /** A PodSpec's containers are not omitempty: the empty object already has the list (compare.ts emptyLike). */
  readonly podSpecContainers: boolean;
}

// By root-ness, then type id and field.
const structFields = [new Map<string, Map<string, StructField>>(), new Map<string, Map<string, StructField>>()] as const;

/** The schema field `key` of struct `id` (whose fields are `fields`), or undefined when it has none. */
export function structField(id: string, fields: Readonly<Record<string, string>>, root: boolean, key: string): StructField | undefined {
  const byType = structFields[root ? 1 : 0];
  let byKey = byType.get(id);
  if (byKey === undefined) {
    byKey = new Map();
    byType.set(id, byKey);
  }
  let field = byKey.get(key);
  if (field === undefined) {
    if (!Object.hasOwn(fields, key)) return undefined;
    const ref = fields[key] as string;
    field = {
      name: `f:${key}`,
      ref,
      list: ref.startsWith('[]') ? listTypeOf(id, key) : undefined,
      valueField: valueStructFields(id, root).includes(key),
      podSpecContainers: id === 'core/v1.PodSpec' && key === 'containers',
    };
    byKey.set(key, field);
  }
  return field;
}

/** Map keys are not bounded by the schema (labels, annotations): the element cache is emptied past this many. */
const FIELD_ELEMENTS_KEPT = 4096;
const fieldElements = new Map<string, string>();

/** `f:<key>`, the same string each time: a FieldSet's maps hash it once, not once per walk. */
export function fieldElement(key: string): string {
  let element = fieldElements.get(key);
  if (element === undefined) {
    element = `f:${key}`;
    if (fieldElements.size >= FIELD_ELEMENTS_KEPT) fieldElements.clear();
    fieldElements.set(key, element);
  }
  return element;
}
