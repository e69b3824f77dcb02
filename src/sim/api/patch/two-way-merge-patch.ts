/**
 * CreateTwoWayMergePatch (k8s.io/apimachinery pkg/util/strategicpatch/patch.go): the strategic
 * merge patch that turns `original` into `modified`, as a client computes it before a PATCH with
 * application/strategic-merge-patch+json (the kubelet's pod status, kubectl edit ...). The list
 * strategies come from patch-meta.ts, the same table the apiserver merges with
 * (strategic-merge-patch.ts), so the patch applied there gives `modified` back.
 *
 * The result is a plain JSON object whose keys are sorted at every depth, as json.Marshal writes a
 * map[string]interface{}: JSON.stringify of it is the patch's bytes. (Go's encoder also escapes
 * `<`, `>`, `&`, U+2028 and U+2029 inside strings; JSON.stringify does not.)
 *
 * Followed, by upstream function: diffMaps (added keys whole, changed scalars and atomic lists
 * replaced, removed keys null, `$retainKeys` for lists tagged retainKeys), handleSliceDiff /
 * diffLists (merge lists only; `$setElementOrder/<list>` since SetElementOrder is true for two-way),
 * diffListsOfMaps (both sides sorted by the merge key's %v, changed items as their diff plus the
 * merge key, added items whole, removed items `{"$patch":"delete", key: value}` appended after the
 * others, items in the modified list's order by normalizeSliceOrder), diffListsOfScalars
 * (`$deleteFromPrimitiveList/<list>`). Simplified: a field the schema does not know is diffed as an
 * atomic value (upstream's LookupPatchMetadata would fail on it), and maps tagged
 * `patchStrategy:"replace"|"retainKeys"` (a Deployment's strategy) are diffed as plain maps, since
 * patch-meta.ts describes lists only.
 */
import { listStrategy } from './patch-meta';
import { goMapText, StrategicMergePatchError } from './strategic-merge-patch';

export type Json = null | boolean | number | string | Json[] | JsonMap;
export type JsonMap = { [key: string]: Json };

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList/';

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key is there when it holds a value: JSON.stringify drops `undefined`, so does this. */
const has = (m: JsonMap, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k) && m[k] !== undefined;

/**
 * The Go type a decoded JSON value has (k8s.io/apimachinery/pkg/util/json turns whole numbers into
 * int64, the others into float64); diffMaps replaces a value whose type changed.
 */
function goType(v: Json): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int64' : 'float64';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** reflect.DeepEqual of two decoded JSON values (map key order does not count). */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i] as Json));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).filter((k) => has(a, k));
    const kb = Object.keys(b).filter((k) => has(b, k));
    return ka.length === kb.length && ka.every((k) => has(b, k) && deepEqual(a[k] as Json, b[k] as Json));
  }
  return false;
}

/** Go's == on two interface{} values holding scalars (maps and slices are not compared by value). */
function goEqual(a: Json | undefined, b: Json | undefined): boolean {
  return a === b && (a === undefined || goType(a) === goType(b as Json));
}

/** strconv.FormatFloat(f, 'g', -1, 64), which %v uses: exponent form below 1e-4 and from 1e6 (shortest digits). */
function goFloatText(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(f);
}

/** fmt's %v of a decoded JSON value: what upstream sorts and matches merge keys and scalars by. */
export function goValueText(v: Json | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v).toString() : goFloatText(v);
  if (Array.isArray(v)) return `[${v.map(goValueText).join(' ')}]`;
  return goMapText(v);
}

/** Go compares strings byte by byte (UTF-8); UTF-16 order agrees outside the astral planes. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** sortScalars: by the %v text. */
function sortScalars(values: readonly Json[]): Json[] {
  return [...values].sort((a, b) => compareText(goValueText(a), goValueText(b)));
}

/** deduplicateScalars: upstream's in-place version, which fills a duplicate's place with the last item. */
function deduplicateScalars(input: readonly Json[]): Json[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length] as Json;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** A JSON value with map keys sorted at every depth, as json.Marshal writes map[string]interface{}. */
export function sortedKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const k of Object.keys(v).sort(compareText)) if (has(v, k)) out[k] = sortedKeys(v[k] as Json);
  return out;
}

type ElementKind = 'map' | 'scalar';

/** sliceElementType: every item of both lists has one Go type, and it is not a list. */
function sliceElementKind(...lists: readonly Json[][]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goType(v);
      if (first === undefined) {
        if (t === 'slice') throw new StrategicMergePatchError('lists of lists are not supported');
        first = t;
      } else if (t !== first) {
        throw new StrategicMergePatchError(`list element types are not identical: ${lists.map((l) => `[${l.map(goValueText).join(' ')}]`).join(' ')}`);
      }
    }
  }
  return first === 'map' ? 'map' : 'scalar';
}

function mergeKeyValue(item: Json, key: string): Json {
  if (!isMap(item)) throw new StrategicMergePatchError(`expected a map, but got ${goValueText(item)}`);
  if (!has(item, key)) throw new StrategicMergePatchError(`map: ${goMapText(item)} does not contain declared merge key: ${key}`);
  return item[key] as Json;
}

interface ListDiff {
  readonly patch: Json[];
  readonly deletions: Json[];
  readonly order: Json[];
}

const NO_DIFF: ListDiff = { patch: [], deletions: [], order: [] };

/** The diff core: the two-way options (changes, additions and deletions; $setElementOrder on). */
export class TwoWayDiff {
  constructor(private readonly kind: string) {}

  /** diffMaps: `path` is the map's path from the root (list positions left out). */
  diffMaps(original: JsonMap, modified: JsonMap, path: readonly string[], buildRetainKeys: boolean): JsonMap {
    const patch: JsonMap = {};
    const retainKeys: Json[] = [];
    for (const key of Object.keys(modified)) {
      if (!has(modified, key)) continue;
      const modifiedValue = modified[key] as Json;
      if (buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
      if (!has(original, key)) {
        patch[key] = modifiedValue;
        continue;
      }
      const originalValue = original[key] as Json;
      if (key === PATCH) {
        // handleDirectiveMarker: only a changed directive is sent.
        if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new StrategicMergePatchError(`invalid value for special key: ${PATCH}`);
        if (originalValue !== modifiedValue) patch[key] = modifiedValue;
        continue;
      }
      if (goType(originalValue) !== goType(modifiedValue)) {
        patch[key] = modifiedValue;
        continue;
      }
      if (isMap(originalValue)) {
        // handleMapDiff: patch-meta.ts tags no map replace or retainKeys, so every map is diffed.
        const sub = this.diffMaps(originalValue, modifiedValue as JsonMap, [...path, key], false);
        if (Object.keys(sub).length > 0) patch[key] = sub;
      } else if (Array.isArray(originalValue)) {
        this.handleSliceDiff(key, originalValue, modifiedValue as Json[], patch, [...path, key]);
      } else if (!deepEqual(originalValue, modifiedValue)) {
        patch[key] = modifiedValue;
      }
    }
    // updatePatchIfMissing: a removed key is sent as null.
    for (const key of Object.keys(original)) if (has(original, key) && !has(modified, key)) patch[key] = null;
    if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) patch[RETAIN_KEYS] = sortScalars(retainKeys);
    return patch;
  }

  /** handleSliceDiff: lists without a merge strategy are atomic, replaced when not deep-equal. */
  private handleSliceDiff(key: string, original: Json[], modified: Json[], patch: JsonMap, path: readonly string[]): void {
    const strategy = listStrategy(this.kind, path);
    if (!strategy) {
      if (!deepEqual(original, modified)) patch[key] = modified;
      return;
    }
    const mergeKey = strategy.kind === 'merge-by-key' ? strategy.key : '';
    const retainKeys = strategy.kind === 'merge-by-key' && strategy.retainKeys === true;
    const diff = this.diffLists(original, modified, mergeKey, path, retainKeys);
    if (diff.patch.length > 0) patch[key] = diff.patch;
    if (diff.deletions.length > 0) patch[DELETE_PRIMITIVES + key] = diff.deletions;
    if (diff.order.length > 0) patch[SET_ORDER + key] = diff.order;
  }

  /** diffLists: the patch list, the parallel deletion list (scalars only) and the $setElementOrder list. */
  private diffLists(original: Json[], modified: Json[], mergeKey: string, path: readonly string[], retainKeys: boolean): ListDiff {
    if (original.length === 0) return modified.length === 0 ? NO_DIFF : { patch: modified, deletions: [], order: [] };
    if (sliceElementKind(original, modified) === 'map') {
      const { patch, deletions } = this.diffListsOfMaps(original, modified, mergeKey, path, retainKeys);
      const ordered = normalizeSliceOrder(patch, modified, mergeKey);
      const orderSame = original.length === modified.length && modified.every((m, i) => goEqual(mergeKeyValue(original[i] as Json, mergeKey), mergeKeyValue(m, mergeKey)));
      // The deletions go after the other items, in the same list.
      const all = [...ordered, ...deletions];
      const order = all.length > 0 || !orderSame ? modified.map((m): Json => ({ [mergeKey]: mergeKeyValue(m, mergeKey) })) : [];
      return { patch: all, deletions: [], order };
    }
    const { additions, deletions, sortedOriginal } = diffListsOfScalars(original, modified);
    // Upstream sorts the original list in place before this comparison, so a list whose items only
    // moved compares equal and gets no $setElementOrder.
    const order = deletions.length > 0 || !deepEqual(sortedOriginal, modified) ? modified : [];
    return { patch: normalizeSliceOrder(additions, modified, ''), deletions, order };
  }

  /** diffListsOfMaps: both lists walked in the order of their merge key's %v. */
  private diffListsOfMaps(original: Json[], modified: Json[], mergeKey: string, path: readonly string[], retainKeys: boolean): { patch: Json[]; deletions: Json[] } {
    const patch: Json[] = [];
    const deletions: Json[] = [];
    const byKey = (list: Json[]) => [...list].sort((a, b) => compareText(goValueText(isMap(a) ? a[mergeKey] : undefined), goValueText(isMap(b) ? b[mergeKey] : undefined)));
    const originalSorted = byKey(original);
    const modifiedSorted = byKey(modified);
    let o = 0;
    let m = 0;
    while (o < originalSorted.length || m < modifiedSorted.length) {
      const originalElement = originalSorted[o];
      const modifiedElement = modifiedSorted[m];
      const originalKey = originalElement === undefined ? undefined : mergeKeyValue(originalElement, mergeKey);
      const modifiedKey = modifiedElement === undefined ? undefined : mergeKeyValue(modifiedElement, mergeKey);
      const originalText = goValueText(originalKey);
      const modifiedText = goValueText(modifiedKey);
      if (originalElement !== undefined && modifiedElement !== undefined && originalText === modifiedText) {
        const diff = this.diffMaps(originalElement as JsonMap, modifiedElement as JsonMap, path, retainKeys);
        if (Object.keys(diff).length > 0) {
          diff[mergeKey] = modifiedKey as Json;
          patch.push(diff);
        }
        o++;
        m++;
      } else if (modifiedElement !== undefined && (originalElement === undefined || originalText > modifiedText)) {
        patch.push(modifiedElement);
        m++;
      } else {
        deletions.push({ [mergeKey]: originalKey as Json, [PATCH]: 'delete' });
        o++;
      }
    }
    return { patch, deletions };
  }
}

/** hasAdditionalNewField: original holds a non-null key that modified lacks. */
function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.keys(original).some((k) => original[k] !== null && has(original, k) && !has(modified, k));
}

/** diffListsOfScalars: both lists sorted by %v and walked together. */
function diffListsOfScalars(original: Json[], modified: Json[]): { additions: Json[]; deletions: Json[]; sortedOriginal: Json[] } {
  const sortedOriginal = sortScalars(original);
  const sortedModified = sortScalars(modified);
  const additions: Json[] = [];
  const deletions: Json[] = [];
  let o = 0;
  let m = 0;
  while (o < sortedOriginal.length || m < sortedModified.length) {
    const originalText = o < sortedOriginal.length ? goValueText(sortedOriginal[o]) : undefined;
    const modifiedText = m < sortedModified.length ? goValueText(sortedModified[m]) : undefined;
    if (originalText !== undefined && originalText === modifiedText) {
      o++;
      m++;
    } else if (modifiedText !== undefined && (originalText === undefined || originalText > modifiedText)) {
      additions.push(sortedModified[m] as Json);
      m++;
    } else {
      deletions.push(sortedOriginal[o] as Json);
      o++;
    }
  }
  return { additions, deletions: deduplicateScalars(deletions), sortedOriginal };
}

/** normalizeSliceOrder: the patch's items in the order they have in the modified list. */
function normalizeSliceOrder(items: Json[], order: readonly Json[], mergeKey: string): Json[] {
  const keyOf = (v: Json): Json | undefined => (mergeKey ? (isMap(v) ? v[mergeKey] : undefined) : v);
  const position = (v: Json): number => order.findIndex((o) => goEqual(keyOf(o), keyOf(v)));
  return items
    .map((item, i) => ({ item, at: position(item), i }))
    .sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i)
    .map((e) => e.item);
}

function asJsonMap(v: unknown, what: string): JsonMap {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new StrategicMergePatchError(`invalid JSON document: ${what} is not an object`);
  return v;
}

/**
 * CreateTwoWayMergePatch(original, modified, dataStruct): `kind` stands for the Go type whose
 * struct tags give the list strategies (patch-meta.ts). Both documents are JSON objects (absent
 * reads as `{}`, as an empty document upstream). The result's JSON.stringify is the patch's bytes.
 */
export function createTwoWayMergePatch(original: unknown, modified: unknown, kind: string): JsonMap {
  const patch = new TwoWayDiff(kind).diffMaps(asJsonMap(original, 'original'), asJsonMap(modified, 'modified'), [], false);
  return sortedKeys(patch) as JsonMap;
}
