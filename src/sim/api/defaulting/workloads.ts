/**
 * Workload defaulting (pkg/apis/apps/v1/defaults.go and pkg/apis/batch/v1/defaults.go):
 * Deployments (replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600), ReplicaSets, StatefulSets, DaemonSets and Jobs, each with its pod
 * template defaulted like a pod's spec.
 */
import type { KubeObject } from '../kube-object';
import { isObject, obj, type JsonObject } from '../validation/json-access';
import { defaultPodTemplate } from './pod';

function withSpec(object: KubeObject, fill: (spec: JsonObject) => void): KubeObject {
  const spec: JsonObject = { ...obj(object['spec']) };
  fill(spec);
  if (spec['template'] !== undefined) spec['template'] = defaultPodTemplate(spec['template']);
  return { ...object, spec };
}

export function defaultDeployment(d: KubeObject): KubeObject {
  return withSpec(d, (spec) => {
    spec['replicas'] ??= 1;
    const strategy: JsonObject = { ...obj(spec['strategy']) };
    strategy['type'] ??= 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      const ru: JsonObject = { ...obj(strategy['rollingUpdate']) };
      ru['maxUnavailable'] ??= '25%';
      ru['maxSurge'] ??= '25%';
      strategy['rollingUpdate'] = ru;
    }
    spec['strategy'] = strategy;
    spec['revisionHistoryLimit'] ??= 10;
    spec['progressDeadlineSeconds'] ??= 600;
  });
}

export function defaultReplicaSet(rs: KubeObject): KubeObject {
  return withSpec(rs, (spec) => {
    spec['replicas'] ??= 1;
  });
}

/**
 * SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go): with template labels, an
 * empty selector and empty labels both take them; replicas 1.
 */
export function defaultReplicationController(rc: KubeObject): KubeObject {
  const templateLabels = obj(obj(obj(rc['spec'])['template'])['metadata'])['labels'];
  const labels = isObject(templateLabels) ? (templateLabels as Record<string, string>) : undefined;
  const out = withSpec(rc, (spec) => {
    if (labels && Object.keys(obj(spec['selector'])).length === 0) spec['selector'] = { ...labels };
    spec['replicas'] ??= 1;
  });
  if (labels && Object.keys(rc.metadata.labels ?? {}).length === 0) return { ...out, metadata: { ...out.metadata, labels: { ...labels } } };
  return out;
}

export function defaultStatefulSet(sts: KubeObject): KubeObject {
  return withSpec(sts, (spec) => {
    spec['podManagementPolicy'] ??= 'OrderedReady';
    const us: JsonObject = { ...obj(spec['updateStrategy']) };
    us['type'] ??= 'RollingUpdate';
    if (us['type'] === 'RollingUpdate') us['rollingUpdate'] = { partition: 0, ...obj(us['rollingUpdate']) };
    spec['updateStrategy'] = us;
    spec['replicas'] ??= 1;
    spec['revisionHistoryLimit'] ??= 10;
    spec['persistentVolumeClaimRetentionPolicy'] = { whenDeleted: 'Retain', whenScaled: 'Retain', ...obj(spec['persistentVolumeClaimRetentionPolicy']) };
  });
}

export function defaultDaemonSet(ds: KubeObject): KubeObject {
  return withSpec(ds, (spec) => {
    const us: JsonObject = { ...obj(spec['updateStrategy']) };
    us['type'] ??= 'RollingUpdate';
    if (us['type'] === 'RollingUpdate') us['rollingUpdate'] = { maxUnavailable: 1, maxSurge: 0, ...obj(us['rollingUpdate']) };
    spec['updateStrategy'] = us;
    spec['revisionHistoryLimit'] ??= 10;
  });
}

/**
 * SetDefaults_CronJob: concurrencyPolicy Allow, suspend false, history limits 3 and 1; the job
 * template's pod template is defaulted as a pod's (its JobSpec is not: that is SetDefaults_Job's).
 */
export function defaultCronJob(cj: KubeObject): KubeObject {
  const spec: JsonObject = { ...obj(cj['spec']) };
  spec['concurrencyPolicy'] ??= 'Allow';
  spec['suspend'] ??= false;
  spec['successfulJobsHistoryLimit'] ??= 3;
  spec['failedJobsHistoryLimit'] ??= 1;
  const jobTemplate: JsonObject = { ...obj(spec['jobTemplate']) };
  const jobSpec: JsonObject = { ...obj(jobTemplate['spec']) };
  if (jobSpec['template'] !== undefined) jobSpec['template'] = defaultPodTemplate(jobSpec['template']);
  jobTemplate['spec'] = jobSpec;
  spec['jobTemplate'] = jobTemplate;
  return { ...cj, spec };
}

export function defaultJob(job: KubeObject): KubeObject {
  return withSpec(job, (spec) => {
    if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
      spec['completions'] = 1;
      spec['parallelism'] = 1;
    }
    spec['parallelism'] ??= 1;
    spec['backoffLimit'] ??= 6;
    spec['completionMode'] ??= 'NonIndexed';
    spec['suspend'] ??= false;
    if (!isObject(spec['podFailurePolicy'])) spec['podReplacementPolicy'] ??= 'TerminatingOrFailed';
  });
}
