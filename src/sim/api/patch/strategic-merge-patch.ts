/**
 * Strategic merge patch (k8s.io/apimachinery pkg/util/strategicpatch), what `kubectl patch` and
 * `kubectl apply` send as application/strategic-merge-patch+json. Like a JSON merge patch, but
 * lists tagged with a merge key merge element by element (`containers` by name, `ports` by
 * containerPort, `env` by name, `volumeMounts` by mountPath ...), finalizers merge as a set, and
 * the directives `$patch: replace|delete|merge`, `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` are honoured.
 */
import { listStrategy } from './patch-meta';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList/';

export class StrategicMergePatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategicMergePatchError';
  }
}

/** Go's %v of a map, as upstream's "does not contain declared merge key" error prints it. */
function goMapText(m: JsonMap): string {
  const keys = Object.keys(m).sort();
  return `map[${keys.map((k) => `${k}:${isMap(m[k]) ? goMapText(m[k] as JsonMap) : Array.isArray(m[k]) ? `[${(m[k] as Json[]).join(' ')}]` : String(m[k])}`).join(' ')}]`;
}

/** A value from a patch with every directive removed: what it becomes when nothing is there to merge with. */
function stripDirectives(v: Json, keepNulls = false): Json {
  if (Array.isArray(v)) return v.filter((e) => !(isMap(e) && Object.keys(e).length === 1 && e[PATCH] !== undefined)).map((e) => stripDirectives(e, keepNulls));
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === PATCH || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVES)) continue;
    if (val === null && !keepNulls) continue;
    out[k] = stripDirectives(val, keepNulls);
  }
  return out;
}

/** Equal as JSON: scalars by value (no text made for them: merge keys are mostly strings), objects by their text. */
const sameKey = (a: Json, b: Json): boolean => a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

function mergeKeyOf(element: Json, key: string): Json {
  if (!isMap(element)) throw new StrategicMergePatchError(`map: ${String(element)} does not contain declared merge key: ${key}`);
  if (!(key in element)) throw new StrategicMergePatchError(`map: ${goMapText(element)} does not contain declared merge key: ${key}`);
  return element[key];
}

class Merger {
  constructor(private readonly kind: string) {}

  /** Returns undefined when the patch deletes the map. */
  mergeMap(original: Json, patch: JsonMap, path: readonly string[]): Json {
    const directive = patch[PATCH];
    if (directive === 'delete') return undefined;
    if (directive === 'replace') return stripDirectives(patch);
    if (directive !== undefined && directive !== 'merge') throw new StrategicMergePatchError(`Unknown patch type: ${String(directive)} in map: ${goMapText(patch)}`);

    const out: JsonMap = isMap(original) ? { ...original } : {};
    const orders: [string, Json[]][] = [];
    const deletions: [string, Json[]][] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (k === PATCH || k === RETAIN_KEYS) continue;
      if (k.startsWith(SET_ORDER)) {
        orders.push([k.slice(SET_ORDER.length), Array.isArray(v) ? v : []]);
        continue;
      }
      if (k.startsWith(DELETE_PRIMITIVES)) {
        deletions.push([k.slice(DELETE_PRIMITIVES.length), Array.isArray(v) ? v : []]);
        continue;
      }
      if (v === null) {
        delete out[k];
      } else if (isMap(v)) {
        const merged = this.mergeMap(out[k], v, [...path, k]);
        if (merged === undefined) delete out[k];
        else out[k] = merged;
      } else if (Array.isArray(v)) {
        out[k] = this.mergeList(out[k], v, [...path, k]);
      } else {
        out[k] = v;
      }
    }
    for (const [k, values] of deletions) {
      if (Array.isArray(out[k])) out[k] = (out[k] as Json[]).filter((e) => !values.some((d) => sameKey(d, e)));
    }
    for (const [k, order] of orders) {
      if (Array.isArray(out[k])) out[k] = this.orderList(out[k] as Json[], order, [...path, k]);
    }
    const retain = patch[RETAIN_KEYS];
    if (Array.isArray(retain)) {
      const keep = new Set(retain.map(String));
      for (const k of Object.keys(out)) if (!keep.has(k) && !(k in patch)) delete out[k];
    }
    return out;
  }

  mergeList(original: Json, patch: Json[], path: readonly string[]): Json[] {
    const strategy = listStrategy(this.kind, path);
    if (!strategy) return stripDirectives(patch) as Json[];
    const base = Array.isArray(original) ? original : [];
    if (patch.some((e) => isMap(e) && e[PATCH] === 'replace' && Object.keys(e).length === 1)) {
      return stripDirectives(patch.filter((e) => !(isMap(e) && e[PATCH] === 'replace'))) as Json[];
    }
    if (strategy.kind === 'merge-primitives') {
      const out = [...base];
      for (const v of patch) if (!out.some((e) => sameKey(e, v))) out.push(v);
      return out;
    }
    const out = [...base];
    for (const element of patch) {
      const key = mergeKeyOf(element, strategy.key);
      const index = out.findIndex((e) => isMap(e) && sameKey(e[strategy.key], key));
      const el = element as JsonMap;
      if (el[PATCH] === 'delete') {
        if (index >= 0) out.splice(index, 1);
        continue;
      }
      if (index >= 0) {
        const merged = this.mergeMap(out[index], el, path);
        if (merged === undefined) out.splice(index, 1);
        else out[index] = merged;
      } else {
        // mergeSliceWithoutSpecialElements appends a new item as the patch has it: its nulls stay
        // (a condition's `lastProbeTime: null`, which the typed decode keeps as a zero metav1.Time).
        out.push(stripDirectives(el, true));
      }
    }
    return out;
  }

  /** $setElementOrder: the listed elements in the listed order, the others after them as they were. */
  private orderList(items: Json[], order: Json[], path: readonly string[]): Json[] {
    const strategy = listStrategy(this.kind, path);
    const keyOf = (e: Json): Json => (strategy?.kind === 'merge-by-key' && isMap(e) ? e[strategy.key] : e);
    const orderKeys = order.map((o) => (strategy?.kind === 'merge-by-key' && isMap(o) ? o[strategy.key] : o));
    const position = (e: Json): number => orderKeys.findIndex((k) => sameKey(k, keyOf(e)));
    // Each item's place worked out once (the sort would ask again for every comparison).
    const places = items.map((e, i) => ({ e, i, p: position(e) }));
    const listed = places.filter((x) => x.p >= 0).sort((a, b) => a.p - b.p || a.i - b.i);
    return [...listed.map((x) => x.e), ...places.filter((x) => x.p < 0).map((x) => x.e)];
  }
}

/**
 * StrategicMergePatch(original, patch, schema): `kind` selects the merge keys. The patch must be a
 * JSON object.
 */
export function applyStrategicMergePatch(original: Json, patch: Json, kind: string): Json {
  if (!isMap(patch)) throw new StrategicMergePatchError('invalid JSON document');
  const merged = new Merger(kind).mergeMap(original, patch, []);
  return merged === undefined ? {} : merged;
}
