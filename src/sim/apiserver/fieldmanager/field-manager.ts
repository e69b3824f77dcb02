/**
 * The apiserver's field manager (k8s.io/apiserver pkg/endpoints/handlers/fieldmanager, over
 * apimachinery's managedfields/internal): every create, update and patch records who set which
 * fields in metadata.managedFields. The registry calls `managedFieldsOf` with the live object
 * (none on create) and the new one as the handler has them, decoded and defaulted but before
 * mutating admission (create.go, update.go and patch.go call UpdateNoErrors there), and writes
 * the answer onto the object it stores.
 */
import { flatString } from '../../flat-string';
import type { KubeObject } from '../../api/kube-object';
import { withFields } from '../../api/object-copy';
import { rootTypeOf } from '../../api/schema/field-schema';
import { compareObjects, type CompareScope } from './compare';
import { createdFieldsV1 } from './created-fields';
import { decodeManagedFields, encodeManagedFields, isReset, recordUpdate, type ManagedEntry } from './managed-fields';

/** Who is writing, and through which path. */
export interface FieldManagerRequest {
  /** `?fieldManager=`, or null when the request names none. */
  readonly fieldManager: string | null;
  readonly userAgent: string;
  /** `status`, `scale`, or '' for the main resource. */
  readonly subresource: string;
  /** Whether the resource has a status subresource (its main writes do not own status). */
  readonly hasStatus: boolean;
  /** Whether a write of /status may change annotations too (apps/v1 status strategies). */
  readonly statusTakesAnnotations?: boolean;
  /** metav1.Time of the write. */
  readonly now: string;
}

/** prefixFromUserAgent (handlers/rest.go): `kubectl/v1.32.0 (linux/amd64) ...` is "kubectl". */
export function prefixFromUserAgent(userAgent: string): string {
  // Every write asks, with one of a few user agents: the last answer is kept, flat, since it is
  // written into every object's managedFields (see flatString).
  if (userAgent !== lastUserAgent.userAgent) lastUserAgent = { userAgent, prefix: flatString(userAgent.split('/')[0] ?? '') };
  return lastUserAgent.prefix;
}

let lastUserAgent = { userAgent: '', prefix: '' };

/** managerOrUserAgent: the request's fieldManager, else the user agent's first word. */
export function managerOf(request: Pick<FieldManagerRequest, 'fieldManager' | 'userAgent'>): string {
  return request.fieldManager ? request.fieldManager : prefixFromUserAgent(request.userAgent);
}

const NO_ENTRIES: readonly ManagedEntry[] = [];

/**
 * decodeLiveOrNew (fieldmanager.go): a subresource write keeps the live object's entries; a
 * request that sends `managedFields: [{}]` resets them; one that sends entries that decode
 * replaces them; otherwise (none sent, or undecodable) the live object's stand.
 */
function startingEntries(live: KubeObject | undefined, next: KubeObject, subresource: string): readonly ManagedEntry[] {
  if (subresource) return liveEntries(live);
  const sent: unknown = next.metadata.managedFields;
  if (isReset(sent)) return NO_ENTRIES;
  const decoded = decodeManagedFields(sent);
  return decoded && decoded.length ? decoded : liveEntries(live);
}

function liveEntries(live: KubeObject | undefined): readonly ManagedEntry[] {
  return decodeManagedFields(live?.metadata.managedFields) ?? NO_ENTRIES;
}

export function scopeOf(request: Pick<FieldManagerRequest, 'hasStatus' | 'subresource' | 'statusTakesAnnotations'>): CompareScope {
  if (!request.hasStatus) return 'all';
  if (request.subresource !== 'status') return 'main';
  return request.statusTakesAnnotations ? 'status+annotations' : 'status';
}

/** The managedFields to store with `next`, after an Update operation from `live` (undefined: a create). */
export function managedFieldsOf(live: KubeObject | undefined, next: KubeObject, request: FieldManagerRequest): Record<string, unknown>[] {
  const entries = startingEntries(live, next, request.subresource);
  const rootType = rootTypeOf(next.apiVersion, next.kind);
  // A plain create (the common case, every pod a controller makes): one entry, no set algebra.
  if (!live && entries.length === 0 && rootType !== undefined) {
    const fieldsV1 = createdFieldsV1(next as unknown as Record<string, unknown>, rootType, scopeOf(request));
    if (isEmptyJson(fieldsV1)) return [];
    // One literal per shape (no spread of a conditional object), in the stored key order.
    if (request.subresource) return [{ apiVersion: next.apiVersion, fieldsType: 'FieldsV1', fieldsV1, manager: managerOf(request), operation: 'Update', subresource: request.subresource, time: request.now }];
    return [{ apiVersion: next.apiVersion, fieldsType: 'FieldsV1', fieldsV1, manager: managerOf(request), operation: 'Update', time: request.now }];
  }
  const change = compareObjects(live, next, rootType, scopeOf(request));
  const updated = recordUpdate(entries, change, { manager: managerOf(request), apiVersion: next.apiVersion, subresource: request.subresource }, request.now);
  return encodeManagedFields(updated);
}

/** Whether the JSON object has no key, without making the array of its keys. */
function isEmptyJson(json: Record<string, unknown>): boolean {
  for (const _ in json) return false;
  return true;
}

/**
 * The object with its managedFields replaced (none: the field is omitted, as omitempty does).
 * The list is stored as given, not copied: managedFieldsOf's answer is a new list no one else
 * holds, and its identity lets the next write find its decoded entries (decodeManagedFields).
 */
export function withManagedFields(object: KubeObject, managedFields: readonly Record<string, unknown>[]): KubeObject {
  const { managedFields: _old, ...metadata } = object.metadata;
  // withFields, not a spread: a new field on a spread copy is slow (object-copy.ts).
  return { ...object, metadata: managedFields.length ? withFields(metadata, { managedFields }) : metadata } as KubeObject;
}
