/**
 * kubectl pkg/describe/describe.go (release 1.32) describePriorityClass and
 * describePodDisruptionBudgetV1: the class's value, default and policy; the budget's bound,
 * selector and the disruption controller's counts.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { DescribeWriter, LEVEL_0, LEVEL_2 } from '../printers/describe-writer';
import { formatLabels, selectorString } from '../printers/labels';
import type { DescribeContext } from './context';
import { describeEvents } from './fields';

export function describePriorityClass(obj: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Value:\t${typeof obj['value'] === 'number' ? obj['value'] : 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${obj['globalDefault'] === true}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${typeof obj['preemptionPolicy'] === 'string' ? obj['preemptionPolicy'] : ''}\n`);
  w.write(LEVEL_0, `Description:\t${typeof obj['description'] === 'string' ? obj['description'] : ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  describeEvents(ctx.events(obj), w, ctx.nowMs);
  return w.text();
}

export function describePodDisruptionBudget(obj: KubeObject, ctx: DescribeContext): string {
  const spec = (obj['spec'] ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  const status = (obj['status'] ?? {}) as { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  const selector = selectorString(spec.selector);
  w.write(LEVEL_0, `Selector:\t${selector === undefined ? '<unset>' : selector}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${status.expectedPods ?? 0}\n`);
  describeEvents(ctx.events(obj), w, ctx.nowMs);
  return w.text();
}
