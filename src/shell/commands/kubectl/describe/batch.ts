/**
 * kubectl's describers for the batch group (pkg/describe/describe.go, release 1.32):
 * describeJob (parallelism, completions and mode, suspend, back-off limit, times, the pod counts
 * with the ready ones, completed indexes, the pod template, events) and describeCronJob (the
 * schedule, policies, history limits, last schedule, the job template and its active jobs).
 */
import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0 } from '../printers/describe-writer';
import { selectorString } from '../printers/labels';
import { formatRFC1123Z, humanDuration, timeMs } from '../printers/timestamps';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';

function as<T>(obj: KubeObject): T {
  return obj as unknown as T;
}

/** capIndexesListOrNone: the list up to the first comma at or past 50 characters, then `...`. */
export function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

export function describeJob(obj: KubeObject, ctx: DescribeContext): string {
  const job = as<Job>(obj);
  const events = ctx.events(obj);
  const spec = job.spec;
  const status = job.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector) ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const owner = controlledBy(obj);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec?.completions !== undefined ? String(spec.completions) : '<unset>'}\n`);
  if (spec?.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${String(spec.suspend)}\n`);
  if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(status.completionTime)}\n`);
  const start = timeMs(status.startTime);
  const end = timeMs(status.completionTime);
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  if (status.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  if (spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}\n`);
  describePodTemplate(spec?.template, w);
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}

/** describeJobTemplate: the job template's fields at LEVEL_0, as describeCronJob prints them. */
function describeJobTemplate(spec: JobSpec | undefined, w: DescribeWriter): void {
  if (spec?.selector) w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector) ?? ''}\n`);
  else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  else w.write(LEVEL_0, 'Parallelism:\t<unset>\n');
  if (spec?.completions !== undefined) w.write(LEVEL_0, `Completions:\t${spec.completions}\n`);
  else w.write(LEVEL_0, 'Completions:\t<unset>\n');
  if (spec?.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec?.template, w);
}

export function describeCronJob(obj: KubeObject, ctx: DescribeContext): string {
  const cj = as<CronJob>(obj);
  const events = ctx.events(obj);
  const spec = cj.spec;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${spec?.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec?.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec?.failedJobsHistoryLimit ?? '<unset>'}\n`);
  if (spec?.startingDeadlineSeconds !== undefined) w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n`);
  else w.write(LEVEL_0, 'Starting Deadline Seconds:\t<unset>\n');
  describeJobTemplate(spec?.jobTemplate.spec, w);
  if (cj.status?.lastScheduleTime) w.write(LEVEL_0, `Last Schedule Time:\t${formatRFC1123Z(cj.status.lastScheduleTime)}\n`);
  else w.write(LEVEL_0, 'Last Schedule Time:\t<unset>\n');
  const active = cj.status?.active ?? [];
  if (active.length > 0) w.write(LEVEL_0, `Active Jobs:\t${active.map((r) => r.name ?? '').join(', ')}\n`);
  else w.write(LEVEL_0, 'Active Jobs:\t<none>\n');
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
