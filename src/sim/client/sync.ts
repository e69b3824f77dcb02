/**
 * Callback plumbing for components: send a request and continue with the body on success, or
 * report the Status on failure. Keeps controller code linear.
 */
import type { ApiResponse } from '../apiserver/endpoints/api-request';
import type { Status } from '../apiserver/status';

export function isSuccess(response: ApiResponse): boolean {
  return response.code >= 200 && response.code < 300;
}

export function statusOf(response: ApiResponse): Status | undefined {
  const body = response.body as { kind?: string } | undefined;
  return body?.kind === 'Status' ? (body as Status) : undefined;
}
