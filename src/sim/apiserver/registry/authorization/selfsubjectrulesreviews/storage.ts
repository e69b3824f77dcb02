/**
 * SelfSubjectRulesReview (pkg/registry/authorization/selfsubjectrulesreview): "what may I do in
 * this namespace?", `kubectl auth can-i --list`. Nothing is stored; the rule resolver answers,
 * and without one (an authorizer that cannot list rules) the verb is not supported.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { RuleResolver } from '../../../authorization/rule-resolver';
import type { UserInfo } from '../../../request-types';
import { newMethodNotSupported } from '../../../status';
import type { ResourceRegistration } from '../../rest-storage';

export const selfsubjectrulesreviews: ResourceRegistration = {
  resource: 'selfsubjectrulesreviews',
  storage: ({ ruleResolver }) => ({
    selfsubjectrulesreviews: {
      create: (ctx, request, respond) => {
        if (!ruleResolver) throw newMethodNotSupported(ctx.resource, ctx.info.verb);
        respond.reply(201, selfSubjectRulesReview(request.body, ctx.user, ruleResolver));
      },
    },
  }),
};

export function selfSubjectRulesReview(body: unknown, user: UserInfo, resolver: RuleResolver): KubeObject {
  const review = (body ?? {}) as KubeObject & { spec?: { namespace?: string } };
  const namespace = review.spec?.namespace ?? '';
  const rules = resolver.rulesFor(user, namespace);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { ...(review.metadata ?? {}) },
    spec: { ...(namespace ? { namespace } : {}) },
    status: rules,
  };
}
