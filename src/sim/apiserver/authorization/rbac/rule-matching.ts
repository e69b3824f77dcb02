/**
 * Does one PolicyRule allow a request: kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go
 * `RuleAllows` / `RulesAllow` and pkg/apis/rbac/v1/evaluation_helpers.go (`VerbMatches`,
 * `APIGroupMatches`, `ResourceMatches`, `ResourceNameMatches`, `NonResourceURLMatches`), line for
 * line. Used by the RBAC authorizer and by the Node authorizer's static node rules.
 */
import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import type { AuthorizationAttributes } from '../../request-types';

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';

/** The parts of a request rule matching looks at. */
export type RuleMatchAttributes = Pick<AuthorizationAttributes, 'verb' | 'isResourceRequest' | 'path' | 'apiGroup' | 'resource' | 'subresource' | 'name'>;

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  return rule.verbs.some((v) => v === VERB_ALL || v === requestedVerb);
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === API_GROUP_ALL || g === requestedGroup);
}

/**
 * `combinedRequestedResource` is `resource` or `resource/subresource`. A rule matches with `*`,
 * with the exact combined name, or, when a subresource was asked for, with a star-slash-subresource rule (`*` then `/<subresource>`).
 * So `pods` does not match `pods/log`.
 */
export function resourceMatches(rule: PolicyRule, combinedRequestedResource: string, requestedSubresource: string): boolean {
  for (const ruleResource of rule.resources ?? []) {
    if (ruleResource === RESOURCE_ALL) return true;
    if (ruleResource === combinedRequestedResource) return true;
    if (requestedSubresource.length === 0) continue;
    if (ruleResource.length === requestedSubresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(requestedSubresource)) return true;
  }
  return false;
}

/** Empty resourceNames allow any name (and no name: list, create); otherwise the request's name must be listed. */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(requestedName);
}

/** `*`, the exact path, or a rule ending in `*` used as a prefix (`/healthz/*` matches `/healthz/etcd`). */
export function nonResourceURLMatches(rule: PolicyRule, requestedURL: string): boolean {
  for (const ruleURL of rule.nonResourceURLs ?? []) {
    if (ruleURL === NON_RESOURCE_ALL) return true;
    if (ruleURL === requestedURL) return true;
    if (ruleURL.endsWith('*') && requestedURL.startsWith(ruleURL.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function ruleAllows(attrs: RuleMatchAttributes, rule: PolicyRule): boolean {
  if (attrs.isResourceRequest) {
    const combinedResource = attrs.subresource.length > 0 ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup) &&
      resourceMatches(rule, combinedResource, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

/** RulesAllow: any of the rules allows the request. */
export function rulesAllow(attrs: RuleMatchAttributes, rules: readonly PolicyRule[]): boolean {
  return rules.some((r) => ruleAllows(attrs, r));
}
