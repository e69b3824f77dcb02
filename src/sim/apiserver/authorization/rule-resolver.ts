/**
 * authorizer.RuleResolver (k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go): an
 * authorizer that can also list what a user may do in a namespace. Backs
 * SelfSubjectRulesReview, which is what `kubectl auth can-i --list` asks for; the answer has the
 * shape of that review's status.
 */
import type { NonResourceRule, SubjectRulesReviewStatus } from 'kubernetes-types/authorization/v1';

/** authorization/v1 ResourceRule; kubernetes-types' copy lacks `verbs` and `resources`. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}
import type { UserInfo } from '../request-types';

export type RulesForResult = Omit<SubjectRulesReviewStatus, 'resourceRules'> & {
  readonly resourceRules: ResourceRule[];
  readonly nonResourceRules: NonResourceRule[];
};

export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): RulesForResult;
}
