/**
 * The authorizer chain kube-apiserver builds (kubernetes pkg/kubeapiserver/authorizer/config.go
 * `New`) and the union that runs it (k8s.io/apiserver pkg/authorization/union/union.go):
 *
 * 1. the privileged-group authorizer: members of `system:masters` are allowed before anything
 *    else runs (authorizerfactory.NewPrivilegedGroups);
 * 2. then each mode of `--authorization-mode` in order, by default `Node,RBAC`.
 *
 * The first Allow or Deny decides; when every authorizer has no opinion the request is denied,
 * with their non-empty reasons joined by newlines. The authorization filter then answers 403 with
 * the message from forbidden-message.ts (kube-apiserver.ts does). The rule resolvers (Node, RBAC) are
 * unioned the same way for SelfSubjectRulesReview.
 */
import { aggregateMessages } from '../../api/field-errors';
import { SYSTEM_MASTERS, type AuthorizationAttributes, type AuthorizationResult, type Authorizer, type UserInfo } from '../request-types';
import { NodeAuthorizer } from './node/authorizer';
import type { NodeGraph } from './node/graph';
import { RbacAuthorizer, type RbacObjects } from './rbac/authorizer';
import type { RuleResolver, RulesForResult } from './rule-resolver';

export type AuthorizationMode = 'Node' | 'RBAC' | 'AlwaysAllow' | 'AlwaysDeny';
export const DEFAULT_AUTHORIZATION_MODES: readonly AuthorizationMode[] = ['Node', 'RBAC'];

/** Audit annotation keys the authorization filter sets (filters/authorization.go). */
export const DECISION_ANNOTATION_KEY = 'authorization.k8s.io/decision';
export const REASON_ANNOTATION_KEY = 'authorization.k8s.io/reason';

/** NoOpinion without a reason: one shared, read-only object. */
const NO_OPINION: AuthorizationResult = { decision: 'NoOpinion', reason: '' };

/** authorizerfactory.NewPrivilegedGroups(system:masters): Allow for members, no opinion otherwise. */
export class PrivilegedGroupAuthorizer implements Authorizer {
  readonly name = 'PrivilegedGroups';
  constructor(private readonly groups: readonly string[] = [SYSTEM_MASTERS]) {}

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    // Loops, not find(): every request asks; the answers for a group are made once.
    for (const group of attrs.user.groups) {
      if (this.groups.includes(group)) return this.allowedFor(group);
    }
    return NO_OPINION;
  }

  private readonly allowed = new Map<string, AuthorizationResult>();
  private allowedFor(group: string): AuthorizationResult {
    let result = this.allowed.get(group);
    if (result === undefined) {
      result = { decision: 'Allow', reason: '', allowedBy: `privileged group ${JSON.stringify(group)}` };
      this.allowed.set(group, result);
    }
    return result;
  }
}

/** authorizerfactory.NewAlwaysAllowAuthorizer: also lists `*` for SelfSubjectRulesReview. */
export class AlwaysAllowAuthorizer implements Authorizer, RuleResolver {
  readonly name = 'AlwaysAllow';
  authorize(): AuthorizationResult {
    return { decision: 'Allow', reason: '', allowedBy: 'AlwaysAllow' };
  }
  rulesFor(): RulesForResult {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
}

/** authorizerfactory.NewAlwaysDenyAuthorizer: no opinion, with a reason. */
export class AlwaysDenyAuthorizer implements Authorizer, RuleResolver {
  readonly name = 'AlwaysDeny';
  authorize(): AuthorizationResult {
    return { decision: 'NoOpinion', reason: 'Everything is forbidden.' };
  }
  rulesFor(): RulesForResult {
    return { resourceRules: [], nonResourceRules: [], incomplete: false };
  }
}

/** union.New: first Allow/Deny wins; otherwise NoOpinion with the reasons joined by "\n". */
export class UnionAuthorizer implements Authorizer {
  readonly name: string;
  constructor(readonly authorizers: readonly Authorizer[]) {
    this.name = authorizers.map((a) => a.name).join(',');
  }

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    let reasons: string[] | undefined;
    for (const a of this.authorizers) {
      const result = a.authorize(attrs);
      if (result.decision === 'Allow' || result.decision === 'Deny') {
        // A decision that already says who allowed it (every Allow of ours does) is passed on
        // as is: results are read-only, and a copy per request would change nothing in it.
        if (result.decision === 'Deny' || result.allowedBy !== undefined) return result;
        return { ...result, allowedBy: a.name };
      }
      if (result.reason.length > 0) (reasons ??= []).push(result.reason);
    }
    return reasons === undefined ? NO_OPINION : { decision: 'NoOpinion', reason: reasons.join('\n') };
  }
}

/** union.NewRuleResolvers: rules concatenated, incomplete if any is, errors aggregated. */
export class UnionRuleResolver implements RuleResolver {
  constructor(private readonly resolvers: readonly RuleResolver[]) {}

  rulesFor(user: UserInfo, namespace: string): RulesForResult {
    const out: RulesForResult = { resourceRules: [], nonResourceRules: [], incomplete: false };
    const errors: string[] = [];
    let incomplete = false;
    for (const r of this.resolvers) {
      const rules = r.rulesFor(user, namespace);
      out.resourceRules.push(...rules.resourceRules);
      out.nonResourceRules.push(...rules.nonResourceRules);
      if (rules.incomplete) incomplete = true;
      if (rules.evaluationError) errors.push(rules.evaluationError);
    }
    const evaluationError = errors.length === 0 ? undefined : aggregateMessages(errors);
    return { ...out, incomplete, ...(evaluationError ? { evaluationError } : {}) };
  }
}

export interface AuthorizationConfig {
  /** `--authorization-mode`, in order. Default Node,RBAC. */
  readonly modes?: readonly AuthorizationMode[];
  /** Where RBAC reads Roles, ClusterRoles and bindings (the apiserver's storage). Required for RBAC. */
  readonly rbacObjects?: RbacObjects;
  /** What the Node authorizer asks about pods bound to a node. Required for Node. */
  readonly nodeGraph?: NodeGraph;
  /** The AuthorizeNodeWithSelectors feature for the Node authorizer (see node/authorizer.ts). */
  readonly authorizeNodeWithSelectors?: boolean;
}

export interface AuthorizationChain {
  readonly authorizer: UnionAuthorizer;
  readonly ruleResolver: UnionRuleResolver;
}

/** Builds the chain as config.go does: privileged groups first, then one authorizer per mode. */
export function newAuthorizationChain(config: AuthorizationConfig): AuthorizationChain {
  const authorizers: Authorizer[] = [new PrivilegedGroupAuthorizer()];
  const resolvers: RuleResolver[] = [];
  for (const mode of config.modes ?? DEFAULT_AUTHORIZATION_MODES) {
    switch (mode) {
      case 'Node': {
        if (!config.nodeGraph) throw new Error('authorization mode Node needs a node graph');
        const node = new NodeAuthorizer({ graph: config.nodeGraph, authorizeNodeWithSelectors: config.authorizeNodeWithSelectors });
        authorizers.push(node);
        resolvers.push(node);
        break;
      }
      case 'RBAC': {
        if (!config.rbacObjects) throw new Error('authorization mode RBAC needs RBAC objects');
        const rbac = new RbacAuthorizer(config.rbacObjects);
        authorizers.push(rbac);
        resolvers.push(rbac);
        break;
      }
      case 'AlwaysAllow': {
        const a = new AlwaysAllowAuthorizer();
        authorizers.push(a);
        resolvers.push(a);
        break;
      }
      case 'AlwaysDeny': {
        const a = new AlwaysDenyAuthorizer();
        authorizers.push(a);
        resolvers.push(a);
        break;
      }
    }
  }
  return { authorizer: new UnionAuthorizer(authorizers), ruleResolver: new UnionRuleResolver(resolvers) };
}

/** SelfSubjectRulesReview's attributes helper: attributes for `kubectl auth can-i VERB RESOURCE` without a live request. */
export function resourceAttributes(
  user: UserInfo,
  verb: string,
  resource: { group?: string; version?: string; resource: string; subresource?: string; namespace?: string; name?: string },
): AuthorizationAttributes {
  return {
    user,
    verb,
    isResourceRequest: true,
    path: '',
    namespace: resource.namespace ?? '',
    apiGroup: resource.group ?? '',
    apiVersion: resource.version ?? '',
    resource: resource.resource,
    subresource: resource.subresource ?? '',
    name: resource.name ?? '',
  };
}

/** Attributes for a non-resource request (`GET /healthz`). */
export function nonResourceAttributes(user: UserInfo, verb: string, path: string): AuthorizationAttributes {
  return { user, verb, isResourceRequest: false, path, namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '' };
}
