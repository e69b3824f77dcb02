/**
 * The shapes authentication shares, after k8s.io/apiserver/pkg/authentication/authenticator
 * (interfaces.go): what a client presents (a bearer token, a client certificate's subject), what
 * one authenticator answers, and what the authentication filter decides for the request.
 *
 * An authenticator answers in one of three ways, as upstream's `(response, ok, err)` does:
 * - `{ ok: true, user }`: the credential is valid and names this user;
 * - `{ ok: false }`: not a credential this authenticator understands (the next one may);
 * - `{ ok: false, error }`: a credential it understands but rejects (expired, unknown token, bad
 *   signature). A rejected credential is a 401 even when anonymous requests are allowed.
 */
import type { UserInfo } from '../request-types';

/** The subject of a client certificate: CN becomes the user name, each O a group (x509.go CommonNameUserConversion). */
export interface ClientCertificate {
  readonly commonName: string;
  readonly organizations: readonly string[];
}

/**
 * How a client proves who it is. Same shape as the endpoints' request credentials: the
 * `Authorization: Bearer <token>` header and the TLS client certificate.
 */
export interface Credentials {
  readonly bearerToken?: string;
  readonly clientCertificate?: ClientCertificate;
}

/** One authenticator's answer. `authenticator` names who recognised the credential, for the request's journey. */
export type AuthenticatorResult =
  | { readonly ok: true; readonly user: UserInfo; readonly authenticator: string }
  | { readonly ok: false; readonly error?: string };

/** authenticator.Token: a bearer token to a user (token file, service-account tokens). */
export interface TokenAuthenticator {
  readonly name: string;
  authenticateToken(token: string): AuthenticatorResult;
}

/** authenticator.Request: the whole request's credentials to a user (x509, bearer token, anonymous). */
export interface RequestAuthenticator {
  readonly name: string;
  authenticateRequest(credentials: Credentials): AuthenticatorResult;
}

/**
 * The authentication filter's decision. On failure the apiserver answers 401 with the body
 * message `Unauthorized` whatever the reason; `reason` is what the apiserver would log
 * (`invalid bearer token`, `x509: certificate signed by unknown authority`) and what the page's
 * request journey shows.
 */
export type AuthenticationResult =
  | { readonly user: UserInfo; readonly authenticatedBy: string }
  | { readonly error: 'Unauthorized'; readonly reason: string };
