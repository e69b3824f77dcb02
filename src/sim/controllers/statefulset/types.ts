/**
 * The fields of a StatefulSet the controller reads and writes (apps/v1 StatefulSetSpec and
 * StatefulSetStatus), typed over the JSON the apiserver serves, and the labels it puts on its pods.
 */
import type { KubeObject } from '../../api/kube-object';
import type { LabelSelector } from '../../api/labels/label-selector';
import type { PodTemplateSpec } from '../controller-utils/types';

/** apps/v1 StatefulSetPodNameLabel. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps/v1 PodIndexLabel (PodIndexLabel feature, on by default since 1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
}

export interface StatefulSetView extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
    ordinals?: { start?: number };
  };
  status?: StatefulSetStatus;
}
