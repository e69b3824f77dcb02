/**
 * The field printers every describer shares, ported from kubectl pkg/describe/describe.go
 * (release 1.32): multi-line labels, annotations (last-applied-configuration hidden, long values
 * cut at 140 characters), taints and tolerations, and the Events table.
 */
import { byteOrder } from '../printers/labels';
import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { sortEvents } from '../printers/events';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { translateTimestampSince } from '../printers/timestamps';

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteOrder);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byteOrder);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect`, `key:Effect`. */
export function taintString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const sorted = [...(taints ?? [])].sort((a, b) => byteOrder(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (sorted.length === 0) {
    w.writeLine('<none>');
    return;
  }
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent. */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  // sort.Slice is not stable; tolerations with equal keys keep their order here.
  const sorted = [...(tolerations ?? [])].sort((a, b) => byteOrder(a.key ?? '', b.key ?? ''));
  if (sorted.length === 0) {
    w.writeLine('<none>');
    return;
  }
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** DescribeEvents: `Events:  <none>`, or the table of events oldest first. */
export function describeEvents(events: readonly KubeObject[] | undefined, w: DescribeWriter, nowMs: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const obj of sortEvents(events)) {
    const e = obj as unknown as Event;
    let firstTimestampSince = translateTimestampSince(nowMs, e.eventTime);
    if (!e.eventTime) firstTimestampSince = translateTimestampSince(nowMs, e.firstTimestamp);
    let interval: string;
    if (e.series) interval = `${translateTimestampSince(nowMs, e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(nowMs, e.lastTimestamp)} (x${e.count} over ${firstTimestampSince})`;
    else interval = firstTimestampSince;
    const source = e.source?.component || e.reportingComponent || '';
    // kubectl 1.32 does not yet prefix the message with involvedObject.fieldPath (1.34 does).
    const message = (e.message ?? '').trim();
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** metav1.GetControllerOf as `Kind/name`. */
export function controlledBy(obj: KubeObject): string {
  const refs = (obj.metadata['ownerReferences'] ?? []) as { kind: string; name: string; controller?: boolean }[];
  const ref = refs.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
