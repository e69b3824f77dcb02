/**
 * metav1.LabelSelector, the structured selector in Deployments, ReplicaSets, Services' pods and
 * affinity terms: `matchLabels` and `matchExpressions` (In, NotIn, Exists, DoesNotExist).
 * Conversion to a Selector (LabelSelectorAsSelector), its validation
 * (metav1/validation.ValidateLabelSelector) and how fmt prints it (%#v) for field errors.
 */
import { FieldPath, forbidden, goLiteral, goQuote, invalid, required, type FieldError, type GoLiteral } from '../field-errors';
import { isValidLabelValue } from '../validation/name-rules';
import { validateLabelName, validateLabels } from '../validation/object-meta';
import { Selector, type Labels, type Requirement } from './selector';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const OPERATORS: Record<string, Requirement['operator']> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * LabelSelectorAsSelector: nil selects nothing (undefined here), an empty one everything.
 * Throws on an unknown operator, as upstream returns an error.
 */
export function labelSelectorAsSelector(ps: LabelSelector | undefined | null): Selector | undefined {
  if (!ps) return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(ps.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const expr of ps.matchExpressions ?? []) {
    const operator = OPERATORS[expr.operator];
    if (!operator) throw new Error(`${goQuote(expr.operator)} is not a valid label selector operator`);
    reqs.push({ key: expr.key, operator, values: [...(expr.values ?? [])].sort() });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Selector(reqs);
}

/** Whether a metav1.LabelSelector selects these labels (nil selects nothing). */
export function labelSelectorMatches(ps: LabelSelector | undefined | null, labels: Labels): boolean {
  const selector = labelSelectorAsSelector(ps);
  return selector ? selector.matches(labels) : false;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(ps: LabelSelector | undefined | null, path: FieldPath): FieldError[] {
  if (!ps) return [];
  const errs = validateLabels(ps.matchLabels, path.child('matchLabels'));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, p.child('key')));
    values.forEach((v, vi) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(vi), v, msg));
    });
  });
  return errs;
}

/** fmt's %#v of a *metav1.LabelSelector, as ValidateImmutableField prints it. */
export function goLabelSelector(ps: LabelSelector | undefined | null): GoLiteral {
  if (!ps) return goLiteral('(*v1.LabelSelector)(nil)');
  const labels = ps.matchLabels
    ? `map[string]string{${Object.keys(ps.matchLabels)
        .sort()
        .map((k) => `${goQuote(k)}:${goQuote((ps.matchLabels as Record<string, string>)[k] as string)}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = ps.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${ps.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${e.values ? `[]string{${e.values.map(goQuote).join(', ')}}` : '[]string(nil)'}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goLiteral(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`);
}
