/**
 * Deployment conditions (deployment_util.go NewDeploymentCondition / SetDeploymentCondition /
 * RemoveDeploymentCondition): a condition with the same status and reason is left as it is;
 * with the same status but another reason it keeps its lastTransitionTime.
 */
import { simulatedTimestamp } from '../../../api/time';
import type { DeploymentCondition, DeploymentStatus } from '../../controller-utils/types';

export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const t = simulatedTimestamp(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}
