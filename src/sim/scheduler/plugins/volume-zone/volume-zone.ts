/**
 * VolumeZone (plugins/volumezone: a PV's zone labels against the node's), thin until storage is simulated: no pod can reference a
 * PersistentVolumeClaim that exists yet, so PreFilter returns Skip (as upstream does for a pod with
 * nothing for it to check) and Filter passes. Present so the default profile is upstream's.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, PreFilterPlugin, PreFilterResult } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { V1Pod } from '../../framework/v1';

export const Name = 'VolumeZone';

export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(_state: CycleState, _pod: V1Pod): [PreFilterResult | null, MaybeStatus] {
    return [null, newStatus('Skip')];
  }

  filter(): MaybeStatus {
    return null;
  }
}

export function New(_args: unknown, _handle: Handle): VolumeZone {
  return new VolumeZone();
}
