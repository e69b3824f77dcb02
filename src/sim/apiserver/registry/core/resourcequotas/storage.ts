/** ResourceQuotas (pkg/registry/core/resourcequota/storage): the status subresource, which the quota controller writes. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';

export const resourcequotas: ResourceRegistration = {
  resource: 'resourcequotas',
  storage: ({ registry }) => ({ 'resourcequotas/status': genericStorage(registry) }),
};
