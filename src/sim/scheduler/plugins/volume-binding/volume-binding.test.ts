/** The volume plugins, thin until storage exists: a pod without claims skips them; a claim cannot be found. */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { makePod } from '../../testing/wrappers';
import { NodeVolumeLimits } from '../node-volume-limits/node-volume-limits';
import { VolumeRestrictions } from '../volume-restrictions/volume-restrictions';
import { VolumeZone } from '../volume-zone/volume-zone';
import { VolumeBinding } from './volume-binding';

describe('volume plugins', () => {
  it.each([new VolumeBinding(), new VolumeRestrictions(), new VolumeZone(), new NodeVolumeLimits()].map((p) => [p.name, p] as const))('%s skips a pod without claims', (_n, p) => {
    expect(p.preFilter(new CycleState(), makePod())[1]?.code).toBe('Skip');
  });
  it('VolumeBinding rejects a claim that does not exist', () => {
    const pod = makePod();
    pod.spec = { ...pod.spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] };
    const s = new VolumeBinding().preFilter(new CycleState(), pod)[1];
    expect(s && [s.code, ...s.reasons]).toEqual(['UnschedulableAndUnresolvable', 'persistentvolumeclaim "data-0" not found']);
  });
});
