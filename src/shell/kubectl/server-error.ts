/** An apiserver error as kubectl prints it: `Error from server (NotFound): pods "x" not found`. */
import type { ApiResponse } from '../../sim/apiserver/endpoints/api-request';
import type { Status } from '../../sim/apiserver/status';
import { fail, type CommandResult } from '../types';

export function serverError(response: ApiResponse, prefix = ''): CommandResult {
  const status = response.body as Partial<Status> | undefined;
  if (response.code === 401) return fail('error: You must be logged in to the server (Unauthorized)');
  const reason = status?.reason ?? 'Unknown';
  return fail(`Error from server (${reason}): ${prefix}${status?.message ?? `an error on the server ("unknown") has prevented the request from succeeding`}`);
}
