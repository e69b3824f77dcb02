/** What a component asks of an answer from the apiserver: did it succeed (2xx)? */
import type { ApiResponse } from '../api/http';

export function isSuccess(response: ApiResponse): boolean {
  return response.code >= 200 && response.code < 300;
}
