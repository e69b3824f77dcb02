/**
 * Adapters from the registry to decoding, defaulting, validation and patching in src/sim/api:
 * the registry stays ignorant of kinds; these pick the kind's rules from object.kind and turn
 * failures that are not field errors into the Status the real apiserver answers with.
 */
import type { FieldError } from '../../api/field-errors';
import { decodeObject, DecodeError, defaultObject } from '../../api/defaulting';
import { applyPatchDocument, JsonPatchError, type PatchType } from '../../api/patch';
import { validateObject, validateObjectStatusUpdate, validateObjectUpdate } from '../../api/validation';
import type { KubeObject } from '../../api/kube-object';
import { parse as parseYaml } from 'yaml';
import { newBadRequest, newInternalError, StatusError } from '../status';

export type { PatchType };

/**
 * Decoding (quantities to canonical form, Secret stringData into data) then the kind's defaults.
 * A body that cannot be decoded is a 400, worded as the apiserver's transformDecodeError.
 */
export function applyDefaults(object: KubeObject): KubeObject {
  let decoded: KubeObject;
  try {
    decoded = decodeObject(object);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const version = object.apiVersion.includes('/') ? object.apiVersion.slice(object.apiVersion.indexOf('/') + 1) : object.apiVersion;
    throw newBadRequest(`${object.kind} in version ${JSON.stringify(version)} cannot be handled as a ${object.kind}: ${e.message}`);
  }
  return defaultObject(decoded);
}

export function validateCreate(object: KubeObject): FieldError[] {
  return validateObject(object);
}

export function validateUpdate(object: KubeObject, old: KubeObject, subresource: string): FieldError[] {
  return subresource === 'status' ? validateObjectStatusUpdate(object, old) : validateObjectUpdate(object, old);
}

/** A patch body may arrive as text (YAML for server-side apply) or already parsed. */
export function patchBody(patch: unknown): unknown {
  if (typeof patch !== 'string') return patch;
  try {
    return JSON.parse(patch) as unknown;
  } catch {
    try {
      return parseYaml(patch) as unknown;
    } catch (e) {
      throw newBadRequest(`error decoding patch: ${(e as Error).message}`);
    }
  }
}

/** NewGenericServerResponse(422, ...): how the apiserver reports a JSON patch that does not apply. */
function unprocessable(serverMessage: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] },
    code: 422,
  });
}

/** ObjectMeta's maps and lists are `omitempty`: emptied by a patch, they are gone once stored. */
const OMIT_EMPTY_META = ['labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'] as const;

/**
 * The patched JSON is decoded into the Go type and encoded again before it is stored
 * (patch.go applyPatchToObject), so a list a patch empties (the garbage collector's last
 * ownerReference, the last finalizer) is absent afterwards rather than `[]`.
 */
function omitEmptyObjectMeta(object: KubeObject): KubeObject {
  const meta: Record<string, unknown> = { ...object.metadata };
  let changed = false;
  for (const key of OMIT_EMPTY_META) {
    const v = meta[key];
    if (v !== undefined && v !== null && typeof v === 'object' && Object.keys(v).length === 0) {
      delete meta[key];
      changed = true;
    }
  }
  return changed ? ({ ...object, metadata: meta } as KubeObject) : object;
}

export function applyPatch(type: PatchType, object: KubeObject, patch: unknown, kind: string): KubeObject {
  try {
    return omitEmptyObjectMeta(applyPatchDocument(type, object, patchBody(patch), kind || object.kind) as KubeObject);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof JsonPatchError) throw e.phase === 'decode' ? newBadRequest(e.message) : unprocessable(e.message);
    // Strategic merge errors reach the client as a 500 carrying the merge error's text.
    throw newInternalError(e instanceof Error ? e.message : String(e));
  }
}
