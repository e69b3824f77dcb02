/**
 * The namespace status conditions the namespace controller keeps while it deletes a namespace's
 * content (pkg/controller/namespace/deletion/status_condition_utils.go): each of the five types
 * is True with the failure's reason and message, or False with its "ok" reason and message; a
 * condition's lastTransitionTime moves only when its status flips. `updateConditions` answers
 * whether anything changed, so the controller writes /status only then.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import { simulatedTimestamp } from '../../api/time';

export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<(typeof CONDITION_TYPES)[number], { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** What one pass of deleteAllContent found. */
export interface ContentReport {
  /** Discovery errors (the condition's message). */
  readonly discoveryError?: string;
  /** Errors deleting or listing a resource ("unexpected items still remain ..."). */
  readonly deleteErrors: readonly string[];
  /** "<resource>.<group>" -> instances left. */
  readonly remaining: ReadonlyMap<string, number>;
  /** finalizer -> instances still carrying it. */
  readonly finalizers: ReadonlyMap<string, number>;
}

/** The failure conditions a report calls for (newConditions upstream). */
export function failureConditions(report: ContentReport, nowMs: number): NamespaceCondition[] {
  const now = simulatedTimestamp(nowMs);
  const out: NamespaceCondition[] = [];
  if (report.discoveryError !== undefined) {
    out.push({ type: 'NamespaceDeletionDiscoveryFailure', status: 'True', lastTransitionTime: now, reason: 'DiscoveryFailed', message: report.discoveryError });
  }
  const remaining = [...report.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (report.remaining.size > 0) {
    out.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` });
  }
  const byFinalizer = [...report.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (report.finalizers.size > 0) {
    out.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${byFinalizer.join(', ')}` });
  }
  if (report.deleteErrors.length > 0) {
    const msgs = [...report.deleteErrors].sort();
    out.push({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      lastTransitionTime: now,
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  return out;
}

/** updateConditions: the namespace's conditions with each type set from `failures` or its ok variant; undefined when unchanged. */
export function updateConditions(current: readonly NamespaceCondition[], failures: readonly NamespaceCondition[], nowMs: number): NamespaceCondition[] | undefined {
  const conditions = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const wanted = failures.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: simulatedTimestamp(nowMs), ...OK[type] };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push(wanted);
      changed = true;
    } else if (old.status !== wanted.status || old.message !== wanted.message || old.reason !== wanted.reason) {
      if (old.status !== wanted.status) old.lastTransitionTime = simulatedTimestamp(nowMs);
      old.status = wanted.status;
      old.reason = wanted.reason;
      old.message = wanted.message;
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}
