/**
 * Labels and label selectors as kubectl prints them: labels.Set.String / labels.FormatLabels
 * (`a=b,c=d`, keys sorted, `<none>` when empty) and metav1.LabelSelector through
 * LabelSelectorAsSelector(...).String() (`app=web,tier in (a,b),!legacy`).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

type LabelMap = Readonly<Record<string, string>> | undefined | null;

/** Go's string order (byte order), as sort.Strings sorts. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.Set(m).String(): `key=value` pairs sorted by key, joined with commas; '' when empty. */
export function labelsString(labels: LabelMap): string {
  if (!labels) return '';
  return Object.keys(labels)
    .sort(byteOrder)
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}

/** labels.FormatLabels: as labelsString, `<none>` when empty. */
export function formatLabels(labels: LabelMap): string {
  return labelsString(labels) || '<none>';
}

/**
 * LabelSelectorAsSelector(selector).String(): requirements sorted by key; '' for a nil or empty
 * selector (Nothing and Everything both print empty); undefined where Go returns an error.
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({ key, text: `${key}=${value}` });
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort(byteOrder);
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        requirements.push({ key: expr.key, text: `${expr.key} ${expr.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})` });
        break;
      case 'Exists':
        requirements.push({ key: expr.key, text: expr.key });
        break;
      case 'DoesNotExist':
        requirements.push({ key: expr.key, text: `!${expr.key}` });
        break;
      default:
        return undefined;
    }
  }
  return requirements
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s || '<none>';
}
