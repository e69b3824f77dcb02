/**
 * `kubectl create priorityclass` and `kubectl create poddisruptionbudget` (kubectl 1.32
 * pkg/cmd/create/create_priorityclass.go and create_pdb.go): their flags, Validate() messages
 * and the objects they send. The selector is parsed as metav1.ParseToLabelSelector does.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { tryParseSelector, SelectorParseError } from '../../../../sim/api/labels/selector';
import type { FlagSpec, ParsedFlags } from '../flags';
import { boolFlag, stringFlag } from '../flags';

export const BUDGET_FLAGS: readonly FlagSpec[] = [
  { name: 'value', kind: 'int' },
  { name: 'global-default', kind: 'bool' },
  { name: 'description', kind: 'string' },
  { name: 'preemption-policy', kind: 'string' },
  { name: 'selector', kind: 'string' },
  { name: 'min-available', kind: 'string' },
  { name: 'max-unavailable', kind: 'string' },
];

type Built = { object: KubeObject } | { error: string };

export function priorityClassObject(flags: ParsedFlags, metadata: KubeObject['metadata']): Built {
  const value = Number(stringFlag(flags, 'value') ?? '0');
  const description = stringFlag(flags, 'description') ?? '';
  return {
    object: {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata,
      value,
      ...(boolFlag(flags, 'global-default') ? { globalDefault: true } : {}),
      ...(description ? { description } : {}),
      preemptionPolicy: stringFlag(flags, 'preemption-policy') ?? 'PreemptLowerPriority',
    },
  };
}

/** metav1.ParseToLabelSelector: `=`/`==` into matchLabels, the rest into matchExpressions. */
function parseToLabelSelector(text: string): Record<string, unknown> | { error: string } {
  const parsed = tryParseSelector(text);
  if (parsed instanceof SelectorParseError) return { error: `error: couldn't parse the selector string "${text}": ${parsed.message}` };
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of parsed.requirements) {
    if (r.operator === '=' || r.operator === '==') matchLabels[r.key] = r.values[0] ?? '';
    else if (r.operator === 'in') matchExpressions.push({ key: r.key, operator: 'In', values: [...r.values] });
    else if (r.operator === 'notin' || r.operator === '!=') matchExpressions.push({ key: r.key, operator: 'NotIn', values: [...r.values] });
    else if (r.operator === 'exists') matchExpressions.push({ key: r.key, operator: 'Exists' });
    else if (r.operator === '!') matchExpressions.push({ key: r.key, operator: 'DoesNotExist' });
    else return { error: `error: "${r.operator}" is not a valid label selector operator` };
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** intstr.Parse: digits are an int, anything else a string. */
const intstrParse = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);

export function podDisruptionBudgetObject(flags: ParsedFlags, metadata: KubeObject['metadata']): Built {
  const selector = stringFlag(flags, 'selector') ?? '';
  const min = stringFlag(flags, 'min-available') ?? '';
  const max = stringFlag(flags, 'max-unavailable') ?? '';
  // PodDisruptionBudgetOpts.Validate, in its order.
  if (!selector) return { error: 'error: a selector must be specified' };
  if (!max && !min) return { error: 'error: one of min-available or max-unavailable must be specified' };
  if (max && min) return { error: 'error: min-available and max-unavailable cannot be both specified' };
  const format = /^[0-9]+%?$/;
  if (max && !format.test(max)) return { error: 'error: invalid format specified for max-unavailable' };
  if (min && !format.test(min)) return { error: 'error: invalid format specified for min-available' };
  const parsed = parseToLabelSelector(selector);
  if ('error' in parsed) return { error: String(parsed.error) };
  return {
    object: {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { ...(min ? { minAvailable: intstrParse(min) } : {}), selector: parsed, ...(max ? { maxUnavailable: intstrParse(max) } : {}) },
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    },
  };
}
