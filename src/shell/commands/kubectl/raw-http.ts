/**
 * kubectl's rawhttp package: `get --raw PATH` (RawGet) and `create --raw URI -f FILE` (RawPost),
 * which send the request as given and copy the server's answer to stdout as it came, compact
 * JSON with its newline (or plain text, as /healthz answers); an error answer is the server's
 * Status, printed as CheckErr prints it.
 */
import { ok, type CommandResult } from '../../types';
import type { KubectlContext } from './kubectl-context';
import type { HttpMethod } from '../../../sim/api/http';
import { serverError } from './server-error';

/** RawGet / RawPost: the request, and what the server answered. */
export function rawRequest(ctx: KubectlContext, method: HttpMethod, path: string, body?: string): CommandResult {
  const r = ctx.request(method, path, body === undefined ? {} : { body, contentType: 'application/json' });
  if (r.code >= 300) return serverError(r);
  return ok(typeof r.body === 'string' ? r.body : `${JSON.stringify(r.body)}\n`);
}
