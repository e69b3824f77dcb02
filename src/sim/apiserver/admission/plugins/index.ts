/**
 * The admission plugins kube-apiserver enables by default, in the fixed execution order of
 * pkg/kubeapiserver/options/plugins.go AllOrderedPlugins (all mutating ones run first in this
 * order, then all validating ones in this order).
 *
 * Of the default-on set, these are left out because the simulation has nothing for them to act
 * on: DefaultStorageClass, StorageObjectInUseProtection,
 * PersistentVolumeClaimResize (no PersistentVolumes or claims), RuntimeClass (no RuntimeClasses),
 * CertificateApproval, CertificateSigning, ClusterTrustBundleAttest, CertificateSubjectRestriction
 * (no CertificateSigningRequests), DefaultIngressClass (no Ingresses), PodTopologyLabels (gated
 * off), MutatingAdmissionPolicy, MutatingAdmissionWebhook, ValidatingAdmissionPolicy and
 * ValidatingAdmissionWebhook (no policies or webhook configurations).
 *
 * Each plugin has its folder (plugins/<name>/admission.ts and its test, as upstream's
 * plugin/pkg/admission/<name>/admission.go); the files beside this one are what several share.
 */
import type { AdmissionPlugin } from '../types';
import { defaultTolerationSeconds } from './default-toleration-seconds/admission';
import { limitRanger } from './limit-ranger/admission';
import { namespaceLifecycle } from './namespace-lifecycle/admission';
import { podSecurity } from './pod-security/admission';
import { priority } from './priority/admission';
import { resourceQuota } from './resource-quota/admission';
import { serviceAccount } from './service-account/admission';
import { taintNodesByCondition } from './taint-nodes-by-condition/admission';

export function defaultAdmissionPlugins(): AdmissionPlugin[] {
  return [
    namespaceLifecycle(), // NamespaceLifecycle
    limitRanger(), // LimitRanger
    serviceAccount(), // ServiceAccount
    taintNodesByCondition(), // TaintNodesByCondition: the node lifecycle controller takes its taint off a Ready node
    podSecurity(), // PodSecurity
    priority(), // Priority
    defaultTolerationSeconds(), // DefaultTolerationSeconds
    resourceQuota(), // ResourceQuota: always last
  ];
}

export { defaultTolerationSeconds } from './default-toleration-seconds/admission';
export { limitRanger } from './limit-ranger/admission';
export { namespaceLifecycle } from './namespace-lifecycle/admission';
export { podSecurity } from './pod-security/admission';
export { priority } from './priority/admission';
export { resourceQuota } from './resource-quota/admission';
export { serviceAccount } from './service-account/admission';
export { taintNodesByCondition } from './taint-nodes-by-condition/admission';
