/**
 * HorizontalPodAutoscaler between autoscaling/v2 (the storage and preferred version) and
 * autoscaling/v1, which `kubectl autoscale` (1.32) still writes: upstream's conversion
 * (pkg/apis/autoscaling/v1/conversion.go). v1 has one metric, targetCPUUtilizationPercentage;
 * what else a v2 object holds rides in annotations on the v1 side
 * (autoscaling.alpha.kubernetes.io/metrics, .../behavior, .../conditions, .../current-metrics),
 * so that a round trip through v1 loses nothing.
 */
import type { KubeObject } from '../kube-object';

export const HPA_V1 = 'autoscaling/v1';
export const HPA_V2 = 'autoscaling/v2';

const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';

type Json = Record<string, unknown>;

interface MetricV2 {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string; value?: string } };
  [other: string]: unknown;
}
interface MetricStatusV2 {
  type?: string;
  resource?: { name?: string; current?: { averageUtilization?: number; averageValue?: string } };
  [other: string]: unknown;
}

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const isCpuUtilization = (m: MetricV2): boolean => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization';
const isCpuCurrent = (m: MetricStatusV2): boolean => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined;

function parseAnnotation<T>(annotations: Record<string, string>, key: string): T[] {
  const raw = annotations[key];
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, to v2. */
export function hpaV1ToV2(hpa: KubeObject): KubeObject {
  if (hpa.apiVersion !== HPA_V1) return hpa;
  const spec = obj(hpa['spec']);
  const annotations: Record<string, string> = { ...(hpa.metadata.annotations ?? {}) };
  const { targetCPUUtilizationPercentage: cpu, ...restSpec } = spec;
  const metrics: MetricV2[] = [];
  if (typeof cpu === 'number') metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  metrics.push(...parseAnnotation<MetricV2>(annotations, METRICS_ANNOTATION));
  let behavior: unknown;
  if (annotations[BEHAVIOR_ANNOTATION] !== undefined) {
    try {
      behavior = JSON.parse(annotations[BEHAVIOR_ANNOTATION]);
    } catch {
      behavior = undefined;
    }
  }
  const out: KubeObject = {
    ...hpa,
    apiVersion: HPA_V2,
    spec: { ...restSpec, ...(metrics.length ? { metrics } : {}), ...(behavior !== undefined ? { behavior } : {}) },
  };
  if (hpa['status'] !== undefined) {
    const { currentCPUUtilizationPercentage: current, currentReplicas, ...restStatus } = obj(hpa['status']);
    const currentMetrics: MetricStatusV2[] = [];
    if (typeof current === 'number') currentMetrics.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } });
    currentMetrics.push(...parseAnnotation<MetricStatusV2>(annotations, CURRENT_METRICS_ANNOTATION));
    const conditions = parseAnnotation<Json>(annotations, CONDITIONS_ANNOTATION);
    out['status'] = {
      ...restStatus,
      ...(typeof currentReplicas === 'number' && currentReplicas !== 0 ? { currentReplicas } : {}),
      ...(currentMetrics.length ? { currentMetrics } : {}),
      ...(conditions.length ? { conditions } : {}),
    };
  }
  for (const key of [METRICS_ANNOTATION, BEHAVIOR_ANNOTATION, CONDITIONS_ANNOTATION, CURRENT_METRICS_ANNOTATION]) delete annotations[key];
  out.metadata = { ...hpa.metadata };
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

/** Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler, from v2. */
export function hpaV2ToV1(hpa: KubeObject): KubeObject {
  if (hpa.apiVersion !== HPA_V2) return hpa;
  const { metrics: rawMetrics, behavior, ...restSpec } = obj(hpa['spec']);
  const metrics = Array.isArray(rawMetrics) ? (rawMetrics as MetricV2[]) : [];
  const annotations: Record<string, string> = { ...(hpa.metadata.annotations ?? {}) };
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  if (others.length) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  if (behavior !== undefined && behavior !== null) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(behavior);
  const { currentMetrics: rawCurrent, conditions, currentReplicas, desiredReplicas, ...restStatus } = obj(hpa['status']);
  const current = Array.isArray(rawCurrent) ? (rawCurrent as MetricStatusV2[]) : [];
  const cpuNow = current.find(isCpuCurrent);
  const otherCurrent = current.filter((m) => m !== cpuNow);
  if (otherCurrent.length) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(otherCurrent);
  if (Array.isArray(conditions) && conditions.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(conditions);
  const out: KubeObject = {
    ...hpa,
    apiVersion: HPA_V1,
    metadata: { ...hpa.metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: { ...restSpec, ...(cpu?.resource?.target?.averageUtilization !== undefined ? { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization } : {}) },
  };
  if (hpa['status'] !== undefined) {
    out['status'] = {
      ...restStatus,
      currentReplicas: typeof currentReplicas === 'number' ? currentReplicas : 0,
      desiredReplicas: typeof desiredReplicas === 'number' ? desiredReplicas : 0,
      ...(cpuNow?.resource?.current?.averageUtilization !== undefined ? { currentCPUUtilizationPercentage: cpuNow.resource.current.averageUtilization } : {}),
    };
  }
  return out;
}
