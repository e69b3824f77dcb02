/**
 * The kustomization file of a directory, read as kustomize v5 reads it (api/types
 * Kustomization.Unmarshal, kusttarget.loadKustFile): the first of `kustomization.yaml`,
 * `kustomization.yml`, `Kustomization` found; YAML turned to JSON and decoded by encoding/json
 * with DisallowUnknownFields, so field names match case-insensitively (`nameprefix:` is
 * namePrefix) and an unknown one is refused; then EnforceFields, CheckEmpty, the deprecation
 * warnings and FixKustomization (bases into resources, imageTags into images).
 */
import { parseAllDocuments } from 'yaml';
import { joinPath, type FileReader } from '../file-paths';
import { jsonKind } from '../../../../sim/api/schema/type-decoding';

export type StringMap = Readonly<Record<string, string>>;

export interface GeneratorOptions {
  readonly labels?: StringMap;
  readonly annotations?: StringMap;
  readonly disableNameSuffixHash?: boolean;
  readonly immutable?: boolean;
}

export interface GeneratorArgs {
  readonly name?: string;
  readonly namespace?: string;
  readonly behavior?: string;
  readonly literals?: readonly string[];
  readonly files?: readonly string[];
  readonly envs?: readonly string[];
  readonly env?: string;
  readonly options?: GeneratorOptions;
  /** secretGenerator only. */
  readonly type?: string;
}

export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

export interface Patch {
  readonly path?: string;
  readonly patch?: string;
  readonly target?: PatchTarget;
  readonly options?: { readonly allowNameChange?: boolean; readonly allowKindChange?: boolean };
}

export interface Image {
  readonly name?: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

export interface Replica {
  readonly name?: string;
  readonly count?: number;
}

export interface Label {
  readonly pairs?: StringMap;
  readonly includeSelectors?: boolean;
  readonly includeTemplates?: boolean;
}

export interface Kustomization {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly resources: readonly string[];
  readonly namespace?: string;
  readonly namePrefix?: string;
  readonly nameSuffix?: string;
  readonly commonLabels?: StringMap;
  readonly labels?: readonly Label[];
  readonly commonAnnotations?: StringMap;
  readonly images: readonly Image[];
  readonly replicas?: readonly Replica[];
  readonly configMapGenerator?: readonly GeneratorArgs[];
  readonly secretGenerator?: readonly GeneratorArgs[];
  readonly generatorOptions?: GeneratorOptions;
  readonly patches?: readonly Patch[];
  readonly patchesStrategicMerge?: readonly string[];
  readonly patchesJson6902?: readonly Patch[];
}

/** konfig.RecognizedKustomizationFileNames, in the order they are tried. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** The Go types the decoder checks, for encoding/json's "cannot unmarshal" errors. */
type FieldType =
  | { readonly go: 'string' }
  | { readonly go: 'bool' }
  | { readonly go: 'int' }
  | { readonly go: '[]string' }
  | { readonly go: 'map[string]string' }
  | { readonly go: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, FieldType>> }
  | { readonly go: 'slice'; readonly of: FieldType & { readonly go: 'struct' } };

const STRING: FieldType = { go: 'string' };
const BOOL: FieldType = { go: 'bool' };
const STRINGS: FieldType = { go: '[]string' };
const MAP: FieldType = { go: 'map[string]string' };
const struct = (name: string, fields: Record<string, FieldType>) => ({ go: 'struct', name, fields }) as const;
const sliceOf = (of: FieldType & { go: 'struct' }): FieldType => ({ go: 'slice', of });

const GENERATOR_OPTIONS = struct('GeneratorOptions', { labels: MAP, annotations: MAP, disableNameSuffixHash: BOOL, immutable: BOOL });
const SELECTOR = struct('Selector', { group: STRING, version: STRING, kind: STRING, name: STRING, namespace: STRING, labelSelector: STRING, annotationSelector: STRING });
const PATCH = struct('Patch', { path: STRING, patch: STRING, target: SELECTOR, options: struct('PatchArgs', { allowNameChange: BOOL, allowKindChange: BOOL }) });
const GENERATOR_FIELDS = { name: STRING, namespace: STRING, behavior: STRING, literals: STRINGS, files: STRINGS, envs: STRINGS, env: STRING, options: GENERATOR_OPTIONS };
const IMAGE = struct('Image', { name: STRING, newName: STRING, newTag: STRING, digest: STRING, tagSuffix: STRING });

/** Kustomization's json tags. Those left unsimulated are listed in NOT_SIMULATED. */
const KUSTOMIZATION = struct('Kustomization', {
  apiVersion: STRING,
  kind: STRING,
  metadata: struct('ObjectMeta', { name: STRING, namespace: STRING, labels: MAP, annotations: MAP }),
  resources: STRINGS,
  bases: STRINGS,
  namespace: STRING,
  namePrefix: STRING,
  nameSuffix: STRING,
  commonLabels: MAP,
  labels: sliceOf(struct('Label', { pairs: MAP, includeSelectors: BOOL, includeTemplates: BOOL })),
  commonAnnotations: MAP,
  images: sliceOf(IMAGE),
  imageTags: sliceOf(IMAGE),
  replicas: sliceOf(struct('Replica', { name: STRING, count: { go: 'int' } })),
  configMapGenerator: sliceOf(struct('ConfigMapArgs', GENERATOR_FIELDS)),
  secretGenerator: sliceOf(struct('SecretArgs', { ...GENERATOR_FIELDS, type: STRING })),
  generatorOptions: GENERATOR_OPTIONS,
  patches: sliceOf(PATCH),
  patchesStrategicMerge: STRINGS,
  patchesJson6902: sliceOf(PATCH),
  openAPI: MAP,
  components: STRINGS,
  crds: STRINGS,
  replacements: STRINGS,
  vars: STRINGS,
  sortOptions: MAP,
  helmCharts: STRINGS,
  helmGlobals: MAP,
  helmChartInflationGenerator: STRINGS,
  configurations: STRINGS,
  generators: STRINGS,
  transformers: STRINGS,
  validators: STRINGS,
  buildMetadata: STRINGS,
});

/** Fields kustomize has that this simulation does not carry out: refused, not ignored. */
const NOT_SIMULATED = [
  'openAPI',
  'components',
  'crds',
  'replacements',
  'vars',
  'sortOptions',
  'helmCharts',
  'helmGlobals',
  'helmChartInflationGenerator',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
];

const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";
/** types.Kustomization.CheckDeprecatedFields, in its order. */
const DEPRECATED: readonly (readonly [string, string])[] = [
  ['bases', `# Warning: 'bases' is deprecated. Please use 'resources' instead. ${EDIT_FIX}`],
  ['imageTags', `# Warning: 'imageTags' is deprecated. Please use 'images' instead. ${EDIT_FIX}`],
  ['patchesJson6902', `# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`],
  ['patchesStrategicMerge', `# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`],
];

export class KustomizeError extends Error {}

/** What kustomize's loader says of a path that is not there (filesys CleanedAbs's EvalSymlinks). */
export function missingPath(path: string): string {
  return `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`;
}

/** The loader's Load of PATH relative to the kustomization directory. */
export function readRelative(reader: FileReader, dir: string, path: string): string {
  const full = joinPath(dir, path);
  try {
    if (!reader.readFile) throw new Error('no files');
    return reader.readFile(full);
  } catch {
    throw new KustomizeError(missingPath(full));
  }
}

export interface LoadedKustomization {
  readonly kustomization: Kustomization;
  readonly warnings: string[];
}

function goTypeName(t: FieldType): string {
  if (t.go === 'struct') return `types.${t.name}`;
  if (t.go === 'slice') return `[]types.${t.of.name}`;
  return t.go;
}

/**
 * encoding/json decoding of `value` into `t`, with DisallowUnknownFields. `where` is what its
 * UnmarshalTypeError names: the innermost struct's type, then the JSON keys from the top.
 */
function decode(value: unknown, t: FieldType, where: { struct: string; path: string }): unknown {
  // JSON null leaves the Go zero value.
  if (value === null) return undefined;
  const refuse = (): never => {
    throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${where.struct}.${where.path} of type ${goTypeName(t)}`);
  };
  switch (t.go) {
    case 'string':
      return typeof value === 'string' ? value : refuse();
    case 'bool':
      return typeof value === 'boolean' ? value : refuse();
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : refuse();
    case '[]string':
      if (!Array.isArray(value)) return refuse();
      return value.map((v) => (typeof v === 'string' ? v : refuse()));
    case 'map[string]string': {
      if (typeof value !== 'object' || Array.isArray(value)) return refuse();
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : refuse();
      return out;
    }
    case 'slice':
      if (!Array.isArray(value)) return refuse();
      return value.map((v) => decode(v, t.of, where));
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) return refuse();
      const out: Record<string, unknown> = {};
      const names = Object.keys(t.fields);
      for (const [key, v] of Object.entries(value)) {
        // encoding/json: an exact match first, else one that equals it ignoring case.
        const field = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
        if (!field) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`);
        const decoded = decode(v, t.fields[field] as FieldType, { struct: t.name, path: where.path ? `${where.path}.${field}` : field });
        if (decoded !== undefined) out[field] = decoded;
      }
      return out;
    }
  }
}

/** The directory's kustomization file name, or undefined when it has none. */
export function kustomizationFileIn(reader: FileReader, dir: string): string | undefined {
  const names = reader.readDir?.(dir) ?? [];
  return KUSTOMIZATION_FILE_NAMES.find((n) => names.includes(n));
}

export function loadKustomization(reader: FileReader, dir: string): LoadedKustomization {
  const fileName = kustomizationFileIn(reader, dir);
  if (!fileName || !reader.readFile) {
    throw new KustomizeError(
      `unable to find one of ${KUSTOMIZATION_FILE_NAMES.map((n) => `'${n}'`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')} in directory '${dir}'`,
    );
  }
  const text = reader.readFile(joinPath(dir, fileName));
  const docs = parseAllDocuments(text);
  const doc = Array.isArray(docs) ? docs[0] : docs;
  if (doc && doc.errors.length > 0) throw new KustomizeError(`invalid Kustomization: error converting YAML to JSON: yaml: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
  const raw: unknown = doc?.toJS() ?? {};
  const decoded = decode(raw, KUSTOMIZATION, { struct: 'Kustomization', path: '' }) as Record<string, unknown> | undefined;
  const k = decoded ?? {};
  const kind = k['kind'] as string | undefined;
  const apiVersion = k['apiVersion'] as string | undefined;
  // EnforceFields
  const enforced: string[] = [];
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') enforced.push('kind should be Kustomization or Component');
  const required = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (apiVersion !== undefined && apiVersion !== required) enforced.push(`apiVersion for ${kind ?? ''} should be ${required}`);
  if (enforced.length > 0) throw new KustomizeError(`Failed to read kustomization file under ${dir}:\n${enforced.join('\n')}`);
  if (kind === 'Component') throw new KustomizeError(`expected kind 'Kustomization' for path '${dir}' but got 'Component'`);
  if (Object.keys(k).every((key) => key === 'apiVersion' || key === 'kind')) throw new KustomizeError('kustomization.yaml is empty');
  const unsupported = NOT_SIMULATED.filter((f) => f in k);
  if (unsupported.length > 0)
    throw new KustomizeError(
      `the kustomization field${unsupported.length > 1 ? 's' : ''} ${unsupported.map((f) => `'${f}'`).join(', ')} ${unsupported.length > 1 ? 'are' : 'is'} not simulated`,
    );
  const warnings = DEPRECATED.filter(([field]) => field in k).map(([, message]) => message);
  // FixKustomization
  const kustomization: Kustomization = {
    ...(k as Partial<Kustomization>),
    resources: [...((k['resources'] as string[] | undefined) ?? []), ...((k['bases'] as string[] | undefined) ?? [])],
    images: [...((k['images'] as Image[] | undefined) ?? []), ...((k['imageTags'] as Image[] | undefined) ?? [])],
  };
  return { kustomization, warnings };
}
