/**
 * The objects of `-f FILE` (kubectl's resource builder over files): a path read through the
 * runner, a directory's files (file-paths.ts), `-` for standard input (a here-document),
 * multi-document YAML or JSON, each object with its source name (`pod.yaml`, `STDIN`) and its
 * resource, kept only when it matches `-l` (FilterByLabelSelector); kubectl's messages for a
 * missing file, bad YAML, an invalid selector and an unknown kind. `-k DIR` (FilenameOptions'
 * Kustomize) stands for the objects of the kustomization in DIR, as cli-runtime's
 * KustomizeVisitor builds them, each with DIR as its source.
 */
import { resourceForKind, type ResourceInfo } from '../../../sim/api/resources';
import type { KubeObject } from '../../../sim/api/kube-object';
import { SelectorParseError, tryParseSelector } from '../../../sim/api/labels/selector';
import { parseManifests } from '../../manifest';
import { expandPath } from './file-paths';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec, type ParsedFlags } from './flags';
import { tryKustomizeBuild } from './kustomize/build';
import type { KubectlContext } from './kubectl-context';

export interface SourcedObject {
  readonly object: KubeObject;
  readonly info: ResourceInfo;
  readonly source: string;
  /** The namespace the object goes to: its own, else -n / the context's. */
  readonly namespace: string | undefined;
}

/** FilenameOptions' -k: `Process the kustomization directory. This flag can't be used together with -f or -R.` */
export const KUSTOMIZE_FLAG: FlagSpec = { name: 'kustomize', short: 'k', kind: 'string' };

/** A `-k DIR` among the paths readManifests reads. */
export interface KustomizeDir {
  readonly kustomize: string;
}

export type ManifestPath = string | KustomizeDir;

/** The -f paths and the -k directory of a verb that has both flags. */
export function filenameOptions(flags: ParsedFlags): ManifestPath[] {
  const dir = stringFlag(flags, 'kustomize');
  return [...arrayFlag(flags, 'filename'), ...(dir !== undefined ? [{ kustomize: dir }] : [])];
}

export type ReadResult = { readonly ok: true; readonly objects: SourcedObject[]; readonly errors: string[] } | { readonly ok: false; readonly error: string };

/**
 * `labelSelector`: the verb's builder has LabelSelectorParam (create, delete, get, the set and
 * rollout verbs' -l); expose's --selector, say, is no filter.
 */
export function readManifests(ctx: KubectlContext, paths: readonly ManifestPath[], labelSelector?: string): ReadResult {
  const objects: SourcedObject[] = [];
  // FilenameOptions.validate, which the builder runs before it reads anything.
  const kustomizeDirs = paths.filter((p): p is KustomizeDir => typeof p !== 'string');
  if (kustomizeDirs.length > 0 && kustomizeDirs.length < paths.length) return { ok: false, error: 'error: only one of -f or -k can be specified' };
  if (kustomizeDirs.length > 0 && boolFlag(ctx.flags, 'recursive')) return { ok: false, error: "error: the -k flag can't be used with -f or -R" };
  const errors: string[] = [];
  const selector = labelSelector === undefined ? undefined : tryParseSelector(labelSelector);
  if (selector instanceof SelectorParseError) return { ok: false, error: `error: the provided selector "${labelSelector ?? ''}" is not valid: ${selector.message}` };
  const files: string[] = [];
  const read: { object: KubeObject; source: string }[] = [];
  for (const path of paths) {
    if (typeof path !== 'string') {
      const built = tryKustomizeBuild(ctx, path.kustomize);
      if ('error' in built) return { ok: false, error: built.error };
      for (const object of built.objects) read.push({ object: { ...object, metadata: object['metadata'] ?? {} } as KubeObject, source: path.kustomize });
      continue;
    }
    if (path === '-') {
      files.push(path);
      continue;
    }
    const expanded = expandPath(ctx, path, boolFlag(ctx.flags, 'recursive'));
    if (!expanded.ok) return expanded;
    files.push(...expanded.files);
  }
  for (const file of files) {
    let text: string;
    if (file === '-') text = ctx.stdin;
    else if (!ctx.readFile) return { ok: false, error: `error: the path "${file}" does not exist` };
    else {
      try {
        text = ctx.readFile(file);
      } catch {
        return { ok: false, error: `error: the path "${file}" does not exist` };
      }
    }
    const source = file === '-' ? 'STDIN' : file;
    const parsed = parseManifests(text);
    if (parsed.kind === 'error') {
      return { ok: false, error: parsed.errors.map((e) => `error: error parsing ${source}: ${e.message}`).join('\n') };
    }
    for (const object of parsed.objects) read.push({ object, source });
  }
  for (const { object, source } of read) {
    const info = resourceForKind(object.apiVersion, object.kind);
    if (!info) {
      errors.push(
        `error: resource mapping not found for name: "${object.metadata.name ?? ''}" namespace: "${object.metadata.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      );
      continue;
    }
    if (selector && !selector.matches(object.metadata.labels ?? {})) continue;
    const explicit = object.metadata.namespace;
    if (info.namespaced && explicit && ctx.namespaceExplicit && explicit !== ctx.namespace) {
      return {
        ok: false,
        error: `error: the namespace from the provided object "${explicit}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${explicit}' to perform this operation.`,
      };
    }
    // The builder's SetNamespace visitor (UpdateObjectNamespace): a namespaced object without one
    // gets the command's, in the object itself, so that what is printed or sent carries it.
    const namespace = info.namespaced ? (explicit ?? ctx.namespace) : undefined;
    const placed = namespace !== undefined && !explicit ? { ...object, metadata: { ...object.metadata, namespace } } : object;
    objects.push({ object: placed, info, source, namespace });
  }
  return { ok: true, objects, errors };
}

/** GroupVersionResource / GroupVersionKind as Go prints them: `/v1, Resource=pods`. */
export function gvrString(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Resource=${info.resource}`;
}

export function gvkString(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Kind=${info.kind}`;
}
