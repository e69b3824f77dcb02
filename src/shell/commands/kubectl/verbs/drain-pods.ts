/**
 * The drain helper's work on one node (kubectl 1.32 staging/src/k8s.io/kubectl/pkg/drain/drain.go
 * GetPodsForDeletion, DeleteOrEvictPods, evictPods, deletePods, waitForDelete): list the node's
 * pods (all namespaces, fieldSelector spec.nodeName, --pod-selector), filter them
 * (drain-filters.ts), then evict each through the pods/eviction subresource (policy/v1 Eviction
 * with the DeleteOptions --grace-period and a server dry run give), or with --disable-eviction
 * DELETE it; then poll every second of simulated time until each pod is gone (or replaced: another
 * UID), printing `pod/web evicted` (`deleted`).
 *
 * Upstream evicts from one goroutine per pod; here the pods are evicted one after the other and
 * then polled together, which prints the same lines in a deterministic order. `--timeout=0` means
 * no limit in kubectl; a simulation must end, so the wait stops after SIMULATED_WAIT_CAP_MS and
 * says so.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { getObject, listObjects, objectRef } from '../api-calls';
import type { DryRunStrategy } from '../dry-run';
import type { KubectlContext } from '../kubectl-context';
import { aggregate, apiError, errorString, plainError, type GoError } from './check-err';
import { deleteErrors, filterPods, type DrainOptions, type PodDelete } from './drain-filters';
import type { OutputLog } from './output-log';

export const SIMULATED_WAIT_CAP_MS = 3_600_000;
const POLL_INTERVAL_MS = 1000;
const RETRY_AFTER_MS = 5000;
/** time.Duration(math.MaxInt64), what upstream's "no timeout" is. */
const FOREVER = '2562047h47m16.854775807s';

export interface DrainHelper extends DrainOptions {
  readonly ctx: KubectlContext;
  readonly log: OutputLog;
  readonly podSelector: string;
  /** Seconds; negative: the pod's own terminationGracePeriodSeconds. */
  readonly gracePeriodSeconds: number;
  /** Milliseconds; 0: no limit. */
  readonly timeoutMs: number;
  readonly disableEviction: boolean;
  readonly dryRun: DryRunStrategy;
}

function podsInfo(): ResourceInfo {
  const info = findResource('pods');
  if (!info) throw new Error('pods are not served');
  return info;
}

/** GetPodsForDeletion: the filtered list, or the errors (the list is still given when filters failed). */
export function getPodsForDeletion(d: DrainHelper, nodeName: string): { list?: PodDelete[]; errors?: GoError[] } {
  const r = listObjects(d.ctx, podsInfo(), undefined, { fieldSelector: `spec.nodeName=${nodeName}`, ...(d.podSelector ? { labelSelector: d.podSelector } : {}) });
  if (!r.ok) return { errors: [apiError(r.response)] };
  const daemonSets = findResource('daemonsets');
  const list = filterPods(r.value.items, {
    options: d,
    nowMs: d.ctx.clock.now(),
    getDaemonSet: (namespace, name) => {
      if (!daemonSets) return { found: false, notFound: true, message: `daemonsets.apps "${name}" not found` };
      const got = getObject(d.ctx, daemonSets, namespace, name);
      if (got.ok) return { found: true };
      const err = apiError(got.response);
      return { found: false, notFound: got.response.code === 404, message: errorString(err) };
    },
  });
  const errors = deleteErrors(list);
  return errors.length ? { list, errors: errors.map(plainError) } : { list };
}

function deleteOptions(d: DrainHelper): Record<string, unknown> {
  return { ...(d.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: d.gracePeriodSeconds } : {}), ...(d.dryRun === 'server' ? { dryRun: ['All'] } : {}) };
}

const podName = (pod: KubeObject) => pod.metadata.name ?? '';
const podNamespace = (pod: KubeObject) => pod.metadata.namespace ?? '';

function evict(d: DrainHelper, pod: KubeObject): ReturnType<KubectlContext['request']> {
  const path = `${resourcePath(podsInfo(), { namespace: podNamespace(pod), name: podName(pod) })}/eviction`;
  const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: podName(pod), namespace: podNamespace(pod) }, deleteOptions: deleteOptions(d) };
  return d.ctx.request('POST', path, { body });
}

/** Go's time.Duration.String for whole milliseconds: 0s, 500ms, 1.5s, 1m30s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = `${((ms % 60_000) / 1000).toFixed(3)}`.replace(/\.?0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** DeleteOrEvictPods. */
export function deleteOrEvictPods(d: DrainHelper, pods: readonly KubeObject[]): GoError | undefined {
  if (pods.length === 0) return undefined;
  // CheckEvictionSupport: the apiserver lists pods/eviction (policy/v1) among the v1 resources.
  const evictionServed = podsInfo().subresources.includes('eviction');
  if (!d.disableEviction && evictionServed) return evictPods(d, pods);
  return deletePods(d, pods);
}

function evictPods(d: DrainHelper, pods: readonly KubeObject[]): GoError | undefined {
  const started = d.ctx.clock.now();
  const deadline = d.timeoutMs === 0 ? Infinity : started + d.timeoutMs;
  const globalTimeout = d.timeoutMs === 0 ? FOREVER : goDuration(d.timeoutMs);
  const errors: GoError[] = [];
  const waiting: KubeObject[] = [];
  for (const pod of pods) {
    const name = podName(pod);
    const namespace = podNamespace(pod);
    for (;;) {
      d.log.out(`evicting pod ${namespace}/${name}${d.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      if (d.ctx.clock.now() >= deadline) {
        errors.push(plainError(`error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${globalTimeout}`));
        break;
      }
      const r = evict(d, pod);
      if (r.code < 300) {
        if (d.dryRun !== 'server') waiting.push(pod);
        break;
      }
      if (r.code === 404) break;
      const err = apiError(r);
      if (r.code === 429 && d.ctx.clock.now() - started < SIMULATED_WAIT_CAP_MS) {
        d.log.err(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${errorString(err)}\n`);
        d.ctx.clock.runUntil(d.ctx.clock.now() + RETRY_AFTER_MS);
        continue;
      }
      errors.push(plainError(`error when evicting pods/"${name}" -n "${namespace}": ${errorString(err)}`));
      break;
    }
  }
  const left = waitForDelete(d, waiting, true, started, deadline);
  for (const pod of left.pending) {
    const why = left.error ?? `global timeout reached: ${globalTimeout}`;
    errors.push(plainError(`error when waiting for pod "${podName(pod)}" in namespace "${podNamespace(pod)}" to terminate: ${why}`));
  }
  return errors.length ? aggregate(errors) : undefined;
}

function deletePods(d: DrainHelper, pods: readonly KubeObject[]): GoError | undefined {
  const started = d.ctx.clock.now();
  for (const pod of pods) {
    const path = resourcePath(podsInfo(), { namespace: podNamespace(pod), name: podName(pod) });
    const r = d.ctx.request('DELETE', path, { body: { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions(d) } });
    if (r.code >= 300 && r.code !== 404) return apiError(r);
  }
  const deadline = d.timeoutMs === 0 ? Infinity : started + d.timeoutMs;
  const left = waitForDelete(d, [...pods], false, started, deadline);
  if (left.pending.length === 0) return undefined;
  return plainError(left.error ?? 'timed out waiting for the condition');
}

/**
 * waitForDelete (wait.PollImmediate every second): a pod that is gone, or whose name now has
 * another UID, is done. The pods still there when the deadline passes are handed back.
 */
function waitForDelete(d: DrainHelper, pods: KubeObject[], usingEviction: boolean, started: number, deadline: number): { pending: KubeObject[]; error?: string } {
  let pending = pods;
  const clock = d.ctx.clock;
  for (;;) {
    const still: KubeObject[] = [];
    for (const pod of pending) {
      const r = d.ctx.request('GET', resourcePath(podsInfo(), { namespace: podNamespace(pod), name: podName(pod) }));
      const replaced = r.code === 200 && (r.body as KubeObject).metadata.uid !== pod.metadata.uid;
      if (r.code === 404 || replaced) {
        d.log.out(`${objectRef(podsInfo(), podName(pod))} ${usingEviction ? 'evicted' : 'deleted'}\n`);
      } else if (r.code >= 300) {
        return { pending: [pod], error: errorString(apiError(r)) };
      } else {
        still.push(pod);
      }
    }
    pending = still;
    if (pending.length === 0) return { pending };
    if (clock.now() >= deadline) return { pending };
    if (clock.now() - started >= SIMULATED_WAIT_CAP_MS) {
      d.log.err(`kubearch: stopped waiting after ${goDuration(SIMULATED_WAIT_CAP_MS)} of simulated time (kubectl would wait on; give --timeout)\n`);
      return { pending, error: `global timeout reached: ${goDuration(SIMULATED_WAIT_CAP_MS)}` };
    }
    clock.runUntil(Math.min(clock.now() + POLL_INTERVAL_MS, deadline));
  }
}
