/**
 * metav1.Status errors as kube-apiserver returns them, built like apimachinery's
 * pkg/api/errors constructors (NewNotFound, NewAlreadyExists, NewConflict, NewInvalid,
 * NewForbidden, ...), with the same messages, reasons and codes. Everything in the apiserver
 * that fails throws a StatusError; the HTTP layer turns it into the response body.
 */
import { aggregateText, errorBody, goQuote, type FieldError } from '../api/field-errors';
import type { Status, StatusCause, StatusDetails, StatusReason } from '../api/status';

/** schema.GroupResource: printed as `pods` or `deployments.apps`. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): StatusReason | undefined {
    return this.status.reason;
  }
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
  return new StatusError(status);
}

function grDetails(gr: GroupResource, name: string): StatusDetails {
  return { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource };
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${groupResourceString(gr)} ${JSON.stringify(name)} not found`, grDetails(gr, name));
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${JSON.stringify(name)} already exists`, grDetails(gr, name));
}

/** The registry's answer when the name exists but is being deleted (store.go create). */
export function newAlreadyExistsBeingDeleted(gr: GroupResource, name: string): StatusError {
  const e = newAlreadyExists(gr, name);
  e.status.message = `object is being deleted: ${e.status.message}`;
  return e;
}

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export function newConflict(gr: GroupResource, name: string, message = OPTIMISTIC_LOCK_MESSAGE): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} ${JSON.stringify(name)}: ${message}`, grDetails(gr, name));
}

/** A GroupKind: printed as `Pod` or `Deployment.apps`. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export function newInvalid(gk: GroupKind, name: string, errors: readonly FieldError[]): StatusError {
  const causes: StatusCause[] = errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const gkText = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  // ToAggregate drops duplicate messages; the name is quoted as Go's %q does.
  return failure(422, 'Invalid', `${gkText} ${goQuote(name)} is invalid: ${aggregateText(errors)}`, {
    // StatusDetails' name, group and kind are omitempty: a patch's Invalid has none of them.
    ...(name ? { name } : {}),
    ...(gk.group ? { group: gk.group } : {}),
    ...(gk.kind ? { kind: gk.kind } : {}),
    causes,
  });
}

export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const subject = name ? `${groupResourceString(gr)} ${JSON.stringify(name)}` : groupResourceString(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${reason}`, grDetails(gr, name));
}

/** A Forbidden for a non-resource path or a message given whole (authorization of /healthz ...). */
export function newForbiddenMessage(message: string): StatusError {
  return failure(403, 'Forbidden', message);
}

export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return failure(401, 'Unauthorized', message);
}

export function newGone(message: string): StatusError {
  return failure(410, 'Gone', message);
}

/** The watch cache's and etcd's answer for a compacted resourceVersion. */
export function newResourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function newBadRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${JSON.stringify(groupResourceString(gr))}`, {
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function newInternalError(message: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function newTimeout(message: string, retryAfterSeconds: number): StatusError {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

/**
 * storage.NewTooLargeResourceVersionError: as the watch cache returns it (retry after 1 s), or
 * as the etcd3 store does for a resource without a cache (retry 0, which the Status omits).
 */
export function newTooLargeResourceVersion(requested: number, current: number, retryAfterSeconds = 1): StatusError {
  return failure(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });
}

export function newServiceUnavailable(message: string): StatusError {
  return failure(503, 'ServiceUnavailable', message);
}
