/**
 * The editor's Submit, read from the answers kubectl got (kubectl-tap.ts): each object's
 * outcome (created, configured, unchanged, or the server's metav1.Status), and the Status's
 * causes placed at their fields in the editor's text. kubectl apply sends, per object it can
 * map to a resource and in the order of the text, one GET, then a POST (missing), a PATCH
 * (changed) or nothing (unchanged); that is how the answers are matched to the objects.
 */
import { resourceForKind } from '../sim/api/resources';
import type { Status } from '../sim/api/status';
import { objectFieldLocator, type ManifestError, type ManifestResult } from '../shell/manifest';
import type { KubectlExchange } from './kubectl-tap';
import type { AppliedObject } from './protocol';

type ParsedManifests = ManifestResult & { kind: 'ok' };

export function appliedObjects(parsed: ParsedManifests, exchanges: readonly KubectlExchange[]): AppliedObject[] {
  // Each object's exchanges start at its GET.
  const groups: KubectlExchange[][] = [];
  for (const exchange of exchanges) {
    if (exchange.method === 'GET' || groups.length === 0) groups.push([]);
    groups.at(-1)?.push(exchange);
  }
  let next = 0;
  return parsed.objects.map((object): AppliedObject => {
    const id = { kind: object.kind, name: object.metadata.name ?? '', ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
    if (!resourceForKind(object.apiVersion, object.kind)) {
      return { ...id, outcome: 'failed', error: `no matches for kind "${object.kind}" in version "${object.apiVersion}"` };
    }
    const group = groups[next++];
    if (!group) return { ...id, outcome: 'not-sent' };
    const [read, write] = group;
    if (!read) return { ...id, outcome: 'not-sent' };
    if (write) return write.response.code < 300 ? { ...id, outcome: write.method === 'POST' ? 'created' : 'configured' } : { ...id, outcome: 'failed', status: statusOf(write) };
    return read.response.code === 200 ? { ...id, outcome: 'unchanged' } : { ...id, outcome: 'failed', status: statusOf(read) };
  });
}

/**
 * Where each refused object's errors go in the text: every cause with a field at that field
 * of that object (in its document, or its item of a List). A strict decoding error (a typo
 * such as `imagee`) is a BadRequest without causes, as upstream's is; its unknown fields are
 * named in the Status message, `unknown field "spec.containers[0].imagee"`, and placed from it.
 */
export function causeMarkers(text: string, parsed: ParsedManifests, objects: readonly AppliedObject[]): ManifestError[] {
  const locate = objectFieldLocator(text, parsed);
  const markers: ManifestError[] = [];
  objects.forEach((object, index) => {
    const place = (field: string, message: string) => {
      const at = locate(index, field) ?? { line: 1, column: 1 };
      markers.push({ message, line: at.line, column: at.column });
    };
    const status = object.status;
    if (!status) return;
    const causes = status.details?.causes ?? [];
    const withField = causes.filter((c) => c.field);
    if (withField.length > 0) {
      for (const cause of withField) place(cause.field ?? '', `${cause.field}: ${cause.message ?? ''}`);
      return;
    }
    // Other refusals (Forbidden, AlreadyExists...) are about the object, not a field: kubectl's
    // text says them, with no marker.
    const unknown = status.reason === 'BadRequest' ? unknownFields(status.message ?? '') : [];
    for (const field of unknown) place(field, `unknown field "${field}"`);
  });
  return markers;
}

/** The paths of runtime.NewStrictDecodingError's message: `unknown field "a", unknown field "b"`. */
function unknownFields(message: string): string[] {
  const at = message.indexOf('strict decoding error: ');
  if (at < 0) return [];
  return [...message.slice(at).matchAll(/unknown field "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
}

function statusOf(exchange: KubectlExchange): Status {
  const body = exchange.response.body as Partial<Status> | undefined;
  if (body?.kind === 'Status') return body as Status;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${exchange.method} ${exchange.path}: ${exchange.response.code}`, code: exchange.response.code };
}
