/**
 * The namespace strategy and storage (pkg/registry/core/namespace): a new namespace is Active and
 * waits on the `kubernetes` finalizer when deleted; a delete turns it Terminating until the
 * namespace controller has emptied it and removed the finalizer. An update of the namespace
 * keeps its spec.finalizers (PrepareForUpdate); only the finalize subresource changes them.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { ResourceStrategy } from '../../strategy';

export const namespaceStrategy: ResourceStrategy = {
  initialStatus: () => ({ phase: 'Active' }),
  prepareForCreate: (namespace) => ({ ...namespace, spec: { ...((namespace['spec'] as object | undefined) ?? {}), finalizers: ['kubernetes'] } }),
  prepareForUpdate: (namespace, old) => ({ ...namespace, spec: { ...((namespace['spec'] as object | undefined) ?? {}), finalizers: (old['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [] } }),
  specFinalizers: (namespace) => (namespace['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [],
  markDeleting: (namespace: KubeObject) => ({ ...namespace, status: { ...(namespace['status'] as object), phase: 'Terminating' } }),
};
