/**
 * `kubectl events` (k8s.io/kubectl pkg/cmd/events, v1.32): events sorted oldest first by their
 * last occurrence, `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE`, OBJECT as `Kind/name`, and a
 * repeated event's LAST SEEN as `6s (x7 over 5m1s)`. The same interval text is what `kubectl
 * describe` shows in its Events table, so describe uses eventInterval and sortEvents too.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { formatTable } from './tabwriter';
import { timeMs, translateTimestampSince } from './timestamps';

function asEvent(obj: KubeObject): Event {
  return obj as unknown as Event;
}

/** util/event SortableEvents' key: series.lastObservedTime, else lastTimestamp, else eventTime. */
function eventTimeMs(e: Event): number {
  const t = e.series ? timeMs(e.series.lastObservedTime) : (timeMs(e.lastTimestamp) ?? timeMs(e.eventTime));
  return t ?? Number.NEGATIVE_INFINITY;
}

/** Oldest first, as sort.Sort(SortableEvents) leaves them (ties keep their list order). */
export function sortEvents(events: readonly KubeObject[]): KubeObject[] {
  return [...events].sort((a, b) => eventTimeMs(asEvent(a)) - eventTimeMs(asEvent(b)));
}

/** getInterval: `61s`, or `6s (x7 over 5m1s)` for a repeated or series event. */
export function eventInterval(e: Event, nowMs: number): string {
  const firstTimestampSince = e.eventTime ? translateTimestampSince(nowMs, e.eventTime) : translateTimestampSince(nowMs, e.firstTimestamp);
  if (e.series) return `${translateTimestampSince(nowMs, e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(nowMs, e.lastTimestamp)} (x${e.count} over ${firstTimestampSince})`;
  return firstTimestampSince;
}

export interface EventsCommandOptions {
  readonly nowMs: number;
  /** `-A`: a NAMESPACE column first. */
  readonly allNamespaces?: boolean;
  readonly noHeaders?: boolean;
}

/** `kubectl events` output; '' for no events (kubectl then prints noEventsFound to stderr). */
export function printEvents(events: readonly KubeObject[], opts: EventsCommandOptions): string {
  if (events.length === 0) return '';
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push([...(opts.allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  for (const obj of sortEvents(events)) {
    const e = asEvent(obj);
    rows.push([
      ...(opts.allNamespaces ? [e.metadata.namespace ?? ''] : []),
      eventInterval(e, opts.nowMs),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      (e.message ?? '').trim(),
    ]);
  }
  return formatTable(rows);
}

/** What `kubectl events` writes to stderr when there are none. */
export function noEventsFound(namespace?: string): string {
  return namespace ? `No events found in ${namespace} namespace.\n` : 'No events found.\n';
}
