/**
 * A request to the simulated apiserver and its answer: the parts of an HTTP exchange the
 * pipeline uses. Bodies are objects (clients here speak JSON without the bytes).
 */
import type { HttpMethod } from '../request-info';

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
