/**
 * `kubectl get`: fetch or list objects and print them as kubectl 1.32 does: the server-side table
 * columns (printers/table.ts), `-o wide|yaml|json|name|jsonpath|custom-columns`, `-A`, `-l`,
 * `--field-selector`, `--show-labels`, `-L`, several types with `kind/` names and a blank line
 * between tables, `get all`, `--raw`, and `-w`: in the page the watch keeps streaming rows into the
 * terminal; in a script it prints the initial table, then the rows of what the watch delivered
 * within `--request-timeout` (default 30s of simulated time), and returns.
 */
import { resourcePath } from '../../../../sim/client/resource-path';
import type { ClientWatchEvent } from '../../../../sim/api/watch';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { parseDuration } from '../../../duration';
import type { ForegroundStream } from '../../../session';
import { fail, type CommandResult } from '../../../types';
import type { ResourceInfo } from '../../../../sim/api/resources';
import { getObject, listObjects, withTypeMeta, type ApiResult } from '../api-calls';
import { sortObjects } from '../printers/sort-by';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import { nowMs, type KubectlContext } from '../kubectl-context';
import { outputFormatOf, PRINT_FLAGS, printObjects, type OutputFormat } from '../output';
import { noResourcesFound, printTable, type TableOptions } from '../printers/table';
import { filenameOptions, KUSTOMIZE_FLAG, readManifests } from '../manifest-source';
import { parseResourceArgs, type ResourceSelection } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';
import { rawRequest } from '../raw-http';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'show-labels', kind: 'bool' },
  { name: 'label-columns', short: 'L', kind: 'stringArray' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'watch-only', kind: 'bool' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'show-kind', kind: 'bool' },
  { name: 'raw', kind: 'string' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'sort-by', kind: 'string' },
  { name: 'chunk-size', kind: 'int' },
  { name: 'subresource', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  ...PRINT_FLAGS,
];

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

/** Default watch window of a script, in virtual ms: a script cannot wait for Ctrl-C. */
export const SCRIPT_WATCH_MS = 30_000;

interface Fetched {
  readonly selection: ResourceSelection;
  readonly objects: KubeObject[];
  readonly resourceVersion: string;
}

export function get(ctx: KubectlContext): CommandResult {
  const raw = stringFlag(ctx.flags, 'raw');
  if (raw !== undefined) return getRaw(ctx, raw);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  // -f: the objects the files name, fetched by type and name from the server.
  const files = filenameOptions(ctx.flags);
  // Builder.visitByPaths' singleItemImplied: one path that is neither a directory nor stdin (or -k).
  const [path] = files;
  const singleItemImplied = files.length === 0 || (files.length === 1 && (typeof path !== 'string' || (path !== '-' && ctx.readDir?.(path) === undefined)));
  let args = ctx.flags.args;
  if (files.length > 0) {
    const read = readManifests(ctx, files, stringFlag(ctx.flags, 'selector'));
    if (!read.ok) return fail(read.error);
    args = read.objects.map((o) => `${o.info.resource}${o.info.group ? `.${o.info.group}` : ''}/${o.object.metadata.name ?? ''}`);
  }
  const parsed = parseResourceArgs(args);
  if (!parsed.ok) return fail(parsed.error);
  if (parsed.selections.length === 0) return fail(NO_TYPE);
  const allNamespaces = boolFlag(ctx.flags, 'all-namespaces');
  const watch = boolFlag(ctx.flags, 'watch') || boolFlag(ctx.flags, 'watch-only');
  if (watch && parsed.selections.length > 1) {
    return fail(`error: watch is only supported on individual resources and resource collections, but ${parsed.selections.length} resources were found`);
  }
  const selector = stringFlag(ctx.flags, 'selector');
  const fieldSelector = stringFlag(ctx.flags, 'field-selector');
  const ignoreNotFound = boolFlag(ctx.flags, 'ignore-not-found');
  const subresource = stringFlag(ctx.flags, 'subresource');

  const fetched: Fetched[] = [];
  const errors: string[] = [];
  for (const selection of parsed.selections) {
    const namespace = selection.info.namespaced && !allNamespaces ? ctx.namespace : undefined;
    if (selection.names.length > 0) {
      const objects: KubeObject[] = [];
      for (const name of selection.names) {
        const r = subresource
          ? getSubresource(ctx, selection.info, selection.info.namespaced ? ctx.namespace : undefined, name, subresource)
          : getObject(ctx, selection.info, selection.info.namespaced ? ctx.namespace : undefined, name);
        if (r.ok) objects.push(r.value);
        else if (!(ignoreNotFound && r.response.code === 404)) errors.push(statusErrorText(statusOf(r.response)));
      }
      fetched.push({ selection, objects, resourceVersion: '' });
    } else {
      const r = listObjects(ctx, selection.info, namespace, { labelSelector: selector, fieldSelector });
      if (!r.ok) {
        errors.push(statusErrorText(statusOf(r.response)));
        continue;
      }
      fetched.push({ selection, objects: r.value.items, resourceVersion: r.value.resourceVersion });
    }
  }

  const sortBy = stringFlag(ctx.flags, 'sort-by');
  if (sortBy) {
    // Each type's list is sorted on its own, as each table is.
    for (let i = 0; i < fetched.length; i++) {
      const f = fetched[i] as Fetched;
      const sorted = sortObjects(f.objects, sortBy);
      if ('error' in sorted) return fail(`error: ${sorted.error}`);
      fetched[i] = { ...f, objects: sorted.objects };
    }
  }
  const objects = fetched.flatMap((f) => f.objects);
  const stderr = errors.map((e) => `${e}\n`).join('');
  const exitCode = errors.length > 0 ? 1 : 0;
  const tableOptions: TableOptions = {
    nowMs: nowMs(ctx),
    wide: format.kind === 'table' && format.wide,
    allNamespaces,
    showLabels: boolFlag(ctx.flags, 'show-labels'),
    labelColumns: arrayFlag(ctx.flags, 'label-columns').flatMap((l) => l.split(',')),
    noHeaders: boolFlag(ctx.flags, 'no-headers'),
    showKind: parsed.multipleTypes || boolFlag(ctx.flags, 'show-kind'),
  };

  let stdout = '';
  if (!boolFlag(ctx.flags, 'watch-only')) {
    if (format.kind === 'table') {
      stdout = fetched
        .filter((f) => f.objects.length > 0)
        .map((f) => printTable(f.selection.info.resource, f.objects, tableOptions))
        .join('\n');
    } else {
      // printGeneric: every non-table format prints (an empty List too) and never says
      // "No resources found".
      const single = singleItemImplied && parsed.byName && objects.length === 1 && !parsed.multipleTypes && (parsed.selections[0]?.names.length ?? 0) === 1;
      if (!(watch && objects.length === 0) && !(parsed.byName && objects.length === 0)) {
        const printed = printObjects(objects, single, format);
        if ('error' in printed) return { exitCode: 1, stdout: printed.stdout ?? '', stderr: stderr + printed.error };
        stdout = printed.stdout;
      }
    }
  }

  if (watch) return startWatch(ctx, fetched[0], format, tableOptions, { stdout, stderr, exitCode });

  let notFoundNote = '';
  if (objects.length === 0 && errors.length === 0 && !parsed.byName && format.kind === 'table' && !ignoreNotFound) {
    const namespaced = parsed.selections.some((s) => s.info.namespaced);
    notFoundNote = noResourcesFound(namespaced && !allNamespaces ? ctx.namespace : undefined);
  }
  return { exitCode, stdout, stderr: stderr + notFoundNote };
}

/** `--subresource=status|scale`: the subresource read as the object (get.go's builder `.Subresource`). */
function getSubresource(ctx: KubectlContext, info: ResourceInfo, namespace: string | undefined, name: string, subresource: string): ApiResult<KubeObject> {
  const r = ctx.request('GET', resourcePath(info, { namespace: info.namespaced ? namespace : undefined, name, subresource }));
  return r.code === 200 ? { ok: true, value: withTypeMeta(info, r.body as KubeObject) } : { ok: false, response: r };
}

/** `kubectl get --raw PATH`: the body exactly as the apiserver sent it. */
function getRaw(ctx: KubectlContext, path: string): CommandResult {
  if (!path.startsWith('/')) return fail(`error: --raw must be a valid path starting with "/"`);
  return rawRequest(ctx, 'GET', path);
}

/** One watched object as its own rows; a table has its header only while `options.noHeaders` is off. */
function rowsFor(resource: string, obj: KubeObject, format: OutputFormat, options: TableOptions): string {
  if (format.kind === 'table') return printTable(resource, [obj], options);
  const printed = printObjects([obj], true, format);
  return 'error' in printed ? printed.error : printed.stdout;
}

function startWatch(ctx: KubectlContext, fetched: Fetched | undefined, format: OutputFormat, options: TableOptions, initial: CommandResult): CommandResult {
  if (!fetched) return initial;
  const { info, names } = fetched.selection;
  const namespace = info.namespaced && !options.allNamespaces ? ctx.namespace : undefined;
  const query: Record<string, string | undefined> = {
    watch: 'true',
    resourceVersion: fetched.resourceVersion || undefined,
    labelSelector: stringFlag(ctx.flags, 'selector'),
    fieldSelector: names.length === 1 ? `metadata.name=${names[0] ?? ''}` : stringFlag(ctx.flags, 'field-selector'),
  };
  let pending = '';
  let listener: (() => void) | undefined;
  let headerPrinted = initial.stdout !== '';
  const onEvent = (event: ClientWatchEvent) => {
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'ERROR') {
      pending += `${statusErrorText(event.object)}\n`;
    } else {
      const obj = withTypeMeta(info, event.object);
      const opts = { ...options, nowMs: nowMs(ctx), noHeaders: options.noHeaders || headerPrinted };
      pending += rowsFor(info.resource, obj, format, opts);
      headerPrinted = true;
    }
    listener?.();
  };
  const handle = ctx.client.watch(resourcePath(info, { namespace, query }), onEvent);

  if (ctx.interactive) {
    const stream: ForegroundStream = {
      kind: 'stream',
      command: 'kubectl get -w',
      drain: () => {
        const out = pending;
        pending = '';
        return out;
      },
      onOutput: (l) => (listener = l),
      stop: () => handle.stop(),
    };
    ctx.session.setForeground(stream);
    return initial;
  }
  const timeout = stringFlag(ctx.flags, 'request-timeout');
  const windowMs = timeout !== undefined && timeout !== '0' ? (parseDuration(timeout) ?? SCRIPT_WATCH_MS) : SCRIPT_WATCH_MS;
  ctx.clock.runUntil(ctx.clock.now() + windowMs);
  handle.stop();
  return { ...initial, stdout: initial.stdout + pending };
}
