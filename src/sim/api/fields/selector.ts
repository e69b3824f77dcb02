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
const field = (o: unknown, key: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined);

/** One selectable field's value, read straight from the object. */
type FieldGetter = (object: KubeObject) => string;

const podIP: FieldGetter = (o) => {
  const podIPs = field(o['status'], 'podIPs');
  return Array.isArray(podIPs) && podIPs.length ? str(field(podIPs[0], 'ip')) : str(field(o['status'], 'podIP'));
};
const spec = (key: string): FieldGetter => (o) => str(field(o['spec'], key));
const status = (key: string): FieldGetter => (o) => str(field(o['status'], key));
const top = (key: string): FieldGetter => (o) => str(o[key]);
const involved = (key: string): FieldGetter => (o) => str(field(o['involvedObject'], key));

/**
 * Each resource's selectable fields (the strategies' XToSelectableFields), as getters: a
 * selector reads only the fields it names, so testing a pod against every kubelet's
 * `spec.nodeName=<node>` builds no field set at all.
 */
const FIELDS: Readonly<Record<string, Readonly<Record<string, FieldGetter>>>> = {
  pods: {
    'spec.nodeName': spec('nodeName'),
    'spec.restartPolicy': spec('restartPolicy'),
    'spec.schedulerName': spec('schedulerName'),
    'spec.serviceAccountName': spec('serviceAccountName'),
    'spec.hostNetwork': (o) => String(field(o['spec'], 'hostNetwork') === true),
    'status.phase': status('phase'),
    'status.podIP': podIP,
    'status.podIPs': podIP,
    'status.nominatedNodeName': status('nominatedNodeName'),
  },
  nodes: { 'spec.unschedulable': (o) => String(field(o['spec'], 'unschedulable') === true) },
  events: {
    'involvedObject.kind': involved('kind'),
    'involvedObject.namespace': involved('namespace'),
    'involvedObject.name': involved('name'),
    'involvedObject.uid': involved('uid'),
    'involvedObject.apiVersion': involved('apiVersion'),
    'involvedObject.resourceVersion': involved('resourceVersion'),
    'involvedObject.fieldPath': involved('fieldPath'),
    reason: top('reason'),
    reportingComponent: top('reportingComponent'),
    // The event strategy falls back to reportingController when source.component is empty.
    source: (o) => str(field(o['source'], 'component')) || str(o['reportingComponent']),
    type: top('type'),
  },
  namespaces: { 'status.phase': status('phase') },
  secrets: { type: top('type') },
  services: { 'spec.clusterIP': spec('clusterIP'), 'spec.type': spec('type') },
  jobs: { 'status.successful': (o) => String(Number(field(o['status'], 'succeeded') ?? 0)) },
};

/** The getter of one field of a resource; undefined when the resource has no such field (it reads as ''). */
function fieldGetter(resource: string, name: string): FieldGetter | undefined {
  if (name === 'metadata.name') return (o) => str(o.metadata.name);
  if (name === 'metadata.namespace') return resource === 'nodes' || resource === 'namespaces' ? undefined : (o) => str(o.metadata.namespace);
  return FIELDS[resource]?.[name];
}

/** The object's selectable fields (pod strategy's PodToSelectableFields and the others). */
export function selectableFields(resource: string, object: KubeObject): FieldSet {
  const out: Record<string, string> = { 'metadata.name': str(object.metadata.name) };
  if (resource !== 'nodes' && resource !== 'namespaces') out['metadata.namespace'] = str(object.metadata.namespace);
  for (const [name, get] of Object.entries(FIELDS[resource] ?? {})) out[name] = get(object);
  return out;
}

/** Parse a selector for a resource and return a predicate over its objects. */
export function fieldSelectorPredicate(resource: string, text: string): (object: KubeObject) => boolean {
  const selector = parseFieldSelector(text, fieldLabelConversion(resource));
  if (selector.empty()) return () => true;
  const tests = selector.requirements.map((r) => {
    const get = fieldGetter(resource, r.field);
    const wanted = r.operator === '=';
    return (object: KubeObject) => ((get ? get(object) : '') === r.value) === wanted;
  });
  return tests.length === 1 ? (tests[0] as (object: KubeObject) => boolean) : (object) => tests.every((t) => t(object));
}
