/**
 * typed.Compare of structured-merge-diff (typed/compare.go): the fields a write added, modified
 * and removed, walked with the kind's schema so that a list item is named by its keys
 * (`k:{"name":"nginx"}`), a set item by its value, and an atomic list or struct is one field.
 * A struct or map that appears or disappears is itself added or removed (the `.` of FieldsV1),
 * besides every field under it; a leaf is modified when its value changes.
 *
 * The metadata no manager owns is skipped on the way (stripmeta.go's stripSet), and so are the
 * fields the request's strategy resets (GetResetFields: status on a write of the main resource,
 * everything but status on a write of /status), as the updater's comparison excludes them.
 */
import { fieldType } from '../../api/schema/field-schema';
import { FieldSet } from './field-set';
import { isAtomicStruct, listMapElement, sortedMapKeys, valueStructFields, type ListType } from './list-types';
import { fieldElement, structField } from './struct-fields';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * Which part of the object the request may change: `status` for /status (`status+annotations`
 * where the status strategy takes annotations too, as apps/v1's do), `main` without status,
 * `all` for kinds with no status subresource.
 */
export type CompareScope = 'all' | 'main' | 'status' | 'status+annotations';

export function inScope(key: string, scope: CompareScope): boolean {
  if (key === 'apiVersion' || key === 'kind') return false;
  switch (scope) {
    case 'all':
      return true;
    case 'main':
      return key !== 'status';
    case 'status':
      return key === 'status';
    case 'status+annotations':
      return key === 'status' || key === 'metadata';
  }
}

/** stripmeta.go: fields never part of a manager's set (metadata itself neither). */
export const STRIPPED_META = new Set(['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']);

type Json = unknown;

function isMap(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: Json): Json {
  return v === null ? undefined : v;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  // Keys holding undefined do not count (JSON has none); counted with for-in, no key arrays.
  const am = a as Record<string, Json>;
  const bm = b as Record<string, Json>;
  let count = 0;
  for (const k in am) {
    if (am[k] === undefined) continue;
    count++;
    if (!deepEqual(am[k], bm[k])) return false;
  }
  for (const k in bm) if (bm[k] !== undefined) count--;
  return count === 0;
}

class Walker {
  readonly added = new FieldSet();
  readonly modified = new FieldSet();
  readonly removed = new FieldSet();
  private readonly path: string[] = [];

  leaf(l: Json, r: Json): void {
    if (l === undefined) this.added.insert(this.path);
    else if (r === undefined) this.removed.insert(this.path);
    else if (!deepEqual(l, r)) this.modified.insert(this.path);
  }

  /** A node that appeared or went away is a field of its own, beside what is under it. */
  node(l: Json, r: Json, value = false): void {
    // A Go value struct (spec, status, a template) is always there: never added or removed itself.
    if (this.path.length === 0 || value) return;
    if (l === undefined) this.added.insert(this.path);
    else if (r === undefined) this.removed.insert(this.path);
  }

  descend(element: string, l: Json, r: Json, ref: string | undefined, list: ListType | undefined, value = false): void {
    this.path.push(element);
    this.value(present(l), present(r), ref, list, value);
    this.path.pop();
  }

  value(l: Json, r: Json, ref: string | undefined, list: ListType | undefined, valueStruct = false): void {
    if (l === r) return;
    // Equal values have no added, modified or removed field under them (a patched object is
    // rebuilt from the patch, so equal subtrees are seldom the same objects): a plain deepEqual
    // skips them without the schema lookups and path bookkeeping of the walk.
    if (typeof l === 'object' && typeof r === 'object' && l !== null && r !== null && deepEqual(l, r)) return;
    const type = ref === undefined ? undefined : fieldType(ref);
    if (!type) {
      // Untyped (a kind we have no schema for): maps are granular, anything else is a leaf.
      if ((l === undefined || isMap(l)) && (r === undefined || isMap(r))) return this.map(l, r, undefined);
      return this.leaf(l, r);
    }
    switch (type.kind) {
      case 'struct':
        if (isAtomicStruct(type.id) || !((l === undefined || isMap(l)) && (r === undefined || isMap(r)))) return this.leaf(l, r);
        return this.struct(l, r, type.id, type.fields, false, 'all', valueStruct);
      case 'map':
        if (!((l === undefined || isMap(l)) && (r === undefined || isMap(r)))) return this.leaf(l, r);
        return this.map(l, r, type.values);
      case 'array':
        if (!list || !((l === undefined || Array.isArray(l)) && (r === undefined || Array.isArray(r)))) return this.leaf(l, r);
        return list === 'set' ? this.set(l as Json[] | undefined, r as Json[] | undefined) : this.associative(l as Json[] | undefined, r as Json[] | undefined, type.items, list.map);
      default:
        return this.leaf(l, r);
    }
  }

  struct(l: Record<string, Json> | undefined, r: Record<string, Json> | undefined, id: string, fields: Readonly<Record<string, string>>, root: boolean, scope: CompareScope = 'all', value = false): void {
    const meta = id === 'meta/v1.ObjectMeta' && this.path.length === 1;
    if (r) for (const key in r) this.field(key, l, r, id, fields, root, scope, meta);
    if (l) for (const key in l) if (!r || !(key in r)) this.field(key, l, r, id, fields, root, scope, meta);
    this.node(l, r, value);
  }

  private field(key: string, l: Record<string, Json> | undefined, r: Record<string, Json> | undefined, id: string, fields: Readonly<Record<string, string>>, root: boolean, scope: CompareScope, meta: boolean): void {
    if (root && !inScope(key, scope)) return;
    if (meta && STRIPPED_META.has(key)) return;
    // The schema field's element, ref, list type and value-ness, worked out once per type and field.
    const field = structField(id, fields, root, key);
    if (field === undefined) this.descend(fieldElement(key), l?.[key], r?.[key], undefined, undefined, valueStructFields(id, root).includes(key));
    else this.descend(field.name, l?.[key], r?.[key], field.ref, field.list, field.valueField);
  }

  map(l: Record<string, Json> | undefined, r: Record<string, Json> | undefined, values: string | undefined): void {
    if (r) for (const key in r) this.descend(fieldElement(key), l?.[key], r[key], values, undefined);
    if (l) for (const key in l) if (!r || !(key in r)) this.descend(fieldElement(key), l[key], undefined, values, undefined);
    this.node(l, r);
  }

  set(l: Json[] | undefined, r: Json[] | undefined): void {
    const left = new Set((l ?? []).map((v) => JSON.stringify(v)));
    const right = new Set((r ?? []).map((v) => JSON.stringify(v)));
    for (const v of right) if (!left.has(v)) this.descend(`v:${v}`, undefined, true, undefined, undefined);
    for (const v of left) if (!right.has(v)) this.descend(`v:${v}`, true, undefined, undefined, undefined);
    this.node(l, r);
  }

  associative(l: Json[] | undefined, r: Json[] | undefined, items: string, keys: readonly string[]): void {
    if (l && r && this.aligned(l, r, items, keys)) return this.node(l, r);
    const left = keyed(l, keys);
    const right = keyed(r, keys);
    for (const [k, v] of right) this.descend(k, left.get(k), v, items, undefined);
    for (const [k, v] of left) if (!right.has(k)) this.descend(k, v, undefined, items, undefined);
    this.node(l, r);
  }

  /**
   * The common case of a list-map both sides of which hold the same keys in the same order, each
   * once (a status's conditions and containerStatuses written again): its items are compared
   * pairwise, in the right side's order as the keyed walk does, without its maps. False, having
   * walked nothing, when the lists are not so.
   */
  private aligned(l: Json[], r: Json[], items: string, keys: readonly string[]): boolean {
    const n = r.length;
    if (l.length !== n || n > ALIGNED_MAX) return false;
    const sorted = sortedMapKeys(keys);
    // One string key (a condition's type, a container's name): equal strings, equal elements.
    const single = sorted.length === 1 ? (sorted[0] as string) : undefined;
    const elements: string[] = [];
    for (let i = 0; i < n; i++) {
      const li = l[i];
      const ri = r[i];
      if (!isMap(li) || !isMap(ri)) return false;
      const element = listMapElement(ri, sorted);
      const lk = single === undefined ? undefined : li[single];
      if (typeof lk === 'string' && typeof ri[single as string] === 'string' ? lk !== ri[single as string] : listMapElement(li, sorted) !== element) return false;
      for (let j = 0; j < i; j++) if (elements[j] === element) return false;
      elements.push(element);
    }
    for (let i = 0; i < n; i++) this.descend(elements[i] as string, l[i], r[i], items, undefined);
    return true;
  }
}

/** A list this long or shorter is matched by position first (Walker.aligned): the duplicate check is quadratic. */
const ALIGNED_MAX = 16;

/** A list-map's items by their path element: `k:` and the key fields sorted by name (KeyByFields). */
function keyed(list: Json[] | undefined, keys: readonly string[]): Map<string, Json> {
  const out = new Map<string, Json>();
  if (!list) return out;
  const sorted = sortedMapKeys(keys);
  for (const item of list) {
    if (!isMap(item)) continue;
    const element = listMapElement(item, sorted);
    if (!out.has(element)) out.set(element, item);
  }
  return out;
}

/**
 * `scope.Creater.New`: an empty object of the kind, with its value structs present and empty,
 * and a PodSpec's `containers` (not omitempty: `containers: null`, there already, so a create
 * owns its items but not the list as a field of its own).
 */
function emptyLike(object: Json, ref: string, root: boolean): Json {
  const type = fieldType(ref);
  if (type.kind !== 'struct' || !isMap(object)) return undefined;
  const out: Record<string, Json> = {};
  for (const field of valueStructFields(type.id, root)) {
    const childRef = type.fields[field];
    if (childRef !== undefined && isMap(object[field])) out[field] = emptyLike(object[field], childRef, false) ?? {};
  }
  if (type.id === 'core/v1.PodSpec') out['containers'] = [];
  return out;
}

/**
 * Compare the live object with the new one. `live` undefined is a create, compared with an
 * empty object of the kind. `rootType` is the kind's schema type (`apps/v1.Deployment`).
 */
export function compareObjects(live: Json, next: Json, rootType: string | undefined, scope: CompareScope): Comparison {
  const w = new Walker();
  const type = rootType === undefined ? undefined : fieldType(rootType);
  const l = live === undefined && rootType !== undefined ? emptyLike(next, rootType, true) : live;
  if (type?.kind === 'struct' && isMap(l) && isMap(next)) w.struct(l, next, type.id, type.fields, true, scope);
  else if (isMap(l) && isMap(next)) {
    const filtered = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata'));
    w.map(filtered(l), filtered(next), undefined);
  }
  return { added: w.added, modified: w.modified, removed: w.removed };
}
