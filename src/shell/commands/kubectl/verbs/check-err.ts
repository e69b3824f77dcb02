/**
 * Go errors as kubectl's node verbs (taint, drain) build and print them: a plain error, an API
 * error (whose Error() is the Status message, and which StandardErrorMessage prints as
 * `Error from server (NotFound): ...`), and utilerrors aggregates, whose Error() flattens,
 * de-duplicates and brackets several messages. checkErrText is cmdutil.CheckErr's text
 * (kubectl 1.32 staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr): an aggregate of one
 * is unwrapped; an aggregate prints as MultipleErrors with no prefix, one message a line.
 */
import type { ApiResponse } from '../../../../sim/api/http';
import { statusErrorText, statusOf } from '../server-error';

export type GoError =
  | { readonly kind: 'plain'; readonly message: string }
  | { readonly kind: 'api'; readonly message: string; readonly standard: string; readonly code: number; readonly reason: string }
  | { readonly kind: 'aggregate'; readonly errors: readonly GoError[] };

export const plainError = (message: string): GoError => ({ kind: 'plain', message });

export const aggregate = (errors: readonly GoError[]): GoError => ({ kind: 'aggregate', errors });

/** A failed response as the apierrors.StatusError client-go returns. */
export function apiError(response: ApiResponse): GoError {
  const status = statusOf(response);
  return { kind: 'api', message: status.message ?? '', standard: statusErrorText(status), code: status.code ?? response.code, reason: status.reason ?? '' };
}

function flatten(err: GoError): GoError[] {
  return err.kind === 'aggregate' ? err.errors.flatMap(flatten) : [err];
}

/** err.Error(). */
export function errorString(err: GoError): string {
  if (err.kind !== 'aggregate') return err.message;
  if (err.errors.length === 1) return errorString(err.errors[0] as GoError);
  const seen: string[] = [];
  for (const e of flatten(err)) {
    const m = errorString(e);
    if (!seen.includes(m)) seen.push(m);
  }
  return seen.length === 1 ? (seen[0] as string) : `[${seen.join(', ')}]`;
}

/** messageForError: StandardErrorMessage for API errors, else Error(). */
function messageForError(err: GoError): string {
  return err.kind === 'api' ? err.standard : errorString(err);
}

/** What CheckErr writes to stderr for `err`, newline-terminated. */
export function checkErrText(errIn: GoError): string {
  let err = errIn;
  if (err.kind === 'aggregate' && err.errors.length === 1) err = err.errors[0] as GoError;
  if (err.kind === 'aggregate') return err.errors.map((e) => `${messageForError(e)}\n`).join('');
  if (err.kind === 'api') return `${err.standard}\n`;
  return err.message.startsWith('error: ') ? `${err.message}\n` : `error: ${err.message}\n`;
}
