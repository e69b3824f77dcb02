/**
 * `--overrides` / `--override-type` of `kubectl run` and `kubectl expose` (kubectl/pkg/cmd/util
 * override_options.go): an inline JSON document applied to the generated object before it is
 * sent, as a JSON merge patch by default, or a JSON patch or a strategic merge patch.
 */
import type { KubeObject } from '../../../sim/api/kube-object';
import { applyPatchDocument } from '../../../sim/api/patch';
import { stringFlag, type FlagSpec, type ParsedFlags } from './flags';

export const OVERRIDE_FLAGS: readonly FlagSpec[] = [
  { name: 'overrides', kind: 'string' },
  { name: 'override-type', kind: 'string' },
];

const TYPES = ['json', 'merge', 'strategic'] as const;

/** The object with the overrides applied, itself when there are none, or kubectl's error. */
export function applyOverrides(flags: ParsedFlags, object: KubeObject): { ok: true; object: KubeObject } | { ok: false; error: string } {
  const overrides = stringFlag(flags, 'overrides');
  if (!overrides) return { ok: true, object };
  const type = stringFlag(flags, 'override-type') ?? 'merge';
  if (!(TYPES as readonly string[]).includes(type)) return { ok: false, error: `error: invalid override type: ${type}` };
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    // evanphx/json-patch's errBadJSONDoc / errBadJSONPatch.
    return { ok: false, error: type === 'json' ? 'error: invalid JSON Patch' : 'error: Invalid JSON Patch' };
  }
  try {
    return { ok: true, object: applyPatchDocument(type as (typeof TYPES)[number], object, patch, object.kind) as KubeObject };
  } catch (e) {
    return { ok: false, error: `error: ${(e as Error).message}` };
  }
}
