/**
 * Adapters from the registry to defaulting, validation and patching in src/sim/api.
 * WIRING PENDING: identity defaulting, no validation beyond identity and JSON merge patch only,
 * until those modules land.
 */
import type { FieldError } from '../../api/field-errors';
import type { KubeObject } from '../../watch-event';

export function applyDefaults(object: KubeObject): KubeObject {
  return object;
}

export function validateCreate(_object: KubeObject): FieldError[] {
  return [];
}

export function validateUpdate(_object: KubeObject, _old: KubeObject): FieldError[] {
  return [];
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export function applyPatch(type: PatchType, object: KubeObject, patch: unknown, _kind: string): KubeObject {
  if (type === 'json') throw new Error('json patch is not supported yet');
  return mergePatch(object, patch) as KubeObject;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
