/**
 * A kustomize build (krusty.Kustomizer.Run as kubectl 1.32 embeds sigs.k8s.io/kustomize/api v5):
 * KustTarget.AccumulateTarget for the directory — its `resources` (files, each document an
 * object and a List's items; directories, each a kustomization built on its own first), then its
 * generators, then its transformers in configureBuiltinTransformers' order (strategic merge
 * patches, patches, namespace, prefix, suffix, labels, annotations, JSON 6902 patches, replicas,
 * images) — and, once, for the whole: the hash suffixes of generated names, the back references
 * to renamed objects, and the legacy sort.
 */
import { parseAllDocuments } from 'yaml';
import { joinPath, type FileReader } from '../file-paths';
import { toKubectlYaml, type JsonValue } from '../printers/yaml';
import { contentHash, generate } from './generators';
import { KustomizeError, loadKustomization, missingPath, readRelative, type GeneratorArgs } from './kustomization';
import { legacyOrder } from './legacy-order';
import { fixBackReferences } from './name-references';
import { applyPatch, strategicMergeEntries } from './patches';
import { isMap, kindOf, metadataOf, nameOf, newResource, rename, resIdString, type KObject, type Resource } from './resource';
import { addAnnotations, addLabels, addNameAffixes, setImages, setNamespace, setReplicas } from './transformers';

export interface KustomizeResult {
  readonly objects: KObject[];
  /** The deprecation notices kustomize writes to standard error. */
  readonly warnings: string[];
}

/** The objects of one resource file. */
function fileObjects(reader: FileReader, dir: string, entry: string): KObject[] {
  let text: string;
  try {
    text = readRelative(reader, dir, entry);
  } catch (e) {
    // Not a file: kustomize then tries the path as a directory, which fails the same way.
    if (!(e instanceof KustomizeError)) throw e;
    const missing = missingPath(joinPath(dir, entry));
    throw new KustomizeError(
      `accumulating resources: accumulation err='accumulating resources from '${entry}': ${missing}': must build at directory: not a valid directory: ${missing}`,
    );
  }
  const objects: KObject[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0)
      throw new KustomizeError(
        `accumulating resources: accumulating resources from '${entry}': MalformedYAMLError: yaml: ${doc.errors[0]?.message.split('\n')[0] ?? ''} in File: ${entry}`,
      );
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isMap(value)) throw new KustomizeError(`accumulating resources: accumulating resources from '${entry}': missing Resource metadata`);
    const items = value['items'];
    if (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(items)) objects.push(...items.filter(isMap));
    else objects.push(value);
  }
  return objects;
}

/** ResAccumulator.AppendAll: an id already there is refused. */
function append(into: Resource[], r: Resource): void {
  const id = resIdString(r.object);
  if (into.some((x) => resIdString(x.object) === id)) throw new KustomizeError(`may not add resource with an already registered id: ${id}`);
  into.push(r);
}

/** generateConfigMaps / generateSecrets with the generator's behavior. */
function addGenerated(resources: Resource[], generated: Resource): void {
  const id = resIdString(generated.object);
  const existing = resources.find((r) => resIdString(r.object) === id);
  if (generated.behavior === 'create') {
    if (existing) throw new KustomizeError(`id ${JSON.stringify(id)} exists; behavior must be merge or replace`);
    resources.push(generated);
    return;
  }
  if (!existing) throw new KustomizeError(`id ${JSON.stringify(id)} does not exist; cannot merge or replace`);
  const from = generated.object;
  const to = existing.object;
  const meta = metadataOf(to);
  const fromMeta = metadataOf(from);
  // resource.CopyMergeMetaDataFieldsFrom leaves both maps set, empty or not.
  meta['labels'] = { ...(isMap(meta['labels']) ? meta['labels'] : {}), ...(isMap(fromMeta['labels']) ? fromMeta['labels'] : {}) };
  meta['annotations'] = { ...(isMap(meta['annotations']) ? meta['annotations'] : {}), ...(isMap(fromMeta['annotations']) ? fromMeta['annotations'] : {}) };
  for (const key of ['data', 'binaryData', 'stringData']) {
    const merged = generated.behavior === 'merge' ? { ...(isMap(to[key]) ? to[key] : {}), ...(isMap(from[key]) ? from[key] : {}) } : isMap(from[key]) ? from[key] : undefined;
    if (merged && Object.keys(merged).length > 0) to[key] = merged;
    else delete to[key];
  }
  existing.needsHash = existing.needsHash || generated.needsHash;
}

function accumulate(reader: FileReader, dir: string, warnings: string[], visiting: readonly string[]): Resource[] {
  const { kustomization: k, warnings: own } = loadKustomization(reader, dir);
  warnings.push(...own);
  const resources: Resource[] = [];
  for (const entry of k.resources) {
    const path = joinPath(dir, entry);
    if (reader.readDir?.(path) !== undefined) {
      if (visiting.includes(path)) throw new KustomizeError(`accumulating resources: cycle detected: candidate root '${path}' contains visited root '${dir}'`);
      let sub: Resource[];
      try {
        sub = accumulate(reader, path, warnings, [...visiting, path]);
      } catch (e) {
        throw new KustomizeError(
          `accumulating resources: accumulation err='accumulating resources from '${entry}': read ${path}: is a directory': recursed accumulation of path '${path}': ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      for (const r of sub) append(resources, r);
      continue;
    }
    for (const object of fileObjects(reader, dir, entry)) append(resources, newResource(object));
  }
  const generators: readonly [readonly GeneratorArgs[] | undefined, 'ConfigMap' | 'Secret'][] = [
    [k.configMapGenerator, 'ConfigMap'],
    [k.secretGenerator, 'Secret'],
  ];
  for (const [list, kind] of generators) for (const args of list ?? []) addGenerated(resources, generate(reader, dir, args, kind, k.generatorOptions));
  for (const p of strategicMergeEntries(reader, dir, k.patchesStrategicMerge ?? [])) applyPatch(reader, dir, resources, p);
  for (const p of k.patches ?? []) applyPatch(reader, dir, resources, p);
  setNamespace(resources, k.namespace);
  addNameAffixes(resources, k.namePrefix, k.nameSuffix);
  addLabels(resources, k);
  addAnnotations(resources, k.commonAnnotations);
  for (const p of k.patchesJson6902 ?? []) applyPatch(reader, dir, resources, p);
  setReplicas(resources, k.replicas);
  setImages(resources, k.images);
  return resources;
}

/** Run the kustomization in `dir`; a KustomizeError carries kustomize's message. */
export function kustomizeBuild(reader: FileReader, dir: string): KustomizeResult {
  const warnings: string[] = [];
  const resources = accumulate(reader, dir, warnings, [dir]);
  // kt.addHashesToNames, then ra.FixBackReferences.
  for (const r of resources) if (r.needsHash && (kindOf(r.object) === 'ConfigMap' || kindOf(r.object) === 'Secret')) rename(r, `${nameOf(r.object)}-${contentHash(r.object)}`);
  fixBackReferences(resources);
  return { objects: legacyOrder(resources).map((r) => r.object), warnings };
}

/** kustomizeBuild, with kustomize's errors as kubectl prints them (`error: ...`); other throws pass. */
export function tryKustomizeBuild(reader: FileReader, dir: string): KustomizeResult | { readonly error: string } {
  try {
    return kustomizeBuild(reader, dir);
  } catch (e) {
    if (e instanceof KustomizeError) return { error: `error: ${e.message}` };
    throw e;
  }
}

/**
 * ResMap.AsYaml: each object's JSON (keys sorted) written by go-yaml v3, which does not fold long
 * lines, `---` between them.
 */
export function kustomizeYaml(objects: readonly KObject[]): string {
  return objects.map((o) => toKubectlYaml(o as JsonValue, { fold: false })).join('---\n');
}
