/**
 * The `kubectl get hpa` row (printers.go printHorizontalPodAutoscaler and formatHPAMetrics,
 * release 1.32): REFERENCE is `Kind/name`, TARGETS one `current/target` per metric (at most two,
 * then `+ N more...`), a Resource metric named (`cpu: <unknown>/80%` until the HPA controller
 * has a reading), MINPODS `<unset>` when none is set. The apiserver prints from the internal
 * version, so a v1 object is converted to v2 first.
 */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { hpaV1ToV2 } from '../../../../sim/api/autoscaling/hpa-conversion';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { canonicalQuantity } from './quantity';

const MAX_SHOWN = 2;
const UNKNOWN = '<unknown>';

const q = (v: string | number | undefined): string => (v === undefined ? '' : canonicalQuantity(String(v)));

interface Reading {
  averageUtilization?: number;
  averageValue?: string | number;
}

function resourceTarget(name: string, target: Reading, current: Reading | undefined): string {
  if (target.averageValue !== undefined) return `${name}: ${current?.averageValue !== undefined ? q(current.averageValue) : UNKNOWN}/${q(target.averageValue)}`;
  const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : UNKNOWN;
  return `${name}: ${now}/${target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>'}`;
}

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'Resource':
      return spec.resource ? resourceTarget(spec.resource.name, spec.resource.target, status?.resource?.current) : '<unknown type>';
    case 'ContainerResource':
      return spec.containerResource ? resourceTarget(spec.containerResource.name, spec.containerResource.target, status?.containerResource?.current) : '<unknown type>';
    case 'Pods':
      return `${status?.pods ? q(status.pods.current.averageValue) : UNKNOWN}/${q(spec.pods?.target.averageValue)}`;
    case 'Object':
    case 'External': {
      const source = spec.type === 'Object' ? spec.object : spec.external;
      const current = spec.type === 'Object' ? status?.object?.current : status?.external?.current;
      if (source?.target.averageValue !== undefined) return `${current?.averageValue !== undefined ? q(current.averageValue) : UNKNOWN}/${q(source.target.averageValue)} (avg)`;
      return `${current?.value !== undefined ? q(current.value) : UNKNOWN}/${q(source?.target.value)}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics. */
export function formatHPAMetrics(specs: readonly MetricSpec[], statuses: readonly MetricStatus[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => metricText(spec, statuses[i]));
  if (list.length > MAX_SHOWN) return `${list.slice(0, MAX_SHOWN).join(', ')} + ${list.length - MAX_SHOWN} more...`;
  return list.join(', ');
}

/** NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS, and the age the caller formats. */
export function hpaRow(obj: KubeObject, age: string): string[] {
  const hpa = hpaV1ToV2(obj) as unknown as HorizontalPodAutoscaler;
  const ref = hpa.spec?.scaleTargetRef;
  return [
    obj.metadata.name ?? '',
    `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
    formatHPAMetrics(hpa.spec?.metrics ?? [], hpa.status?.currentMetrics ?? []),
    hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
    String(hpa.spec?.maxReplicas ?? 0),
    String(hpa.status?.currentReplicas ?? 0),
    age,
  ];
}
