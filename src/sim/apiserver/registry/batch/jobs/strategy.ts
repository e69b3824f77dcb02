/**
 * The job strategy (pkg/registry/batch/job/strategy.go): a generation as the workloads keep, and
 * a generated selector on the Job's own uid unless spec.manualSelector, and the template's labels
 * on a Job that has none.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { ResourceStrategy } from '../../strategy';

export const jobStrategy: ResourceStrategy = {
  tracksGeneration: true,
  prepareForCreate: withGeneratedJobSelector,
};

/**
 * job strategy generateSelector: unless spec.manualSelector, a Job selects its pods by its own
 * uid, and its template carries the labels that selector and `kubectl get pods -l job-name=x` use.
 */
function withGeneratedJobSelector(job: KubeObject): KubeObject {
  const spec = (job['spec'] ?? {}) as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  if (spec.manualSelector) return job;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = {
    ...(spec.template?.metadata?.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  // SetDefaults_Job copies the template's labels to a Job that has none; the storage codec
  // defaults every read, so the Job shows the labels the selector generation just added.
  const metadata = Object.keys(job.metadata.labels ?? {}).length === 0 ? { ...job.metadata, labels: { ...labels } } : job.metadata;
  return {
    ...job,
    metadata,
    spec: {
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { ...spec.template, metadata: { ...spec.template?.metadata, labels } },
    },
  };
}
