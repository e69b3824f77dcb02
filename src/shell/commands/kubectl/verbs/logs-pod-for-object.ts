/**
 * Which pod `kubectl logs TYPE/NAME` reads (polymorphichelpers attachablePodForObject and
 * GetFirstPod, kubectl 1.32): a Job, ReplicationController, ReplicaSet, Deployment, StatefulSet or DaemonSet by its
 * spec.selector, a Service by its spec.selector (attachable-pod.ts selectorFor); the most active
 * pod is read (first-pod.ts), and with more than one kubectl says which it took.
 */
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { getObject } from '../api-calls';
import { selectorFor } from '../attachable-pod';
import { firstPod } from '../first-pod';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';

const SELECTOR_KINDS = new Set(['jobs', 'replicationcontrollers', 'replicasets', 'deployments', 'statefulsets', 'daemonsets']);

export type PodForObject = { readonly name: string; readonly note?: string } | { readonly error: string };

/** The pod `kubectl logs TYPE/NAME` reads, or the error kubectl prints. */
export function podForObject(ctx: KubectlContext, type: string, name: string): PodForObject {
  const info: ResourceInfo | undefined = findResource(type);
  if (!info) return { error: `error: the server doesn't have a resource type "${type}"` };
  if (info.resource === 'pods') return { name };
  if (!SELECTOR_KINDS.has(info.resource) && info.resource !== 'services') return { error: `error: cannot get the logs from ${info.group ? `${info.kind}.${info.group}` : info.kind}` };
  const got = getObject(ctx, info, ctx.namespace, name);
  if (!got.ok) return { error: statusErrorText(statusOf(got.response)) };
  const selector = selectorFor(info, got.value);
  if (typeof selector !== 'string') return { error: `error: cannot attach to *${info.version}.${info.kind}: ${selector.error}` };
  const first = firstPod(ctx, selector);
  if ('error' in first) return first;
  return first.count > 1 ? { name: first.name, note: `Found ${first.count} pods, using pod/${first.name}` } : { name: first.name };
}
