/** Namespaces (pkg/registry/core/namespace/storage): the namespace strategy, and the status and finalize subresources. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { namespaceStrategy } from './strategy';

export const namespaces: ResourceRegistration = {
  resource: 'namespaces',
  strategy: namespaceStrategy,
  storage: ({ registry }) => ({
    'namespaces/status': genericStorage(registry),
    // FinalizeREST upstream writes only spec.finalizers; here the generic store serves it, as before.
    'namespaces/finalize': genericStorage(registry),
  }),
};
