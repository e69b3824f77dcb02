/**
 * ResourceQuota (k8s.io/apiserver pkg/admission/plugin/resourcequota, CheckRequest): the last
 * validating plugin. For every ResourceQuota in the namespace that covers the request's
 * resource (and whose scopes the object falls in), the object's usage is added to what the
 * namespace already uses; if any hard limit would be passed the request is Forbidden:
 * `exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2`. A quota on cpu or
 * memory also demands that every container state them: `failed quota: compute: must specify
 * limits.cpu for: app`.
 *
 * The real plugin reads `status.used` and charges each admitted object to it at once; here the
 * usage is computed from the apiserver's cache at admission time, as the resource quota
 * controller (controllers/resourcequota, which writes status.used) computes it, against
 * `spec.hard`.
 */
import { Quantity } from '../../../../api/quantity';
import type { KubeObject } from '../../../../api/kube-object';
import { withFields } from '../../../../api/object-copy';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';
import { addResourceList, resourceList, type ResourceList } from '../pod-resources';
import { evaluatorFor, type QuotaEvaluator, type ScopeSelector } from './evaluators';

export const RESOURCE_QUOTA = 'ResourceQuota';

interface ResourceQuotaSpecJSON {
  hard?: Record<string, unknown>;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeSelector[] };
}

/** getScopeSelectorsFromQuota: plain scopes become Exists selectors. */
function scopeSelectors(spec: ResourceQuotaSpecJSON): ScopeSelector[] {
  return [...(spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })), ...(spec.scopeSelector?.matchExpressions ?? [])];
}

/** generic.Matches: the quota limits something this evaluator counts, and every scope matches. */
function matches(evaluator: QuotaEvaluator, hard: ResourceList, selectors: readonly ScopeSelector[], object: KubeObject): boolean {
  return evaluator.matchingResources([...hard.keys()]).length > 0 && selectors.every((s) => evaluator.matchesScope(s, object));
}

/** prettyPrint: `name=value` sorted by name, comma-joined. */
function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${String(list.get(k))}`)
    .join(',');
}

function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const q = list.get(n);
    if (q) out.set(n, q);
  }
  return out;
}

function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, q]) => !q.isZero()));
}

/** quota.SubtractWithNonNegativeResult. */
function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, q] of a) {
    const prev = b.get(k);
    const diff = prev ? q.sub(prev) : q;
    out.set(k, diff.sign() < 0 ? Quantity.zero(diff.format) : diff);
  }
  return out;
}

/** A ResourceQuota as quota evaluation reads it. */
export interface Quota {
  name: string;
  hard: ResourceList;
  selectors: ScopeSelector[];
}

/** The quota's name, its spec.hard and its scopes as selectors. */
export function quotaOf(q: KubeObject): Quota {
  const spec = (q['spec'] as ResourceQuotaSpecJSON | undefined) ?? {};
  return { name: q.metadata.name ?? '', hard: resourceList(spec.hard), selectors: scopeSelectors(spec) };
}

/**
 * What the quota controller would have in status.used for the names this evaluator counts:
 * every object of the resource in the namespace that falls in the quota's scopes, summed, with
 * zero for names nothing uses.
 */
export function currentUsage(quota: Quota, evaluator: QuotaEvaluator, objects: readonly KubeObject[], now: number): ResourceList {
  const names = evaluator.matchingResources([...quota.hard.keys()]);
  const used: ResourceList = new Map();
  // Zero values adopt the format of what is added to them, as resource.Quantity{} does.
  for (const name of names) used.set(name, Quantity.zero());
  for (const object of objects) {
    if (!quota.selectors.every((s) => evaluator.matchesScope(s, object))) continue;
    addResourceList(used, mask(evaluator.usage(object, now), names));
  }
  return used;
}

function checkRequest(a: AdmissionAttributes, context: AdmissionContext): void {
  const evaluator = evaluatorFor(a.resource);
  if (!evaluator || !evaluator.handles(a) || !a.object) return;
  const stored = context.list('resourcequotas', a.namespace);
  // Most namespaces have no quota: nothing to copy or compare then.
  if (stored.length === 0) return;
  // withFields: a body without metadata.namespace gains it, and a new field on a spread copy is slow (object-copy.ts).
  const object: KubeObject = { ...a.object, metadata: withFields(a.object.metadata, { namespace: a.object.metadata.namespace ?? a.namespace }) };
  const quotas: Quota[] = stored.map(quotaOf);

  const interesting: Quota[] = [];
  for (const quota of quotas) {
    if (!matches(evaluator, quota.hard, quota.selectors, object)) continue;
    const restricted = evaluator.matchingResources([...quota.hard.keys()]);
    const failed = evaluator.constraints(restricted, object);
    if (failed) throw newAdmissionForbidden(a, `failed quota: ${quota.name}: ${failed}`);
    interesting.push(quota);
  }
  if (interesting.length === 0) return;

  const now = context.now();
  const inputUsage = evaluator.usage(object, now);
  const negative = [...inputUsage].filter(([, q]) => q.sign() < 0).map(([k]) => k);
  if (negative.length) throw newAdmissionForbidden(a, `quota usage is negative for resource(s): ${negative.sort().join(',')}`);

  const deltas = new Map<Quota, ResourceList>(interesting.map((q) => [q, inputUsage]));
  if (a.operation === 'UPDATE') {
    const prev = a.oldObject;
    if (!prev) throw newAdmissionForbidden(a, 'unable to get previous usage since prior version of object was not found');
    if (prev.metadata.resourceVersion) {
      const delta = subtractNonNegative(inputUsage, evaluator.usage(prev, now));
      for (const quota of interesting) if (matches(evaluator, quota.hard, quota.selectors, prev)) deltas.set(quota, delta);
    }
  }

  const objects = context.list(a.resource.resource, a.namespace);
  for (const quota of interesting) {
    const delta = removeZeros(deltas.get(quota) ?? new Map());
    if (delta.size === 0) continue;
    const requested = mask(delta, quota.hard.keys());
    const used = currentUsage(quota, evaluator, objects, now);
    const newUsage = addResourceList(new Map(used), requested);
    if (a.subresource === 'status') continue;
    const exceeded = [...requested.keys()].filter((k) => {
      const hard = quota.hard.get(k);
      const next = newUsage.get(k);
      return hard !== undefined && next !== undefined && next.cmp(hard) > 0;
    });
    if (exceeded.length) {
      throw newAdmissionForbidden(
        a,
        `exceeded quota: ${quota.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(quota.hard, exceeded))}`,
      );
    }
  }
}

export function resourceQuota(): AdmissionPlugin {
  return {
    name: RESOURCE_QUOTA,
    validate(a: AdmissionAttributes, context: AdmissionContext) {
      // Cluster-scoped objects, and namespaces being created, have no quota to answer to.
      if (!a.namespace || (a.resource.group === '' && a.resource.resource === 'namespaces')) return;
      checkRequest(a, context);
    },
  };
}
