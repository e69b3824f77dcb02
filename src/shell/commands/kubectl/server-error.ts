/**
 * Errors as kubectl prints them (k8s.io/kubectl pkg/cmd/util helpers.go checkErr and
 * StandardErrorMessage): an Invalid status becomes `The Pod "x" is invalid: field: message` (one
 * cause inline, several as a `* ` list), 401 becomes `error: You must be logged in to the server
 * (Unauthorized)`, any other status `Error from server (Reason): message`. Verbs that act on files
 * first put the source into the message (AddSourceToErr: `error when creating "STDIN": ...`).
 */
import type { ApiResponse } from '../../../sim/api/http';
import type { Status } from '../../../sim/api/status';
import { fail, type CommandResult } from '../../types';

/** A failed request's Status, or a stand-in when the body is not one. */
export function statusOf(response: ApiResponse): Status {
  const body = response.body as Partial<Status> | undefined;
  if (body && body.kind === 'Status') return body as Status;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `an error on the server ("unknown") has prevented the request from succeeding`,
    reason: 'InternalError',
    code: response.code,
  };
}

/** util.MultilineError: one error inline after the prefix, several as a `* ` list. */
export function multilineError(prefix: string, messages: readonly string[]): string {
  if (messages.length === 1) return `${prefix}${messages[0] ?? ''}`;
  return `${prefix}\n* ${messages.join('\n* ')}`;
}

/** The text checkErr prints for a Status (without the trailing newline). */
export function statusErrorText(status: Status, addSource?: { verb: string; source: string }): string {
  if (status.reason === 'Invalid') {
    const details = status.details;
    if (!details) return status.message ? `The request is invalid: ${status.message}` : 'The request is invalid';
    const causes = (details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
    let prefix = 'The request is invalid';
    if (details.kind || details.name) prefix = `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid`;
    // Without kind, name or causes the message is all there is (checkErr appends it only then).
    else if (status.message && causes.length === 0) prefix = `${prefix}: ${status.message}`;
    return causes.length ? multilineError(`${prefix}: `, causes) : prefix;
  }
  if (status.reason === 'Unauthorized' || status.code === 401) return `error: You must be logged in to the server (${status.message ?? 'Unauthorized'})`;
  let message = status.message ?? '';
  if (addSource?.source) message = `error when ${addSource.verb} ${JSON.stringify(addSource.source)}: ${message}`;
  return status.reason ? `Error from server (${status.reason}): ${message}` : `Error from server: ${message}`;
}

/** A failed response as a command result, exit code 1. */
export function serverError(response: ApiResponse, addSource?: { verb: string; source: string }): CommandResult {
  return fail(statusErrorText(statusOf(response), addSource));
}
