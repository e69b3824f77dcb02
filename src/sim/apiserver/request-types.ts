/**
 * The shapes every stage of the apiserver's request pipeline shares: who is asking (user.Info),
 * what they ask (RequestInfo, from the URL and method), and what authorization decides.
 * Named after k8s.io/apiserver's types so a reader who knows them finds their way.
 */

/** k8s.io/apiserver/pkg/authentication/user.Info */
export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** k8s.io/apiserver/pkg/endpoints/request.RequestInfo */
export interface RequestInfo {
  readonly isResourceRequest: boolean;
  /** The URL path: /api/v1/namespaces/default/pods/web */
  readonly path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection (or the HTTP verb, lower-cased, for non-resource paths). */
  readonly verb: string;
  /** "api" or "apis" */
  readonly apiPrefix: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  readonly parts: readonly string[];
}

/** k8s.io/apiserver/pkg/authorization/authorizer.Attributes */
export interface AuthorizationAttributes {
  readonly user: UserInfo;
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly path: string;
  readonly namespace: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  readonly decision: Decision;
  /** Why: shown after the Forbidden message (`RBAC: role.rbac.authorization.k8s.io "reader" not found`). */
  readonly reason: string;
  /** Which authorizer decided and, for RBAC, which binding and role allowed it: for the page's request journey. */
  readonly allowedBy?: string;
}

export interface Authorizer {
  readonly name: string;
  authorize(attributes: AuthorizationAttributes): AuthorizationResult;
}

/** Well-known users and groups (k8s.io/apiserver/pkg/authentication/user). */
export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const NODES_GROUP = 'system:nodes';
export const KUBE_SCHEDULER_USER = 'system:kube-scheduler';
export const KUBE_CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
export const KUBE_PROXY_USER = 'system:kube-proxy';
export const APISERVER_USER = 'system:apiserver';
