/**
 * The namespace strategy and storage (pkg/registry/core/namespace): a new namespace is Active and
 * waits on the `kubernetes` finalizer when deleted; a delete turns it Terminating until the
 * namespace controller has emptied it and removed the finalizer.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { ResourceStrategy } from '../../strategy';

export const namespaceStrategy: ResourceStrategy = {
  initialStatus: () => ({ phase: 'Active' }),
  prepareForCreate: (namespace) => ({ ...namespace, spec: { ...((namespace['spec'] as object | undefined) ?? {}), finalizers: ['kubernetes'] } }),
  specFinalizers: (namespace) => (namespace['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? ['kubernetes'],
  markDeleting: (namespace: KubeObject) => ({ ...namespace, status: { ...(namespace['status'] as object), phase: 'Terminating' } }),
};
