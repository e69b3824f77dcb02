/**
 * polymorphichelpers.AttachablePodForObject (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * attachablepodforobject.go): which pod `kubectl exec TYPE/NAME` (and attach, port-forward) goes to.
 * A pod is itself; a workload or Service is read for its selector (SelectorsForObject) and the
 * most active of its pods is taken (first-pod.ts); any other
 * kind is refused as upstream refuses it, naming the Go type.
 */
import { findResource, type ResourceInfo } from '../../../sim/api/resources';
import type { KubeObject } from '../../../sim/api/kube-object';
import { labelSelectorAsSelector, type LabelSelector } from '../../../sim/api/labels/label-selector';
import { getObject } from './api-calls';
import { firstPod } from './first-pod';
import type { KubectlContext } from './kubectl-context';
import { statusErrorText, statusOf } from './server-error';

/** Kinds whose `spec.selector` is a metav1.LabelSelector (SelectorsForObject's cases). */
const LABEL_SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);
/** Kinds whose `spec.selector` is a plain map. */
const MAP_SELECTOR_KINDS = new Set(['ReplicationController', 'Service']);

export type AttachablePod = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string };

/** Resolve `POD` or `TYPE/NAME` to the name of the pod to attach to. */
export function attachablePodFor(ctx: KubectlContext, target: string): AttachablePod {
  const slash = target.indexOf('/');
  if (slash < 0) return { ok: true, name: target };
  const type = target.slice(0, slash);
  const name = target.slice(slash + 1);
  const info = findResource(type);
  if (!info) return { ok: false, error: `error: the server doesn't have a resource type "${type}"` };
  if (info.resource === 'pods') return { ok: true, name };
  const got = getObject(ctx, info, ctx.namespace, name);
  if (!got.ok) return { ok: false, error: statusErrorText(statusOf(got.response)) };
  const selector = selectorFor(info, got.value);
  if (typeof selector !== 'string') return { ok: false, error: `error: cannot attach to *${info.version}.${info.kind}: ${selector.error}` };
  const first = firstPod(ctx, selector);
  return 'error' in first ? { ok: false, error: first.error } : { ok: true, name: first.name };
}

/** SelectorsForObject: a workload's or Service's pod selector as a string, or why there is none. */
export function selectorFor(info: ResourceInfo, obj: KubeObject): string | { error: string } {
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  const goType = `*${info.version}.${info.kind}`;
  if (LABEL_SELECTOR_KINDS.has(info.kind)) {
    const selector = labelSelectorAsSelector(spec?.selector as LabelSelector | undefined);
    return selector ? selector.toString() : { error: `invalid label selector` };
  }
  if (MAP_SELECTOR_KINDS.has(info.kind)) {
    const map = (spec?.selector ?? {}) as Record<string, string>;
    if (Object.keys(map).length === 0) {
      return { error: info.kind === 'Service' ? `invalid service '${obj.metadata.name ?? ''}': Service is defined without a selector` : `invalid label selector` };
    }
    return Object.keys(map).sort().map((k) => `${k}=${map[k]}`).join(',');
  }
  return { error: `selector for ${goType} not implemented` };
}
