/**
 * FieldsV1 JSON by content. The sets of every pod's kubelet, of every Event's creator, have the
 * same fields, and building the JSON of a node is far dearer than spelling out its content: a
 * node is written as a signature (whether it is a member, then each key with its length, so no
 * key can run into the next, and the identity of the key's value), and equal signatures share
 * one JSON object. The JSON is read-only, as every FieldSet node's already was once made.
 * Bounded: emptied, with the identities, at INTERNED_KEPT nodes.
 */
const interned = new Map<string, Record<string, unknown>>();
const jsonIds = new Map<object, number>();
/** Never reused: an identity names one object, even after the tables are emptied. */
let nextJsonId = 0;
const INTERNED_KEPT = 16_384;
/** A member without children (`{}`), shared by every node's JSON. */
export const LEAF: Record<string, unknown> = {};

function jsonId(json: object): number {
  let id = jsonIds.get(json);
  if (id === undefined) {
    id = nextJsonId++;
    jsonIds.set(json, id);
  }
  return id;
}

/** One key of a node's signature; a member node's signature starts with `.`. */
export function signatureEntry(key: string, value: object): string {
  return `${key.length}:${key}${jsonId(value)};`;
}

/** The JSON `{".": {}` (when `member`), then `keys[i]: values[i]` in order`}`, shared by equal signatures. */
export function internedFieldsV1(signature: string, member: boolean, keys: readonly string[], values: readonly Record<string, unknown>[]): Record<string, unknown> {
  let out = interned.get(signature);
  if (out !== undefined) return out;
  out = member ? { '.': LEAF } : {};
  for (let i = 0; i < keys.length; i++) out[keys[i] as string] = values[i];
  if (interned.size >= INTERNED_KEPT || jsonIds.size >= 4 * INTERNED_KEPT) {
    interned.clear();
    jsonIds.clear();
  }
  interned.set(signature, out);
  return out;
}
