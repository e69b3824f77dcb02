/**
 * The four patch types a PATCH request may carry (Content-Type), applied to the stored object:
 * merge (RFC 7386), json (RFC 6902), strategic (strategic merge patch) and apply (server-side
 * apply). Server-side apply is approximated by a strategic merge of the applied configuration:
 * the fields it sets win, the rest of the live object stays; field ownership (managedFields) and
 * conflicts between managers are not modelled.
 */
import { applyMergePatch } from './json-merge-patch';
import { applyJsonPatch } from './json-patch';
import { applyStrategicMergePatch } from './strategic-merge-patch';

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export function applyPatchDocument(type: PatchType, original: unknown, patch: unknown, kind: string): unknown {
  switch (type) {
    case 'merge':
      return applyMergePatch(original, patch);
    case 'json':
      return applyJsonPatch(original, patch);
    case 'strategic':
    case 'apply':
      return applyStrategicMergePatch(original, patch, kind);
  }
}

export { applyMergePatch, createMergePatch } from './json-merge-patch';
export { applyJsonPatch, JsonPatchError } from './json-patch';
export { applyStrategicMergePatch, StrategicMergePatchError } from './strategic-merge-patch';
