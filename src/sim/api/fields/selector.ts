/**
 * Field selectors as k8s.io/apimachinery pkg/fields/selector.go parses them (fields.ParseSelector:
 * `a=b`, `a==b`, `a!=b` joined by commas, `\,` `\=` `\\` escapes), and the per-kind field labels
 * the apiserver accepts (the AddFieldLabelConversionFunc tables of pkg/apis/<group>/v1) with the
 * values each object offers for them (the strategies' ToSelectableFields). A label a kind does
 * not support is rejected with upstream's message (`field label not supported: spec.foo`).
 */
import { goQuote } from '../field-errors';
import type { KubeObject } from '../kube-object';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export class FieldSelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorParseError';
  }
}

/** Selectable fields of one object: field label -> value (fields.Set). */
export type FieldSet = Readonly<Record<string, string>>;

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  empty(): boolean {
    return this.requirements.length === 0;
  }

  /** A missing field reads as '' (fields.Set.Get). */
  matches(fields: FieldSet): boolean {
    return this.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '='));
  }

  /** The value the selector requires for a field, if it requires one exactly (RequiresExactMatch). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

/** fields.EscapeValue. */
export function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** fields.UnescapeValue: Go prints the offending rune with %v, i.e. as its number. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new FieldSelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new FieldSelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: commas not escaped by a backslash separate terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/** splitTerm: the leftmost operator splits a term. */
function splitTerm(term: string): { lhs: string; op: (typeof TERM_OPERATORS)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** A field-label conversion: the label to use, or an error message. */
export type FieldLabelConversion = (label: string) => string | { error: string };

/** fields.ParseSelector, then each term through the kind's label conversion (ParseAndTransformSelector). */
export function parseFieldSelector(selector: string, convert: FieldLabelConversion = (l) => l): FieldSelector {
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (!term) throw new FieldSelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    reqs.push({ field: term.lhs, operator: term.op === '!=' ? '!=' : '=', value: unescapeValue(term.rhs) });
  }
  const converted: FieldRequirement[] = [];
  for (const r of reqs) {
    const field = convert(r.field);
    if (typeof field !== 'string') throw new FieldSelectorParseError(field.error);
    // A term whose label and value are both empty selects everything (Transform).
    if (field === '' && r.value === '') continue;
    converted.push({ ...r, field });
  }
  return new FieldSelector(converted);
}

// ---------------------------------------------------------------------------------------------
// Per-resource field labels

const unsupported = (label: string): { error: string } => ({ error: `field label not supported: ${label}` });

function allowList(labels: readonly string[], aliases: Readonly<Record<string, string>> = {}): FieldLabelConversion {
  const allowed = new Set(labels);
  return (label) => (allowed.has(label) ? label : (aliases[label] ?? unsupported(label)));
}

/** runtime.DefaultMetaV1FieldSelectorConversion: what kinds without their own table accept. */
const defaultConversion: FieldLabelConversion = (label) =>
  label === 'metadata.name' || label === 'metadata.namespace'
    ? label
    : { error: `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"` };

const CONVERSIONS: Readonly<Record<string, FieldLabelConversion>> = {
  pods: allowList(
    [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    // Old v1 clients send spec.host.
    { 'spec.host': 'spec.nodeName' },
  ),
  nodes: allowList(['metadata.name', 'spec.unschedulable']),
  events: allowList([
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'metadata.namespace',
    'metadata.name',
  ]),
  namespaces: allowList(['status.phase', 'metadata.name']),
  secrets: allowList(['type', 'metadata.namespace', 'metadata.name']),
  services: allowList(['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type']),
  jobs: allowList(['metadata.name', 'metadata.namespace', 'status.successful']),
};

export function fieldLabelConversion(resource: string): FieldLabelConversion {
  return CONVERSIONS[resource] ?? defaultConversion;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), o);

/** The object's selectable fields (pod strategy's PodToSelectableFields and the others). */
export function selectableFields(resource: string, object: KubeObject): FieldSet {
  const meta: Record<string, string> = { 'metadata.name': str(object.metadata.name) };
  if (resource !== 'nodes' && resource !== 'namespaces') meta['metadata.namespace'] = str(object.metadata.namespace);
  switch (resource) {
    case 'pods': {
      const podIPs = get(object, 'status', 'podIPs');
      const firstIP = Array.isArray(podIPs) && podIPs.length ? str(get(podIPs[0], 'ip')) : str(get(object, 'status', 'podIP'));
      return {
        ...meta,
        'spec.nodeName': str(get(object, 'spec', 'nodeName')),
        'spec.restartPolicy': str(get(object, 'spec', 'restartPolicy')),
        'spec.schedulerName': str(get(object, 'spec', 'schedulerName')),
        'spec.serviceAccountName': str(get(object, 'spec', 'serviceAccountName')),
        'spec.hostNetwork': String(get(object, 'spec', 'hostNetwork') === true),
        'status.phase': str(get(object, 'status', 'phase')),
        'status.podIP': firstIP,
        'status.podIPs': firstIP,
        'status.nominatedNodeName': str(get(object, 'status', 'nominatedNodeName')),
      };
    }
    case 'nodes':
      return { ...meta, 'spec.unschedulable': String(get(object, 'spec', 'unschedulable') === true) };
    case 'events': {
      const involved = (object['involvedObject'] ?? {}) as Record<string, unknown>;
      return {
        ...meta,
        'involvedObject.kind': str(involved['kind']),
        'involvedObject.namespace': str(involved['namespace']),
        'involvedObject.name': str(involved['name']),
        'involvedObject.uid': str(involved['uid']),
        'involvedObject.apiVersion': str(involved['apiVersion']),
        'involvedObject.resourceVersion': str(involved['resourceVersion']),
        'involvedObject.fieldPath': str(involved['fieldPath']),
        reason: str(object['reason']),
        reportingComponent: str(object['reportingComponent']),
        // The event strategy falls back to reportingController when source.component is empty.
        source: str(get(object, 'source', 'component')) || str(object['reportingComponent']),
        type: str(object['type']),
      };
    }
    case 'namespaces':
      return { ...meta, 'status.phase': str(get(object, 'status', 'phase')) };
    case 'secrets':
      return { ...meta, type: str(object['type']) };
    case 'services':
      return { ...meta, 'spec.clusterIP': str(get(object, 'spec', 'clusterIP')), 'spec.type': str(get(object, 'spec', 'type')) };
    case 'jobs':
      return { ...meta, 'status.successful': String(Number(get(object, 'status', 'succeeded') ?? 0)) };
    default:
      return meta;
  }
}

/**
 * Each object's fields, computed once however many watchers test it: every kubelet watches pods
 * with `spec.nodeName=<node>`, so a pod event is tested once per node. Stored objects are never
 * changed in place (a write makes a new object), so the object itself is the key.
 */
const fieldsOf = new WeakMap<KubeObject, FieldSet>();

function cachedSelectableFields(resource: string, object: KubeObject): FieldSet {
  let fields = fieldsOf.get(object);
  if (fields === undefined) {
    fields = selectableFields(resource, object);
    fieldsOf.set(object, fields);
  }
  return fields;
}

/** Parse a selector for a resource and return a predicate over its objects. */
export function fieldSelectorPredicate(resource: string, text: string): (object: KubeObject) => boolean {
  const selector = parseFieldSelector(text, fieldLabelConversion(resource));
  if (selector.empty()) return () => true;
  return (object) => selector.matches(cachedSelectableFields(resource, object));
}
