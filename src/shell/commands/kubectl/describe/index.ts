/** Which describer `kubectl describe` uses for a resource (describe.go DescriberFor), else the generic one. */
import { describeCronJob, describeJob } from './batch';
import { describePodDisruptionBudget, describePriorityClass } from './budgets';
import type { Describer } from './context';
import { describeGeneric } from './generic';
import { describeHorizontalPodAutoscaler } from './horizontal-pod-autoscaler';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeReplicaSet } from './replicaset';
import { describeReplicationController } from './replication-controller';
import { describeDaemonSet } from './daemonset';
import { describeStatefulSet } from './statefulset';
import { describeLimitRange, describeQuota } from './quotas';
import { describeConfigMap, describeDeployment, describeNamespace, describeRoleBinding, describeSecret, describeService, describeServiceAccount } from './resources';

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  pods: (obj, ctx) => describePod(obj, ctx.events(obj, { withoutKind: true }), ctx.nowMs),
  nodes: describeNode,
  namespaces: describeNamespace,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  replicationcontrollers: describeReplicationController,
  horizontalpodautoscalers: describeHorizontalPodAutoscaler,
  daemonsets: describeDaemonSet,
  statefulsets: describeStatefulSet,
  services: describeService,
  configmaps: describeConfigMap,
  secrets: (obj) => describeSecret(obj),
  serviceaccounts: describeServiceAccount,
  rolebindings: (obj) => describeRoleBinding(obj),
  clusterrolebindings: (obj) => describeRoleBinding(obj),
  poddisruptionbudgets: describePodDisruptionBudget,
  priorityclasses: describePriorityClass,
  jobs: describeJob,
  cronjobs: describeCronJob,
  limitranges: (obj) => describeLimitRange(obj),
  resourcequotas: (obj) => describeQuota(obj),
};

export function describerFor(resource: string): Describer {
  return DESCRIBERS[resource] ?? describeGeneric;
}

export type { DescribeContext, Describer } from './context';
