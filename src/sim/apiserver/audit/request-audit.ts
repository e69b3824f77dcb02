/**
 * Pieces of a request's audit record that follow from what the request shares with others (its
 * URL's RequestInfo, its authenticated user), so kube-apiserver makes each once and shares it.
 */
import type { RequestInfo, UserInfo } from '../request-types';
import type { AuditObjectRef } from './audit-event';

/** The objectRef of a request's audit record, from its RequestInfo (read-only: records of one URL share it). */
export function auditObjectRef(info: RequestInfo): AuditObjectRef | undefined {
  if (!info.isResourceRequest) return undefined;
  return {
    resource: info.resource,
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(info.name ? { name: info.name } : {}),
    ...(info.apiGroup ? { apiGroup: info.apiGroup } : {}),
    apiVersion: info.apiVersion,
    ...(info.subresource ? { subresource: info.subresource } : {}),
  };
}

/**
 * The authentication stage's detail, `user "alice", groups ["devs","system:authenticated"]`,
 * once per user object: authentication hands each component the same read-only user on every
 * request, and the groups' JSON was the costliest string of a request's audit record.
 */
const authenticatedDetails = new WeakMap<UserInfo, string>();
export function authenticatedDetail(user: UserInfo): string {
  let detail = authenticatedDetails.get(user);
  if (detail === undefined) {
    detail = `user "${user.name}", groups ${JSON.stringify(user.groups)}`;
    authenticatedDetails.set(user, detail);
  }
  return detail;
}
