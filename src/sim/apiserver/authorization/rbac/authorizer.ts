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
export function matchingSubject(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => appliesToUser(user, s, namespace));
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

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.visitRulesFor(attrs.user, attrs.namespace, (source, rule, error) => {
      if (rule && ruleAllows(attrs, rule)) {
        allowedBy = `RBAC: allowed by ${source?.() ?? ''}`;
        return false;
      }
      if (error) errors.push(error);
      return true;
    });
    if (allowedBy !== undefined) return { decision: 'Allow', reason: allowedBy, allowedBy };
    return { decision: 'NoOpinion', reason: errors.length > 0 ? `RBAC: ${aggregateMessages(errors)}` : '' };
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
