/**
 * ImageLocality (plugins/imagelocality/image_locality.go): favours nodes that already have the
 * pod's images, by their size scaled by how many nodes have them (so an image everywhere counts
 * little), clamped between 23 MiB and 1000 MiB per container. Image names without a tag are
 * matched as `:latest`.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, NodeInfoLister, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';

export const Name = 'ImageLocality';
const MB = 1024 * 1024;
const MAX_NODE_SCORE = 100;
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

const podImages = new WeakMap<V1Pod, string[]>();

/** The pod's init and regular containers' normalized images, once per pod object. */
function normalizedImages(pod: V1Pod): string[] {
  let images = podImages.get(pod);
  if (!images) {
    images = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    podImages.set(pod, images);
  }
  return images;
}

export class ImageLocality implements ScorePlugin {
  readonly name = Name;

  /** The cycle (its CycleState) and pod the fields below were worked out for. */
  private lastState: CycleState | null = null;
  private lastPod: V1Pod | null = null;
  private lastImages: readonly string[] = [];
  private totalNumNodes = 0;
  /**
   * Every node's score this cycle when no node has any of the pod's images (each node's sum is 0),
   * else -1: then a node's image states need not be read, which at 5,000 nodes is a cache miss
   * or two per node.
   */
  private uniformScore = -1;

  constructor(private readonly lister: () => NodeInfoLister) {}

  score(state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): number {
    // Score runs for every feasible node of one pod in a row: what depends only on the pod and
    // the snapshot is worked out on the first node of the cycle.
    if (state !== this.lastState || pod !== this.lastPod) this.startCycle(state, pod);
    if (this.uniformScore >= 0) return this.uniformScore;
    const images = this.lastImages;
    let sum = 0;
    if (nodeInfo.imageStates.size > 0) {
      for (const image of images) {
        const s = nodeInfo.imageStates.get(image);
        if (s) sum += Math.trunc(s.size * (s.numNodes / this.totalNumNodes));
      }
    }
    return calculatePriority(sum, images.length);
  }

  private startCycle(state: CycleState, pod: V1Pod): void {
    const lister = this.lister();
    this.lastState = state;
    if (pod !== this.lastPod) {
      this.lastPod = pod;
      this.lastImages = normalizedImages(pod);
    }
    this.totalNumNodes = lister.list().length;
    const onSomeNode = this.lastImages.some((image) => lister.hasImageOnSomeNode(image));
    this.uniformScore = onSomeNode ? -1 : calculatePriority(0, this.lastImages.length);
  }
}

export function New(_args: unknown, handle: Handle): ImageLocality {
  return new ImageLocality(() => handle.snapshotSharedLister());
}
