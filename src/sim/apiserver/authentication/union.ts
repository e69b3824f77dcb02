/**
 * The authenticator chain kube-apiserver builds (kubernetes pkg/kubeapiserver/authenticator/config.go
 * `New`), with the pieces it is made of from k8s.io/apiserver: the token union
 * (token/union), the bearer-token request authenticator (request/bearertoken), the request union
 * (request/union), the group adder that gives every authenticated user `system:authenticated`
 * (group/authenticated_group_adder.go) and, when `--anonymous-auth` is on, the fail-on-error
 * union that falls back to `system:anonymous` only when no credential was rejected.
 *
 * Order: client certificate first, then bearer tokens (token file, then service-account tokens).
 * The first authenticator that recognises the request wins; a presented-but-invalid credential
 * makes the request 401 (`Unauthorized`), never anonymous.
 *
 * Choice of return: `authenticate` returns a value (`{ user, authenticatedBy }` or
 * `{ error: 'Unauthorized', reason }`) so the pipeline can record the stage in the audit trail
 * before failing; the pipeline then answers 401.
 */
import { aggregateMessages } from '../../api/field-errors';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER, type UserInfo } from '../request-types';
import { AnonymousAuthenticator } from './anonymous';
import type { AuthenticationResult, AuthenticatorResult, Credentials, RequestAuthenticator, TokenAuthenticator } from './authenticator';

/** token/union: the first token authenticator that knows the token wins; otherwise their errors, aggregated. */
export class UnionTokenAuthenticator implements TokenAuthenticator {
  readonly name: string;
  constructor(private readonly authenticators: readonly TokenAuthenticator[]) {
    this.name = authenticators.map((a) => a.name).join(',');
  }

  authenticateToken(token: string): AuthenticatorResult {
    // Made only when an authenticator fails with an error: the usual request has none.
    let errors: string[] | undefined;
    for (const a of this.authenticators) {
      const r = a.authenticateToken(token);
      if (r.ok) return r;
      if (r.error) (errors ??= []).push(r.error);
    }
    return errors !== undefined ? { ok: false, error: aggregateMessages(errors) } : { ok: false };
  }
}

/** request/bearertoken: the `Authorization: Bearer` header; a token nobody knows is an error, not "not mine". */
export class BearerTokenAuthenticator implements RequestAuthenticator {
  readonly name = 'bearer-token';
  constructor(private readonly tokens: TokenAuthenticator) {}

  authenticateRequest(credentials: Credentials): AuthenticatorResult {
    const token = credentials.bearerToken;
    if (token === undefined || token === '') return { ok: false };
    const r = this.tokens.authenticateToken(token);
    if (!r.ok && !r.error) return { ok: false, error: 'invalid bearer token' };
    return r;
  }
}

/** request/union: first success wins; with `failOnError`, the first error ends the search (used to put anonymous last). */
export class UnionRequestAuthenticator implements RequestAuthenticator {
  readonly name: string;
  constructor(
    private readonly authenticators: readonly RequestAuthenticator[],
    private readonly failOnError = false,
  ) {
    this.name = authenticators.map((a) => a.name).join(',');
  }

  authenticateRequest(credentials: Credentials): AuthenticatorResult {
    let errors: string[] | undefined;
    for (const a of this.authenticators) {
      const r = a.authenticateRequest(credentials);
      if (r.ok) return r;
      if (r.error) {
        if (this.failOnError) return r;
        (errors ??= []).push(r.error);
      }
    }
    return errors !== undefined ? { ok: false, error: aggregateMessages(errors) } : { ok: false };
  }
}

/** group.AuthenticatedGroupAdder: adds `system:authenticated` unless the user is anonymous or already in it (or in system:unauthenticated). */
export class AuthenticatedGroupAdder implements RequestAuthenticator {
  readonly name: string;
  constructor(private readonly inner: RequestAuthenticator) {
    this.name = inner.name;
  }

  /**
   * The user with the group added, for each user object the inner authenticators hand back: they
   * hand back one per certificate or token, so a component's requests share one user object
   * instead of a copy each. UserInfo is read-only, so an entry never goes stale.
   */
  private readonly added = new WeakMap<UserInfo, UserInfo>();

  authenticateRequest(credentials: Credentials): AuthenticatorResult {
    const r = this.inner.authenticateRequest(credentials);
    if (!r.ok) return r;
    let user = this.added.get(r.user);
    if (user === undefined) {
      user = withAuthenticatedGroup(r.user);
      this.added.set(r.user, user);
    }
    return { ok: true, user, authenticator: r.authenticator };
  }
}

export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.name === ANONYMOUS_USER) return user;
  for (const g of user.groups) if (g === ALL_AUTHENTICATED || g === ALL_UNAUTHENTICATED) return user;
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}

export interface AuthenticatorConfig {
  /** `--client-ca-file`: the client-certificate authenticator, or none. */
  readonly x509?: RequestAuthenticator;
  /** Bearer-token authenticators in upstream order: token file, then service-account tokens. */
  readonly tokenAuthenticators?: readonly TokenAuthenticator[];
  /**
   * `--anonymous-auth`. Off by default in the simulator (the labs start from "no credential, no
   * access"); kube-apiserver's own default is on, with only system:public-info-viewer bound to
   * system:unauthenticated.
   */
  readonly anonymous?: boolean;
}

/** The authentication filter's authenticator: what kube-apiserver builds from its flags. */
export class ApiserverAuthenticator {
  private readonly chain: RequestAuthenticator | undefined;

  constructor(config: AuthenticatorConfig) {
    const request: RequestAuthenticator[] = [];
    if (config.x509) request.push(config.x509);
    const tokens = config.tokenAuthenticators ?? [];
    if (tokens.length > 0) request.push(new BearerTokenAuthenticator(new UnionTokenAuthenticator(tokens)));
    const anonymous = new AnonymousAuthenticator();
    if (request.length === 0) {
      this.chain = config.anonymous ? anonymous : undefined;
      return;
    }
    const authenticated = new AuthenticatedGroupAdder(new UnionRequestAuthenticator(request));
    this.chain = config.anonymous ? new UnionRequestAuthenticator([authenticated, anonymous], true) : authenticated;
  }

  authenticate(credentials: Credentials): AuthenticationResult {
    const r = this.chain?.authenticateRequest(credentials) ?? { ok: false };
    if (r.ok) return { user: r.user, authenticatedBy: r.authenticator };
    return { error: 'Unauthorized', reason: r.error ?? 'no credentials presented and anonymous requests are disabled' };
  }
}
