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

// Every request runs these over many rules: plain loops, so a check allocates no closures and no
// `resource/subresource` string per rule.

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  for (const v of rule.verbs) if (v === VERB_ALL || v === requestedVerb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  const groups = rule.apiGroups;
  if (groups === undefined) return false;
  for (const g of groups) if (g === API_GROUP_ALL || g === requestedGroup) return true;
  return false;
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
    if (isStarSubresource(ruleResource, requestedSubresource)) return true;
  }
  return false;
}

/** `*\/<subresource>`. */
function isStarSubresource(ruleResource: string, requestedSubresource: string): boolean {
  return ruleResource.length === requestedSubresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(requestedSubresource);
}

/** Whether `ruleResource` is `resource/subresource`, compared in place instead of building the combined name. */
function isCombined(ruleResource: string, resource: string, subresource: string): boolean {
  return (
    ruleResource.length === resource.length + 1 + subresource.length &&
    ruleResource.charCodeAt(resource.length) === 0x2f &&
    ruleResource.startsWith(resource) &&
    ruleResource.endsWith(subresource)
  );
}

/** resourceMatches for the request's resource and subresource, without building `resource/subresource`. */
function requestedResourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const resources = rule.resources;
  if (resources === undefined) return false;
  if (subresource.length === 0) {
    for (const r of resources) if (r === RESOURCE_ALL || r === resource) return true;
    return false;
  }
  for (const r of resources) {
    if (r === RESOURCE_ALL || isCombined(r, resource, subresource) || isStarSubresource(r, subresource)) return true;
  }
  return false;
}

/** Empty resourceNames allow any name (and no name: list, create); otherwise the request's name must be listed. */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  const names = rule.resourceNames;
  if (names === undefined || names.length === 0) return true;
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
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup) &&
      requestedResourceMatches(rule, attrs.resource, attrs.subresource) &&
      resourceNameMatches(rule, attrs.name)
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

/** RulesAllow: any of the rules allows the request. */
export function rulesAllow(attrs: RuleMatchAttributes, rules: readonly PolicyRule[]): boolean {
  for (const r of rules) if (ruleAllows(attrs, r)) return true;
  return false;
}
