/**
 * The 403 a denied request gets, word for word as k8s.io/apiserver's
 * pkg/endpoints/handlers/responsewriters/errors.go builds it (`forbiddenMessage` +
 * `ForbiddenStatusError`) on top of apimachinery's `NewForbidden`:
 *
 *   pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"
 *   pods "web" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "default"
 *   nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope
 *   forbidden: User "system:anonymous" cannot get path "/metrics"
 *
 * with the authorizer's reason appended after `: ` when there is one. Used by the authorization
 * filter and by impersonation (which authorizes each impersonated identity the same way).
 */
import { goQuote } from '../../api/field-errors';
import type { AuthorizationAttributes } from '../request-types';
import type { StatusDetails } from '../../api/status';
import { newForbidden, newForbiddenMessage, StatusError } from '../status';

/** responsewriters.forbiddenMessage: who cannot do what, where. */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  const username = goQuote(attrs.user.name);
  if (!attrs.isResourceRequest) {
    return `User ${username} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  }
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  if (attrs.namespace) {
    return `User ${username} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} in the namespace ${goQuote(attrs.namespace)}`;
  }
  return `User ${username} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} at the cluster scope`;
}

/**
 * metav1.StatusDetails serialises with omitempty: empty name/group/kind are absent, and an
 * all-empty details is `{}` (NewForbidden always sets Details). status.ts keeps `name: ""`, so the
 * body is normalised here to match what the real apiserver sends.
 */
function omitEmpty(details: StatusDetails | undefined): StatusDetails {
  const out: StatusDetails = {};
  if (details?.name) out.name = details.name;
  if (details?.group) out.group = details.group;
  if (details?.kind) out.kind = details.kind;
  if (details?.uid) out.uid = details.uid;
  if (details?.causes && details.causes.length > 0) out.causes = details.causes;
  if (details?.retryAfterSeconds) out.retryAfterSeconds = details.retryAfterSeconds;
  return out;
}

/**
 * responsewriters.ForbiddenStatusError: the Forbidden StatusError for these attributes, with the
 * authorizer's reason appended when non-empty. For non-resource requests the resource is empty,
 * so NewForbidden says just `forbidden: ...`.
 */
export function forbiddenStatusError(attrs: AuthorizationAttributes, reason: string): StatusError {
  let msg = forbiddenMessage(attrs);
  if (reason.length > 0) msg = `${msg}: ${reason}`;
  const gr = { group: attrs.apiGroup, resource: attrs.resource };
  const base = gr.group === '' && gr.resource === '' ? newForbiddenMessage(`forbidden: ${msg}`) : newForbidden(gr, attrs.name, msg);
  const { kind, apiVersion, metadata, status, message, reason: statusReason, code } = base.status;
  return new StatusError({ kind, apiVersion, metadata, status, message, reason: statusReason, details: omitEmpty(base.status.details), code });
}
