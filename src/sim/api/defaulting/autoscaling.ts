/**
 * HorizontalPodAutoscaler defaulting (pkg/apis/autoscaling/v2/defaults.go
 * SetDefaults_HorizontalPodAutoscaler): minReplicas 1, and with no metrics the one default
 * metric, cpu at 80% average utilization (autoscaling.DefaultCPUUtilization). The registry sees
 * the v2 object (a v1 body is converted first), so this is the one defaulter.
 */
import type { KubeObject } from '../kube-object';
import { obj } from '../validation/json-access';

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

export function defaultHorizontalPodAutoscaler(hpa: KubeObject): KubeObject {
  const spec = { ...obj(hpa['spec']) };
  spec['minReplicas'] ??= 1;
  if (!Array.isArray(spec['metrics']) || spec['metrics'].length === 0) {
    spec['metrics'] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  return { ...hpa, spec };
}
