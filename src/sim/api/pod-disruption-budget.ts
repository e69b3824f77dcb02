/**
 * The PodDisruptionBudget helpers the disruption controller and the eviction subresource share
 * (k8s.io/component-helpers/apps/poddisruptionbudget, and apimeta.SetStatusCondition): the
 * DisruptionAllowed condition with its reasons, and pod readiness as both count it.
 */
import type { KubeObject } from './kube-object';
import { simulatedTimestamp } from './time';

export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const SUFFICIENT_PODS_REASON = 'SufficientPods';
export const INSUFFICIENT_PODS_REASON = 'InsufficientPods';
export const SYNC_FAILED_REASON = 'SyncFailed';
/** policyv1.DisruptionBudgetCause: the cause an eviction refused by a budget carries. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
/** DeletionTimeout: how long an evicted pod counts as disrupted before the controller gives up on its delete. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

export function pdbStatus(pdb: KubeObject): PdbStatus {
  const s = (pdb['status'] ?? {}) as Partial<PdbStatus>;
  return {
    ...s,
    disruptionsAllowed: s.disruptionsAllowed ?? 0,
    currentHealthy: s.currentHealthy ?? 0,
    desiredHealthy: s.desiredHealthy ?? 0,
    expectedPods: s.expectedPods ?? 0,
  };
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status does. */
export function setStatusCondition(conditions: readonly Condition[], next: Omit<Condition, 'lastTransitionTime'>, nowMs: number): Condition[] {
  const existing = conditions.find((c) => c.type === next.type);
  if (!existing) return [...conditions, { ...next, lastTransitionTime: simulatedTimestamp(nowMs) }];
  const lastTransitionTime = existing.status === next.status ? existing.lastTransitionTime : simulatedTimestamp(nowMs);
  return conditions.map((c) => (c === existing ? { ...next, lastTransitionTime } : c));
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods when a disruption is allowed, else False/InsufficientPods. */
export function updateDisruptionAllowedCondition(status: PdbStatus, nowMs: number): PdbStatus {
  const allowed = status.disruptionsAllowed > 0;
  const condition = {
    type: DISRUPTION_ALLOWED_CONDITION,
    status: allowed ? 'True' : 'False',
    ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
    reason: allowed ? SUFFICIENT_PODS_REASON : INSUFFICIENT_PODS_REASON,
    message: '',
  } as const;
  return { ...status, conditions: setStatusCondition(status.conditions ?? [], condition, nowMs) };
}

/** ConditionsAreUpToDate. */
export function conditionsAreUpToDate(status: PdbStatus, generation: number): boolean {
  const cond = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION);
  if (!cond || (status.observedGeneration ?? 0) !== generation) return false;
  if (status.disruptionsAllowed > 0) return cond.status === 'True' && cond.reason === SUFFICIENT_PODS_REASON;
  return cond.status === 'False' && cond.reason === INSUFFICIENT_PODS_REASON;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = ((pod['status'] as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
