/**
 * The authorization.k8s.io reviews a user sends about themself (pkg/registry/authorization):
 * SelfSubjectAccessReview ("may I do this?", what `kubectl auth can-i VERB RESOURCE` asks) and
 * SelfSubjectRulesReview ("what may I do in this namespace?", `kubectl auth can-i --list`).
 * SelfSubjectReview (`kubectl auth whoami`) says who the server thinks you are. Nothing is stored: the answer is the request's spec with a status filled in by the same
 * authorizers that guard every request.
 */
import type { KubeObject } from '../../api/kube-object';
import type { RuleResolver } from '../authorization/rule-resolver';
import { nonResourceAttributes, resourceAttributes } from '../authorization/union';
import type { Authorizer, UserInfo } from '../request-types';
import { FieldPath, invalid } from '../../api/field-errors';
import { newInvalid } from '../status';

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

/** authentication.k8s.io SelfSubjectReview (`kubectl auth whoami`): who the server thinks you are. */
export function selfSubjectReview(user: UserInfo): KubeObject {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: {},
    status: {
      userInfo: {
        username: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: [...user.groups],
        ...(user.extra ? { extra: user.extra } : {}),
      },
    },
  };
}
