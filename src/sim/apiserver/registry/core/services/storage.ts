/** Services (pkg/registry/core/service/storage): the service strategy with its allocation, and the status subresource. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { serviceStrategy } from './strategy';

export const services: ResourceRegistration = {
  resource: 'services',
  strategy: serviceStrategy,
  storage: ({ registry }) => ({ 'services/status': genericStorage(registry) }),
};
