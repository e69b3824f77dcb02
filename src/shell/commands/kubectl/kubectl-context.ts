/**
 * What every kubectl verb works with: the simulated clock, the client for the effective user
 * (the current context's, or `--as`), the namespace, the parsed flags and the I/O of the
 * command. Requests go through requestSync, so each verb reads like a blocking kubectl.
 */
import type { RestClient, RequestOptions } from '../../../sim/client/rest-client';
import type { ApiResponse, HttpMethod } from '../../../sim/api/http';
import type { ShellSession } from '../../session';
import type { ProcessClock } from '../../host/host';
import type { Kubeconfig } from '../../host/kubeconfig';
import type { ParsedFlags } from './flags';
import { requestSync } from './request-sync';

export interface KubectlContext {
  readonly clock: ProcessClock;
  /** The terminal's session, where `get -w` and `edit` leave what runs on in the page. */
  readonly session: ShellSession;
  /** The host's kubeconfig: its contexts and the current one. */
  readonly kubeconfig: Kubeconfig;
  readonly client: RestClient;
  readonly flags: ParsedFlags;
  /** -n / --namespace, else the context's namespace, else "default". */
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly stdin: string;
  readonly readFile: ((path: string) => string) | undefined;
  readonly readDir: ((path: string) => readonly string[] | undefined) | undefined;
  readonly interactive: boolean;
  /** --as / --as-group, sent as Impersonate-* headers. */
  readonly impersonate: RequestOptions['impersonate'];
  /** The kubeconfig context in use (`--context`, else the current one). */
  readonly contextName: string;
  request(method: HttpMethod, path: string, options?: RequestOptions): ApiResponse;
}

export function makeRequester(clock: ProcessClock, client: RestClient, impersonate: RequestOptions['impersonate']) {
  return (method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse =>
    requestSync(clock, client, method, path, { ...options, ...(impersonate ? { impersonate } : {}) });
}

/** The server's Warning headers as kubectl's warning writer prints them. */
export function warningLines(warnings: readonly string[] = []): string[] {
  return warnings.map((w) => `Warning: ${w}`);
}

/** Virtual milliseconds now, for ages. */
export function nowMs(ctx: KubectlContext): number {
  return ctx.clock.now();
}
