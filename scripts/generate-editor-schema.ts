/**
 * Generates src/ui/editor/kubernetes.schema.json: the JSON Schema the YAML editor (monaco-yaml)
 * completes, documents and checks against, offline. Its shapes are the apiserver's own field
 * schema (src/sim/api/schema/field-schema.json, `npm run generate:schema` writes both), so the
 * editor knows exactly the kinds and fields the cluster serves; the descriptions are the doc
 * comments of `kubernetes-types` (the Kubernetes OpenAPI spec's), and the required fields are
 * those it declares without `?`. Enum values are upstream's `+enum` types (ENUMS below):
 * kubernetes-types 1.30 does not carry them.
 *
 * One root schema: `oneOf` the served kinds, each with its `apiVersion` and `kind` as
 * one-value enums, so a document is checked against the kind it names. (An `if`/`then` per kind
 * would be stricter, but yaml-language-server does not complete through `then`: tried, no
 * field completions at all.) Completion may so offer a field of another kind with the same
 * parent name; validation picks the kind named.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const FIELD_SCHEMA = join(ROOT, 'src', 'sim', 'api', 'schema', 'field-schema.json');
const OUT = join(ROOT, 'src', 'ui', 'editor', 'kubernetes.schema.json');

interface FieldSchemaFile {
  readonly source: string;
  readonly kinds: Record<string, Record<string, string>>;
  readonly scalars: Record<string, string>;
  readonly opaque: string[];
  readonly types: Record<string, Record<string, string>>;
}

/** Upstream's enum types (k8s.io/api `// +enum`), by type id and field. */
const ENUMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'core/v1.Container': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'core/v1.PodSpec': { restartPolicy: ['Always', 'OnFailure', 'Never'], dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], preemptionPolicy: ['Never', 'PreemptLowerPriority'] },
  'core/v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core/v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'core/v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
  },
  'core/v1.Toleration': { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], operator: ['Exists', 'Equal'] },
  'core/v1.Taint': { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'core/v1.NodeSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'meta/v1.LabelSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  'apps/v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'apps/v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'apps/v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'batch/v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'] },
};

interface Docs {
  /** Type name to its description. */
  readonly types: Map<string, string>;
  /** `Type.field` to the field's description and whether it is required. */
  readonly fields: Map<string, { description: string; required: boolean }>;
}

function listDts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listDts(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function cleanComment(comment: string): string {
  return comment
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .join('\n')
    .trim();
}

/** The doc comments of one .d.ts module, keyed by `module.Type` and `module.Type.field`. */
function readDocs(): Docs {
  const types = new Map<string, string>();
  const fields = new Map<string, { description: string; required: boolean }>();
  for (const file of listDts(TYPES_DIR)) {
    const module = relative(TYPES_DIR, file).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
      const type = `${module}.${m[2] ?? ''}`;
      if (m[1]) types.set(type, cleanComment(m[1]));
      for (const f of (m[3] ?? '').matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?^\s+(?:readonly )?("[^"]+"|[\w$]+)(\??):/gm)) {
        const name = (f[2] ?? '').replace(/^"|"$/g, '');
        fields.set(`${type}.${name}`, { description: f[1] ? cleanComment(f[1]) : '', required: f[3] !== '?' });
      }
    }
  }
  return { types, fields };
}

type JsonSchema = Record<string, unknown>;

const definitionName = (id: string) => id.replace(/\//g, '.');

function schemaOf(ref: string, file: FieldSchemaFile): JsonSchema {
  if (ref.startsWith('[]')) return { type: 'array', items: schemaOf(ref.slice(2), file) };
  if (ref.startsWith('{}')) return { type: 'object', additionalProperties: schemaOf(ref.slice(2), file) };
  if (file.opaque.includes(ref)) return {};
  if (Object.hasOwn(file.types, ref)) return { $ref: `#/definitions/${definitionName(ref)}` };
  switch (ref) {
    case 'string':
    case 'Time':
    case 'MicroTime':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    // `port: 80` or `port: http`; `cpu: 1` or `cpu: 100m`.
    case 'IntOrString':
    case 'Quantity':
      return { type: ['string', 'number'] };
    default:
      throw new Error(`unknown type reference ${ref}`);
  }
}

const file = JSON.parse(readFileSync(FIELD_SCHEMA, 'utf8')) as FieldSchemaFile;
const docs = readDocs();

for (const [id, fields] of Object.entries(ENUMS)) {
  for (const field of Object.keys(fields)) {
    if (file.types[id]?.[field] !== 'string') throw new Error(`ENUMS: ${id}.${field} is not a string field of the served types`);
  }
}

const definitions: Record<string, JsonSchema> = {};
for (const [id, fields] of Object.entries(file.types)) {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, ref] of Object.entries(fields)) {
    const doc = docs.fields.get(`${id}.${name}`);
    const enumValues = ENUMS[id]?.[name];
    properties[name] = { ...schemaOf(ref, file), ...(doc?.description ? { description: doc.description } : {}), ...(enumValues ? { enum: enumValues } : {}) };
    // apiVersion and kind are required of a root object by the kind's own entry below.
    if (doc?.required && name !== 'apiVersion' && name !== 'kind') required.push(name);
  }
  const description = docs.types.get(id);
  definitions[definitionName(id)] = {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

const kinds: JsonSchema[] = [];
for (const [apiVersion, byKind] of Object.entries(file.kinds)) {
  for (const [kind, id] of Object.entries(byKind)) {
    const name = `${definitionName(id)}.${apiVersion.replace(/\//g, '.')}`;
    const base = definitions[definitionName(id)] as JsonSchema & { properties: Record<string, JsonSchema> };
    // The root of a kind: its own apiVersion and kind, so `oneOf` tells the kinds apart.
    definitions[name] = {
      ...base,
      // What completion calls the kind at the top of an empty document.
      title: `${kind} (${apiVersion})`,
      properties: {
        ...base.properties,
        apiVersion: { ...base.properties['apiVersion'], type: 'string', enum: [apiVersion] },
        kind: { ...base.properties['kind'], type: 'string', enum: [kind] },
      },
      required: ['apiVersion', 'kind', ...((base['required'] as string[] | undefined) ?? [])],
    };
    kinds.push({ $ref: `#/definitions/${name}` });
  }
}

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes objects this cluster serves',
  description: `Generated by scripts/generate-editor-schema.ts from the apiserver's field schema and ${file.source}.`,
  oneOf: kinds,
  definitions,
};
mkdirSync(dirname(OUT), { recursive: true });
const json = `${JSON.stringify(schema)}\n`;
writeFileSync(OUT, json);
console.log(`wrote ${relative(ROOT, OUT)}: ${kinds.length} kinds, ${Object.keys(definitions).length} definitions, ${json.length} bytes`);
