/**
 * polymorphichelpers.AttachablePodForObject (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * attachablepodforobject.go): which pod `kubectl exec TYPE/NAME` (and attach, port-forward) goes to.
 * A pod is itself; a workload or Service is read for its selector (SelectorsForObject) and the
 * most active of its pods is taken (GetFirstPod sorted by reverse podutils.ActivePods); any other
 * kind is refused as upstream refuses it, naming the Go type.
 */
import { findResource, type ResourceInfo } from '../../../sim/api/resources';
import type { KubeObject } from '../../../sim/api/kube-object';
import { labelSelectorAsSelector, type LabelSelector } from '../../../sim/api/labels/label-selector';
import { getObject, listObjects } from './api-calls';
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
  const pods = findResource('pods');
  if (!pods) return { ok: false, error: 'error: pods are not served' };
  const list = listObjects(ctx, pods, ctx.namespace, { labelSelector: selector });
  if (!list.ok) return { ok: false, error: statusErrorText(statusOf(list.response)) };
  // Upstream watches for a first pod until --pod-running-timeout; the shell does not wait.
  const first = [...list.value.items].sort((a, b) => activeRank(b) - activeRank(a) || olderFirst(a, b))[0];
  if (!first) return { ok: false, error: 'error: timed out waiting for the condition' };
  return { ok: true, name: first.metadata.name ?? '' };
}

function selectorFor(info: ResourceInfo, obj: KubeObject): string | { error: string } {
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

interface PodFields {
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
}

/** podutils.ActivePods' first three keys as one rank: assigned, then phase, then ready. */
function activeRank(pod: KubeObject): number {
  const p = pod as PodFields;
  const phase = { Pending: 0, Unknown: 1, Running: 2 }[p.status?.phase ?? ''] ?? 0;
  const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0;
  return (p.spec?.nodeName ? 100 : 0) + phase * 10 + ready;
}

/** Reverse ActivePods' last key: an older pod is more active. */
function olderFirst(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}
