/**
 * PrioritySort (plugins/queuesort): the activeQ's order — higher spec.priority first, then the
 * pod that entered the queue earlier.
 */
import type { Handle, QueueSortPlugin } from '../../framework/interface';
import type { QueuedPodInfo } from '../../framework/types';
import { podPriority } from '../../framework/v1';

export const Name = 'PrioritySort';

export class PrioritySort implements QueueSortPlugin {
  readonly name = Name;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = podPriority(a.podInfo.pod);
    const p2 = podPriority(b.podInfo.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}

export function New(_args: unknown, _handle: Handle): PrioritySort {
  return new PrioritySort();
}
