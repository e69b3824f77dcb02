/**
 * Impersonation (`kubectl --as=alice --as-group=devs`), after k8s.io/apiserver
 * pkg/endpoints/filters/impersonation.go. Runs after authentication and before authorization:
 * for each identity asked for (user or service account, each group, each extra value, the uid)
 * the requester must be allowed the verb `impersonate` on it, checked with the same authorizer
 * chain as every request; the first denial is a 403 built exactly like an authorization denial:
 *
 *   users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope
 *
 * When all are allowed the request continues as the impersonated user, who gets
 * `system:authenticated` added (or `system:unauthenticated` when impersonating system:anonymous)
 * unless the groups asked for already say which. Impersonating a service account without groups
 * gives it the service-account groups.
 */
import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  type AuthorizationAttributes,
  type Authorizer,
  type UserInfo,
} from '../request-types';
import { newInternalError, type StatusError } from '../status';
import { forbiddenStatusError } from '../authorization/forbidden-message';
import { serviceAccountGroups, serviceAccountUsername, splitServiceAccountUsername } from './serviceaccount';

/** The Impersonate-* headers: Impersonate-User, Impersonate-Group (repeated), Impersonate-Uid, Impersonate-Extra-<key>. */
export interface ImpersonationHeaders {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly uid?: string;
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** One identity to impersonate: what buildImpersonationRequests makes of the headers (an ObjectReference upstream). */
interface ImpersonationRequest {
  readonly kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  readonly namespace: string;
  readonly name: string;
  /** For UserExtra: the extra key (the ObjectReference's fieldPath). */
  readonly extraKey: string;
}

function hasImpersonation(headers: ImpersonationHeaders | undefined): headers is ImpersonationHeaders {
  if (!headers) return false;
  return Boolean(headers.user) || (headers.groups?.length ?? 0) > 0 || Boolean(headers.uid) || Object.keys(headers.extra ?? {}).length > 0;
}

function describeRequests(requests: readonly ImpersonationRequest[]): string {
  return `[${requests.map((r) => `{${r.kind} ${r.namespace} ${r.name} ${r.extraKey}}`).join(' ')}]`;
}

/** buildImpersonationRequests, including its rule that groups, extras or a uid need a user too (a 500 upstream). */
function buildRequests(headers: ImpersonationHeaders): ImpersonationRequest[] | StatusError {
  const requests: ImpersonationRequest[] = [];
  const requestedUser = headers.user ?? '';
  if (requestedUser) {
    const sa = splitServiceAccountUsername(requestedUser);
    requests.push(sa ? { kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name, extraKey: '' } : { kind: 'User', namespace: '', name: requestedUser, extraKey: '' });
  }
  for (const group of headers.groups ?? []) requests.push({ kind: 'Group', namespace: '', name: group, extraKey: '' });
  // Header names arrive in map order upstream; sorted here so runs repeat.
  for (const key of Object.keys(headers.extra ?? {}).sort()) {
    for (const value of headers.extra?.[key] ?? []) requests.push({ kind: 'UserExtra', namespace: '', name: value, extraKey: key.toLowerCase() });
  }
  if (headers.uid) requests.push({ kind: 'UID', namespace: '', name: headers.uid, extraKey: '' });
  if (!requestedUser && requests.length > 0) {
    return newInternalError(`requested ${describeRequests(requests)} without impersonating a user`);
  }
  return requests;
}

function actingAsAttributes(requester: UserInfo, r: ImpersonationRequest): AuthorizationAttributes {
  const base = { user: requester, verb: 'impersonate', isResourceRequest: true, path: '', namespace: r.namespace, name: r.name, subresource: '' };
  switch (r.kind) {
    case 'ServiceAccount':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'serviceaccounts' };
    case 'User':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'users' };
    case 'Group':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'groups' };
    case 'UserExtra':
      return { ...base, apiGroup: 'authentication.k8s.io', apiVersion: 'v1', resource: 'userextras', subresource: r.extraKey };
    case 'UID':
      return { ...base, apiGroup: 'authentication.k8s.io', apiVersion: 'v1', resource: 'uids' };
  }
}

export interface ImpersonationResult {
  /** Who the request now runs as. */
  readonly user: UserInfo;
  /** Who actually sent it (the audit event's `user`; `impersonatedUser` is `user` above). Absent when nothing was impersonated. */
  readonly impersonatedBy?: UserInfo;
}

/**
 * WithImpersonation: returns the requester unchanged when no Impersonate-* header is set; the
 * impersonated user when every identity is allowed; throws the 403 (or the 500 for groups
 * without a user) otherwise.
 */
export function impersonate(requester: UserInfo, headers: ImpersonationHeaders | undefined, authorizer: Authorizer): ImpersonationResult {
  if (!hasImpersonation(headers)) return { user: requester };
  const requests = buildRequests(headers);
  if (!Array.isArray(requests)) throw requests;

  // Groups given explicitly are the authority; otherwise a service account gets its fixed groups.
  const groupsSpecified = (headers.groups?.length ?? 0) > 0;
  let username = '';
  let uid = '';
  const groups: string[] = [];
  const extra: Record<string, string[]> = {};
  for (const r of requests) {
    const attrs = actingAsAttributes(requester, r);
    switch (r.kind) {
      case 'ServiceAccount':
        username = serviceAccountUsername(r.namespace, r.name);
        if (!groupsSpecified) groups.push(...serviceAccountGroups(r.namespace));
        break;
      case 'User':
        username = r.name;
        break;
      case 'Group':
        groups.push(r.name);
        break;
      case 'UserExtra':
        (extra[r.extraKey] ??= []).push(r.name);
        break;
      case 'UID':
        uid = r.name;
        break;
    }
    const result = authorizer.authorize(attrs);
    if (result.decision !== 'Allow') throw forbiddenStatusError(attrs, result.reason);
  }

  if (username !== ANONYMOUS_USER) {
    if (!groups.some((g) => g === ALL_AUTHENTICATED || g === ALL_UNAUTHENTICATED)) groups.push(ALL_AUTHENTICATED);
  } else if (!groups.includes(ALL_UNAUTHENTICATED)) {
    groups.push(ALL_UNAUTHENTICATED);
  }
  const user: UserInfo = {
    name: username,
    ...(uid ? { uid } : {}),
    groups,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return { user, impersonatedBy: requester };
}
