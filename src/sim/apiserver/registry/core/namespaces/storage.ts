/** Namespaces (pkg/registry/core/namespace/storage): the namespace strategy, and the status and finalize subresources. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { namespaceStrategy } from './strategy';

export const namespaces: ResourceRegistration = {
  resource: 'namespaces',
  strategy: namespaceStrategy,
  storage: ({ registry }) => ({
    'namespaces/status': genericStorage(registry),
    // FinalizeREST: the namespace as sent, its status kept; the only way to change spec.finalizers.
    // With the last one gone from a namespace being deleted, the namespace is deleted
    // (ShouldDeleteNamespaceDuringUpdate).
    'namespaces/finalize': genericStorage(registry),
  }),
};
