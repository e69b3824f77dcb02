/**
 * Why a pod fits nowhere (pkg/scheduler/framework/types.go: Diagnosis, NodeToStatus, FitError).
 * `FitError.message()` is FitError.Error() character for character: "0/N nodes are available:",
 * the PreFilter message or the lexically sorted "<count> <reason>" histogram over the nodes'
 * statuses, each followed by ".", then the PostFilter message after one space. It becomes the
 * FailedScheduling event and the PodScheduled condition's message.
 */
import { Status } from './status';
import type { NodeToStatus } from './interface';
import type { V1Pod } from './v1';

export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available';
/** schedule_one.go ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** framework.NodeToStatus: explicit statuses, plus one status for every node not listed. */
export class NodeToStatusMap implements NodeToStatus {
  readonly statuses = new Map<string, Status>();
  // NewDefaultNodeToStatus: nodes not looked at count as UnschedulableAndUnresolvable with no reason.
  absentNodesStatus = new Status('UnschedulableAndUnresolvable');

  set(nodeName: string, status: Status): void {
    this.statuses.set(nodeName, status);
  }

  get(nodeName: string): Status {
    return this.statuses.get(nodeName) ?? this.absentNodesStatus;
  }

  get size(): number {
    return this.statuses.size;
  }
}

export class Diagnosis {
  readonly nodeToStatus = new NodeToStatusMap();
  /** Plugins that rejected the pod on some node: the queue wakes it on their events. */
  unschedulablePlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';
}

/** "<count> <reason>" for every distinct reason, sorted as strings (so "10 …" sorts before "2 …"). */
export function reasonsHistogram(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export class FitError {
  constructor(
    readonly pod: V1Pod,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  /** FitError.Error(); computed on each call because PostFilter adds its message after the cycle. */
  error(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg !== '') {
    msg += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    const nts = diagnosis.nodeToStatus;
    for (const status of nts.statuses.values()) for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (nts.size < numAllNodes) {
      for (const r of nts.absentNodesStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - nts.size);
    }
    const sorted = reasonsHistogram(reasons);
    if (sorted.length) msg += ` ${sorted.join(', ')}.`;
  }
  if (diagnosis.postFilterMsg !== '') msg += ` ${diagnosis.postFilterMsg}`;
  return msg;
}
