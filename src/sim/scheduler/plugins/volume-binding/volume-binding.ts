/**
 * VolumeBinding (plugins/volumebinding), thin until storage is simulated: a pod without
 * PersistentVolumeClaims skips it (PreFilter Skip), as upstream; a pod with one is rejected as
 * upstream rejects a claim that does not exist, since no PVC can exist yet. Reserve and PreBind
 * have nothing to bind.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, PreFilterResult, ReservePlugin } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { V1Pod } from '../../framework/v1';

export const Name = 'VolumeBinding';
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonNotEnoughSpace = 'node(s) did not have enough free storage';

export function podClaims(pod: V1Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin {
  readonly name = Name;

  preFilter(_state: CycleState, pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    const claims = podClaims(pod);
    if (claims.length === 0) return [null, newStatus('Skip')];
    return [null, newStatus('UnschedulableAndUnresolvable', `persistentvolumeclaim "${claims[0]}" not found`)];
  }

  filter(): MaybeStatus {
    return null;
  }

  reserve(): MaybeStatus {
    return null;
  }

  unreserve(): void {}

  preBind(): MaybeStatus {
    return null;
  }
}

export function New(_args: unknown, _handle: Handle): VolumeBinding {
  return new VolumeBinding();
}
