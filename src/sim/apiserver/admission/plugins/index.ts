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
 */
import type { AdmissionPlugin } from '../types';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { podSecurity } from './pod-security';
import { priority } from './priority';
import { resourceQuota } from './resource-quota';
import { serviceAccount } from './service-account';
import { taintNodesByCondition } from './taint-nodes-by-condition';

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

export { defaultTolerationSeconds } from './default-toleration-seconds';
export { limitRanger } from './limit-ranger';
export { namespaceLifecycle } from './namespace-lifecycle';
export { podSecurity } from './pod-security';
export { priority } from './priority';
export { resourceQuota } from './resource-quota';
export { serviceAccount } from './service-account';
export { taintNodesByCondition } from './taint-nodes-by-condition';
