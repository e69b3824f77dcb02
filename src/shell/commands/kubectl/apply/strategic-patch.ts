/**
 * The patch `kubectl apply` sends for an object that exists: apimachinery's strategic merge patch
 * CreateThreeWayMergePatch(original, modified, current) for built-in kinds. `original` is the
 * last-applied configuration, `modified` the new manifest, `current` the live object. The patch
 * holds the changes and additions from current to modified, plus the deletions from original to
 * modified (fields the user removed from the manifest, not fields others added), with the
 * strategic directives for lists merged by key: `{"$patch":"delete","name":"x"}` for a removed
 * item and `$setElementOrder/<field>` for the order of the manifest's items; and for the fields
 * tagged `patchStrategy:"retainKeys"` (a Deployment's strategy, each volume of a pod spec) the
 * `$retainKeys` list of the manifest's keys, so that the server clears the others (a defaulted
 * rollingUpdate, an emptyDir the manifest replaced).
 */
import { listStrategy } from '../../../../sim/api/patch/patch-meta';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

/** The patchMergeKey of a list field, from the same struct-tag table the apiserver merges with. */
function mergeKeyFor(kind: string, path: readonly string[]): string | undefined {
  const strategy = listStrategy(kind, path);
  // Primitive lists merged as sets (finalizers) are sent whole: still a correct patch.
  return strategy?.kind === 'merge-by-key' ? strategy.key : undefined;
}

/**
 * Whether the map at `path` (a list's path for its items) is tagged retainKeys: DeploymentSpec's
 * strategy, and PodSpec's volumes (`patchStrategy:"merge,retainKeys"`) wherever a pod spec is.
 */
function retainsKeys(kind: string, path: readonly string[]): boolean {
  if (kind === 'Deployment' && path.length === 2 && path[0] === 'spec' && path[1] === 'strategy') return true;
  return path[path.length - 1] === 'volumes' && mergeKeyFor(kind, path) === 'name';
}

function isMap(v: Json | undefined): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The same JSON whatever the order of object keys. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(sortKeys(a ?? null)) === JSON.stringify(sortKeys(b ?? null));
}

/** A JSON value with map keys sorted, as Go marshals map[string]interface{}. */
export function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k] as Json);
  return out;
}

interface DiffOptions {
  readonly kind: string;
  readonly ignoreDeletions: boolean;
  readonly ignoreChangesAndAdditions: boolean;
}

function diffLists(original: Json[], modified: Json[], key: string, path: readonly string[], opts: DiffOptions): { items: Json[]; changed: boolean } {
  const keyOf = (item: Json) => (isMap(item) ? JSON.stringify(item[key] ?? null) : undefined);
  const items: Json[] = [];
  for (const m of modified) {
    const o = original.find((x) => keyOf(x) === keyOf(m));
    if (o === undefined) {
      if (!opts.ignoreChangesAndAdditions) items.push(m);
    } else if (isMap(o) && isMap(m)) {
      const sub = diffMaps(o, m, path, opts, retainsKeys(opts.kind, path));
      if (Object.keys(sub).length > 0) items.push({ ...sub, [key]: m[key] ?? null });
    }
  }
  if (!opts.ignoreDeletions) {
    for (const o of original) {
      if (isMap(o) && !modified.some((m) => keyOf(m) === keyOf(o))) items.push({ $patch: 'delete', [key]: o[key] ?? null });
    }
  }
  return { items, changed: items.length > 0 };
}

function diffMaps(original: JsonMap, modified: JsonMap, path: readonly string[], opts: DiffOptions, retainKeys = false): JsonMap {
  const patch: JsonMap = {};
  for (const [k, m] of Object.entries(modified)) {
    if (!Object.hasOwn(original, k)) {
      if (!opts.ignoreChangesAndAdditions) patch[k] = m;
      continue;
    }
    const o = original[k] as Json;
    if (isMap(o) && isMap(m)) {
      const sub = diffMaps(o, m, [...path, k], opts, retainsKeys(opts.kind, [...path, k]));
      if (Object.keys(sub).length > 0) patch[k] = sub;
      continue;
    }
    const key = mergeKeyFor(opts.kind, [...path, k]);
    if (Array.isArray(o) && Array.isArray(m) && key && m.every(isMap) && o.every(isMap)) {
      const list = diffLists(o, m, key, [...path, k], opts);
      if (list.changed) {
        patch[k] = list.items;
        patch[`$setElementOrder/${k}`] = m.map((item) => ({ [key]: isMap(item) ? (item[key] ?? null) : null }));
      }
      continue;
    }
    if (!opts.ignoreChangesAndAdditions && !sameJson(o, m)) patch[k] = m;
  }
  if (!opts.ignoreDeletions) {
    for (const k of Object.keys(original)) if (!Object.hasOwn(modified, k)) patch[k] = null;
  }
  // diffMaps' retainKeysList: when there is a patch, or original has a field modified lacks.
  const retained = Object.keys(modified).filter((k) => modified[k] !== null);
  const dropsField = Object.keys(original).some((k) => original[k] !== null && !Object.hasOwn(modified, k));
  if (retainKeys && retained.length > 0 && (Object.keys(patch).length > 0 || dropsField)) patch['$retainKeys'] = retained.sort();
  return patch;
}

/** Merge the deletions patch into the changes patch (lists with directives concatenate). */
function mergePatches(a: JsonMap, b: JsonMap): JsonMap {
  const out: JsonMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (isMap(cur) && isMap(v)) out[k] = mergePatches(cur, v);
    else if (Array.isArray(cur) && Array.isArray(v) && !k.startsWith('$setElementOrder/') && k !== '$retainKeys') out[k] = [...cur, ...v];
    else if (cur === undefined) out[k] = v;
  }
  return out;
}

/** CreateThreeWayMergePatch for a built-in kind; `{}` when nothing is to change. */
export function threeWayMergePatch(original: unknown, modified: unknown, current: unknown): Record<string, unknown> {
  const o = (isMap(original as Json) ? original : {}) as JsonMap;
  const m = modified as JsonMap;
  const c = (isMap(current as Json) ? current : {}) as JsonMap;
  const kind = typeof m['kind'] === 'string' ? m['kind'] : '';
  const delta = diffMaps(c, m, [], { kind, ignoreDeletions: true, ignoreChangesAndAdditions: false });
  const deletions = diffMaps(o, m, [], { kind, ignoreDeletions: false, ignoreChangesAndAdditions: true });
  // A deleted list item that is gone from current too needs no directive, but kubectl still
  // sends it; keep the directive, as the patch stays correct either way.
  return sortKeys(mergePatches(delta, deletions)) as Record<string, unknown>;
}
