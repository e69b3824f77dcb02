/**
 * SelfSubjectAccessReview (pkg/registry/authorization/selfsubjectaccessreview): "may I do this?",
 * what `kubectl auth can-i VERB RESOURCE` asks. Nothing is stored: the answer is the request's
 * spec with a status filled in by the same authorizers that guard every request.
 */
import type { KubeObject } from '../../../../api/kube-object';
import { nonResourceAttributes, resourceAttributes } from '../../../authorization/union';
import type { Authorizer, UserInfo } from '../../../request-types';
import { FieldPath, invalid } from '../../../../api/field-errors';
import { newInvalid } from '../../../status';
import type { ResourceRegistration } from '../../rest-storage';

export const selfsubjectaccessreviews: ResourceRegistration = {
  resource: 'selfsubjectaccessreviews',
  storage: ({ authorizer }) => ({
    selfsubjectaccessreviews: { create: (ctx, request, respond) => respond.reply(201, selfSubjectAccessReview(request.body, ctx.user, authorizer)) },
  }),
};

interface AccessReviewSpec {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; version?: string; resource?: string; subresource?: string; name?: string };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export function selfSubjectAccessReview(body: unknown, user: UserInfo, authorizer: Authorizer): KubeObject {
  const review = (body ?? {}) as KubeObject & { spec?: AccessReviewSpec };
  const spec = review.spec ?? {};
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  // ValidateSelfSubjectAccessReviewSpec (1.32): exactly one of the two; the 'neither' error
  // names resourceAttributes but shows the (null) nonResourceAttributes, as upstream does.
  const spec_ = FieldPath.root('spec');
  const gk = { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' };
  if (ra && nra) throw newInvalid(gk, '', [invalid(spec_.child('nonResourceAttributes'), nra, 'cannot be specified in combination with resourceAttributes')]);
  if (!ra && !nra) throw newInvalid(gk, '', [invalid(spec_.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')]);
  const attrs = ra
    ? resourceAttributes(user, ra.verb ?? '', {
        resource: ra.resource ?? '',
        ...(ra.group ? { group: ra.group } : {}),
        ...(ra.version ? { version: ra.version } : {}),
        ...(ra.subresource ? { subresource: ra.subresource } : {}),
        ...(ra.namespace ? { namespace: ra.namespace } : {}),
        ...(ra.name ? { name: ra.name } : {}),
      })
    : nonResourceAttributes(user, nra?.verb ?? '', nra?.path ?? '');
  const result = authorizer.authorize(attrs);
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { ...(review.metadata ?? {}) },
    spec,
    status: {
      allowed: result.decision === 'Allow',
      ...(result.decision === 'Deny' ? { denied: true } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
    },
  };
}
