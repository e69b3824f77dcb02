/**
 * What every kubectl verb works with: the cluster's clock, the client for the effective user
 * (the current context's, or `--as`), the namespace, the parsed flags and the I/O of the
 * command. Requests go through requestSync, so each verb reads like a blocking kubectl.
 */
import type { Cluster } from '../../sim/cluster';
import type { RestClient, RequestOptions } from '../../sim/client/rest-client';
import type { ApiResponse, HttpMethod } from '../../sim/api/http';
import type { ShellSession } from '../session';
import type { ParsedFlags } from './flags';
import { requestSync } from './request-sync';

export interface KubectlContext {
  readonly cluster: Cluster;
  readonly session: ShellSession;
  readonly client: RestClient;
  readonly flags: ParsedFlags;
  /** -n / --namespace, else the context's namespace, else "default". */
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly stdin: string;
  readonly readFile: ((path: string) => string) | undefined;
  readonly interactive: boolean;
  /** --as / --as-group, sent as Impersonate-* headers. */
  readonly impersonate: RequestOptions['impersonate'];
  /** The kubeconfig context in use (`--context`, else the current one). */
  readonly contextName: string;
  request(method: HttpMethod, path: string, options?: RequestOptions): ApiResponse;
}

export function makeRequester(cluster: Cluster, client: RestClient, impersonate: RequestOptions['impersonate']) {
  return (method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse =>
    requestSync(cluster.engine, client, method, path, { ...options, ...(impersonate ? { impersonate } : {}) });
}

/** The server's Warning headers as kubectl's warning writer prints them. */
export function warningLines(warnings: readonly string[] = []): string[] {
  return warnings.map((w) => `Warning: ${w}`);
}

/** Virtual milliseconds now, for ages. */
export function nowMs(ctx: KubectlContext): number {
  return ctx.cluster.engine.now();
}
