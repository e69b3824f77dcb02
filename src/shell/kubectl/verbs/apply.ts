/**
 * `kubectl apply -f`: client-side apply. For each object: create it (with the
 * last-applied-configuration annotation) when missing; when it exists, patch it with what
 * changed since the last apply, or say `unchanged` when nothing did.
 */
import { resourceForKind } from '../../../sim/api/resources';
import type { KubeObject } from '../../../sim/watch-event';
import { resourcePath } from '../../../sim/client/resource-path';
import { parseManifests } from '../../manifest';
import { fail, ok, type CommandResult } from '../../types';
import { arrayFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { serverError } from '../server-error';

export const APPLY_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  { name: 'dry-run', kind: 'string' },
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function apply(ctx: KubectlContext): CommandResult {
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length === 0) return fail('error: must specify one of -f and -k');
  const lines: string[] = [];
  for (const file of files) {
    let text: string;
    if (file === '-') text = ctx.stdin;
    else if (!ctx.readFile) return fail(`error: the path "${file}" does not exist (the page has no files: use -f - with a here-document, or the editor)`);
    else {
      try {
        text = ctx.readFile(file);
      } catch {
        return fail(`error: the path "${file}" does not exist`);
      }
    }
    const source = file === '-' ? 'STDIN' : file;
    const parsed = parseManifests(text);
    if (parsed.kind === 'error') return fail(parsed.errors.map((e) => `error: ${e.message}`).join('\n'));
    if (parsed.objects.length === 0) return fail('error: no objects passed to apply');
    for (const object of parsed.objects) {
      const info = resourceForKind(object.apiVersion, object.kind);
      if (!info) {
        return fail(`error: resource mapping not found for name: "${object.metadata.name ?? ''}" namespace: "${object.metadata.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`);
      }
      const name = object.metadata.name ?? '';
      const namespace = info.namespaced ? (object.metadata.namespace ?? ctx.namespace) : undefined;
      const applied = JSON.stringify(object);
      const desired: KubeObject = { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata.annotations ?? {}), [LAST_APPLIED]: `${applied}\n` } } };
      const current = ctx.request('GET', resourcePath(info, { namespace, name }));
      const id = `${info.group ? `${info.resource.replace(/s$/, '')}.${info.group}` : info.singular}/${name}`;
      if (current.code === 404) {
        const created = ctx.request('POST', resourcePath(info, { namespace }), { body: desired });
        if (created.code >= 300) return serverError(created, `error when creating "${source}": `);
        lines.push(`${id} created`);
      } else if (current.code === 200) {
        const previous = (current.body as KubeObject).metadata.annotations?.[LAST_APPLIED];
        if (previous === `${applied}\n`) {
          lines.push(`${id} unchanged`);
          continue;
        }
        const patched = ctx.request('PATCH', resourcePath(info, { namespace, name }), { body: desired, contentType: 'application/strategic-merge-patch+json' });
        if (patched.code >= 300) return serverError(patched, `error when applying patch:\n${applied}\nto:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${object.apiVersion}, Kind=${object.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"\nfor: "${source}": `);
        lines.push(`${id} configured`);
      } else {
        return serverError(current, `error when retrieving current configuration of:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${object.apiVersion}, Kind=${object.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"\nfrom server for: "${source}": `);
      }
    }
  }
  return ok(`${lines.join('\n')}\n`);
}
