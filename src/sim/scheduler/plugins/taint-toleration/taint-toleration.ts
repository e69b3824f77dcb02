/**
 * TaintToleration (plugins/tainttoleration). Filter: the first NoSchedule/NoExecute taint the pod
 * does not tolerate rejects the node, unresolvably, with v1.32's reason naming it
 * (`node(s) had untolerated taint {key: value}`; v1.35 made it the generic "taint(s)").
 * Score: the number of PreferNoSchedule taints not tolerated, reversed by normalization so the
 * node with fewest wins.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { FilterPlugin, Handle, NodeScore, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { newStatus, type MaybeStatus } from '../../framework/status';
import type { NodeInfo } from '../../framework/types';
import type { V1Pod, V1Toleration } from '../../framework/v1';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../util/taints';
import { defaultNormalizeScore } from '../helper/normalize-score';
import { MAX_NODE_SCORE } from '../../framework/interface';

export const Name = 'TaintToleration';
const preScoreStateKey = 'PreScore' + Name;

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  filter(_state: CycleState, pod: V1Pod, nodeInfo: NodeInfo): MaybeStatus {
    const taints = nodeInfo.taints;
    if (!taints?.length) return null;
    const taint = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations ?? [], (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (!taint) return null;
    return newStatus('UnschedulableAndUnresolvable', untoleratedTaintReason(taint.key, taint.value));
  }

  preScore(state: CycleState, pod: V1Pod): MaybeStatus {
    // getAllTolerationPreferNoSchedule: only tolerations that can match a PreferNoSchedule taint.
    const tolerations = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(preScoreStateKey, tolerations);
    return null;
  }

  score(state: CycleState, _pod: V1Pod, nodeInfo: NodeInfo): number {
    const tolerations = state.read<V1Toleration[]>(preScoreStateKey) ?? [];
    let intolerable = 0;
    const taints = nodeInfo.taints;
    if (!taints) return 0;
    for (const taint of taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  }

  normalizeScore(_state: CycleState, _pod: V1Pod, scores: NodeScore[]): MaybeStatus {
    return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}

export function New(_args: unknown, _handle: Handle): TaintToleration {
  return new TaintToleration();
}
