/**
 * Builders for the bootstrap policy, after kubernetes pkg/apis/rbac/v1/helpers.go
 * (`NewRule(...).Groups(...).Resources(...).RuleOrDie()`, `NewClusterBinding(...).Groups(...)`),
 * so bootstrap-policy.ts reads like policy.go. Like `Rule()`, a built rule has its verbs, groups,
 * resources, names and URLs sorted: that is why `kubectl get clusterrole view -o yaml` lists
 * `verbs: [get, list, watch]` in that order whatever order the source gave.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { RBAC_GROUP } from './authorizer';

export class PolicyRuleBuilder {
  private apiGroups: string[] = [];
  private resourceList: string[] = [];
  private resourceNames: string[] = [];
  private nonResourceURLs: string[] = [];

  constructor(private readonly verbs: readonly string[]) {}

  groups(...groups: string[]): this {
    this.apiGroups.push(...groups);
    return this;
  }
  resources(...resources: string[]): this {
    this.resourceList.push(...resources);
    return this;
  }
  names(...names: string[]): this {
    this.resourceNames.push(...names);
    return this;
  }
  urls(...urls: string[]): this {
    this.nonResourceURLs.push(...urls);
    return this;
  }

  /** RuleOrDie: validates as Rule() does and throws (upstream panics) on a malformed rule. Fields in PolicyRule's serialisation order. */
  rule(): PolicyRule {
    if (this.verbs.length === 0) throw new Error('verbs are required');
    if (this.nonResourceURLs.length > 0) {
      if (this.apiGroups.length > 0 || this.resourceList.length > 0 || this.resourceNames.length > 0) {
        throw new Error('non-resource rule may not have apiGroups, resources, or resourceNames');
      }
    } else if (this.resourceList.length > 0) {
      if (this.apiGroups.length === 0) throw new Error('resource rule must have apiGroups');
    } else {
      throw new Error('a rule must have either nonResourceURLs or resources');
    }
    const sorted = (xs: readonly string[]) => [...xs].sort();
    return {
      verbs: sorted(this.verbs),
      ...(this.apiGroups.length > 0 ? { apiGroups: sorted(this.apiGroups) } : {}),
      ...(this.resourceList.length > 0 ? { resources: sorted(this.resourceList) } : {}),
      ...(this.resourceNames.length > 0 ? { resourceNames: sorted(this.resourceNames) } : {}),
      ...(this.nonResourceURLs.length > 0 ? { nonResourceURLs: sorted(this.nonResourceURLs) } : {}),
    };
  }
}

export function newRule(...verbs: string[]): PolicyRuleBuilder {
  return new PolicyRuleBuilder(verbs);
}

/** Subjects as the helpers write them: users and groups carry apiGroup rbac.authorization.k8s.io, service accounts a namespace. */
export const userSubject = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
export const groupSubject = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
export const serviceAccountSubject = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

/** NewClusterBinding(clusterRoleName): a ClusterRoleBinding named after the ClusterRole it binds. */
export class ClusterRoleBindingBuilder {
  private readonly subjects: Subject[] = [];
  constructor(private readonly clusterRoleName: string) {}

  groups(...groups: string[]): this {
    this.subjects.push(...groups.map(groupSubject));
    return this;
  }
  users(...users: string[]): this {
    this.subjects.push(...users.map(userSubject));
    return this;
  }
  serviceAccounts(namespace: string, ...names: string[]): this {
    this.subjects.push(...names.map((n) => serviceAccountSubject(namespace, n)));
    return this;
  }

  binding(): ClusterRoleBinding {
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: this.clusterRoleName },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: this.clusterRoleName },
      ...(this.subjects.length > 0 ? { subjects: [...this.subjects] } : {}),
    };
  }
}

export function newClusterBinding(clusterRoleName: string): ClusterRoleBindingBuilder {
  return new ClusterRoleBindingBuilder(clusterRoleName);
}

/** A RoleBinding in `namespace` to a Role or ClusterRole, as `kubectl create rolebinding` makes one (for labs and tests). */
export function newRoleBinding(namespace: string, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, subjects: readonly Subject[]): RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC_GROUP, kind: roleRef.kind, name: roleRef.name },
    subjects: [...subjects],
  };
}

/** A ClusterRole with these rules (for labs and tests). */
export function newClusterRole(name: string, rules: readonly PolicyRule[], labels?: Readonly<Record<string, string>>): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, ...(labels ? { labels: { ...labels } } : {}) },
    rules: [...rules],
  };
}
