/**
 * describe.go HorizontalPodAutoscalerDescriber (release 1.32, its autoscaling/v2 path): the
 * reference, one `current / target` line per metric (`resource cpu on pods  (as a percentage of
 * request):  <unknown> / 80%` until the controller has a reading), the replica bounds, the
 * behavior when one is set, the target's pods, the conditions and the events.
 */
import type { HorizontalPodAutoscaler, HPAScalingRules, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { hpaV1ToV2 } from '../../../../sim/api/autoscaling/hpa-conversion';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from '../printers/describe-writer';
import { canonicalQuantity } from '../printers/quantity';
import { formatRFC1123Z } from '../printers/timestamps';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';

const UNKNOWN = '<unknown>';
const q = (v: string | number | undefined): string => (v === undefined ? '' : canonicalQuantity(String(v)));

function writeMetric(w: DescribeWriter, metric: MetricSpec, status: MetricStatus | undefined): void {
  switch (metric.type) {
    case 'Resource':
    case 'ContainerResource': {
      const source = metric.type === 'Resource' ? metric.resource : metric.containerResource;
      const current = metric.type === 'Resource' ? status?.resource?.current : status?.containerResource?.current;
      if (!source) return;
      const container = metric.type === 'ContainerResource' ? ` of container "${metric.containerResource?.container ?? ''}"` : '';
      w.write(LEVEL_1, `resource ${source.name}${container} on pods`);
      if (source.target.averageValue !== undefined) {
        w.write(LEVEL_0, `:\t${current?.averageValue !== undefined ? q(current.averageValue) : UNKNOWN} / ${q(source.target.averageValue)}\n`);
        return;
      }
      const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}% (${q(current.averageValue)})` : UNKNOWN;
      const target = source.target.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
      w.write(LEVEL_1, `(as a percentage of request):\t${now} / ${target}\n`);
      return;
    }
    case 'Pods':
      w.write(LEVEL_1, `"${metric.pods?.metric.name ?? ''}" on pods:\t${status?.pods ? q(status.pods.current.averageValue) : UNKNOWN} / ${q(metric.pods?.target.averageValue)}\n`);
      return;
    case 'Object': {
      const ref = metric.object?.describedObject;
      w.write(LEVEL_1, `"${metric.object?.metric.name ?? ''}" on ${ref?.kind ?? ''}/${ref?.name ?? ''}`);
      if (metric.object?.target.type === 'AverageValue') w.write(LEVEL_0, ` (target average value):\t${status?.object?.current.averageValue !== undefined ? q(status.object.current.averageValue) : UNKNOWN} / ${q(metric.object.target.averageValue)}\n`);
      else w.write(LEVEL_0, ` (target value):\t${status?.object?.current.value !== undefined ? q(status.object.current.value) : UNKNOWN} / ${q(metric.object?.target.value)}\n`);
      return;
    }
    case 'External': {
      w.write(LEVEL_1, `"${metric.external?.metric.name ?? ''}" (target ${metric.external?.target.type === 'AverageValue' ? 'average value' : 'value'}):`);
      const current = status?.external?.current;
      if (metric.external?.target.type === 'AverageValue') w.write(LEVEL_0, `\t${current?.averageValue !== undefined ? q(current.averageValue) : UNKNOWN} / ${q(metric.external.target.averageValue)}\n`);
      else w.write(LEVEL_0, `\t${current?.value !== undefined ? q(current.value) : UNKNOWN} / ${q(metric.external?.target.value)}\n`);
      return;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type "${metric.type}">\n`);
  }
}

/** printDirectionBehavior. */
function writeDirection(w: DescribeWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? '<unset>'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(obj: KubeObject, ctx: DescribeContext): string {
  const hpa = hpaV1ToV2(obj) as unknown as HorizontalPodAutoscaler;
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(obj.metadata.creationTimestamp)}\n`);
  const ref = hpa.spec?.scaleTargetRef;
  w.write(LEVEL_0, `Reference:\t${ref?.kind ?? ''}/${ref?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (hpa.spec?.metrics ?? []).forEach((m, i) => writeMetric(w, m, hpa.status?.currentMetrics?.[i]));
  w.write(LEVEL_0, `Min replicas:\t${hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${hpa.spec?.maxReplicas ?? 0}\n`);
  if (hpa.spec?.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    writeDirection(w, 'Scale Up', hpa.spec.behavior.scaleUp);
    writeDirection(w, 'Scale Down', hpa.spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${ref?.kind ?? ''} pods:\t`);
  w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  if ((hpa.status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of hpa.status?.conditions ?? []) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
