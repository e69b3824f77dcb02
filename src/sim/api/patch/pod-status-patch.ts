/**
 * preparePatchBytesForPodStatus (pkg/util/pod/pod.go), what the kubelet's status manager sends
 * (status_manager.go syncPod → PatchPodStatus): the two-way strategic merge patch from
 * `v1.Pod{Status: old}` to `v1.Pod{ObjectMeta: {UID: uid}, Status: new}`. The patch always names
 * the pod's UID (the apiserver's precondition against a recreated pod), so "nothing to send" is a
 * patch of exactly `{"metadata":{"uid":"<uid>"}}`.
 *
 * Upstream marshals the typed structs first, so what is compared is what json.Marshal writes of a
 * PodStatus: `omitempty` fields drop out when empty, a condition's metav1.Time fields are written
 * (null when zero) and a ContainerStatus's non-omitempty fields are always there. goPodStatus
 * gives our JS status that shape. Fields it does not know are kept as they are.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import { createTwoWayMergePatch, type Json, type JsonMap } from './two-way-merge-patch';

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How one struct field marshals. */
type Field =
  /** `omitempty` on a string, number, bool, slice, map or pointer: absent when empty (a pointer: when nil). */
  | 'omitempty'
  /** A pointer with `omitempty` (*bool, *metav1.Time ...): absent only when nil. */
  | 'pointer'
  /** A metav1.Time value (not a pointer): `omitempty` does not apply to a struct, zero writes null. */
  | 'time'
  /** A struct value: always written, `{}` when absent. */
  | { readonly struct: Struct }
  /** A pointer to a struct, omitempty: absent when nil, else the struct. */
  | { readonly pointer: Struct }
  /** A slice of structs, omitempty. */
  | { readonly items: Struct }
  /** No omitempty: always written, with the zero value when absent. */
  | { readonly zero: Json };

interface Struct {
  readonly fields: readonly (readonly [string, Field])[];
  /** The field names, made once: the status manager marshals two statuses per pod update. */
  readonly known: ReadonlySet<string>;
}

const struct = (fields: readonly (readonly [string, Field])[]): Struct => ({ fields, known: new Set(fields.map(([name]) => name)) });

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isMap(v) && Object.keys(v).length === 0;
}

/** json.Marshal of one struct, given as the JS object our components hold. */
function marshalStruct(value: unknown, struct: Struct): JsonMap {
  const source: JsonMap = isMap(value) ? value : {};
  const out: JsonMap = {};
  for (const [name, field] of struct.fields) {
    const v = source[name];
    if (field === 'omitempty') {
      if (!isEmpty(v)) out[name] = v as Json;
    } else if (field === 'pointer') {
      if (v !== undefined && v !== null) out[name] = v as Json;
    } else if (field === 'time') {
      out[name] = v === undefined || v === '' ? null : (v as Json);
    } else if ('struct' in field) {
      out[name] = marshalStruct(v, field.struct);
    } else if ('pointer' in field) {
      if (v !== undefined && v !== null) out[name] = marshalStruct(v, field.pointer);
    } else if ('items' in field) {
      if (Array.isArray(v) && v.length > 0) out[name] = v.map((item) => marshalStruct(item, field.items));
    } else {
      out[name] = v === undefined || v === null ? field.zero : (v as Json);
    }
  }
  // Fields this table does not list (newer API fields) are passed through unchanged.
  for (const k in source) if (!struct.known.has(k) && source[k] !== undefined) out[k] = source[k] as Json;
  return out;
}

/** k8s.io/api core/v1 types.go, 1.32, in struct order. */
const POD_CONDITION = struct([
  ['type', { zero: '' }],
  ['status', { zero: '' }],
  ['lastProbeTime', 'time'],
  ['lastTransitionTime', 'time'],
  ['reason', 'omitempty'],
  ['message', 'omitempty'],
]);
const CONTAINER_STATE = struct([
  ['waiting', { pointer: struct([['reason', 'omitempty'], ['message', 'omitempty']]) }],
  ['running', { pointer: struct([['startedAt', 'time']]) }],
  [
    'terminated',
    {
      pointer: struct([
        ['exitCode', { zero: 0 }],
        ['signal', 'omitempty'],
        ['reason', 'omitempty'],
        ['message', 'omitempty'],
        ['startedAt', 'time'],
        ['finishedAt', 'time'],
        ['containerID', 'omitempty'],
      ]),
    },
  ],
]);
const CONTAINER_STATUS = struct([
  ['name', { zero: '' }],
  ['state', { struct: CONTAINER_STATE }],
  ['lastState', { struct: CONTAINER_STATE }],
  ['ready', { zero: false }],
  ['restartCount', { zero: 0 }],
  ['image', { zero: '' }],
  ['imageID', { zero: '' }],
  ['containerID', 'omitempty'],
  ['started', 'pointer'],
  ['allocatedResources', 'omitempty'],
  ['resources', 'pointer'],
  ['volumeMounts', 'omitempty'],
  ['user', 'pointer'],
  ['allocatedResourcesStatus', 'omitempty'],
]);
const IP = struct([['ip', 'omitempty']]);
const POD_STATUS = struct([
  ['phase', 'omitempty'],
  ['conditions', { items: POD_CONDITION }],
  ['message', 'omitempty'],
  ['reason', 'omitempty'],
  ['nominatedNodeName', 'omitempty'],
  ['hostIP', 'omitempty'],
  ['hostIPs', { items: IP }],
  ['podIP', 'omitempty'],
  ['podIPs', { items: IP }],
  ['startTime', 'pointer'],
  ['initContainerStatuses', { items: CONTAINER_STATUS }],
  ['containerStatuses', { items: CONTAINER_STATUS }],
  ['qosClass', 'omitempty'],
  ['ephemeralContainerStatuses', { items: CONTAINER_STATUS }],
  ['resize', 'omitempty'],
  ['resourceClaimStatuses', 'omitempty'],
]);

/** A PodStatus as json.Marshal writes the Go struct: what the kubelet's patch is computed from. */
export function goPodStatus(status: PodStatus | undefined): JsonMap {
  return marshalStruct(status, POD_STATUS);
}

/**
 * A patched status in the key order a JSON merge patch of the whole status gives (what the
 * simulator stored before the kubelet sent strategic merge patches): the keys `previous` had, in
 * its order, then the new ones, everything below the top level in Go struct order. Upstream
 * stores plain struct order (goPodStatus); this keeps a stored pod's text as it was for the same
 * inputs, for a caller that needs that.
 */
export function inMergePatchKeyOrder(previous: PodStatus | undefined, patched: PodStatus): JsonMap {
  const ordered = goPodStatus(patched);
  const out: JsonMap = {};
  for (const k of Object.keys(previous ?? {})) if (k in ordered) out[k] = ordered[k] as Json;
  for (const [k, v] of Object.entries(ordered)) if (!(k in out)) out[k] = v;
  return out;
}

export interface PodStatusPatch {
  /** The strategic merge patch for pods/NAME/status; JSON.stringify of it is the request body. */
  readonly patch: JsonMap;
  /** The patch carries nothing but the UID: the kubelet sends no request. */
  readonly unchanged: boolean;
}

/** preparePatchBytesForPodStatus(namespace, name, uid, oldPodStatus, newPodStatus). */
export function podStatusPatch(uid: string, oldStatus: PodStatus | undefined, newStatus: PodStatus | undefined): PodStatusPatch {
  // Both sides also carry the same zero spec and metadata (creationTimestamp: null,
  // containers: null); they cancel out, so only the UID is added here.
  const original: JsonMap = { metadata: {}, status: goPodStatus(oldStatus) };
  const modified: JsonMap = { metadata: uid ? { uid } : {}, status: goPodStatus(newStatus) };
  const patch = createTwoWayMergePatch(original, modified, 'Pod');
  // bytes.Equal(patchBytes, `{"metadata":{"uid":"<uid>"}}`): one key holding a map of the UID alone.
  const keys = Object.keys(patch);
  const metadata = patch['metadata'];
  const unchanged = keys.length === 1 && isMap(metadata) && Object.keys(metadata).length === 1 && metadata['uid'] === uid;
  return { patch, unchanged };
}
