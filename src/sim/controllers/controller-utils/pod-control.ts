/**
 * RealPodControl (pkg/controller/controller_utils.go): how ReplicaSets, Jobs and DaemonSets make
 * and remove pods, and the events they record on the owner. A pod is made from the template
 * (GetPodFromTemplate: its labels, annotations, finalizers and spec) with `generateName:
 * <owner>-`, so the apiserver picks the 5-character suffix, and with the owner's controller
 * reference; `Created pod: <name>` names the pod the apiserver made.
 */
import { findResource } from '../../api/resources';
import type { EventRecorder } from '../../client/event-recorder';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { KubeObject } from '../../api/kube-object';
import { apiCall, isNotFound, namespaceTerminating, type ApiError } from './api-call';
import type { OwnerReference, PodTemplateSpec } from './types';
import { jsonCopy } from '../../api/json-copy';
import { flatString } from '../../flat-string';

export const SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const FAILED_CREATE = 'FailedCreate';
export const SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const FAILED_DELETE = 'FailedDelete';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** getPodsPrefix: `<name>-`, unless that is not a valid pod name prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  // ValidatePodName(prefix, true) checks the prefix with its trailing dash masked.
  return DNS1123_SUBDOMAIN.test(controllerName) && prefix.length <= 253 ? prefix : controllerName;
}

/** GetPodFromTemplate. */
export function podFromTemplate(template: PodTemplateSpec, ownerName: string, controllerRef?: OwnerReference): KubeObject {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: flatString(podsPrefix(ownerName)),
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ...(controllerRef ? { ownerReferences: [{ ...controllerRef }] } : {}),
    },
    spec: jsonCopy(template.spec ?? {}),
  };
}

export class PodControl {
  constructor(
    private readonly client: RestClient,
    private readonly recorder: EventRecorder,
  ) {}

  /** CreatePods: one pod from the template, owned by `owner`; `done` gets the error, if any. */
  createPod(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, done: (error?: ApiError) => void): void {
    const pod = podFromTemplate(template, owner.metadata.name ?? '', controllerRef);
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) {
      return done({ code: 0, message: 'unable to create pods, no labels', reason: '', causes: [] });
    }
    const pods = findResource('pods');
    if (!pods) return done({ code: 0, message: 'no pods resource', reason: '', causes: [] });
    // Every part of the pod is made afresh above (the spec a copy of the template's).
    apiCall<KubeObject>(this.client, 'POST', resourcePath(pods, { namespace }), { body: pod, bodyOwned: true }, (a) => {
      if (!a.ok) {
        if (!namespaceTerminating(a.error)) this.recorder.event(owner, 'Warning', FAILED_CREATE, `Error creating: ${a.error.message}`);
        return done(a.error);
      }
      this.recorder.event(owner, 'Normal', SUCCESSFUL_CREATE, `Created pod: ${a.value.metadata.name ?? ''}`);
      done();
    });
  }

  /** DeletePod, with default DeleteOptions (the pod's own grace period). */
  deletePod(namespace: string, name: string, owner: KubeObject, done: (error?: ApiError) => void): void {
    const pods = findResource('pods');
    if (!pods) return done();
    apiCall(this.client, 'DELETE', resourcePath(pods, { namespace, name }), {}, (a) => {
      if (!a.ok) {
        if (isNotFound(a.error)) return done(a.error);
        this.recorder.event(owner, 'Warning', FAILED_DELETE, `Error deleting: ${a.error.message}`);
        return done({ ...a.error, message: `unable to delete pods: ${a.error.message}` });
      }
      this.recorder.event(owner, 'Normal', SUCCESSFUL_DELETE, `Deleted pod: ${name}`);
      done();
    });
  }
}
