/**
 * The anonymous authenticator (`--anonymous-auth`), after
 * k8s.io/apiserver/pkg/authentication/request/anonymous/anonymous.go: a request that no other
 * authenticator recognised becomes user `system:anonymous` in group `system:unauthenticated`.
 * The union only consults it when every other authenticator said "not mine" without an error
 * (a presented-but-invalid credential stays a 401).
 */
import { ALL_UNAUTHENTICATED, ANONYMOUS_USER } from '../request-types';
import type { AuthenticatorResult, RequestAuthenticator } from './authenticator';

export class AnonymousAuthenticator implements RequestAuthenticator {
  readonly name = 'anonymous';

  authenticateRequest(): AuthenticatorResult {
    return { ok: true, user: { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] }, authenticator: this.name };
  }
}
