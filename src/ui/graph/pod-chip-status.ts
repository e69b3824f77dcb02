/**
 * What a pod chip on the graph shows: a shortened name, a colour for its kubectl STATUS, and its
 * restart count. The colours group kubectl's many STATUS words into the few a learner tells apart
 * at a glance; the chip's tooltip keeps the exact word.
 */
import type { PodRowView } from '../../worker/protocol';

export type ChipColour = 'running' | 'pending' | 'creating' | 'failing' | 'terminating' | 'completed' | 'other';

export interface PodChip {
  readonly key: string;
  readonly name: string;
  readonly label: string;
  /** kubectl's STATUS, exactly. */
  readonly status: string;
  readonly colour: ChipColour;
  readonly restarts: number;
}

const FAILING = new Set(['CrashLoopBackOff', 'Error', 'ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName', 'OOMKilled', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerStatusUnknown', 'Evicted', 'OutOfcpu', 'OutOfmemory', 'OutOfpods', 'NodeAffinity', 'Unknown', 'NotReady']);

/** The colour for kubectl's STATUS word. */
export function chipColour(status: string): ChipColour {
  if (status === 'Running') return 'running';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (status === 'ContainerCreating' || status === 'PodInitializing') return 'creating';
  if (status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (FAILING.has(status) || /^(Init:)?(ExitCode|Signal):/.test(status) || status === 'Failed') return 'failing';
  if (status.startsWith('Init:')) {
    const reason = status.slice('Init:'.length);
    return /^\d+\/\d+$/.test(reason) ? 'creating' : 'failing';
  }
  return 'other';
}

/** A name short enough for a chip: long generated names keep their start and their random suffix. */
export function shortName(name: string): string {
  if (name.length <= 12) return name;
  return `${name.slice(0, 5)}…${name.slice(-5)}`;
}

export function chipOf(pod: PodRowView): PodChip {
  return { key: `${pod.namespace}/${pod.name}`, name: pod.name, label: shortName(pod.name), status: pod.status, colour: chipColour(pod.status), restarts: pod.restartCount };
}
