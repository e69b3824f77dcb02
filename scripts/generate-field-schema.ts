/**
 * Generates src/sim/api/schema/field-schema.json: the fields every Kubernetes type we serve has,
 * read from the `kubernetes-types` package (TypeScript declarations generated from the real
 * Kubernetes OpenAPI spec). The apiserver's strict field validation (`?fieldValidation=Strict`)
 * walks objects against it to find unknown fields, as sigs.k8s.io/json does against the Go structs.
 *
 * Run with `npm run generate:schema`. Only the kinds in src/sim/api/resources.ts and the types they
 * reach are written, so the JSON stays small.
 *
 * Type references in the output:
 *   - a type id (`core/v1.PodSpec`): an object with the fields listed under `types`;
 *   - `[]X`: an array of X; `{}X`: a map from any string key to X;
 *   - a scalar: `string`, `number`, `boolean`, `IntOrString` (`number | string`), or a named
 *     string alias (`Quantity`, `Time`, `MicroTime`);
 *   - an opaque id listed under `opaque` (RawExtension, FieldsV1, JSON): anything goes, the Go type
 *     unmarshals it itself, like `x-kubernetes-preserve-unknown-fields`.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OTHER_VERSIONS, RESOURCES, apiVersionOf } from '../src/sim/api/resources';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const OUT = join(ROOT, 'src', 'sim', 'api', 'schema', 'field-schema.json');

/** Empty interfaces whose Go types have their own UnmarshalJSON and accept any JSON. */
const OPAQUE = new Set(['runtime.RawExtension', 'meta/v1.FieldsV1', 'apiextensions/v1.JSON']);

/**
 * Fields the real types have but kubernetes-types 1.30.0 lacks: its generator drops fields whose
 * description contains a comment terminator (ResourceRule.resources documents a star-slash subresource pattern), and
 * the field declared after it with it. Added back here; the generator fails once the package has
 * them, so this list cannot go stale silently.
 */
const MISSING_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // k8s.io/api authorization/v1 types.go: ResourceRule{Verbs, APIGroups, Resources, ResourceNames}
  'authorization/v1.ResourceRule': { verbs: 'Array<string>', resources: 'Array<string>' },
};

interface Interface {
  readonly fields: [name: string, type: string][];
}

interface Module {
  /** Interfaces declared here, by name: their fields with the raw TypeScript type text. */
  readonly interfaces: Map<string, Interface>;
  /** `export type X = string`: aliases, by name, to their TypeScript type text. */
  readonly aliases: Map<string, string>;
  /** Names imported from other modules: local name to module id. */
  readonly imports: Map<string, string>;
}

/** Module id of a .d.ts path: `core/v1`, `meta/v1`, `runtime`, `api/resource`. */
function moduleId(file: string): string {
  return relative(TYPES_DIR, file).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
}

function listDts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listDts(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Drops /** ... *\/ comments, which hold braces and colons in prose. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '');
}

function parseModule(file: string): Module {
  const id = moduleId(file);
  const text = stripComments(readFileSync(file, 'utf8'));
  const interfaces = new Map<string, Interface>();
  const aliases = new Map<string, string>();
  const imports = new Map<string, string>();

  for (const m of text.matchAll(/^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";/gm)) {
    const target = join(id, '..', m[2] ?? '').replace(/\\/g, '/');
    for (const name of (m[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) imports.set(name, target);
  }
  for (const m of text.matchAll(/^export type (\w+) = ([^;]+);/gm)) aliases.set(m[1] ?? '', (m[2] ?? '').trim());

  // Interfaces: the body runs to the first `}` at column 0 (inner map types are indented).
  for (const m of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const body = (m[2] ?? '').replace(/\{\s*\[name: string\]:\s*([^;]+);\s*\}/g, '{[name: string]: $1}');
    const fields: [string, string][] = [];
    for (const f of body.matchAll(/^\s+(?:readonly )?("[^"]+"|[\w$]+)\??:\s*(.+);\s*$/gm)) {
      fields.push([(f[1] ?? '').replace(/^"|"$/g, ''), (f[2] ?? '').trim()]);
    }
    interfaces.set(m[1] ?? '', { fields });
  }
  return { interfaces, aliases, imports };
}

const modules = new Map<string, Module>(listDts(TYPES_DIR).map((file) => [moduleId(file), parseModule(file)]));

/** Where a name used in module `from` is declared: its module id, or undefined. */
function resolveName(from: string, name: string): string | undefined {
  const mod = modules.get(from);
  if (!mod) return undefined;
  if (mod.interfaces.has(name) || mod.aliases.has(name)) return from;
  return mod.imports.get(name);
}

const SCALARS = new Set(['string', 'number', 'boolean']);
const types: Record<string, Record<string, string>> = {};
const scalars: Record<string, string> = { IntOrString: 'number | string' };
const opaque = new Set<string>();
const pending: string[] = [];

/** Turns a TypeScript type text in module `from` into a schema type reference, queueing new types. */
function typeRef(from: string, ts: string): string {
  const t = ts.trim();
  const array = /^Array<(.+)>$/.exec(t);
  if (array) return `[]${typeRef(from, array[1] ?? '')}`;
  const map = /^\{\[name: string\]: (.+)\}$/.exec(t);
  if (map) return `{}${typeRef(from, map[1] ?? '')}`;
  if (SCALARS.has(t)) return t;
  if (t === 'number | string') return 'IntOrString';
  if (/^"[^"]*"$/.test(t)) return 'string'; // apiVersion / kind literals
  if (!/^\w+$/.test(t)) throw new Error(`${from}: unsupported type expression: ${t}`);

  const owner = resolveName(from, t);
  const mod = owner === undefined ? undefined : modules.get(owner);
  if (!owner || !mod) throw new Error(`${from}: cannot resolve type ${t}`);
  const alias = mod.aliases.get(t);
  if (alias !== undefined) {
    if (!SCALARS.has(alias)) throw new Error(`${owner}.${t}: unsupported alias of ${alias}`);
    scalars[t] = alias;
    return t;
  }
  const id = `${owner}.${t}`;
  const iface = mod.interfaces.get(t);
  if (!iface) throw new Error(`${owner}: no interface ${t}`);
  if (iface.fields.length === 0) {
    if (!OPAQUE.has(id)) throw new Error(`${id}: empty interface not known to accept anything; add it to OPAQUE if its Go type unmarshals itself`);
    opaque.add(id);
    return id;
  }
  if (!(id in types) && !pending.includes(id)) pending.push(id);
  return id;
}

/** The root type of each served kind, found by its `apiVersion` and `kind` literal fields. */
function findKind(apiVersion: string, kind: string): string {
  for (const [id, mod] of modules) {
    for (const [name, iface] of mod.interfaces) {
      const fields = new Map(iface.fields);
      if (fields.get('apiVersion') === `"${apiVersion}"` && fields.get('kind') === `"${kind}"`) return `${id}.${name}`;
    }
  }
  throw new Error(`no type for ${apiVersion} ${kind} in kubernetes-types`);
}

const kinds: Record<string, Record<string, string>> = {};
for (const info of [...RESOURCES, ...OTHER_VERSIONS]) {
  const apiVersion = apiVersionOf(info);
  const id = findKind(apiVersion, info.kind);
  (kinds[apiVersion] ??= {})[info.kind] = id;
  pending.push(id);
}

while (pending.length > 0) {
  const id = pending.shift() as string;
  if (id in types) continue;
  const dot = id.lastIndexOf('.');
  const owner = id.slice(0, dot);
  const iface = modules.get(owner)?.interfaces.get(id.slice(dot + 1));
  if (!iface) throw new Error(`lost type ${id}`);
  const declared = [...iface.fields];
  for (const [name, ts] of Object.entries(MISSING_FIELDS[id] ?? {})) {
    if (declared.some(([n]) => n === name)) throw new Error(`${id}.${name} is in kubernetes-types now: drop it from MISSING_FIELDS`);
    declared.push([name, ts]);
  }
  const fields: Record<string, string> = {};
  for (const [name, ts] of declared.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) fields[name] = typeRef(owner, ts);
  types[id] = fields;
}

const sortedTypes = Object.fromEntries(Object.keys(types).sort().map((id) => [id, types[id]]));
const schema = {
  source: `kubernetes-types ${(JSON.parse(readFileSync(join(TYPES_DIR, 'package.json'), 'utf8')) as { version: string }).version}`,
  kinds,
  scalars,
  opaque: [...opaque].sort(),
  types: sortedTypes,
};
mkdirSync(dirname(OUT), { recursive: true });
// One type per line: small, and diffs stay readable when kubernetes-types is bumped.
const lines = Object.entries(sortedTypes).map(([id, fields]) => `    ${JSON.stringify(id)}: ${JSON.stringify(fields)}`);
const json = [
  '{',
  `  "source": ${JSON.stringify(schema.source)},`,
  `  "kinds": ${JSON.stringify(schema.kinds)},`,
  `  "scalars": ${JSON.stringify(schema.scalars)},`,
  `  "opaque": ${JSON.stringify(schema.opaque)},`,
  '  "types": {',
  lines.join(',\n'),
  '  }',
  '}',
  '',
].join('\n');
writeFileSync(OUT, json);
console.log(`wrote ${relative(ROOT, OUT)}: ${Object.keys(types).length} types, ${RESOURCES.length} kinds, ${json.length} bytes`);
