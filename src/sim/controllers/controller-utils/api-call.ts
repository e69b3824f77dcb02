/**
 * A controller's request as a Go client call: the answer, or an error that says what went wrong.
 * A request the network refuses at once (a partitioned control plane) answers as client-go's
 * dial error does, so a sync that waits for it is not left waiting for ever.
 */
import type { ApiResponse } from '../../api/http';
import type { HttpMethod } from '../../api/http';
import type { RequestOptions, RestClient } from '../../client/rest-client';

export interface ApiError {
  readonly code: number;
  /** The metav1.Status message: what `%v` of the Go error prints. */
  readonly message: string;
  /** The Status reason: NotFound, AlreadyExists, Conflict... */
  readonly reason: string;
  /** details.causes[].type: NamespaceTerminating. */
  readonly causes: readonly string[];
}

export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

function errorOf(response: ApiResponse): ApiError {
  const status = response.body as { message?: string; reason?: string; details?: { causes?: { type?: string }[] } } | undefined;
  return {
    code: response.code,
    message: status?.message ?? `the server responded with status ${response.code}`,
    reason: status?.reason ?? '',
    causes: (status?.details?.causes ?? []).map((c) => c.type ?? ''),
  };
}

export function apiCall<T>(client: RestClient, method: HttpMethod, path: string, options: RequestOptions, done: (answer: Answer<T>) => void): void {
  const sent = client.request(method, path, options, (response) => {
    if (response.code >= 200 && response.code < 300) done({ ok: true, value: response.body as T });
    else done({ ok: false, error: errorOf(response) });
  });
  if (!sent) done({ ok: false, error: { code: 0, message: `dial tcp: connect: network is unreachable`, reason: '', causes: [] } });
}

export const isNotFound = (e: ApiError) => e.code === 404;
export const isAlreadyExists = (e: ApiError) => e.code === 409 && e.reason === 'AlreadyExists';
export const isConflict = (e: ApiError) => e.code === 409 && e.reason === 'Conflict';
export const namespaceTerminating = (e: ApiError) => e.causes.includes('NamespaceTerminating');
