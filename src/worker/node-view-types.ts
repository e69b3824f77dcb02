/**
 * What the page gets from the `nodes`, `scheduler` and `pod-explanation` views: each node with its
 * kubelet, Lease and pods as `kubectl get pods -o wide` shows them, and kube-scheduler's queue with
 * the pending pods' last FailedScheduling messages. Plain data, so it crosses the worker boundary.
 */
import type { Explanation } from '../sim/scheduler/schedule-one';

export type { Explanation, NodeExplanation } from '../sim/scheduler/schedule-one';

/** The kubelet process as `kubearch node stop|start|partition|heal` leaves it. */
export type KubeletState = 'running' | 'stopped' | 'partitioned';

export interface ContainerView {
  readonly name: string;
  /** An init container (a restartable one, a sidecar, included). */
  readonly init: boolean;
  readonly ready: boolean;
  readonly restartCount: number;
  readonly state: 'waiting' | 'running' | 'terminated' | 'unknown';
  /** Waiting or terminated reason: CrashLoopBackOff, ContainerCreating, Completed, Error, OOMKilled... */
  readonly reason?: string;
  /** The waiting message ("back-off 10s restarting failed container=..."), or a terminated one. */
  readonly message?: string;
  readonly exitCode?: number;
  /** The last termination (lastState.terminated), as the restarts came from. */
  readonly last?: { readonly reason?: string; readonly exitCode: number; readonly finishedAt?: string };
}

/** One pod: the cells of `kubectl get pods -o wide` (printPod's, computed by the shell's printer) and its containers. */
export interface PodRowView {
  readonly namespace: string;
  readonly name: string;
  readonly ready: string;
  /** kubectl's STATUS column exactly: Running, ContainerCreating, CrashLoopBackOff, Init:0/2, Terminating... */
  readonly status: string;
  /** kubectl's RESTARTS column: `3 (12s ago)`. */
  readonly restarts: string;
  readonly restartCount: number;
  readonly age: string;
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
  readonly containers: readonly ContainerView[];
}

export interface NodeConditionView {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

export interface ResourceUse {
  /** kubectl's quantity text: `2`, `4025836Ki`. */
  readonly allocatable: string;
  /** The sum of the non-terminated pods' requests, as `kubectl describe node` adds them. */
  readonly requested: string;
  /** requested / allocatable, 0 when nothing is allocatable. */
  readonly fraction: number;
}

export interface NodeView {
  readonly name: string;
  /** The Ready condition's status: True, False, Unknown, or '' before the kubelet reported one. */
  readonly ready: string;
  readonly conditions: readonly NodeConditionView[];
  readonly unschedulable: boolean;
  readonly taints: readonly string[];
  readonly kubelet: KubeletState;
  /** The node's Lease spec.renewTime (kube-node-lease), and the same in simulated ms. */
  readonly leaseRenewTime?: string;
  readonly leaseRenewMs?: number;
  readonly cpu: ResourceUse;
  readonly memory: ResourceUse;
  readonly podsAllocatable: string;
  readonly pods: readonly PodRowView[];
}

export interface NodesView {
  /** The simulated time of the read, which the ages are relative to. */
  readonly now: number;
  /** The Node objects in name order, with the worker machines whose Node is not registered yet. */
  readonly nodes: readonly NodeView[];
  /** Pods no node is bound to yet (spec.nodeName empty). */
  readonly unbound: readonly PodRowView[];
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export interface PendingPodView {
  readonly namespace: string;
  readonly name: string;
  /** Where the pod waits in kube-scheduler's queue; absent while it is being scheduled (or the scheduler has not seen it). */
  readonly queue?: QueueName;
  readonly schedulerName: string;
  /** The latest FailedScheduling event's message, exactly as the event has it. */
  readonly message?: string;
  /** How many times that event was recorded (its count). */
  readonly count?: number;
  /** Whether kube-scheduler has an attempt to explain (`kubearch explain pod`). */
  readonly explained: boolean;
}

export interface SchedulerProfileView {
  readonly schedulerName: string;
  /** KubeArch's pod-count teaching profile (scores only by PodCount): not upstream. */
  readonly teaching: boolean;
}

export interface SchedulerView {
  readonly running: boolean;
  readonly queue: Readonly<Record<QueueName, number>>;
  readonly profiles: readonly SchedulerProfileView[];
  readonly pending: readonly PendingPodView[];
  readonly stats: { readonly cycles: number; readonly scheduled: number; readonly unschedulable: number };
}

/** `kubearch explain pod NAME -o json`'s object, with the profile that made it. */
export interface PodExplanationView {
  readonly explanation: Explanation;
  readonly profile: string;
  readonly teaching: boolean;
}
