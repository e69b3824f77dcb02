/**
 * A request to the simulated apiserver and its answer: the parts of an HTTP exchange the
 * apiserver's pipeline uses and a client sends. Bodies are objects (clients here speak JSON
 * without the bytes). Both sides import these from here, so the client never reaches into
 * the apiserver's packages.
 */
import type { ClientWatchEvent, WatchHandle } from './watch';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How the client proves who it is: a bearer token, or a client certificate's subject. */
export interface Credentials {
  readonly bearerToken?: string;
  readonly clientCertificate?: { readonly commonName: string; readonly organizations: readonly string[] };
}

export interface ApiRequest {
  readonly method: HttpMethod;
  /** Path and query: /api/v1/namespaces/default/pods?labelSelector=app%3Dweb */
  readonly path: string;
  readonly body?: unknown;
  /** For PATCH: application/merge-patch+json, application/strategic-merge-patch+json, application/json-patch+json, application/apply-patch+yaml. */
  readonly contentType?: string;
  readonly credentials: Credentials;
  /** Impersonate-User / Impersonate-Group headers. */
  readonly impersonate?: { readonly user: string; readonly groups?: readonly string[] };
  readonly userAgent?: string;
}

export interface ApiResponse {
  readonly code: number;
  /** An object, a list, or a metav1.Status. */
  readonly body: unknown;
  /** The audit id of the request, so a client can find its journey. */
  readonly auditID: string;
  /** The Warning headers' texts (`unknown field "spec.foo"`); kubectl prints each as `Warning: ...`. */
  readonly warnings?: readonly string[];
}

/** kube-apiserver's address on the simulated network: where every client's request goes. */
export const APISERVER = 'kube-apiserver';

/**
 * What a client needs of the apiserver once its request has crossed the network: the HTTP
 * handler and the watch endpoint. `from` is the caller's topology id, for the traffic it sends back.
 */
export interface ApiServerTransport {
  handle(request: ApiRequest, from: string, respond: (response: ApiResponse) => void): void;
  watch(request: ApiRequest, from: string, onEvent: (event: ClientWatchEvent) => void): WatchHandle;
}
