/**
 * The garbage collector (pkg/controller/garbagecollector/garbagecollector.go and
 * graph_builder.go): it watches every object that can own or be owned, keeps the graph of
 * ownerReferences, and deletes what has lost its owners:
 *   - an object whose owners are all gone is deleted (background, or foreground / orphan as its
 *     own finalizers say), with a uid precondition;
 *   - an owner deleted in the foreground (the `foregroundDeletion` finalizer the apiserver adds
 *     for propagationPolicy=Foreground) has its dependents deleted first, and loses the
 *     finalizer once no dependent with blockOwnerDeletion is left;
 *   - an owner deleted with propagationPolicy=Orphan (the `orphan` finalizer) has its reference
 *     removed from every dependent, then loses the finalizer.
 * It acts as system:serviceaccount:kube-system:generic-garbage-collector. Events are not
 * monitored (upstream ignores them too).
 */
import type { Engine } from '../../engine';
import { resourceByPlural, resourceForKind } from '../../api/resources';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import type { KubeObject } from '../../api/kube-object';
import { isNotFound, type ApiError } from '../controller-utils/api-call';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { isBeingDeleted, ownerReferences, type OwnerReference } from '../controller-utils/types';
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS, GraphNode, ownerIdentity, referencesDiffs, type ObjectIdentity } from './graph';

/** --concurrent-gc-syncs. */
export const CONCURRENT_GC_SYNCS = 20;
/** The resources the simulation's collector monitors (upstream: every deletable, listable one but events). */
export const MONITORED_RESOURCES = ['pods', 'replicationcontrollers', 'replicasets', 'deployments', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'controllerrevisions', 'services', 'endpoints', 'endpointslices', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'nodes', 'leases'];
/** absentOwnerCache size (an LRU upstream). */
const ABSENT_OWNER_CACHE_SIZE = 500;

type Outcome = 'done' | 'virtualDeleted' | ApiError;

const finalizersOf = (o: KubeObject): string[] => (o.metadata['finalizers'] as string[] | undefined) ?? [];
const hasFinalizer = (o: KubeObject, f: string) => finalizersOf(o).includes(f);

/** deletionStartsWithFinalizer: the object has just begun deleting with this finalizer. */
function deletionStartsWithFinalizer(old: KubeObject | undefined, cur: KubeObject, finalizer: string): boolean {
  if (!isBeingDeleted(cur) || !hasFinalizer(cur, finalizer)) return false;
  if (!old) return true;
  return !isBeingDeleted(old) || !hasFinalizer(old, finalizer);
}

function identityOf(o: KubeObject): ObjectIdentity {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', namespace: o.metadata.namespace ?? '' };
}

const identityKey = (i: ObjectIdentity) => `${i.apiVersion}/${i.kind}/${i.namespace}/${i.name}/${i.uid}`;

export class GarbageCollector {
  private readonly graph = new Map<string, GraphNode>();
  private readonly monitors: Informer[] = [];
  private readonly attemptToDelete: RateLimitingQueue;
  private readonly attemptToOrphan: RateLimitingQueue;
  private readonly absentOwners = new Set<string>();

  constructor(
    engine: Engine,
    informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.attemptToDelete = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: garbage_collector_attempt_to_delete', CONCURRENT_GC_SYNCS, (uid, finish) => this.attemptToDeleteWorker(uid, finish));
    this.attemptToOrphan = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: garbage_collector_attempt_to_orphan', CONCURRENT_GC_SYNCS, (uid, finish) => this.attemptToOrphanWorker(uid, finish));
    for (const resource of MONITORED_RESOURCES) {
      if (!resourceByPlural(resource)) continue;
      const informer = informers.informerFor(resource);
      informer.addEventHandler({
        onAdd: (o) => this.processGraphChange(undefined, o),
        onUpdate: (old, cur) => this.processGraphChange(old, cur),
        onDelete: (o) => this.processDelete(o),
      });
      this.monitors.push(informer);
    }
  }

  start(): void {
    for (const m of this.monitors) m.start();
  }

  /** For tests and the page: the dependents the graph holds for an object. */
  dependentsOf(uid: string): ObjectIdentity[] {
    return [...(this.graph.get(uid)?.dependents ?? [])].map((n) => n.identity);
  }

  // --- the graph builder -------------------------------------------------------------------

  /** processGraphChanges for an add or update. */
  private processGraphChange(old: KubeObject | undefined, cur: KubeObject): void {
    const uid = cur.metadata.uid ?? '';
    let node = this.graph.get(uid);
    // An update that kept the very ownerReferences list (a status write, a label change) cannot
    // change the node's owners: the graph already holds them from `old`.
    if (node?.observed && old !== undefined && old.metadata.ownerReferences === cur.metadata.ownerReferences) {
      if (isBeingDeleted(cur)) node.beingDeleted = true;
      this.processTransitions(old, cur, node);
      return;
    }
    if (node && !node.observed) {
      // A virtual node, now seen for real.
      node.identity = identityOf(cur);
      node.observed = true;
    }
    const owners = ownerReferences(cur);
    if (!node) {
      node = new GraphNode(identityOf(cur), owners, true);
      node.beingDeleted = isBeingDeleted(cur);
      node.deletingDependents = node.beingDeleted && hasFinalizer(cur, FINALIZER_DELETE_DEPENDENTS);
      this.graph.set(uid, node);
      this.addDependentToOwners(node, owners);
    } else {
      const { added, removed, changed } = referencesDiffs(node.owners, owners);
      if (added.length || removed.length || changed.length) {
        this.addUnblockedOwnersToDeleteQueue(removed, changed);
        node.owners = owners;
        this.addDependentToOwners(node, added);
        this.removeDependentFromOwners(node, removed);
      }
      if (isBeingDeleted(cur)) node.beingDeleted = true;
    }
    this.processTransitions(old, cur, node);
  }

  private processTransitions(old: KubeObject | undefined, cur: KubeObject, node: GraphNode): void {
    if (deletionStartsWithFinalizer(old, cur, FINALIZER_ORPHAN_DEPENDENTS)) {
      this.attemptToOrphan.add(node.identity.uid);
      return;
    }
    if (deletionStartsWithFinalizer(old, cur, FINALIZER_DELETE_DEPENDENTS)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.attemptToDelete.add(dep.identity.uid);
      this.attemptToDelete.add(node.identity.uid);
    }
  }

  /** An owner not in the graph gets a virtual node, checked against the apiserver. */
  private addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) {
      let owner = this.graph.get(ref.uid);
      if (!owner) {
        owner = new GraphNode(ownerIdentity(ref, node.identity.namespace), [], false);
        this.graph.set(ref.uid, owner);
        this.attemptToDelete.add(ref.uid);
      }
      owner.dependents.add(node);
    }
  }

  private removeDependentFromOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) this.graph.get(ref.uid)?.dependents.delete(node);
  }

  /** A dependent that stopped blocking an owner waiting for its dependents lets it be looked at again. */
  private addUnblockedOwnersToDeleteQueue(removed: readonly OwnerReference[], changed: readonly { old: OwnerReference; cur: OwnerReference }[]): void {
    for (const ref of removed) if (ref.blockOwnerDeletion && this.graph.has(ref.uid)) this.attemptToDelete.add(ref.uid);
    for (const c of changed) if (c.old.blockOwnerDeletion && !c.cur.blockOwnerDeletion && this.graph.has(c.cur.uid)) this.attemptToDelete.add(c.cur.uid);
  }

  /** processGraphChanges for a delete: the dependents are looked at, and owners waiting on it. */
  private processDelete(o: KubeObject): void {
    const node = this.graph.get(o.metadata.uid ?? '');
    if (!node) return;
    this.removeNode(node);
    if (node.dependents.size > 0) this.rememberAbsent(identityOf(o));
    for (const dep of node.dependents) this.attemptToDelete.add(dep.identity.uid);
    for (const ref of node.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner?.deletingDependents) this.attemptToDelete.add(ref.uid);
    }
  }

  private removeNode(node: GraphNode): void {
    this.graph.delete(node.identity.uid);
    this.removeDependentFromOwners(node, node.owners);
  }

  /** enqueueVirtualDeleteEvent: the owner a virtual node stood for does not exist. */
  private virtualDelete(node: GraphNode): void {
    if (this.graph.get(node.identity.uid) !== node || node.observed) return;
    this.removeNode(node);
    if (node.dependents.size > 0) this.rememberAbsent(node.identity);
    for (const dep of node.dependents) this.attemptToDelete.add(dep.identity.uid);
  }

  private rememberAbsent(identity: ObjectIdentity): void {
    if (this.absentOwners.size >= ABSENT_OWNER_CACHE_SIZE) {
      const first = this.absentOwners.values().next().value;
      if (first !== undefined) this.absentOwners.delete(first);
    }
    this.absentOwners.add(identityKey(identity));
  }

  // --- the workers -------------------------------------------------------------------------

  private pathOf(identity: ObjectIdentity): string | undefined {
    const info = resourceForKind(identity.apiVersion, identity.kind);
    return info ? resourcePath(info, { namespace: info.namespaced ? identity.namespace : undefined, name: identity.name }) : undefined;
  }

  private attemptToDeleteWorker(uid: string, finish: (r: ProcessResult) => void): void {
    const node = this.graph.get(uid);
    if (!node) return finish(DONE);
    runSync(this.client, this.attemptToDeleteItem(node), (outcome) => {
      if (outcome === 'virtualDeleted') return finish(DONE);
      if (outcome !== 'done') return finish(RETRY);
      // A virtual node not yet seen through an informer is looked at again until it is.
      finish(node.observed || this.graph.get(uid) !== node ? DONE : RETRY);
    });
  }

  /** attemptToDeleteItem. */
  private *attemptToDeleteItem(item: GraphNode): Step<Outcome> {
    // Being deleted without waiting for dependents: a one-way trip; its dependents follow its removal.
    if (item.beingDeleted && !item.deletingDependents) return 'done';
    const path = this.pathOf(item.identity);
    if (!path) return 'done';
    const latest = yield* call<KubeObject>('GET', path);
    if (!latest.ok) {
      if (!isNotFound(latest.error)) return latest.error;
      this.virtualDelete(item);
      return 'virtualDeleted';
    }
    if (latest.value.metadata.uid !== item.identity.uid) {
      this.virtualDelete(item);
      return 'virtualDeleted';
    }
    if (item.deletingDependents) return yield* this.processDeletingDependentsItem(item);
    const refs = ownerReferences(latest.value);
    if (refs.length === 0) return 'done';

    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const r = yield* this.isDangling(ref, item);
      if (r.error) return r.error;
      if (r.dangling) dangling.push(ref);
      else if (r.owner && isBeingDeleted(r.owner) && hasFinalizer(r.owner, FINALIZER_DELETE_DEPENDENTS)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return 'done';
      // Keep the live owners; drop references to the gone and to those waiting on their dependents.
      const a = yield* call('PATCH', path, { body: deleteOwnerRefPatch(item.identity.uid, [...dangling, ...waiting].map((r) => r.uid)), contentType: 'application/strategic-merge-patch+json' });
      return a.ok || isNotFound(a.error) ? 'done' : a.error;
    }
    if (waiting.length > 0 && item.dependents.size > 0) {
      for (const dep of item.dependents) {
        if (!dep.deletingDependents) continue;
        // A cycle of foreground deletions: stop blocking, or neither would ever go.
        const unblock = { metadata: { ownerReferences: item.owners.filter((r) => r.blockOwnerDeletion).map((r) => ({ uid: r.uid, blockOwnerDeletion: false })), uid: item.identity.uid } };
        const a = yield* call('PATCH', path, { body: unblock, contentType: 'application/strategic-merge-patch+json' });
        if (!a.ok && !isNotFound(a.error)) return a.error;
        break;
      }
      return yield* this.deleteObject(item, 'Foreground', path);
    }
    const policy = hasFinalizer(latest.value, FINALIZER_ORPHAN_DEPENDENTS) ? 'Orphan' : hasFinalizer(latest.value, FINALIZER_DELETE_DEPENDENTS) ? 'Foreground' : 'Background';
    return yield* this.deleteObject(item, policy, path);
  }

  /** isDangling: the owner is known absent, or a GET says it is gone (or is another object now). */
  private *isDangling(ref: OwnerReference, item: GraphNode): Step<{ dangling: boolean; owner?: KubeObject; error?: ApiError }> {
    const clusterScoped = identityKey(ownerIdentity(ref, ''));
    const namespaced = identityKey(ownerIdentity(ref, item.identity.namespace));
    if (this.absentOwners.has(clusterScoped) || this.absentOwners.has(namespaced)) return { dangling: true };
    const info = resourceForKind(ref.apiVersion, ref.kind);
    if (!info) return { dangling: false };
    const path = resourcePath(info, { namespace: info.namespaced ? item.identity.namespace : undefined, name: ref.name });
    const got = yield* call<KubeObject>('GET', path);
    const key = info.namespaced ? namespaced : clusterScoped;
    if (!got.ok) {
      if (!isNotFound(got.error)) return { dangling: false, error: got.error };
      this.absentOwners.add(key);
      return { dangling: true };
    }
    if (got.value.metadata.uid !== ref.uid) {
      this.absentOwners.add(key);
      return { dangling: true };
    }
    return { dangling: false, owner: got.value };
  }

  /** processDeletingDependentsItem: the finalizer goes once no dependent blocks; else delete them. */
  private *processDeletingDependentsItem(item: GraphNode): Step<Outcome> {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) return yield* this.removeFinalizer(item, FINALIZER_DELETE_DEPENDENTS);
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.add(dep.identity.uid);
    return 'done';
  }

  private *deleteObject(item: GraphNode, policy: 'Background' | 'Foreground' | 'Orphan', path: string): Step<Outcome> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: item.identity.uid }, propagationPolicy: policy };
    const a = yield* call('DELETE', path, { body });
    return a.ok || isNotFound(a.error) ? 'done' : a.error;
  }

  /** removeFinalizer: a merge patch of the finalizers, guarded by resourceVersion, retried on conflict. */
  private *removeFinalizer(item: GraphNode, finalizer: string): Step<Outcome> {
    const path = this.pathOf(item.identity);
    if (!path) return 'done';
    for (let attempt = 0; attempt < 5; attempt++) {
      const got = yield* call<KubeObject>('GET', path);
      if (!got.ok) return isNotFound(got.error) ? 'done' : got.error;
      const finalizers = finalizersOf(got.value);
      if (!finalizers.includes(finalizer)) return 'done';
      const rest = finalizers.filter((f) => f !== finalizer);
      const body = { metadata: { resourceVersion: got.value.metadata.resourceVersion, finalizers: rest.length ? rest : null } };
      const a = yield* call('PATCH', path, { body, contentType: 'application/merge-patch+json' });
      if (a.ok || isNotFound(a.error)) return 'done';
      if (a.error.code !== 409) return a.error;
    }
    return { code: 409, message: `failed to remove finalizer ${finalizer} from ${item.identity.kind} ${item.identity.name}`, reason: 'Conflict', causes: [] };
  }

  /** attemptToOrphanWorker: strip the owner's reference from each dependent, then drop `orphan`. */
  private attemptToOrphanWorker(uid: string, finish: (r: ProcessResult) => void): void {
    const node = this.graph.get(uid);
    if (!node) return finish(DONE);
    runSync(this.client, this.orphan(node), (outcome) => finish(outcome === 'done' ? DONE : RETRY));
  }

  private *orphan(owner: GraphNode): Step<Outcome> {
    for (const dep of [...owner.dependents]) {
      const path = this.pathOf(dep.identity);
      if (!path) continue;
      const a = yield* call('PATCH', path, { body: deleteOwnerRefPatch(dep.identity.uid, [owner.identity.uid]), contentType: 'application/strategic-merge-patch+json' });
      if (!a.ok && !isNotFound(a.error)) return a.error;
    }
    return yield* this.removeFinalizer(owner, FINALIZER_ORPHAN_DEPENDENTS);
  }
}

/** GenerateDeleteOwnerRefStrategicMergeBytes. */
export function deleteOwnerRefPatch(dependentUid: string, ownerUids: readonly string[]): object {
  return { metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })), uid: dependentUid } };
}
