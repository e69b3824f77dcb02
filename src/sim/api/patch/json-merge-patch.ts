/**
 * JSON merge patch (RFC 7386), what `kubectl patch --type=merge` sends as
 * application/merge-patch+json: objects merge key by key, null deletes a key, and anything else
 * (lists included) replaces the target's value.
 */

type Json = unknown;

const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  // for-in: the patch's keys in Object.entries order, without the entry arrays.
  for (const k in patch) {
    const v = patch[k];
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** CreateMergePatch: the patch that turns `original` into `modified` (used by tests and kubectl-like callers). */
export function createMergePatch(original: Json, modified: Json): Json {
  if (!isMap(original) || !isMap(modified)) return modified;
  const patch: Record<string, Json> = {};
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  for (const [k, v] of Object.entries(modified)) {
    const o = original[k];
    if (JSON.stringify(o) === JSON.stringify(v)) continue;
    patch[k] = isMap(o) && isMap(v) ? createMergePatch(o, v) : v;
  }
  return patch;
}
