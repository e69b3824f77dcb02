/**
 * polymorphichelpers.GetFirstPod (kubectl 1.32): the pods matching a selector, listed once (no
 * chunking), sorted most active first (sort.Reverse(podutils.ActivePods): assigned, running,
 * ready, ready longest, fewest restarts, oldest). What `exec` and `logs` of TYPE/NAME reach.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../sim/api/kube-object';
import { findResource } from '../../../sim/api/resources';
import { resourcePath } from '../../../sim/client/resource-path';
import type { KubectlContext } from './kubectl-context';
import { timeMs } from './printers/timestamps';
import { statusErrorText, statusOf } from './server-error';

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

export type FirstPod = { readonly name: string; readonly count: number } | { readonly error: string };

/** The most active pod `selector` matches in the namespace, and how many matched. */
export function firstPod(ctx: KubectlContext, selector: string): FirstPod {
  const pods = findResource('pods');
  if (!pods) return { error: 'error: pods are not served' };
  const r = ctx.request('GET', resourcePath(pods, { namespace: ctx.namespace, query: { labelSelector: selector } }));
  if (r.code !== 200) return { error: statusErrorText(statusOf(r)) };
  const items = ((r.body as { items?: KubeObject[] }).items ?? []) as unknown as Pod[];
  // GetFirstPod watches for a pod until --pod-running-timeout; the shell cannot wait on that watch.
  if (items.length === 0) return { error: 'error: timed out waiting for the condition' };
  const sorted = [...items].sort((a, b) => (lessActive(b, a) ? -1 : lessActive(a, b) ? 1 : 0));
  return { name: sorted[0]?.metadata?.name ?? '', count: items.length };
}
