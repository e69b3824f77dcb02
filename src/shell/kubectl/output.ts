/**
 * `-o` as kubectl's printer flags read it: wide (the table), yaml, json, name, jsonpath=...,
 * custom-columns=...; one object prints as itself, several as a `kind: List`, as
 * `kubectl get -o yaml` does.
 */
import type { KubeObject } from '../../sim/watch-event';
import { goJsonIndent } from './printers/json';
import { jsonPath, jsonPathCell, JsonPathError } from './printers/jsonpath';
import { formatTable } from './printers/tabwriter';
import { kindPrefix } from './printers/table';
import { toKubectlYaml, type JsonValue } from './printers/yaml';

export type OutputFormat =
  | { readonly kind: 'table'; readonly wide: boolean }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'json' }
  | { readonly kind: 'name' }
  | { readonly kind: 'jsonpath'; readonly template: string }
  | { readonly kind: 'custom-columns'; readonly columns: readonly { header: string; path: string }[] };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutputFormat(text: string | undefined): OutputFormat | { readonly error: string } {
  if (text === undefined || text === '') return { kind: 'table', wide: false };
  if (text === 'wide') return { kind: 'table', wide: true };
  if (text === 'yaml' || text === 'json' || text === 'name') return { kind: text };
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? '' : text.slice(eq + 1);
  if (name === 'jsonpath') {
    if (!value) return { error: 'error: template format specified but no template given' };
    return { kind: 'jsonpath', template: value };
  }
  if (name === 'custom-columns') {
    if (!value) return { error: 'error: custom-columns format specified but no custom columns given' };
    const columns = [];
    for (const spec of value.split(',')) {
      const colon = spec.indexOf(':');
      if (colon < 0) return { error: `error: unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>` };
      columns.push({ header: spec.slice(0, colon), path: spec.slice(colon + 1) });
    }
    return { kind: 'custom-columns', columns };
  }
  return { error: `error: unable to match a printer suitable for the output format "${text}", allowed formats are: ${ALLOWED}` };
}

/** The List kubectl wraps several objects in. */
export function asList(objects: readonly KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } } as unknown as KubeObject;
}

/** `pod/web`, `deployment.apps/web`. */
export function nameOf(obj: KubeObject): string {
  return `${kindPrefix(obj)}/${obj.metadata.name ?? ''}`;
}

export type Printed = { readonly stdout: string } | { readonly error: string };

/** Print objects in a non-table format; `single` when one object was asked for by name. */
export function printObjects(objects: readonly KubeObject[], single: boolean, format: Exclude<OutputFormat, { kind: 'table' }>): Printed {
  const data = single && objects.length === 1 ? (objects[0] as KubeObject) : asList(objects);
  switch (format.kind) {
    case 'yaml':
      return { stdout: toKubectlYaml(data as unknown as JsonValue) };
    case 'json':
      return { stdout: goJsonIndent(data) };
    case 'name':
      return { stdout: objects.map((o) => `${nameOf(o)}\n`).join('') };
    case 'jsonpath':
      try {
        return { stdout: jsonPath(format.template, data) };
      } catch (error) {
        if (!(error instanceof JsonPathError)) throw error;
        return { error: `error: error executing jsonpath ${JSON.stringify(format.template)}: Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.template}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n` };
      }
    case 'custom-columns': {
      const rows = [format.columns.map((c) => c.header), ...objects.map((o) => format.columns.map((c) => jsonPathCell(c.path, o)))];
      return { stdout: formatTable(rows) };
    }
  }
}
