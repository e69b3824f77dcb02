/**
 * The core of the ClusterRole aggregation controller (kubernetes
 * pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go `syncClusterRole`),
 * as pure functions: a ClusterRole with `aggregationRule.clusterRoleSelectors` gets as its rules
 * the union of the rules of every other ClusterRole matching any selector — selectors in order,
 * matching roles sorted by name, each role's rules in order, a rule skipped when an equal one is
 * already there. Hand edits to an aggregated role's rules are overwritten.
 *
 * The controller reacts to every ClusterRole change and re-syncs all aggregated roles, so chains
 * (view → edit → admin) settle after a few rounds; `aggregateClusterRoles` runs those rounds to
 * the fixed point. The controller in kube-controller-manager calls it and writes back the roles
 * whose rules changed.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1';
import { labelSelectorMatches as selects } from '../../../api/labels/label-selector';

/**
 * metav1.LabelSelectorAsSelector + Matches: matchLabels and matchExpressions (In, NotIn, Exists,
 * DoesNotExist) all have to hold; an empty selector matches everything. Returns an error message
 * (upstream's) for an invalid selector; the matching itself is src/sim/api's.
 */
export function labelSelectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean | { error: string } {
  const expressions = selector.matchExpressions ?? [];
  for (const e of expressions) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return { error: "for 'in', 'notin' operators, values set can't be empty" };
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return { error: "values set must be empty for exists and does not exist" };
        break;
      default:
        return { error: `${JSON.stringify(e.operator)} is not a valid label selector operator` };
    }
  }
  return selects(selector, labels);
}

/** equality.Semantic.DeepEqual for PolicyRules: same lists in the same order, a missing list equal to an empty one. */
export function policyRulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  const same = (x: readonly string[] | undefined, y: readonly string[] | undefined) => {
    const xs = x ?? [];
    const ys = y ?? [];
    return xs.length === ys.length && xs.every((v, i) => v === ys[i]);
  };
  return same(a.verbs, b.verbs) && same(a.apiGroups, b.apiGroups) && same(a.resources, b.resources) && same(a.resourceNames, b.resourceNames) && same(a.nonResourceURLs, b.nonResourceURLs);
}

/** Two rule lists equal rule by rule, in order (a missing list equals an empty one). */
export function rulesEqual(a: readonly PolicyRule[] | undefined, b: readonly PolicyRule[] | undefined): boolean {
  const xs = a ?? [];
  const ys = b ?? [];
  return xs.length === ys.length && xs.every((r, i) => policyRulesEqual(r, ys[i] as PolicyRule));
}

const nameOf = (r: ClusterRole): string => r.metadata?.name ?? '';

/**
 * One sync of one aggregated role against the current ClusterRoles: its new rules, `undefined`
 * when the role has no aggregationRule (the controller ignores it), or an error for a bad selector
 * (the controller retries and leaves the role as it is).
 */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] | { error: string } | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!role.aggregationRule) return undefined;
  const rules: PolicyRule[] = [];
  const sorted = [...all].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  for (const selector of selectors ?? []) {
    for (const candidate of sorted) {
      const matches = labelSelectorMatches(selector, candidate.metadata?.labels ?? {});
      if (typeof matches !== 'boolean') return matches;
      if (!matches || nameOf(candidate) === nameOf(role)) continue;
      for (const rule of candidate.rules ?? []) {
        if (!rules.some((r) => policyRulesEqual(r, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}

export interface AggregationResult {
  /** All ClusterRoles, aggregated ones with their new rules (unchanged roles are the same objects). */
  readonly clusterRoles: ClusterRole[];
  /** Names of the roles whose rules changed, in the order they were first changed. */
  readonly changed: string[];
  /** Roles left as they were because a selector is invalid: name → message. */
  readonly errors: Readonly<Record<string, string>>;
}

/** Runs the controller's syncs over every aggregated role until nothing changes (bounded by the number of roles, as chains can be no longer). */
export function aggregateClusterRoles(clusterRoles: readonly ClusterRole[]): AggregationResult {
  let current = [...clusterRoles];
  const changed: string[] = [];
  const errors: Record<string, string> = {};
  for (let round = 0; round <= clusterRoles.length; round++) {
    let progressed = false;
    for (let i = 0; i < current.length; i++) {
      const role = current[i] as ClusterRole;
      const rules = aggregatedRules(role, current);
      if (rules === undefined) continue;
      if (!Array.isArray(rules)) {
        errors[nameOf(role)] = rules.error;
        continue;
      }
      if (rulesEqual(rules, role.rules)) continue;
      current = current.map((r, j) => (j === i ? { ...role, rules } : r));
      if (!changed.includes(nameOf(role))) changed.push(nameOf(role));
      progressed = true;
    }
    if (!progressed) break;
  }
  return { clusterRoles: current, changed, errors };
}
