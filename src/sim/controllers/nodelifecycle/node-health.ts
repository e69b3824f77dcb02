/**
 * tryUpdateNodeHealth of the node lifecycle controller (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go), as a pure function of what the controller saw last time, the
 * Node and its Lease from the informers, and the controller's clock. The controller keeps its
 * own probe timestamp rather than trusting the kubelet's heartbeat times (clock skew): it moves
 * when the Ready condition's lastHeartbeatTime changes or the Lease's renewTime moves forward.
 * When neither moved for the grace period (node-monitor-grace-period, or
 * node-startup-grace-period for a node that never posted Ready), Ready, MemoryPressure,
 * DiskPressure and PIDPressure become Unknown: `NodeStatusUnknown` "Kubelet stopped posting
 * node status." (or `NodeStatusNeverUpdated` "Kubelet never posted node status." for a
 * condition the kubelet never wrote); NetworkUnavailable is left alone.
 */
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { simulatedTimestamp, virtualMsOf } from '../../api/time';
import { getNodeCondition } from '../util/node-controller-utils';

export interface NodeHealthData {
  /** Controller time (ms) of the last sign of life seen: a new heartbeat or a renewed Lease. */
  readonly probeTimestamp: number;
  readonly readyTransitionTimestamp: number;
  readonly status: NodeStatus | undefined;
  readonly lease: Lease | undefined;
}

export interface HealthTimings {
  readonly nodeMonitorGracePeriodMs: number;
  readonly nodeStartupGracePeriodMs: number;
}

export interface NodeHealthResult {
  readonly health: NodeHealthData;
  /** Ready as the node had it before this pass (a fake Unknown one if it never had one). */
  readonly observedReady: NodeCondition;
  /** Ready as it is now (after our update, if any). */
  readonly currentReady: NodeCondition | undefined;
  /** The node with its conditions set Unknown, to PUT to nodes/status; absent when nothing changed. */
  readonly update?: Node;
}

/** The conditions the controller sets Unknown; NetworkUnavailable is managed on the control plane. */
const UNKNOWN_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

function sameCondition(a: NodeCondition | undefined, b: NodeCondition | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function tryUpdateNodeHealth(node: Node, saved: NodeHealthData | undefined, lease: Lease | undefined, now: number, timings: HealthTimings): NodeHealthResult {
  const created = node.metadata?.creationTimestamp ?? simulatedTimestamp(0);
  const currentReadyBefore = getNodeCondition(node, 'Ready');
  let health = saved;
  let observedReady: NodeCondition;
  let gracePeriod: number;
  if (!currentReadyBefore) {
    // The kubelet never posted status: a fake Unknown condition dated at the node's creation.
    observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
    gracePeriod = timings.nodeStartupGracePeriodMs;
    health = health
      ? { ...health, status: node.status }
      : { status: node.status, probeTimestamp: virtualMsOf(created), readyTransitionTimestamp: virtualMsOf(created), lease: undefined };
  } else {
    observedReady = { ...currentReadyBefore };
    gracePeriod = timings.nodeMonitorGracePeriodMs;
  }
  const savedReady = saved ? getNodeCondition({ status: saved.status } as Node, 'Ready') : undefined;
  const savedLease = saved?.lease;
  if (!health) {
    health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now, lease: undefined };
  } else if (!savedReady && currentReadyBefore) {
    health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now, lease: undefined };
  } else if (savedReady && !currentReadyBefore) {
    health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: now, lease: undefined };
  } else if (savedReady && currentReadyBefore && savedReady.lastHeartbeatTime !== currentReadyBefore.lastHeartbeatTime) {
    const transition = savedReady.lastTransitionTime !== currentReadyBefore.lastTransitionTime ? now : health.readyTransitionTimestamp;
    health = { status: node.status, probeTimestamp: now, readyTransitionTimestamp: transition, lease: undefined };
  }
  // A renewed Lease is a sign of life even when the status is old (the kubelet posts status only every 5 minutes).
  const renewed = lease?.spec?.renewTime ?? '';
  if (lease && (!savedLease || (savedLease.spec?.renewTime ?? '') < renewed)) {
    health = { ...health, lease, probeTimestamp: now };
  }

  if (now > health.probeTimestamp + gracePeriod) {
    const stamp = simulatedTimestamp(now);
    const conditions = [...(node.status?.conditions ?? [])];
    for (const type of UNKNOWN_CONDITION_TYPES) {
      const i = conditions.findIndex((c) => c.type === type);
      const current = conditions[i];
      if (!current) {
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: created, lastTransitionTime: stamp });
      } else if (current.status !== 'Unknown') {
        conditions[i] = { ...current, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: stamp };
      }
    }
    const updated: Node = { ...node, status: { ...node.status, conditions } };
    const currentReady = getNodeCondition(updated, 'Ready');
    if (!sameCondition(currentReady, observedReady)) {
      return {
        health: { status: updated.status, probeTimestamp: health.probeTimestamp, readyTransitionTimestamp: now, lease },
        observedReady,
        currentReady,
        update: updated,
      };
    }
  }
  return { health, observedReady, currentReady: currentReadyBefore };
}
