/**
 * JSON patch (RFC 6902), what `kubectl patch --type=json` sends as application/json-patch+json:
 * a list of add, remove, replace, move, copy and test operations on JSON pointers (RFC 6901).
 * Errors are worded as github.com/evanphx/json-patch (the library the apiserver uses) words them.
 */

type Json = unknown;

export class JsonPatchError extends Error {
  constructor(
    message: string,
    /** 'decode': the patch itself is malformed (400); 'apply': it does not fit the object (422). */
    readonly phase: 'decode' | 'apply',
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** RFC 6901: `/a/b~1c/0` -> ['a', 'b/c', '0']. */
function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(pointer)}`, 'apply');
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, forInsert: boolean): number {
  if (forInsert && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new JsonPatchError(`Unable to access invalid index: ${token}: invalid index referenced`, 'apply');
  const i = Number(token);
  if (i > length || (!forInsert && i >= length)) throw new JsonPatchError(`Unable to access invalid index: ${i}: invalid index referenced`, 'apply');
  return i;
}

/** The container (object or array) that holds the pointer's last token. */
function parentOf(doc: Json, tokens: string[], op: string, path: string): Json {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)];
    else if (isMap(cur) && t in cur) cur = cur[t];
    else throw new JsonPatchError(`${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`, 'apply');
  }
  if (!Array.isArray(cur) && !isMap(cur)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`, 'apply');
  return cur;
}

function getValue(doc: Json, path: string, op: string): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, op, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) return parent[arrayIndex(last, parent.length, false)];
  const p = parent as Record<string, Json>;
  if (!(last in p)) throw new JsonPatchError(`${op} operation does not apply: doc is missing key: ${path}: missing value`, 'apply');
  return p[last];
}

function add(doc: Json, path: string, value: Json, op = 'add'): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, op, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else (parent as Record<string, Json>)[last] = value;
  return doc;
}

function remove(doc: Json, path: string, op = 'remove'): Json {
  const tokens = parsePointer(path);
  const parent = parentOf(doc, tokens, op, path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(last, parent.length, false), 1);
  } else {
    const p = parent as Record<string, Json>;
    if (!(last in p)) throw new JsonPatchError(`Unable to remove nonexistent key: ${last}: missing value`, 'apply');
    delete p[last];
  }
  return doc;
}

function replace(doc: Json, path: string, value: Json): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, 'replace', path);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) {
    parent[arrayIndex(last, parent.length, false)] = value;
  } else {
    const p = parent as Record<string, Json>;
    if (!(last in p)) throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`, 'apply');
    p[last] = value;
  }
  return doc;
}

/** DecodePatch: the body must be a list of operations. */
export function decodeJsonPatch(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 'decode');
  return patch.map((p) => {
    if (!isMap(p)) throw new JsonPatchError('json: cannot unmarshal non-object into Go value of type jsonpatch.Operation', 'decode');
    return p as unknown as JsonPatchOperation;
  });
}

export function applyJsonPatch(document: Json, patch: unknown): Json {
  let doc = clone(document);
  for (const operation of decodeJsonPatch(patch)) {
    const { op, path } = operation;
    if (typeof path !== 'string') throw new JsonPatchError(`${op} operation missing path`, 'apply');
    switch (op) {
      case 'add':
        if (!('value' in operation)) throw new JsonPatchError('add operation missing value', 'apply');
        doc = add(doc, path, clone(operation.value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace':
        if (!('value' in operation)) throw new JsonPatchError('replace operation missing value', 'apply');
        doc = replace(doc, path, clone(operation.value));
        break;
      case 'move': {
        const from = operation.from ?? '';
        const value = getValue(doc, from, 'move');
        doc = remove(doc, from, 'move');
        doc = add(doc, path, value, 'move');
        break;
      }
      case 'copy':
        doc = add(doc, path, clone(getValue(doc, operation.from ?? '', 'copy')), 'copy');
        break;
      case 'test': {
        const actual = getValue(doc, path, 'test');
        if (JSON.stringify(actual) !== JSON.stringify(operation.value)) throw new JsonPatchError(`testing value ${path} failed: test failed`, 'apply');
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`, 'apply');
    }
  }
  return doc;
}
