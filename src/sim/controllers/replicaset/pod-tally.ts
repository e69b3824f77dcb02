/**
 * The ReplicaSet controller's shortcut past its pods: a tally beside the pod informer's
 * controller-uid index (client/index-tally.ts) classes each owned pod by what a sync asks of
 * it (active, ready, its labels), so a sync that would adopt, release and delete nothing gets
 * its claim's result and calculateStatus's counts from a few classes instead of every pod.
 * The counts are the ones the walk gives (pod-tally.test.ts compares the two);
 * any sync that needs the pods themselves (to adopt, release, delete, or to time
 * minReadySeconds) walks them as upstream does.
 */
import type { Selector } from '../../api/labels/selector';
import type { KubeObject } from '../../api/kube-object';
import type { Informer } from '../../client/informer';
import { orphanPodIndexKeyForNamespace, POD_CONTROLLER_UID_INDEX } from '../controller-utils/indexes';
import { isPodActive, isPodReady } from '../controller-utils/pod-util';
import { controllerOf, isBeingDeleted, type PodView, type ReplicaSetView } from '../controller-utils/types';
import { hasLabels, templateLabelsOf, type ReplicaCounts } from './replica-set-status';

export const POD_FACTS_TALLY = 'replicaSetPodFacts';

const ACTIVE = 'A';
const READY = 'R';

/**
 * The pod's class: its activity, readiness and labels, all a sync without minReadySeconds reads
 * of a pod it keeps. Orphans are not tallied (a sync reads its namespace's few orphans
 * themselves), so a pod that nothing owns costs the tally nothing.
 */
function podClass(pod: KubeObject): string | undefined {
  const p = pod as PodView;
  if (!controllerOf(p)) return undefined;
  return (isPodActive(p) ? ACTIVE : '-') + (isPodReady(p) ? READY : '-') + JSON.stringify(p.metadata.labels ?? {});
}

export function addPodFactsTally(pods: Informer): void {
  pods.addIndexTally(POD_FACTS_TALLY, POD_CONTROLLER_UID_INDEX, podClass);
}

/**
 * The claimed pods' counts, when claiming would send nothing and the sync needs no pod by
 * name: none of its active pods stopped matching the selector (or the ReplicaSet is being
 * deleted and releases none), no active orphan in its namespace matches it, it has no
 * minReadySeconds to time, and it has no surplus to delete when it may manage replicas.
 * Otherwise undefined: walk the pods.
 */
export function tallyCounts(pods: Informer, rs: ReplicaSetView, selector: Selector | undefined, mayManage: boolean): ReplicaCounts | undefined {
  if ((rs.spec.minReadySeconds ?? 0) > 0) return undefined;
  const matches = (sample: KubeObject) => selector?.matches(sample.metadata.labels ?? {}) ?? false;
  const ownerDeleting = isBeingDeleted(rs);
  const templateLabels = templateLabelsOf(rs);
  let replicas = 0;
  let fullyLabeled = 0;
  let ready = 0;
  for (const [cls, { count, sample }] of pods.indexTally(POD_FACTS_TALLY, rs.metadata.uid ?? '')) {
    if (cls[0] !== ACTIVE) continue;
    if (!matches(sample)) {
      if (ownerDeleting) continue;
      return undefined;
    }
    replicas += count;
    if (hasLabels(sample.metadata.labels ?? {}, templateLabels)) fullyLabeled += count;
    if (cls[1] === READY) ready += count;
  }
  if (!ownerDeleting) {
    for (const orphan of pods.indexed(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace(rs.metadata.namespace ?? ''))) {
      if (isPodActive(orphan as PodView) && matches(orphan)) return undefined;
    }
  }
  if (mayManage && replicas > (rs.spec.replicas ?? 1)) return undefined;
  return { replicas, fullyLabeled, ready, available: ready };
}
