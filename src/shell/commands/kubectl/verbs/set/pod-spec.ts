/**
 * polymorphichelpers.updatePodSpecForObject: where an object keeps the pod spec `kubectl set`
 * changes: a Pod's own spec, a workload's spec.template.spec, a CronJob's job template's.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';

type Nested = { spec?: Nested; template?: Nested; jobTemplate?: Nested } & Record<string, unknown>;

const TEMPLATED = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'];

/** The object's pod spec, created empty where the object has none yet; undefined for a kind with none. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const o = obj as unknown as Nested;
  if (obj.kind === 'Pod') return (o.spec ??= {}) as unknown as PodSpec;
  if (TEMPLATED.includes(obj.kind)) {
    const spec = (o.spec ??= {});
    const template = (spec.template ??= {});
    return (template.spec ??= {}) as unknown as PodSpec;
  }
  if (obj.kind === 'CronJob') {
    const spec = (o.spec ??= {});
    const job = ((spec.jobTemplate ??= {}).spec ??= {});
    return ((job.template ??= {}).spec ??= {}) as unknown as PodSpec;
  }
  return undefined;
}

/** The Go type the error names, as `%T` prints it: `*v1.Service`. */
export function goTypeOf(obj: KubeObject): string {
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[1] : obj.apiVersion;
  return `*${version ?? 'v1'}.${obj.kind}`;
}
