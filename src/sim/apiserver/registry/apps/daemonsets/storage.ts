/**
 * DaemonSets (pkg/registry/apps/daemonset): the workload strategy, the status subresource, and
 * the template generation the strategy keeps (spec.templateGeneration internally, served in
 * apps/v1 as the `deprecated.daemonset.template.generation` annotation): 1 on create, one more
 * each time an update changes the pod template, whatever the client sent. The DaemonSet
 * controller labels its pods with it (`pod-template-generation`).
 */
import type { KubeObject } from '../../../../api/kube-object';
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { workloadStrategy } from '../workload-strategy';

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

function withTemplateGeneration(object: KubeObject, generation: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: String(generation) } } };
}

function templateOf(object: KubeObject): string {
  return JSON.stringify((object['spec'] as { template?: unknown } | undefined)?.template ?? null);
}

export const daemonsets: ResourceRegistration = {
  resource: 'daemonsets',
  strategy: {
    ...workloadStrategy,
    prepareForCreate: (object) => withTemplateGeneration(object, 1),
    prepareForUpdate: (object, old) => {
      const previous = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1') || 1;
      return withTemplateGeneration(object, templateOf(object) === templateOf(old) ? previous : previous + 1);
    },
  },
  storage: ({ registry }) => ({ 'daemonsets/status': genericStorage(registry) }),
};
