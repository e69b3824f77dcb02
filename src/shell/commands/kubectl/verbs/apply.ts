/**
 * `kubectl apply -f`: client-side apply as kubectl 1.32 does it. For each object: read the live
 * one; create it when missing, with the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation; when it exists, send the three-way strategic merge patch between the last applied
 * configuration, the new manifest and the live object, and say `configured`, or `unchanged` when
 * the patch is empty. Errors do not stop the other objects; they are printed at the end.
 * `--record` writes the command line into the change-cause annotation before the modified
 * configuration is worked out (applyOneObject's Recorder.Record), so it is in both.
 * `-l` keeps only the files' objects it matches; `--prune` then deletes what earlier applies made
 * and this one did not hold (apply-prune.ts).
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { objectRef } from '../api-calls';
import { sortKeys, threeWayMergePatch } from '../apply/strategic-patch';
import { csaUpgradePatch } from '../apply/csa-upgrade';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import { filenameOptions, gvkString, gvrString, KUSTOMIZE_FLAG, readManifests, type SourcedObject } from '../manifest-source';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { statusErrorText, statusOf } from '../server-error';
import { record, recordNotices } from './set/record';
import { applyViewLastApplied } from './apply-view-last-applied';
import { applySetLastApplied } from './apply-set-last-applied';
import { pruneAll, PRUNE_FLAGS, validatePrune, type Visited } from './apply-prune';
import { RECURSIVE_FLAG } from '../file-paths';

export const APPLY_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  { name: 'server-side', kind: 'bool' },
  { name: 'record', kind: 'bool' },
  { name: 'force-conflicts', kind: 'bool' },
  { name: 'field-manager', kind: 'string' },
  VALIDATE_FLAG,
  // The builder's filter, and what --prune lists (view-last-applied's too); --all is --prune's.
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  ...PRUNE_FLAGS,
  // set-last-applied's.
  { name: 'create-annotation', kind: 'bool' },
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = Parameters<typeof sortKeys>[0];

/**
 * util.GetModifiedConfiguration: the manifest (namespace filled in) encoded as JSON with sorted
 * keys, itself stored in the annotation; the annotation map is present even when empty.
 */
export function modifiedConfiguration(item: SourcedObject): { modified: KubeObject; annotation: string } {
  const metadata = { ...item.object.metadata, ...(item.namespace ? { namespace: item.namespace } : {}) };
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const withoutAnnotation = { ...item.object, metadata: { ...metadata, annotations } };
  const annotation = `${JSON.stringify(sortKeys(withoutAnnotation as unknown as Json))}\n`;
  const modified = { ...item.object, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: annotation } } };
  return { modified, annotation };
}

export function apply(ctx: KubectlContext): CommandResult {
  const [sub, ...rest] = ctx.flags.args;
  if (sub === 'view-last-applied') return applyViewLastApplied(ctx, rest);
  if (sub === 'set-last-applied') return applySetLastApplied(ctx);
  if (sub === 'edit-last-applied') return fail(`error: kubectl apply ${sub} is not simulated`);
  const files = filenameOptions(ctx.flags);
  if (files.length === 0) return fail(`error: must specify one of -f and -k\n\nerror: Required resource not specified.`);
  const dryRunParse = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRunParse.ok) return fail(dryRunParse.error);
  const dryRun = dryRunParse.strategy;
  // ApplyOptions.Validate
  const serverSide = boolFlag(ctx.flags, 'server-side');
  if (boolFlag(ctx.flags, 'force-conflicts') && !serverSide) return fail('error: --force-conflicts only works with --server-side');
  if (serverSide && dryRun === 'client') return fail('error: --dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server?)');
  const pruneError = validatePrune(ctx);
  if (pruneError) return fail(pruneError);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const read = readManifests(ctx, files, stringFlag(ctx.flags, 'selector'));
  if (!read.ok) return fail(read.error);
  if (read.objects.length === 0 && read.errors.length === 0) return fail('error: no objects passed to apply');
  const lines: OutputChunk[] = [];
  const warnings: string[] = [...recordNotices(ctx), ...dryRunParse.warnings];
  const errors: string[] = [...read.errors];
  const emit = (object: KubeObject, message: string) => {
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  const suffix = dryRunSuffix(dryRun);
  const visited: Visited = { uids: new Set(), namespaces: new Set() };
  // Run's PostProcessorFn: pruning follows only an apply without errors.
  const finish = () => {
    if (boolFlag(ctx.flags, 'prune') && errors.length === 0) {
      const pruneError = pruneAll(ctx, visited, dryRun, emit);
      if (pruneError) errors.push(pruneError);
    }
    // Warnings are printed as they come, before the objects' lines; errors at the end.
    return withStderrFirst({ exitCode: errors.length > 0 ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((l) => `${l}\n`).join('') }, warnings);
  };
  if (serverSide) {
    serverSideApply(ctx, read.objects, { dryRun, directive: validation.directive, emit, errors, suffix, visited });
    return finish();
  }
  const query = { fieldManager: 'kubectl-client-side-apply', fieldValidation: validation.directive, ...dryRunQuery(dryRun) };
  for (const item of read.objects) {
    const { info, source, namespace } = item;
    const name = item.object.metadata.name ?? '';
    const ref = objectRef(info, name);
    const recorded = { ...item.object, metadata: { ...item.object.metadata } };
    record(ctx, 'apply', recorded);
    const { modified } = modifiedConfiguration({ ...item, object: recorded });
    const where = `Resource: "${gvrString(info)}", GroupVersionKind: "${gvkString(info)}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
    const current = ctx.request('GET', resourcePath(info, { namespace, name }));
    if (current.code === 404) {
      if (dryRun === 'client') {
        markVisited(visited, namespace, modified);
        emit(modified, `${ref} created${suffix}`);
        continue;
      }
      const created = ctx.request('POST', resourcePath(info, { namespace, query }), { body: modified });
      if (created.code >= 300) errors.push(statusErrorText(statusOf(created), { verb: 'creating', source }));
      else {
        markVisited(visited, namespace, created.body as KubeObject);
        emit(created.body as KubeObject, `${ref} created${suffix}`);
      }
      continue;
    }
    if (current.code !== 200) {
      const status = statusOf(current);
      errors.push(statusErrorText({ ...status, message: `error when retrieving current configuration of:\n${where}\nfrom server for: "${source}": ${status.message ?? ''}` }));
      continue;
    }
    const live = current.body as KubeObject;
    markVisited(visited, namespace, live);
    const previous = live.metadata.annotations?.[LAST_APPLIED];
    if (previous === undefined) {
      warnings.push(
        `Warning: resource ${info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
      );
    }
    let original: unknown = {};
    try {
      original = previous ? JSON.parse(previous) : {};
    } catch {
      original = {};
    }
    const patch = threeWayMergePatch(original, modified, live);
    if (Object.keys(patch).length === 0) {
      emit(live, `${ref} unchanged`);
      continue;
    }
    if (dryRun === 'client') {
      emit(modified, `${ref} configured${suffix}`);
      continue;
    }
    const patched = ctx.request('PATCH', resourcePath(info, { namespace, name, query }), { body: patch, contentType: 'application/strategic-merge-patch+json' });
    if (patched.code >= 300) {
      const status = statusOf(patched);
      errors.push(
        status.reason === 'Invalid'
          ? statusErrorText(status)
          : statusErrorText({ ...status, message: `error when applying patch:\n${JSON.stringify(patch)}\n\nto:\n${where}\nfor: "${source}": ${status.message ?? ''}` }),
      );
    } else {
      emit(patched.body as KubeObject, `${ref} configured${suffix}`);
    }
  }
  return finish();
}

/** MarkObjectVisited: the object's namespace (when it has one) and UID are not pruned. */
function markVisited(visited: Visited, namespace: string | undefined, object: KubeObject): void {
  if (namespace !== undefined) visited.namespaces.add(namespace);
  visited.uids.add(object.metadata.uid ?? '');
}

/** apply.go's message after a server-side apply conflict, below the server's. */
const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * `apply --server-side` (apply.go applyOneObject): each object is sent as it is, a PATCH of type
 * application/apply-patch+yaml with fieldManager (`kubectl` unless --field-manager) and
 * force=true under --force-conflicts; the server merges it and says what conflicts.
 * Afterwards the fields client-side apply owned move to the applier (csa-upgrade.ts).
 */
function serverSideApply(
  ctx: KubectlContext,
  objects: readonly SourcedObject[],
  run: { dryRun: DryRunStrategy; directive: string; emit: (object: KubeObject, message: string) => void; errors: string[]; suffix: string; visited: Visited },
): void {
  const fieldManager = stringFlag(ctx.flags, 'field-manager') ?? 'kubectl';
  const force = boolFlag(ctx.flags, 'force-conflicts');
  const query = { fieldManager, ...(force ? { force: 'true' } : {}), fieldValidation: run.directive, ...dryRunQuery(run.dryRun) };
  for (const item of objects) {
    const { info, source, namespace } = item;
    const name = item.object.metadata.name ?? '';
    const body = { ...item.object, metadata: { ...item.object.metadata, ...(namespace ? { namespace } : {}) } };
    const r = ctx.request('PATCH', resourcePath(info, { namespace, name, query }), { body: JSON.stringify(body), contentType: 'application/apply-patch+yaml' });
    if (r.code < 300) {
      let applied = r.body as KubeObject;
      markVisited(run.visited, namespace, applied);
      // migrateToSSAIfNecessary: checked after the apply, so that most applies take one request.
      const upgrade = run.dryRun === 'none' ? csaUpgradePatch(applied, fieldManager) : undefined;
      if (upgrade) {
        const migrated = ctx.request('PATCH', resourcePath(info, { namespace, name }), { body: upgrade, contentType: 'application/json-patch+json' });
        // The apply is sent again, so that fields it dropped, now its alone, are removed.
        const again = migrated.code < 300 ? ctx.request('PATCH', resourcePath(info, { namespace, name, query }), { body: JSON.stringify(body), contentType: 'application/apply-patch+yaml' }) : undefined;
        if (again && again.code < 300) applied = again.body as KubeObject;
      }
      run.emit(applied, `${objectRef(info, name)} serverside-applied${run.suffix}`);
      continue;
    }
    const status = statusOf(r);
    if (status.code === 409 && status.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')) run.errors.push(`error: ${status.message ?? ''}\n${CONFLICT_HELP}`);
    else run.errors.push(statusErrorText(status, { verb: 'serverside-applying', source }).replace(/\n+$/, ''));
  }
}
