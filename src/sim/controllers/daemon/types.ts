/**
 * The fields of a DaemonSet the controller reads and writes (apps/v1 DaemonSetSpec and
 * DaemonSetStatus), typed over the JSON the apiserver serves, and the labels and annotation it
 * puts on its pods.
 */
import type { KubeObject } from '../../api/kube-object';
import type { LabelSelector } from '../../api/labels/label-selector';
import type { PodTemplateSpec } from '../controller-utils/types';

/** extensions.DaemonSetTemplateGenerationKey: the template generation a pod was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** apps/v1 DeprecatedTemplateGeneration: the registry's count of template changes. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export interface DaemonSetView extends KubeObject {
  spec: {
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

/** util.GetTemplateGeneration: the annotation as a number, undefined when absent or not a number. */
export function templateGeneration(ds: DaemonSetView): number | undefined {
  const value = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}
