/**
 * NamespaceLifecycle (k8s.io/apiserver pkg/admission/plugin/namespace/lifecycle): no new
 * objects in a namespace that does not exist or is being terminated, and the immortal
 * namespaces default, kube-system and kube-public may not be deleted. Upstream it is a mutating
 * plugin that changes nothing: it only rejects, early, before any other plugin runs.
 *
 * Upstream waits 50 ms and then asks etcd directly before calling a namespace missing; here the
 * apiserver's watch cache is already current when admission runs, so the cache answer stands.
 */
import { newForbidden, newNotFound } from '../../../status';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';

export const NAMESPACE_LIFECYCLE = 'NamespaceLifecycle';

/** metav1.NamespaceDefault, NamespaceSystem, NamespacePublic. */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** Creating these never needs a namespace: they reveal nothing (localsubjectaccessreviews). */
const ACCESS_REVIEW_RESOURCES = new Set(['authorization.k8s.io/localsubjectaccessreviews']);

const NAMESPACES = { group: '', resource: 'namespaces' } as const;

function isNamespace(a: AdmissionAttributes): boolean {
  return a.resource.group === '' && a.resource.resource === 'namespaces';
}

export function namespaceLifecycle(): AdmissionPlugin {
  return {
    name: NAMESPACE_LIFECYCLE,
    admit(a: AdmissionAttributes, context: AdmissionContext) {
      if (a.operation === 'CONNECT') return undefined;
      if (a.operation === 'DELETE' && isNamespace(a) && IMMORTAL_NAMESPACES.includes(a.name)) {
        throw newForbidden(NAMESPACES, a.name, 'this namespace may not be deleted');
      }
      // Cluster-scoped objects, and every operation on namespaces themselves, pass.
      if (!a.namespace && !isNamespace(a)) return undefined;
      if (isNamespace(a)) return undefined;
      // Deleting what is in a namespace is always allowed.
      if (a.operation === 'DELETE') return undefined;
      if (ACCESS_REVIEW_RESOURCES.has(`${a.resource.group}/${a.resource.resource}`)) return undefined;

      // lifecycle.go: a namespace missing from the informer may just be new; as a last resort
      // the plugin asks storage before refusing.
      const namespace = context.get('namespaces', '', a.namespace) ?? context.getLive('namespaces', '', a.namespace);
      if (!namespace) throw newNotFound(NAMESPACES, a.namespace);
      if (a.operation !== 'CREATE') return undefined;
      const phase = (namespace['status'] as { phase?: string } | undefined)?.phase;
      if (phase !== 'Terminating') return undefined;
      throw newAdmissionForbidden(a, `unable to create new content in namespace ${a.namespace} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' },
      ]);
    },
  };
}
