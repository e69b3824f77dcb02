/**
 * kustomize's patch transformers: `patches` (PatchTransformer), `patchesStrategicMerge` and
 * `patchesJson6902`. A patch's text (inline, or the file at `path`) is a strategic merge patch
 * when it reads as objects and a JSON 6902 patch when it reads as a list of operations. Without
 * a target a strategic merge patch goes to the resource with its own id (any name the resource
 * has had; its namespace, empty meaning default); with one, to every resource the Selector
 * picks (group, version, kind exactly; name and namespace as anchored regular expressions
 * against the original and the current id; label and annotation selectors). A JSON patch needs
 * a target. `$patch: delete` as a patch's top level removes the resource.
 */
import { parseAllDocuments } from 'yaml';
import { tryParseSelector, SelectorParseError } from '../../../../sim/api/labels/selector';
import { applyJsonPatch, applyStrategicMergePatch } from '../../../../sim/api/patch';
import type { FileReader } from '../file-paths';
import { KustomizeError, readRelative, type Patch, type PatchTarget } from './kustomization';
import { effectiveNamespace, groupVersionOf, isMap, kindOf, metadataOf, nameOf, resIdString, rename, type KObject, type Resource } from './resource';

type Parsed = { readonly kind: 'strategic'; readonly patches: KObject[] } | { readonly kind: 'json'; readonly operations: unknown[] };

function patchText(reader: FileReader, dir: string, p: Patch): string {
  if (p.patch !== undefined && p.path !== undefined) throw new KustomizeError(`patch and path can't be set at the same time`);
  if (p.path !== undefined) return readRelative(reader, dir, p.path);
  if (p.patch === undefined || p.patch === '') throw new KustomizeError('must specify one of patch and path');
  return p.patch;
}

function parsePatch(text: string): Parsed {
  const docs = parseAllDocuments(text);
  const values = (Array.isArray(docs) ? docs : [docs])
    .filter((d) => d.errors.length === 0)
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null && v !== undefined);
  if (values.length === 1 && Array.isArray(values[0])) return { kind: 'json', operations: values[0] };
  if (values.length > 0 && values.every(isMap)) return { kind: 'strategic', patches: values };
  throw new KustomizeError(`unable to parse SM or JSON patch from ${text}`);
}

function regexMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

function matchesSelector(text: string | undefined, labels: unknown): boolean {
  if (!text) return true;
  const selector = tryParseSelector(text);
  if (selector instanceof SelectorParseError) throw new KustomizeError(selector.message);
  return selector.matches(isMap(labels) ? (labels as Record<string, string>) : {});
}

/** resmap.Select. */
function select(resources: readonly Resource[], target: PatchTarget): Resource[] {
  return resources.filter((r) => {
    const { group, version } = groupVersionOf(r.object);
    if (target.group && target.group !== group) return false;
    if (target.version && target.version !== version) return false;
    if (target.kind && target.kind !== kindOf(r.object)) return false;
    if (target.name && !(regexMatches(target.name, r.names[0] ?? '') || regexMatches(target.name, nameOf(r.object)))) return false;
    if (target.namespace && !(regexMatches(target.namespace, r.originalNamespace || 'default') || regexMatches(target.namespace, effectiveNamespace(r.object)))) return false;
    const metadata = metadataOf(r.object);
    return matchesSelector(target.labelSelector, metadata['labels']) && matchesSelector(target.annotationSelector, metadata['annotations']);
  });
}

/** Merge `patch` into the resource; its own name and namespace (maybe an old one) are not merged. */
function applyStrategic(resources: Resource[], r: Resource, patch: KObject): void {
  if (patch['$patch'] === 'delete') {
    resources.splice(resources.indexOf(r), 1);
    return;
  }
  const copy = structuredClone(patch);
  const metadata = metadataOf(copy);
  delete metadata['name'];
  delete metadata['namespace'];
  try {
    r.object = applyStrategicMergePatch(r.object, copy, kindOf(r.object)) as KObject;
  } catch (e) {
    throw new KustomizeError(e instanceof Error ? e.message : String(e));
  }
}

/** One `patches` entry (or a converted patchesStrategicMerge / patchesJson6902 one) on `resources`, in place. */
export function applyPatch(reader: FileReader, dir: string, resources: Resource[], p: Patch): void {
  const text = patchText(reader, dir, p);
  const parsed = parsePatch(text);
  if (parsed.kind === 'json') {
    if (!p.target) throw new KustomizeError(`must specify a target for JSON patch ${text}`);
    for (const r of select(resources, p.target)) {
      try {
        r.object = applyJsonPatch(r.object, parsed.operations) as KObject;
      } catch (e) {
        throw new KustomizeError(`unable to apply JSON patch to ${resIdString(r.object)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return;
  }
  for (const patch of parsed.patches) {
    if (!p.target) {
      const { group, version } = groupVersionOf(patch);
      const name = nameOf(patch);
      const namespace = effectiveNamespace(patch);
      const target = resources.find((r) => {
        const gv = groupVersionOf(r.object);
        return (
          kindOf(r.object) === kindOf(patch) &&
          gv.group === group &&
          gv.version === version &&
          r.names.includes(name) &&
          (effectiveNamespace(r.object) === namespace || (r.originalNamespace || 'default') === namespace)
        );
      });
      if (!target) {
        const id = resIdString(patch);
        throw new KustomizeError(`no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`);
      }
      applyStrategic(resources, target, patch);
      continue;
    }
    for (const r of select(resources, p.target)) {
      // The patch takes the target's id, unless the options let it change the name or kind.
      const copy = structuredClone(patch);
      const newName = p.options?.allowNameChange ? nameOf(patch) : undefined;
      if (!p.options?.allowKindChange) {
        delete copy['kind'];
        delete copy['apiVersion'];
      }
      applyStrategic(resources, r, copy);
      if (newName && newName !== nameOf(r.object)) rename(r, newName);
    }
  }
}

/** patchesStrategicMerge as FixKustomizationPreMarshalling converts it: a file when one exists, else inline. */
export function strategicMergeEntries(reader: FileReader, dir: string, entries: readonly string[]): Patch[] {
  return entries.map((entry) => {
    try {
      readRelative(reader, dir, entry);
      return { path: entry };
    } catch {
      return { patch: entry };
    }
  });
}
