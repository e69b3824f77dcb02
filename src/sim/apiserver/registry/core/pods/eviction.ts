/**
 * `POST pods/NAME/eviction` (pkg/registry/core/pod/storage/eviction.go, EvictionREST.Create): a
 * delete that honours the pod's PodDisruptionBudget. A pod that is not running yet, finished or
 * already being deleted goes at once, as does one no budget selects. With one budget, the
 * eviction takes one of its disruptionsAllowed (writing the pod into status.disruptedPods, so
 * the disruption controller does not count it healthy while it goes) or is refused with 429
 * TooManyRequests and the DisruptionBudget cause. An unready pod may go without taking one when
 * the budget is met (IfHealthyBudget) or always (AlwaysAllow). More than one budget is a 500.
 */
import type { KubeObject } from '../../../../api/kube-object';
import { labelSelectorAsSelector, type LabelSelector } from '../../../../api/labels/label-selector';
import { DISRUPTION_BUDGET_CAUSE, isPodReady, pdbStatus, updateDisruptionAllowedCondition, type PdbStatus } from '../../../../api/pod-disruption-budget';
import { etcdKey, etcdPrefix, findResource } from '../../../../api/resources';
import type { Status } from '../../../../api/status';
import { simulatedTimestamp } from '../../../../api/time';
import { newBadRequest, newForbidden, newInternalError, newNotFound, StatusError } from '../../../status';
import type { Done } from '../../generic-registry';
import type { StorageDeps } from '../../rest-storage';
import { onMainResource } from '../../rest-storage';
import type { RequestContext } from '../../request-context';
import { interpretStorageError } from '../../storage-errors';

/** MaxDisruptedPodSize: evictions the controller has not confirmed yet, at most. */
const MAX_DISRUPTED_POD_SIZE = 2000;
const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
const PDB_RESOURCE = { group: 'policy', resource: 'poddisruptionbudget' };

/** errors.NewTooManyRequests(message, 0) with the DisruptionBudget cause appended (retryAfterSeconds 0 is omitted). */
function tooManyRequests(causeMessage: string): StatusError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: VIOLATES_BUDGET,
    reason: 'TooManyRequests',
    details: { causes: [{ reason: DISRUPTION_BUDGET_CAUSE, message: causeMessage }] },
    code: 429,
  };
  return new StatusError(status);
}

/** canIgnorePDB: pods that are done, not started, or already going. */
function canIgnorePDB(pod: KubeObject): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || Boolean(pod.metadata['deletionTimestamp']);
}

/** checkAndDecrement, as the update function of the budget's status write. */
function decrement(pdb: KubeObject, podName: string, nowMs: number): KubeObject {
  const status = pdbStatus(pdb);
  const name = pdb.metadata.name ?? '';
  const generation = typeof pdb.metadata['generation'] === 'number' ? pdb.metadata['generation'] : 0;
  if ((status.observedGeneration ?? 0) < generation) throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`);
  if (status.disruptionsAllowed < 0) throw newForbidden(PDB_RESOURCE, name, 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw newForbidden(PDB_RESOURCE, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (status.disruptionsAllowed === 0) throw tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`);
  let next: PdbStatus = { ...status, disruptionsAllowed: status.disruptionsAllowed - 1 };
  if (next.disruptionsAllowed === 0) next = updateDisruptionAllowedCondition(next, nowMs);
  next = { ...next, disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: simulatedTimestamp(nowMs) } };
  return { ...pdb, status: next };
}

/** getPodDisruptionBudgets: the budgets whose non-empty selector matches the pod's labels. */
function budgetsFor(pod: KubeObject, budgets: readonly KubeObject[]): KubeObject[] {
  const labels = pod.metadata.labels;
  if (!labels) return [];
  return budgets.filter((pdb) => {
    const ps = (pdb['spec'] as { selector?: LabelSelector } | undefined)?.selector;
    const selector = labelSelectorAsSelector(ps);
    // A budget with a nil or empty selector matches nothing here, not everything.
    const empty = !ps || (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0);
    return !empty && selector !== undefined && selector.matches(labels);
  });
}

export function evictPod(deps: StorageDeps, ctx: RequestContext, body: unknown, done: Done<KubeObject>): void {
  const eviction = (body ?? {}) as { metadata?: { name?: string }; deleteOptions?: { gracePeriodSeconds?: number; dryRun?: string[] } };
  if ((eviction.metadata?.name ?? '') !== ctx.info.name) return done({ ok: false, error: newBadRequest('name in URL does not match name in Eviction object') });
  const grace = eviction.deleteOptions?.gracePeriodSeconds;
  const dryRun = ctx.dryRun || (eviction.deleteOptions?.dryRun ?? []).includes('All');
  const podCtx = { ...onMainResource(ctx), dryRun };
  const deletePod = () => deps.registry.delete(podCtx, grace !== undefined ? { gracePeriodSeconds: grace } : {}, done);
  const fail = (error: unknown, name: string) =>
    done({ ok: false, error: error instanceof StatusError ? error : interpretStorageError(error, findResource('poddisruptionbudgets') ?? ctx.resource, name) });

  deps.store.get(
    etcdKey(ctx.resource, ctx.info.namespace, ctx.info.name),
    (got) => {
      if (!got.ok) return fail(got.error, ctx.info.name);
      const pod = got.value;
      if (!pod) return done({ ok: false, error: newNotFound(ctx.resource, ctx.info.name) });
      if (canIgnorePDB(pod)) return deletePod();
      const pdbInfo = findResource('poddisruptionbudgets');
      if (!pdbInfo) return deletePod();
      deps.store.list(
        etcdPrefix(pdbInfo, ctx.info.namespace),
        (listed) => {
          if (!listed.ok) return fail(listed.error, '');
          const budgets = budgetsFor(pod, listed.value.items);
          if (budgets.length > 1) return done({ ok: false, error: newInternalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.') });
          const pdb = budgets[0];
          if (!pdb) return deletePod();
          if (!isPodReady(pod)) {
            const policy = (pdb['spec'] as { unhealthyPodEvictionPolicy?: string } | undefined)?.unhealthyPodEvictionPolicy;
            const status = pdbStatus(pdb);
            if (policy === 'AlwaysAllow') return deletePod();
            if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return deletePod();
          }
          const name = pdb.metadata.name ?? '';
          deps.store.guaranteedUpdate(
            etcdKey(pdbInfo, ctx.info.namespace, name),
            (current) => decrement(current, ctx.info.name, deps.engine.now()),
            (updated) => {
              ctx.stages.push({ name: 'etcd', outcome: updated.ok ? 'passed' : 'failed', detail: `poddisruptionbudget ${name}: take a disruption`, at: deps.engine.now() });
              if (!updated.ok) return fail(updated.error, name);
              deletePod();
            },
            { requestId: ctx.requestId, dryRun },
          );
        },
        ctx.requestId,
      );
    },
    ctx.requestId,
  );
}
