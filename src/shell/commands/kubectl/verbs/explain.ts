/**
 * `kubectl explain RESOURCE[.FIELD...]` in kubectl 1.32's plaintext layout (KIND, VERSION, FIELD,
 * DESCRIPTION, FIELDS with `<type>` and `-required-`), descriptions wrapped to 80 columns, from the
 * abridged documentation in explain/field-docs.ts.
 */
import { findResource } from '../../../../sim/api/resources';
import { fail, ok, type CommandResult } from '../../../types';
import { KIND_DOCS, TYPE_DOCS, type FieldDoc } from '../explain/field-docs';
import type { FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';

export const EXPLAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'recursive', kind: 'bool' },
  { name: 'api-version', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
];

/** Word-wrap to `width` columns, keeping the description's own line breaks. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph === '') {
      out.push(indent.trimEnd() === '' ? indent : '');
      continue;
    }
    // Leading spaces (the ` - ` of an enum list) belong to the first word.
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    const words = paragraph.slice(lead.length).split(' ');
    words[0] = lead + (words[0] ?? '');
    let line = '';
    for (const word of words) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.map((l) => `${l}\n`).join('');
}

function fieldLine(f: FieldDoc): string {
  return `  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
}

export function explain(ctx: KubectlContext): CommandResult {
  const [target] = ctx.flags.args;
  if (!target) {
    return fail(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples`);
  }
  const [resourceName = '', ...path] = target.split('.');
  const info = findResource(resourceName);
  if (!info) return fail(`error: the server doesn't have a resource type "${resourceName}"`);
  const kind = KIND_DOCS[info.resource];
  if (!kind) return fail(`error: explain for ${info.resource} is not in the simulator's documentation (it has pods, deployments and services)`);
  let typeName = kind.kind;
  let field: FieldDoc | undefined;
  for (const part of path) {
    const type = TYPE_DOCS[typeName];
    field = type?.fields.find((f) => f.name === part);
    if (!field) return fail(`error: field "${part}" does not exist`);
    typeName = field.ref ?? '';
  }
  let out = `KIND:       ${kind.kind}\nVERSION:    ${kind.group ? `${kind.group}/` : ''}${kind.version}\n\n`;
  const type = TYPE_DOCS[typeName];
  if (field) {
    out += `FIELD: ${field.name} <${field.type}>\n\n\nDESCRIPTION:\n`;
    out += wrap(field.description, 80, '    ');
    if (type) out += wrap(type.description, 80, '    ');
  } else {
    out += `DESCRIPTION:\n${wrap(type?.description ?? '', 80, '    ')}`;
  }
  out += '    \n';
  if (type) {
    out += 'FIELDS:\n';
    out += type.fields.map((f) => `${fieldLine(f)}${wrap(f.description, 80, '    ')}\n`).join('');
    out += '\n';
  }
  return ok(out);
}
