/**
 * The Job's pod-failure back-off (pkg/controller/job/backoff_utils.go): failed pods are replaced
 * after 10 s, 20 s, 40 s… counted from the last failure, capped at MaxJobPodFailureBackOff (10
 * min in the v1.32 code; the Job concept page still says six minutes); a success with no new
 * failure resets the count.
 */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime?: number;
}

/** newBackoffRecord: the record after this sync's newly finished pods (finish times in ms). */
export function nextBackoffRecord(previous: BackoffRecord, succeededTimes: readonly number[], failedTimes: readonly number[]): BackoffRecord {
  if (succeededTimes.length === 0) {
    if (failedTimes.length === 0) return previous;
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: Math.max(...failedTimes) };
  }
  if (failedTimes.length === 0) return { failuresAfterLastSuccess: 0 };
  const lastSuccess = Math.max(...succeededTimes);
  const after = failedTimes.filter((t) => t > lastSuccess);
  return after.length === 0 ? { failuresAfterLastSuccess: 0 } : { failuresAfterLastSuccess: after.length, lastFailureTime: Math.max(...after) };
}

/** getRemainingTime: how long new pods must still wait, 0 when they may be made now. */
export function remainingBackoffMs(record: BackoffRecord, nowMs: number, base = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, max = MAX_JOB_POD_FAILURE_BACKOFF_MS): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = base;
  for (let i = 1; i < record.failuresAfterLastSuccess && backoff < max; i++) backoff *= 2;
  backoff = Math.min(backoff, max);
  const elapsed = nowMs - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
