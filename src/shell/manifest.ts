/**
 * Reads manifests the way kubectl does: multi-document YAML (or JSON, which is YAML), each
 * document one object, `kind: List` unpacked. A syntax error comes back with its line and
 * column so the editor can mark the place and keep the text.
 */
import { parseAllDocuments, LineCounter, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { KubeObject } from '../sim/api/kube-object';

export interface ManifestError {
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

/** Where an object of parseManifests came from in the text. */
export interface ManifestSource {
  /** The document's index among the non-empty documents, as fieldLocator counts them. */
  readonly document: number;
  /** The object's path in its document: `items[2]` for an item of a List, '' for the document itself. */
  readonly path: string;
}

export type ManifestResult =
  /** `sources[i]` is where `objects[i]` came from. */
  | { readonly kind: 'ok'; readonly objects: KubeObject[]; readonly sources: ManifestSource[] }
  | { readonly kind: 'error'; readonly errors: ManifestError[] };

export function parseManifests(text: string): ManifestResult {
  const { docs, lineCounter } = readDocuments(text);
  const errors: ManifestError[] = [];
  const objects: KubeObject[] = [];
  const sources: ManifestSource[] = [];
  let document = -1;
  for (const doc of docs) {
    // Counted before anything is skipped, with fieldLocator's test, so the two agree.
    if (!isEmptyDocument(doc)) document++;
    for (const error of doc.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      errors.push({ message: `error converting YAML to JSON: yaml: line ${at.line}: ${firstLine(error.message)}`, line: at.line, column: at.col });
    }
    if (doc.errors.length || isEmptyDocument(doc)) continue;
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const start = lineCounter.linePos(doc.range[0]);
    const checked = checkObject(value, start.line);
    if (!checked.ok) {
      errors.push({ message: checked.message, line: checked.line, column: 1 });
      continue;
    }
    const object = checked.object;
    if (object.kind.endsWith('List') && Array.isArray(object['items'])) {
      (object['items'] as unknown[]).forEach((item, i) => {
        const inner = checkObject(item, start.line);
        if (inner.ok) {
          objects.push(inner.object);
          sources.push({ document, path: `items[${i}]` });
        } else errors.push({ message: inner.message, line: inner.line, column: 1 });
      });
    } else {
      objects.push(object);
      sources.push({ document, path: '' });
    }
  }
  return errors.length ? { kind: 'error', errors } : { kind: 'ok', objects, sources };
}

function readDocuments(text: string): { docs: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  return { docs: Array.isArray(documents) ? documents : [documents], lineCounter };
}

/**
 * A document with nothing in it (`---` followed by nothing, or only by a comment) is not
 * `contents: null` but a null scalar; `~` and `null` are the same value. kubectl skips them all.
 */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && (contents.value === null || contents.value === undefined));
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

// kubectl's own messages for documents that are not objects (apimachinery's yaml decoder).
type Checked = { ok: true; object: KubeObject } | { ok: false; message: string; line: number };

function checkObject(value: unknown, line: number): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'error validating data: the document is not a Kubernetes object (expected a mapping with apiVersion and kind)', line };
  }
  const o = value as Record<string, unknown>;
  if (typeof o['apiVersion'] !== 'string' || o['apiVersion'] === '') {
    return { ok: false, message: "error validating data: apiVersion not set", line };
  }
  if (typeof o['kind'] !== 'string' || o['kind'] === '') {
    return { ok: false, message: "error validating data: kind not set", line };
  }
  if (o['metadata'] !== undefined && (typeof o['metadata'] !== 'object' || o['metadata'] === null)) {
    return { ok: false, message: 'error validating data: metadata must be a mapping', line };
  }
  return { ok: true, object: { ...(o as object), metadata: (o['metadata'] as KubeObject['metadata'] | undefined) ?? {} } as KubeObject };
}

/**
 * Where a field path from a server error (`spec.containers[0].image`) is in the manifest text:
 * the line and column of the deepest part of the path that exists in document `docIndex`
 * (a missing field points at its parent, where it should be added).
 */
export function locateFieldPath(text: string, docIndex: number, fieldPath: string): { line: number; column: number } | undefined {
  return fieldLocator(text)(docIndex, fieldPath);
}

/** locateFieldPath for many paths in one text: the text is parsed once. */
export function fieldLocator(text: string): (docIndex: number, fieldPath: string) => { line: number; column: number } | undefined {
  const { docs, lineCounter } = readDocuments(text);
  const list = docs.filter((d) => !isEmptyDocument(d));
  return (docIndex, fieldPath) => {
    const doc = list[docIndex];
    if (!doc) return undefined;
    return locateIn(doc, lineCounter, fieldPath);
  };
}

/**
 * fieldLocator by object rather than by document: `objectIndex` indexes `parseManifests(text).objects`
 * (what the server's errors are about), and an item of a List is looked for under its `items[i]`
 * in the List's document. Undefined when the text does not parse or there is no such object.
 * `parsed` is parseManifests(text) when the caller has it already.
 */
export function objectFieldLocator(text: string, parsed: ManifestResult = parseManifests(text)): (objectIndex: number, fieldPath: string) => { line: number; column: number } | undefined {
  const locate = fieldLocator(text);
  return (objectIndex, fieldPath) => {
    const source = parsed.kind === 'ok' ? parsed.sources[objectIndex] : undefined;
    if (!source) return undefined;
    return locate(source.document, source.path && fieldPath ? `${source.path}.${fieldPath}` : source.path || fieldPath);
  };
}

function locateIn(doc: { contents: unknown }, lineCounter: LineCounter, fieldPath: string): { line: number; column: number } {
  const parts = fieldPath.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = doc.contents;
  let at = lineCounter.linePos((doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0);
  for (const part of parts) {
    const index = /^\[(\d+)\]$/.exec(part);
    let next: unknown;
    let keyRange: [number, number] | undefined;
    if (index && isSeq(node)) {
      next = node.items[Number(index[1])];
      keyRange = (next as { range?: [number, number] } | undefined)?.range;
    } else if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      next = pair?.value;
      keyRange = (pair?.key as { range?: [number, number] } | null)?.range;
    }
    if (next === undefined || next === null || !keyRange) break;
    at = lineCounter.linePos(keyRange[0]);
    node = next;
  }
  return { line: at.line, column: at.col };
}
