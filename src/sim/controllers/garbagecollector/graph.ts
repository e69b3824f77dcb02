/**
 * The garbage collector's dependency graph (pkg/controller/garbagecollector/graph.go and
 * graph_builder.go): one node per object the monitors have seen, keyed by uid, with its owner
 * references and the set of its dependents. An owner referenced before it is seen gets a
 * "virtual" node, which the collector checks against the apiserver.
 */
import type { OwnerReference } from '../controller-utils/types';
import { sameOwnerReference } from '../controller-utils/equality';

export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  /** Empty for a cluster-scoped object. */
  readonly namespace: string;
}

export class GraphNode {
  readonly dependents = new Set<GraphNode>();
  owners: OwnerReference[];
  beingDeleted = false;
  deletingDependents = false;
  /** Seen through an informer (false for a virtual node made from an owner reference). */
  observed: boolean;

  constructor(
    public identity: ObjectIdentity,
    owners: OwnerReference[],
    observed: boolean,
  ) {
    this.owners = owners;
    this.observed = observed;
  }

  /** blockingDependents: dependents whose reference to this node has blockOwnerDeletion. */
  blockingDependents(): GraphNode[] {
    const out: GraphNode[] = [];
    for (const dep of this.dependents) {
      if (dep.owners.some((r) => r.uid === this.identity.uid && r.blockOwnerDeletion === true)) out.push(dep);
    }
    return out;
  }
}

/** identityFromOwnerReference: the owner lives in the dependent's namespace (or none, cluster-scoped). */
export function ownerIdentity(ref: OwnerReference, namespace: string): ObjectIdentity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

/** referencesDiffs: owner references added, removed, and changed (same uid, other fields). */
export function referencesDiffs(old: readonly OwnerReference[], cur: readonly OwnerReference[]): { added: OwnerReference[]; removed: OwnerReference[]; changed: { old: OwnerReference; cur: OwnerReference }[] } {
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const curByUid = new Map(cur.map((r) => [r.uid, r]));
  const added = cur.filter((r) => !oldByUid.has(r.uid));
  const removed = old.filter((r) => !curByUid.has(r.uid));
  const changed: { old: OwnerReference; cur: OwnerReference }[] = [];
  for (const r of cur) {
    const o = oldByUid.get(r.uid);
    if (o && !sameOwnerReference(o, r)) changed.push({ old: o, cur: r });
  }
  return { added, removed, changed };
}
