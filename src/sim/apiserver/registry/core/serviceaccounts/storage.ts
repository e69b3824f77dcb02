/** ServiceAccounts (pkg/registry/core/serviceaccount/storage): the token subresource. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';

export const serviceaccounts: ResourceRegistration = {
  resource: 'serviceaccounts',
  // TokenRequest is not simulated yet: the generic store serves the path, as before there was a map.
  storage: ({ registry }) => ({ 'serviceaccounts/token': genericStorage(registry) }),
};
