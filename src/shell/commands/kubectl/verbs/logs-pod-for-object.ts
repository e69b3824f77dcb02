/**
 * Which pod `kubectl logs TYPE/NAME` reads (polymorphichelpers attachablePodForObject and
 * GetFirstPod, kubectl 1.32): a Job, ReplicaSet, Deployment, StatefulSet or DaemonSet by its
 * spec.selector, a Service by its spec.selector; the pods are listed with that selector and
 * sorted most-active first (sort.Reverse(podutils.ActivePods): assigned, running, ready, ready
 * longest, fewest restarts, oldest), and with more than one kubectl says which it took.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { getObject } from '../api-calls';
import type { KubectlContext } from '../kubectl-context';
import { formatLabels, selectorString } from '../printers/labels';
import { timeMs } from '../printers/timestamps';
import { statusErrorText, statusOf } from '../server-error';

const SELECTOR_KINDS = new Set(['jobs', 'replicasets', 'deployments', 'statefulsets', 'daemonsets']);

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function readyTime(pod: Pod): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  return c?.status === 'True' ? (timeMs(c.lastTransitionTime) ?? 0) : undefined;
}

const restarts = (pod: Pod): number => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));

/** podutils.ActivePods Less: true when `a` is less active than `b`. */
function lessActive(a: Pod, b: Pod): boolean {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an === '';
  const ap = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const bp = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (ap !== bp) return ap < bp;
  const ar = readyTime(a);
  const br = readyTime(b);
  if ((ar !== undefined) !== (br !== undefined)) return ar === undefined;
  if (ar !== undefined && br !== undefined && ar !== br) return ar > br;
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const ac = timeMs(a.metadata?.creationTimestamp) ?? 0;
  const bc = timeMs(b.metadata?.creationTimestamp) ?? 0;
  return ac !== bc && ac > bc;
}

export type PodForObject = { readonly name: string; readonly note?: string } | { readonly error: string };

/** The pod `kubectl logs TYPE/NAME` reads, or the error kubectl prints. */
export function podForObject(ctx: KubectlContext, type: string, name: string): PodForObject {
  const info: ResourceInfo | undefined = findResource(type);
  if (!info) return { error: `error: the server doesn't have a resource type "${type}"` };
  if (info.resource === 'pods') return { name };
  if (!SELECTOR_KINDS.has(info.resource) && info.resource !== 'services') return { error: `error: cannot get the logs from ${info.group ? `${info.kind}.${info.group}` : info.kind}` };
  const got = getObject(ctx, info, ctx.namespace, name);
  if (!got.ok) return { error: statusErrorText(statusOf(got.response)) };
  const spec = got.value['spec'] as { selector?: Record<string, unknown> } | undefined;
  const selector =
    info.resource === 'services' ? formatLabels(spec?.selector as Record<string, string> | undefined) : (selectorString(spec?.selector as Parameters<typeof selectorString>[0]) ?? '');
  const pods = findResource('pods');
  if (!pods) return { error: 'error: pods are not served' };
  const r = ctx.request('GET', resourcePath(pods, { namespace: ctx.namespace, query: { labelSelector: selector } }));
  if (r.code !== 200) return { error: statusErrorText(statusOf(r)) };
  const items = ((r.body as { items?: KubeObject[] }).items ?? []) as unknown as Pod[];
  // GetFirstPod watches for a pod until --pod-running-timeout (20 s); the runner cannot wait on a watch.
  if (items.length === 0) return { error: 'error: timed out waiting for the condition' };
  const sorted = [...items].sort((a, b) => (lessActive(b, a) ? -1 : lessActive(a, b) ? 1 : 0));
  const first = sorted[0]?.metadata?.name ?? '';
  return items.length > 1 ? { name: first, note: `Found ${items.length} pods, using pod/${first}` } : { name: first };
}
