/**
 * ImageLocality (plugins/imagelocality/image_locality.go): favours nodes that already have the
 * pod's images, by their size scaled by how many nodes have them (so an image everywhere counts
 * little), clamped between 23 MiB and 1000 MiB per container. Image names without a tag are
 * matched as `:latest`.
 */
import type { CycleState } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type Handle, type NodeInfoLister, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';

export const Name = 'ImageLocality';
const MB = 1024 * 1024;
const minThreshold = 23 * MB;
const maxContainerThreshold = 1000 * MB;

/** normalizedImageName: append ":latest" when the name has no tag (a ":" after the last "/"). */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  const sum = sumScores < minThreshold ? minThreshold : sumScores > maxThreshold ? maxThreshold : sumScores;
  return Math.trunc((MAX_NODE_SCORE * (sum - minThreshold)) / (maxThreshold - minThreshold));
}

export class ImageLocality implements ScorePlugin {
  readonly name = Name;

  constructor(private readonly lister: () => NodeInfoLister) {}

  score(_state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number {
    const totalNumNodes = this.lister().list().length;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      const state = nodeInfo.imageStates.get(normalizedImageName(c.image ?? ''));
      if (state) sum += Math.trunc(state.size * (state.numNodes / totalNumNodes));
    }
    return calculatePriority(sum, containers.length);
  }
}

export function New(_args: unknown, handle: Handle): ImageLocality {
  return new ImageLocality(() => handle.snapshotSharedLister());
}
