/**
 * kustomize's LegacyOrderTransformer, which both `kubectl kustomize` and `-k` apply (the build
 * command's default --reorder=legacy; cli-runtime's KustomizeVisitor sets the legacy sort): by
 * kind, the kinds of kyaml/resid gvk.go's orderFirst first in that order (Namespace,
 * ResourceQuota, ... PodDisruptionBudget), those of orderLast (the webhook configurations) last,
 * the rest between them; within one group Gvk's stableSortString (`group_version_kind`, `~G` for
 * the core group), then ResId.LegacySortString (the gvk, the namespace, the name, `/` between).
 */
import { groupVersionOf, gvkString, kindOf, nameOf, namespaceOf, type Resource } from './resource';

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function typeOrder(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

function stableSortString(r: Resource): string {
  const { group, version } = groupVersionOf(r.object);
  return `${group || '~G'}_${version || '~V'}_${kindOf(r.object) || '~K'}`;
}

function legacySortString(r: Resource): string {
  const { group, version } = groupVersionOf(r.object);
  return `${gvkString(kindOf(r.object), version, group)}/${namespaceOf(r.object) ?? ''}/${nameOf(r.object)}`;
}

/** Go's string comparison: by bytes. */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function legacyOrder(resources: readonly Resource[]): Resource[] {
  return [...resources].sort((a, b) => {
    const order = typeOrder(kindOf(a.object)) - typeOrder(kindOf(b.object));
    if (order !== 0) return order;
    const gvk = byBytes(stableSortString(a), stableSortString(b));
    return gvk !== 0 ? gvk : byBytes(legacySortString(a), legacySortString(b));
  });
}
