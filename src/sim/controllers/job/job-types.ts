/**
 * The Job fields the Job controller reads and writes (k8s.io/api batch/v1), the labels,
 * annotation and finalizer it puts on its pods (batch/v1 types.go), and the condition helpers
 * of pkg/controller/job (newCondition, ensureJobConditionStatus, IsJobFinished).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { simulatedTimestamp } from '../../api/time';
import type { KubeObject } from '../../api/kube-object';

export type JobView = KubeObject & Job & { spec: NonNullable<Job['spec']>; status?: JobStatus };

/** The finalizer each Job pod carries until the controller has counted it. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Indexed Jobs: the pod's index, as an annotation and (PodIndexLabel, on from 1.28) a label. */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const REASON_BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const REASON_DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached';
export const MESSAGE_BACKOFF_LIMIT = 'Job has reached the specified backoff limit';
export const MESSAGE_DEADLINE = 'Job was active longer than specified deadline';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';

export function newCondition(type: string, status: string, reason: string, message: string, nowMs: number): JobCondition {
  const t = simulatedTimestamp(nowMs);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export function findCondition(job: JobView, type: string): JobCondition | undefined {
  return (job.status?.conditions ?? []).find((c) => c.type === type);
}

export function hasTrueCondition(job: JobView, type: string): boolean {
  return findCondition(job, type)?.status === 'True';
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function isJobFinished(job: JobView): boolean {
  return hasTrueCondition(job, 'Complete') || hasTrueCondition(job, 'Failed');
}

/**
 * ensureJobConditionStatus: set a condition's status, reason and message; the times move only
 * when the status changes. Returns whether anything changed.
 */
export function ensureCondition(conditions: JobCondition[], type: string, status: string, reason: string, message: string, nowMs: number): boolean {
  const i = conditions.findIndex((c) => c.type === type);
  if (i < 0) {
    if (status === 'False') return false; // a False condition is only recorded over an existing one
    conditions.push(newCondition(type, status, reason, message, nowMs));
    return true;
  }
  const c = conditions[i] as JobCondition;
  if (c.status !== status) {
    conditions[i] = newCondition(type, status, reason, message, nowMs);
    return true;
  }
  if (c.reason !== reason || c.message !== message) {
    conditions[i] = { ...c, reason, message, lastProbeTime: simulatedTimestamp(nowMs) };
    return true;
  }
  return false;
}

export const isSuspended = (job: JobView): boolean => job.spec.suspend === true;
export const isIndexed = (job: JobView): boolean => job.spec.completionMode === 'Indexed';

/** batch/v1 JobStatus as Go serialises it: counters omitempty, the pointers (terminating, ready, uncounted) kept. */
export function serializeJobStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.terminating !== undefined) out.terminating = s.terminating;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  if (s.failedIndexes !== undefined) out.failedIndexes = s.failedIndexes;
  if (s.uncountedTerminatedPods) {
    const u = s.uncountedTerminatedPods;
    out.uncountedTerminatedPods = { ...(u.succeeded?.length ? { succeeded: u.succeeded } : {}), ...(u.failed?.length ? { failed: u.failed } : {}) };
  }
  if (s.ready !== undefined) out.ready = s.ready;
  return out;
}
