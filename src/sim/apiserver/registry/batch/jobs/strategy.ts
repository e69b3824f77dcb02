/**
 * The job strategy (pkg/registry/batch/job/strategy.go): a generation as the workloads keep, and
 * a generated selector on the Job's own uid unless spec.manualSelector.
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
  return {
    ...job,
    spec: {
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { ...spec.template, metadata: { ...spec.template?.metadata, labels } },
    },
  };
}
