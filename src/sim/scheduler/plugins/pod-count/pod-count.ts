/**
 * PodCount — NOT a Kubernetes plugin. KubeArch's teaching profile scores nodes by one idea only,
 * "fewest pods wins": the number of pods already on the node, reversed by normalization. It is
 * what the seed described, kept so a learner can compare it with the real default profile; the
 * UI labels any profile using it as not the Kubernetes default.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, NodeScore, ScorePlugin } from '../../framework/interface';
import type { MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';
import { defaultNormalizeScore } from '../helper/normalize-score';

export const Name = 'PodCount';

export class PodCount implements ScorePlugin {
  readonly name = Name;

  score(_state: CycleState, _pod: V1Pod, nodeInfo: NodeInfo): number {
    return nodeInfo.pods.length;
  }

  normalizeScore(_state: CycleState, _pod: V1Pod, scores: NodeScore[]): MaybeStatus {
    return defaultNormalizeScore(100, true, scores);
  }
}

export function New(_args: unknown, _handle: Handle): PodCount {
  return new PodCount();
}
