/**
 * `-o` as kubectl's printer flags read it: wide (the table), yaml, json, name, jsonpath=...,
 * go-template=... (also `template=`, `--template` alone, and the `-file` forms read through the
 * shell's files), custom-columns=...; one object prints as itself, several as a `kind: List`, as
 * `kubectl get -o yaml` does. `--allow-missing-template-keys` (default true) lets a template name
 * a key that is not there; the JSON and YAML printers leave managedFields out unless
 * `--show-managed-fields` (OmitManagedFieldsPrinter).
 */
import type { KubeObject } from '../../../sim/api/kube-object';
import type { FlagSpec, ParsedFlags } from './flags';
import { boolFlag, stringFlag } from './flags';
import { goTemplate, GoTemplateError, parseGoTemplate } from './printers/go-template';
import { goJsonIndent } from './printers/json';
import { jsonPath, jsonPathCell, JsonPathError } from './printers/jsonpath';
import { formatTable } from './printers/tabwriter';
import { kindPrefix } from './printers/table';
import { toKubectlYaml, type JsonValue } from './printers/yaml';

export type OutputFormat =
  | { readonly kind: 'table'; readonly wide: boolean }
  /** `--show-managed-fields`: keep metadata.managedFields, which the JSON and YAML printers otherwise leave out. */
  | { readonly kind: 'yaml'; readonly showManagedFields?: boolean }
  | { readonly kind: 'json'; readonly showManagedFields?: boolean }
  | { readonly kind: 'name' }
  | { readonly kind: 'jsonpath'; readonly template: string; readonly allowMissingKeys?: boolean }
  | { readonly kind: 'go-template'; readonly template: string; readonly allowMissingKeys?: boolean }
  | { readonly kind: 'custom-columns'; readonly columns: readonly { header: string; path: string }[] };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** The printer flags every verb with `-o` has beside it. */
export const PRINT_FLAGS: readonly FlagSpec[] = [
  { name: 'template', kind: 'string' },
  { name: 'allow-missing-template-keys', kind: 'bool' },
  { name: 'show-managed-fields', kind: 'bool' },
];

export interface PrintOptions {
  /** `--template`: the template when -o names only the format, or go-template when -o is absent. */
  readonly template?: string | undefined;
  readonly allowMissingKeys?: boolean;
  readonly readFile?: ((path: string) => string) | undefined;
}

/** `-o` with the printer flags beside it, as PrintFlags.ToPrinter reads them. */
export function outputFormatOf(flags: ParsedFlags, readFile?: (path: string) => string): OutputFormat | { readonly error: string } {
  const format = parseOutputFormat(stringFlag(flags, 'output'), {
    template: stringFlag(flags, 'template'),
    allowMissingKeys: flags.values.get('allow-missing-template-keys') !== false,
    readFile,
  });
  if ('kind' in format && (format.kind === 'yaml' || format.kind === 'json') && boolFlag(flags, 'show-managed-fields')) return { ...format, showManagedFields: true };
  return format;
}

/**
 * OmitManagedFieldsPrinter: JSONYamlPrintFlags.ToPrinter wraps the JSON and YAML printers in it
 * unless --show-managed-fields (genericclioptions json_yaml_flags.go); jsonpath and templates
 * see managedFields as they are.
 */
function withoutManagedFields(objects: readonly KubeObject[]): readonly KubeObject[] {
  // A kubeconfig (config view) has no metadata.
  const managed = (o: KubeObject) => typeof o.metadata === 'object' && o.metadata !== null && 'managedFields' in o.metadata;
  if (!objects.some(managed)) return objects;
  return objects.map((o) => {
    if (!managed(o)) return o;
    const { managedFields: _dropped, ...metadata } = o.metadata as Record<string, unknown>;
    return { ...o, metadata } as KubeObject;
  });
}

const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-file'];

export function parseOutputFormat(textIn: string | undefined, options: PrintOptions = {}): OutputFormat | { readonly error: string } {
  const allowMissingKeys = options.allowMissingKeys ?? true;
  let text = textIn;
  // --template with no -o means go-template.
  if ((text === undefined || text === '') && options.template) text = 'go-template';
  if (options.template && text !== undefined && TEMPLATE_FORMATS.includes(text)) text = `${text}=${options.template}`;
  if (text === undefined || text === '') return { kind: 'table', wide: false };
  if (text === 'wide') return { kind: 'table', wide: true };
  if (text === 'yaml' || text === 'json' || text === 'name') return { kind: text };
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? '' : text.slice(eq + 1);
  const fromFile = (path: string): string | { error: string } => {
    try {
      if (!options.readFile) throw new Error('no files');
      return options.readFile(path);
    } catch {
      return { error: `error: error reading --template ${path}, open ${path}: no such file or directory` };
    }
  };
  if (name === 'jsonpath' || name === 'jsonpath-file') {
    if (!value) return { error: 'error: template format specified but no template given' };
    const template = name === 'jsonpath' ? value : fromFile(value);
    if (typeof template !== 'string') return template;
    return { kind: 'jsonpath', template, allowMissingKeys };
  }
  if (name === 'go-template' || name === 'template' || name === 'go-template-file' || name === 'templatefile') {
    if (!value) return { error: 'error: template format specified but no template given' };
    const template = name === 'go-template' || name === 'template' ? value : fromFile(value);
    if (typeof template !== 'string') return template;
    try {
      parseGoTemplate(template);
    } catch (error) {
      if (!(error instanceof GoTemplateError)) throw error;
      return { error: `error: error parsing template ${template}, ${error.message}
` };
    }
    return { kind: 'go-template', template, allowMissingKeys };
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

/** What a printer wrote; a failed template also writes its debugging text to stdout first. */
export type Printed = { readonly stdout: string } | { readonly error: string; readonly stdout?: string };

/** Print objects in a non-table format; `single` when one object was asked for by name. */
export function printObjects(printed: readonly KubeObject[], single: boolean, format: Exclude<OutputFormat, { kind: 'table' }>): Printed {
  const objects = (format.kind === 'yaml' || format.kind === 'json') && !format.showManagedFields ? withoutManagedFields(printed) : printed;
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
        return { stdout: jsonPath(format.template, data, format.allowMissingKeys ?? true) };
      } catch (error) {
        if (!(error instanceof JsonPathError)) throw error;
        return { error: `error: error executing jsonpath ${JSON.stringify(format.template)}: Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.template}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n` };
      }
    case 'go-template':
      try {
        return { stdout: goTemplate(format.template, data, format.allowMissingKeys ?? true) };
      } catch (error) {
        if (!(error instanceof GoTemplateError)) throw error;
        // GoTemplatePrinter writes the debugging text to the output before returning the error.
        const raw = JSON.stringify(data);
        return {
          stdout: `Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.template}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${goTemplate('{{.}}', data)}\n\n`,
          error: `error: error executing template ${JSON.stringify(format.template)}: ${error.message}\n`,
        };
      }
    case 'custom-columns': {
      const rows = [format.columns.map((c) => c.header), ...objects.map((o) => format.columns.map((c) => jsonPathCell(c.path, o)))];
      return { stdout: formatTable(rows) };
    }
  }
}

/** A verb's output: a message line (`pod/web labeled`, newline added) or printed text, as it is. */
export type OutputChunk = string | { readonly raw: string };

export function joinOutput(chunks: readonly OutputChunk[]): string {
  return chunks.map((c) => (typeof c === 'string' ? `${c}\n` : c.raw)).join('');
}

/**
 * What a verb whose printer is `-o`'s prints for one object it changed: the success message
 * (`pod/web labeled`) for the default name printer, the bare name for `-o name`, else the object
 * in that format.
 */
export function resultChunk(format: OutputFormat, object: KubeObject, message: string): OutputChunk | { readonly error: string } {
  if (format.kind === 'table') return message;
  // NamePrintFlags.ToPrinter sets ShortOutput for -o name, which drops the operation ("patched").
  if (format.kind === 'name') return nameOf(object);
  const printed = printObjects([object], true, format);
  return 'error' in printed ? { error: printed.error } : { raw: printed.stdout };
}
