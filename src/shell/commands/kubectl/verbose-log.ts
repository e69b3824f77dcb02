/**
 * kubectl's `-v` / `--v` logging as far as a learner uses it: at level 6 and above client-go's
 * round tripper logs each request — `GET https://10.0.0.10:6443/api/v1/namespaces/default/pods?limit=500
 * 200 OK in 3 milliseconds` — after the loader's `Config loaded from file:` line, on stderr in
 * klog's format, so a learner sees the REST calls behind a command.
 */
import { CLUSTER_SERVER } from '../../host/kubeconfig';
import { klogLine } from './klog';

/** Where the operator's kubeconfig is, as kubectl's loader names it. */
export const KUBECONFIG_PATH = '/root/.kube/config';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function configLoadedLine(nowMs: number): string {
  return klogLine('I', nowMs, 'loader.go:395', `Config loaded from file:  ${KUBECONFIG_PATH}`);
}

/** round_trippers.go's DebugURLTiming line for one request. */
export function requestLine(endMs: number, method: string, path: string, code: number, tookMs: number): string {
  const status = `${code} ${STATUS_TEXT[code] ?? ''}`.trimEnd();
  return klogLine('I', endMs, 'round_trippers.go:553', `${method} ${CLUSTER_SERVER}${path} ${status} in ${Math.round(tookMs)} milliseconds`);
}
