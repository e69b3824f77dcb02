/**
 * SelfSubjectReview (pkg/registry/authentication/selfsubjectreview): `kubectl auth whoami`, who
 * the server thinks you are. Nothing is stored.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { UserInfo } from '../../../request-types';
import type { ResourceRegistration } from '../../rest-storage';

export const selfsubjectreviews: ResourceRegistration = {
  resource: 'selfsubjectreviews',
  storage: () => ({
    selfsubjectreviews: { create: (ctx, _request, respond) => respond.reply(201, selfSubjectReview(ctx.user)) },
  }),
};

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
