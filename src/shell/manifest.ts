/**
 * Reads manifests the way kubectl does: multi-document YAML (or JSON, which is YAML), each
 * document one object, `kind: List` unpacked. A syntax error comes back with its line and
 * column so the editor can mark the place and keep the text.
 */
import { parseAllDocuments, LineCounter } from 'yaml';
import type { KubeObject } from '../sim/watch-event';

export interface ManifestError {
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export type ManifestResult =
  | { readonly kind: 'ok'; readonly objects: KubeObject[] }
  | { readonly kind: 'error'; readonly errors: ManifestError[] };

export function parseManifests(text: string): ManifestResult {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const docs = Array.isArray(documents) ? documents : [documents];
  const errors: ManifestError[] = [];
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      errors.push({ message: `error converting YAML to JSON: yaml: line ${at.line}: ${firstLine(error.message)}`, line: at.line, column: at.col });
    }
    if (doc.errors.length) continue;
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
      for (const item of object['items'] as unknown[]) {
        const inner = checkObject(item, start.line);
        if (inner.ok) objects.push(inner.object);
        else errors.push({ message: inner.message, line: inner.line, column: 1 });
      }
    } else {
      objects.push(object);
    }
  }
  return errors.length ? { kind: 'error', errors } : { kind: 'ok', objects };
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
