/**
 * The RBAC authorizer, after kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go and the rule
 * resolver it walks (pkg/registry/rbac/validation/rule.go `VisitRulesFor`): for the requesting
 * user, visit the rules of every ClusterRoleBinding whose subjects match, then of every
 * RoleBinding in the request's namespace whose subjects match, resolving each roleRef to its Role
 * or ClusterRole. The first rule that allows the request decides Allow, with the reason naming
 * the binding, the role and the subject:
 *
 *   RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"
 *
 * Otherwise NoOpinion, with reason `RBAC: <aggregated errors>` when some binding's role could not
 * be resolved (`RBAC: role.rbac.authorization.k8s.io "reader" not found`) and `""` otherwise.
 *
 * RBAC objects are read through `RbacObjects`, which the apiserver backs with its storage (upstream:
 * the informer listers). The order bindings are listed in decides which one `allowedBy` names.
 */
import { aggregateMessages } from '../../../api/field-errors';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, UserInfo } from '../../request-types';
import { matchesServiceAccountUsername } from '../../authentication/serviceaccount';
import type { RuleResolver, RulesForResult } from '../rule-resolver';
import { goQuote } from '../../../api/field-errors';
import { ruleAllows } from './rule-matching';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

const NO_RULES: readonly PolicyRule[] = [];

function allowed(reason: string): AuthorizationResult {
  return { decision: 'Allow', reason, allowedBy: reason };
}

/** Read access to the RBAC objects; `undefined` when the object does not exist. */
export interface RbacObjects {
  getRole(namespace: string, name: string): Role | undefined;
  getClusterRole(name: string): ClusterRole | undefined;
  listRoleBindings(namespace: string): readonly RoleBinding[];
  listClusterRoleBindings(): readonly ClusterRoleBinding[];
}

const byName = <T extends { metadata?: { name?: string } }>(a: T, b: T): number => {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** RbacObjects over plain arrays, listed in etcd key order (by name), as a list from storage would be. For tests and bootstrap. */
export class InMemoryRbacObjects implements RbacObjects {
  private readonly roles: Role[];
  private readonly clusterRoles: ClusterRole[];
  private readonly roleBindings: RoleBinding[];
  private readonly clusterRoleBindings: ClusterRoleBinding[];

  constructor(objects: { roles?: readonly Role[]; clusterRoles?: readonly ClusterRole[]; roleBindings?: readonly RoleBinding[]; clusterRoleBindings?: readonly ClusterRoleBinding[] }) {
    this.roles = [...(objects.roles ?? [])];
    this.clusterRoles = [...(objects.clusterRoles ?? [])];
    this.roleBindings = [...(objects.roleBindings ?? [])].sort(byName);
    this.clusterRoleBindings = [...(objects.clusterRoleBindings ?? [])].sort(byName);
  }

  getRole(namespace: string, name: string): Role | undefined {
    return this.roles.find((r) => r.metadata?.namespace === namespace && r.metadata?.name === name);
  }
  getClusterRole(name: string): ClusterRole | undefined {
    return this.clusterRoles.find((r) => r.metadata?.name === name);
  }
  listRoleBindings(namespace: string): readonly RoleBinding[] {
    return this.roleBindings.filter((b) => b.metadata?.namespace === namespace);
  }
  listClusterRoleBindings(): readonly ClusterRoleBinding[] {
    return this.clusterRoleBindings;
  }
}

/** rule.go appliesToUser: does one binding subject name this user. */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      // A ServiceAccount subject without a namespace means one in the binding's namespace.
      const saNamespace = subject.namespace ? subject.namespace : namespace;
      if (saNamespace.length === 0) return false;
      return matchesServiceAccountUsername(saNamespace, subject.name, user.name);
    }
    default:
      return false;
  }
}

/** rule.go appliesTo: the first matching subject, if any. */
/**
 * The bindings of `bindings` with a subject that applies to the user, each followed by that
 * subject, in the bindings' order. Kept per user object and namespace while the binding list is
 * the same array (the stored-objects lister hands out one array until the bindings change):
 * every request of a component used to test every binding's subjects. Users are read-only.
 */
const subjectMatchMemo = new WeakMap<UserInfo, Map<string, { bindings: readonly (RoleBinding | ClusterRoleBinding)[]; matches: readonly (RoleBinding | ClusterRoleBinding | Subject)[] }>>();

export function subjectMatches(user: UserInfo, namespace: string, bindings: readonly (RoleBinding | ClusterRoleBinding)[]): readonly (RoleBinding | ClusterRoleBinding | Subject)[] {
  let byNamespace = subjectMatchMemo.get(user);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    subjectMatchMemo.set(user, byNamespace);
  }
  const kept = byNamespace.get(namespace);
  if (kept !== undefined && kept.bindings === bindings) return kept.matches;
  const matches: (RoleBinding | ClusterRoleBinding | Subject)[] = [];
  for (const binding of bindings) {
    const subject = matchingSubject(user, binding.subjects, namespace);
    if (subject) matches.push(binding, subject);
  }
  byNamespace.set(namespace, { bindings, matches });
  return matches;
}

export function matchingSubject(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): Subject | undefined {
  if (subjects === undefined) return undefined;
  // A loop, not find(): every request asks this of every ClusterRoleBinding.
  for (const s of subjects) if (appliesToUser(user, s, namespace)) return s;
  return undefined;
}

/** describeSubject: `User "alice"`, `Group "devs"`, `ServiceAccount "default/web"` (name/namespace, as upstream prints it). */
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') {
    return `${s.kind} ${goQuote(`${s.name}/${s.namespace ? s.namespace : bindingNamespace}`)}`;
  }
  return `${s.kind} ${goQuote(s.name)}`;
}

/** clusterRoleBindingDescriber / roleBindingDescriber (RoleBindings print as "name/namespace"). */
export function describeBinding(binding: ClusterRoleBinding | RoleBinding, subject: Subject, namespaced: boolean): string {
  const name = binding.metadata?.name ?? '';
  const ns = binding.metadata?.namespace ?? '';
  const ref = binding.roleRef;
  if (namespaced) {
    return `RoleBinding ${goQuote(`${name}/${ns}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, ns)}`;
  }
  return `ClusterRoleBinding ${goQuote(name)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, '')}`;
}

/**
 * `RBAC: allowed by <binding description>`, built once per binding object and subject: the
 * same few bindings allow nearly every request. Keyed by the binding object, which the watch
 * cache replaces (never mutates) when the binding changes, so an entry cannot go stale.
 */
const allowedByMemo = new WeakMap<ClusterRoleBinding | RoleBinding, Map<Subject, string>>();

export function allowedByReason(binding: ClusterRoleBinding | RoleBinding, subject: Subject, namespaced: boolean): string {
  let bySubject = allowedByMemo.get(binding);
  if (bySubject === undefined) {
    bySubject = new Map();
    allowedByMemo.set(binding, bySubject);
  }
  let reason = bySubject.get(subject);
  if (reason === undefined) {
    reason = `RBAC: allowed by ${describeBinding(binding, subject, namespaced)}`;
    bySubject.set(subject, reason);
  }
  return reason;
}

/**
 * Called for each rule (with what describes where it came from: only the rule that allows a
 * request is ever described) or each resolution error; return false to stop the walk.
 */
export type RuleVisitor = (source: (() => string) | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

export class RbacAuthorizer implements Authorizer, RuleResolver {
  readonly name = 'RBAC';

  constructor(private readonly objects: RbacObjects) {}

  /** GetRoleReferenceRules: the rules a roleRef points to, or the lister's NotFound message. */
  roleReferenceRules(roleRef: { kind: string; name: string }, bindingNamespace: string): { rules: readonly PolicyRule[] } | { error: string } {
    switch (roleRef.kind) {
      case 'Role': {
        const role = this.objects.getRole(bindingNamespace, roleRef.name);
        return role ? { rules: role.rules ?? [] } : { error: `role.${RBAC_GROUP} ${goQuote(roleRef.name)} not found` };
      }
      case 'ClusterRole': {
        const role = this.objects.getClusterRole(roleRef.name);
        return role ? { rules: role.rules ?? [] } : { error: `clusterrole.${RBAC_GROUP} ${goQuote(roleRef.name)} not found` };
      }
      default:
        return { error: `unsupported role reference kind: ${goQuote(roleRef.kind)}` };
    }
  }

  /** roleReferenceRules without the wrapper object: the rules, or the error message. */
  private rulesOrError(roleRef: { kind: string; name: string }, bindingNamespace: string): readonly PolicyRule[] | string {
    switch (roleRef.kind) {
      case 'Role': {
        const role = this.objects.getRole(bindingNamespace, roleRef.name);
        return role ? (role.rules ?? NO_RULES) : `role.${RBAC_GROUP} ${goQuote(roleRef.name)} not found`;
      }
      case 'ClusterRole': {
        const role = this.objects.getClusterRole(roleRef.name);
        return role ? (role.rules ?? NO_RULES) : `clusterrole.${RBAC_GROUP} ${goQuote(roleRef.name)} not found`;
      }
      default:
        return `unsupported role reference kind: ${goQuote(roleRef.kind)}`;
    }
  }

  /** VisitRulesFor: ClusterRoleBindings first, then the namespace's RoleBindings. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    for (const binding of this.objects.listClusterRoleBindings()) {
      const subject = matchingSubject(user, binding.subjects, '');
      if (!subject) continue;
      const resolved = this.roleReferenceRules(binding.roleRef, '');
      if ('error' in resolved) {
        if (!visitor(undefined, undefined, resolved.error)) return;
        continue;
      }
      const source = () => describeBinding(binding, subject, false);
      for (const rule of resolved.rules) if (!visitor(source, rule, undefined)) return;
    }
    if (namespace.length === 0) return;
    for (const binding of this.objects.listRoleBindings(namespace)) {
      const subject = matchingSubject(user, binding.subjects, namespace);
      if (!subject) continue;
      const resolved = this.roleReferenceRules(binding.roleRef, namespace);
      if ('error' in resolved) {
        if (!visitor(undefined, undefined, resolved.error)) return;
        continue;
      }
      const source = () => describeBinding(binding, subject, true);
      for (const rule of resolved.rules) if (!visitor(source, rule, undefined)) return;
    }
  }

  /**
   * visitRulesFor's walk with the first allowing rule deciding, written out as loops: this runs
   * on every request, and the visitor form allocates closures per binding.
   */
  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    const user = attrs.user;
    let errors: string[] | undefined;
    const clusterMatches = subjectMatches(user, '', this.objects.listClusterRoleBindings());
    for (let i = 0; i < clusterMatches.length; i += 2) {
      const binding = clusterMatches[i] as ClusterRoleBinding;
      const subject = clusterMatches[i + 1] as Subject;
      const rules = this.rulesOrError(binding.roleRef, '');
      if (typeof rules === 'string') {
        (errors ??= []).push(rules);
        continue;
      }
      for (const rule of rules) if (ruleAllows(attrs, rule)) return allowed(allowedByReason(binding, subject, false));
    }
    const namespace = attrs.namespace;
    if (namespace.length > 0) {
      const matches = subjectMatches(user, namespace, this.objects.listRoleBindings(namespace));
      for (let i = 0; i < matches.length; i += 2) {
        const binding = matches[i] as RoleBinding;
        const subject = matches[i + 1] as Subject;
        const rules = this.rulesOrError(binding.roleRef, namespace);
        if (typeof rules === 'string') {
          (errors ??= []).push(rules);
          continue;
        }
        for (const rule of rules) if (ruleAllows(attrs, rule)) return allowed(allowedByReason(binding, subject, true));
      }
    }
    return { decision: 'NoOpinion', reason: errors !== undefined && errors.length > 0 ? `RBAC: ${aggregateMessages(errors)}` : '' };
  }

  /** RBACAuthorizer.RulesFor: every rule that applies to the user in the namespace, split into resource and non-resource rules. */
  rulesFor(user: UserInfo, namespace: string): RulesForResult {
    const resourceRules: RulesForResult['resourceRules'] = [];
    const nonResourceRules: RulesForResult['nonResourceRules'] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, error) => {
      if (rule) {
        if ((rule.resources ?? []).length > 0) {
          resourceRules.push({
            verbs: [...rule.verbs],
            ...(rule.apiGroups ? { apiGroups: [...rule.apiGroups] } : {}),
            resources: [...(rule.resources ?? [])],
            ...(rule.resourceNames && rule.resourceNames.length > 0 ? { resourceNames: [...rule.resourceNames] } : {}),
          });
        }
        if ((rule.nonResourceURLs ?? []).length > 0) {
          nonResourceRules.push({ verbs: [...rule.verbs], nonResourceURLs: [...(rule.nonResourceURLs ?? [])] });
        }
      }
      if (error) errors.push(error);
      return true;
    });
    return { resourceRules, nonResourceRules, incomplete: false, ...(errors.length > 0 ? { evaluationError: aggregateMessages(errors) } : {}) };
  }
}
