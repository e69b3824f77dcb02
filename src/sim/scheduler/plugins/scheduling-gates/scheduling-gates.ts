/**
 * SchedulingGates (plugins/schedulinggates): a pod with spec.schedulingGates stays out of activeQ
 * (PreEnqueue) until every gate is removed.
 */
import type { Handle, PreEnqueuePlugin } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { V1Pod } from '../../framework/v1';

export const Name = 'SchedulingGates';

export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = Name;

  preEnqueue(pod: V1Pod): MaybeStatus {
    const gates = pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return null;
    return newStatus('UnschedulableAndUnresolvable', `waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }
}

export function New(_args: unknown, _handle: Handle): SchedulingGates {
  return new SchedulingGates();
}
