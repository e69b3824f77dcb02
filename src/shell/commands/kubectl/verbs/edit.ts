/**
 * `kubectl edit TYPE NAME`: read the object, open it in the editor as kubectl's YAML with its
 * header comment, and on save send the strategic merge patch between what was opened and what was
 * saved: `pod/web edited`, or `Edit cancelled, no changes made.` In the page the shell session
 * holds the open edit for the editor panel (session.foreground); a script has no editor, so it
 * fails as kubectl does when it cannot launch one.
 */
import { parse as parseYaml } from 'yaml';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import type { ForegroundEdit } from '../../../session';
import { fail, ok, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef } from '../api-calls';
import { threeWayMergePatch } from '../apply/strategic-patch';
import { type FlagSpec } from '../flags';
import { warningLines, type KubectlContext } from '../kubectl-context';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import { toKubectlYaml, type JsonValue } from '../printers/yaml';
import { parseResourceArgs } from '../resource-args';
import { serverError, statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';

export const EDIT_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  VALIDATE_FLAG,
];

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const CANCELLED = 'Edit cancelled, no changes made.\n';

export function edit(ctx: KubectlContext): CommandResult {
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return fail(parsed.error);
  const [selection] = parsed.selections;
  const name = selection?.names[0];
  if (!selection || !name) return fail(`error: you must provide one or more resources by argument or filename`);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const { info } = selection;
  const namespace = info.namespaced ? ctx.namespace : undefined;
  const got = getObject(ctx, info, namespace, name);
  if (!got.ok) return serverError(got.response);
  if (!ctx.interactive) return fail(`error: unable to launch the editor "vi"`);
  // Without --show-managed-fields the object loses its managedFields before it is edited, so the
  // patch is worked out without them and leaves them alone.
  const { managedFields: _managed, ...metadata } = got.value.metadata;
  void _managed;
  const original = { ...got.value, metadata } as KubeObject;
  const text = EDIT_HEADER + toKubectlYaml(original as unknown as JsonValue);
  // The edit leaves the foreground when it ends, unless something else (kubectl get -w typed
  // while the editor was open) has taken it since.
  const release = () => {
    if (ctx.session.foreground === request) ctx.session.takeForeground();
  };
  const request: ForegroundEdit = {
    kind: 'edit',
    command: `kubectl edit ${info.singular}/${name}`,
    text,
    cancel: () => {
      release();
      return ok(CANCELLED);
    },
    submit: (edited) => {
      release();
      const body = edited
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
      if (body.trim() === '') return fail('Edit cancelled, saved file was empty.');
      let object: KubeObject;
      try {
        object = parseYaml(body) as KubeObject;
      } catch (error) {
        return fail(`error: error parsing edited object: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
      }
      const patch = threeWayMergePatch(original, object, original);
      if (Object.keys(patch).length === 0) return ok(CANCELLED);
      const r = ctx.request('PATCH', resourcePath(info, { namespace, name, query: { fieldManager: 'kubectl-edit', fieldValidation: validation.directive } }), {
        body: patch,
        contentType: 'application/strategic-merge-patch+json',
      });
      if (r.code >= 300) return fail(`${statusErrorText(statusOf(r))}\nerror: Edit cancelled, no valid changes were saved.`);
      // The edit ends after the verb returned, so its warnings (--validate=warn) are printed here.
      return withStderrFirst(ok(`${objectRef(info, name)} edited\n`), warningLines(r.warnings));
    },
  };
  ctx.session.setForeground(request);
  return ok('');
}
