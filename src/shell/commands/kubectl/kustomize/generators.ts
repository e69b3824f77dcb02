/**
 * configMapGenerator and secretGenerator (kustomize api/internal/generators and api/kv): the
 * key/value pairs of `envs` files, `literals` (`key=value`, surrounding quotes removed) and
 * `files` (`[key=]path`, the key the file's base name), each key checked and none repeated; the
 * object made with the generator's and the kustomization's generatorOptions (labels,
 * annotations, immutable, disableNameSuffixHash); and the content hash kustomize appends to a
 * generated name (api/hasher), computed as its encodeConfigMap/encodeSecret do: the JSON of kind,
 * type, data, binaryData/stringData and a name, which its `metadata/name` lookup never finds, so
 * that the name is always "".
 */
import { base64Encode, hex, utf8Bytes } from '../../../../sim/base64';
import { sha256 } from '../../../../sim/node/kube-proxy/sha256';
import { goJson, type JsonValue } from '../../etcdctl/go';
import type { FileReader } from '../file-paths';
import { KustomizeError, readRelative, type GeneratorArgs, type GeneratorOptions, type StringMap } from './kustomization';
import { isMap, kindOf, newResource, type KObject, type Resource } from './resource';
import { CONFIGMAP_KEY_ERROR, CONFIGMAP_KEY_RE, ENV_VAR_NAME_RE } from '../../../../sim/api/validation/name-rules';

type Pair = readonly [string, string];

/** kv.removeQuotes: one pair of matching surrounding quotes. */
function removeQuotes(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

function baseName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** kv.keyValuesFromLines: KEY=VALUE lines, blank ones and `#` comments skipped. */
function envPairs(text: string, path: string): Pair[] {
  const pairs: Pair[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '').replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_VAR_NAME_RE.test(key))
      throw new KustomizeError(
        `loading KV pairs: env source files: [${path}]: "${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`,
      );
    // A bare KEY takes its value from kustomize's own environment, which here has none.
    if (eq >= 0) pairs.push([key, line.slice(eq + 1)]);
  }
  return pairs;
}

function loadPairs(reader: FileReader, dir: string, args: GeneratorArgs): Pair[] {
  const pairs: Pair[] = [];
  for (const path of [...(args.envs ?? []), ...(args.env ? [args.env] : [])]) pairs.push(...envPairs(readRelative(reader, dir, path), path));
  for (const literal of args.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq < 0) throw new KustomizeError(`loading KV pairs: invalid literal source ${literal}, expected key=value`);
    pairs.push([literal.slice(0, eq), removeQuotes(literal.slice(eq + 1))]);
  }
  for (const source of args.files ?? []) {
    const eq = source.indexOf('=');
    const [key, path] = eq < 0 ? [baseName(source), source] : [source.slice(0, eq), source.slice(eq + 1)];
    if (eq >= 0 && (key === '' || path === '')) throw new KustomizeError(`loading KV pairs: key or file path is missing, got '${source}'`);
    pairs.push([key, readRelative(reader, dir, path)]);
  }
  return pairs;
}

/** generators.makeValidatedDataMap. */
function validatedData(reader: FileReader, dir: string, args: GeneratorArgs, kind: string): Map<string, string> {
  const data = new Map<string, string>();
  for (const [key, value] of loadPairs(reader, dir, args)) {
    if (!CONFIGMAP_KEY_RE.test(key))
      throw new KustomizeError(
        `"${key}" is not a valid key name for a ${kind}: ${CONFIGMAP_KEY_ERROR}`,
      );
    if (data.has(key)) throw new KustomizeError(`${kind.toLowerCase()} ${args.name ?? ''} illegally repeats the key \`${key}\``);
    data.set(key, value);
  }
  return data;
}

function mergedOptions(global: GeneratorOptions | undefined, own: GeneratorOptions | undefined): GeneratorOptions {
  return {
    labels: { ...(global?.labels ?? {}), ...(own?.labels ?? {}) },
    annotations: { ...(global?.annotations ?? {}), ...(own?.annotations ?? {}) },
    disableNameSuffixHash: own?.disableNameSuffixHash ?? global?.disableNameSuffixHash ?? false,
    immutable: own?.immutable ?? global?.immutable ?? false,
  };
}

const nonEmpty = (m: StringMap | undefined): StringMap | undefined => (m && Object.keys(m).length > 0 ? m : undefined);

/** A configMapGenerator or secretGenerator entry as the resource it makes. */
export function generate(reader: FileReader, dir: string, args: GeneratorArgs, kind: 'ConfigMap' | 'Secret', global: GeneratorOptions | undefined): Resource {
  if (!args.name) throw new KustomizeError(`a ${kind === 'ConfigMap' ? 'configMap' : 'secret'}Generator entry must have a name`);
  const behavior = args.behavior || 'create';
  if (!['create', 'merge', 'replace'].includes(behavior)) throw new KustomizeError(`unknown generator behavior '${behavior}'`);
  const options = mergedOptions(global, args.options);
  const entries = [...validatedData(reader, dir, args, kind)];
  const metadata: KObject = { name: args.name };
  if (args.namespace) metadata['namespace'] = args.namespace;
  if (nonEmpty(options.labels)) metadata['labels'] = { ...options.labels };
  if (nonEmpty(options.annotations)) metadata['annotations'] = { ...options.annotations };
  const object: KObject = { apiVersion: 'v1', kind, metadata };
  if (kind === 'Secret') {
    object['type'] = args.type || 'Opaque';
    if (entries.length > 0) object['data'] = Object.fromEntries(entries.map(([k, v]) => [k, base64Encode(utf8Bytes(v))]));
  } else if (entries.length > 0) {
    object['data'] = Object.fromEntries(entries);
  }
  if (options.immutable) object['immutable'] = true;
  return newResource(object, !options.disableNameSuffixHash, behavior);
}

/** encoding/json of a map: keys sorted. */
function sortedJson(m: Readonly<Record<string, unknown>>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(m).sort()) {
    const v = m[key];
    out[key] = isMap(v) ? sortedJson(v) : (v as JsonValue);
  }
  return out;
}

/** hasher.encode: the first ten hex digits of the SHA-256, with 0 1 3 a e made g h k m t. */
function encode(text: string): string {
  const swap: Readonly<Record<string, string>> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex(sha256(text)).slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** hasher.Hasher.Hash of a generated ConfigMap or Secret. */
export function contentHash(o: KObject): string {
  const value = (key: string): unknown => (o[key] === undefined ? '' : o[key]);
  const m: Record<string, unknown> =
    kindOf(o) === 'Secret' ? { kind: 'Secret', type: value('type'), name: '', data: value('data') } : { kind: 'ConfigMap', name: '', data: value('data') };
  const extra = kindOf(o) === 'Secret' ? 'stringData' : 'binaryData';
  if (isMap(o[extra])) m[extra] = o[extra];
  return encode(goJson(sortedJson(m)));
}
