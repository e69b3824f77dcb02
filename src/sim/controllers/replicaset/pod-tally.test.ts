/**
 * The tally's counts against the walk they stand for: at every step of a ReplicaSet filling,
 * becoming ready and being scaled, tallyCounts gives what claiming the pods and counting them
 * (countReplicas) gives, and it declines whenever the sync must see the pods themselves.
 */
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import { Informer } from '../../client/informer';
import { call, userClient } from '../../testing/test-cluster';
import { harness, PODS_PATH, replicaSet, RS_PATH, update, type Harness } from '../../testing/workloads';
import { addPodControllerUIDIndexer, podsForOwner } from '../controller-utils/indexes';
import { isPodActive } from '../controller-utils/pod-util';
import { controllerOf, type PodView, type ReplicaSetView } from '../controller-utils/types';
import { addPodFactsTally, tallyCounts } from './pod-tally';
import { countReplicas } from './replica-set-status';

function watchedPods(h: Harness): Informer {
  const pods = new Informer(h.cluster.engine, userClient(h.cluster), 'pods');
  addPodControllerUIDIndexer(pods);
  addPodFactsTally(pods);
  pods.start();
  return pods;
}

/** What the sync's walk finds when it would adopt and release nothing: its active pods that match. */
function walked(pods: Informer, rs: ReplicaSetView) {
  const selector = labelSelectorAsSelector(rs.spec.selector);
  const claimed = podsForOwner(pods, rs, (p) => isPodActive(p as PodView)).filter((p) => controllerOf(p)?.uid === rs.metadata.uid && (selector?.matches(p.metadata.labels ?? {}) ?? false));
  return countReplicas(rs, claimed as PodView[], 0);
}

describe('ReplicaSet pod tally', () => {
  it('counts what the walk counts while pods are created, start, become ready and are deleted', () => {
    const h = harness();
    const pods = watchedPods(h);
    call(h.cluster, h.admin, 'POST', RS_PATH, { body: replicaSet('web', 6) });
    const seen = new Set<string>();
    const check = () => {
      const rs = h.get<ReplicaSetView>(`${RS_PATH}/web`);
      const counts = tallyCounts(pods, rs, labelSelectorAsSelector(rs.spec.selector), false);
      expect(counts).toEqual(walked(pods, rs));
      seen.add(`${counts?.replicas}/${counts?.ready}`);
    };
    for (let t = 0; t < 60; t++) {
      h.run(250);
      check();
    }
    expect(update<ReplicaSetView>(h, `${RS_PATH}/web`, (rs) => (rs.spec.replicas = 2))).toBe(200);
    for (let t = 0; t < 80; t++) {
      h.run(250);
      check();
    }
    // It followed the pods through being made, ready, and scaled down: not one constant answer.
    expect(seen).toContain('6/6');
    expect(seen).toContain('2/2');
    expect([...seen].some((s) => s.startsWith('6/') && s !== '6/6')).toBe(true);
  });

  it('declines when the sync must see its pods: a matching orphan, a pod that stopped matching, a surplus, minReadySeconds', () => {
    const h = harness();
    const pods = watchedPods(h);
    call(h.cluster, h.admin, 'POST', RS_PATH, { body: replicaSet('web', 2) });
    h.run(20_000);
    const rs = () => h.get<ReplicaSetView>(`${RS_PATH}/web`);
    expect(h.list<PodView>(PODS_PATH)).toHaveLength(2);
    const selector = labelSelectorAsSelector(rs().spec.selector);
    expect(tallyCounts(pods, rs(), selector, true)).toEqual({ replicas: 2, fullyLabeled: 2, ready: 2, available: 2 });
    // More pods than spec.replicas: only a sync that may manage replicas must see them.
    expect(tallyCounts(pods, { ...rs(), spec: { ...rs().spec, replicas: 1 } }, selector, true)).toBeUndefined();
    expect(tallyCounts(pods, { ...rs(), spec: { ...rs().spec, replicas: 1 } }, selector, false)).toMatchObject({ replicas: 2 });
    expect(tallyCounts(pods, { ...rs(), spec: { ...rs().spec, minReadySeconds: 5 } }, selector, false)).toBeUndefined();

    // An active orphan the selector matches is to be adopted. (A ReplicaSet of another selector, so
    // that the running controller leaves the orphan be.)
    const orphan = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'stray' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    const strays = { ...rs(), metadata: { ...rs().metadata, name: 'strays', uid: 'not-the-web-uid' }, spec: { ...rs().spec, selector: { matchLabels: { app: 'stray' } } } };
    const straySelector = labelSelectorAsSelector(strays.spec.selector);
    expect(call(h.cluster, h.admin, 'POST', PODS_PATH, { body: orphan }).code).toBe(201);
    h.run(500);
    expect(tallyCounts(pods, strays, straySelector, false)).toBeUndefined();
    expect(tallyCounts(pods, rs(), selector, false)).toMatchObject({ replicas: 2 });
    expect(call(h.cluster, h.admin, 'DELETE', `${PODS_PATH}/stray?gracePeriodSeconds=0`).code).toBe(200);
    h.run(500);
    expect(tallyCounts(pods, strays, straySelector, false)).toEqual({ replicas: 0, fullyLabeled: 0, ready: 0, available: 0 });

    // Pods it owns that its selector no longer matches are to be released, unless it is being
    // deleted. (Its selector changed here rather than a pod's labels, which the running
    // controller would act on first.)
    const narrowed = { ...rs(), spec: { ...rs().spec, selector: { matchLabels: { app: 'web', tier: 'front' } } } };
    const narrowSelector = labelSelectorAsSelector(narrowed.spec.selector);
    expect(tallyCounts(pods, narrowed, narrowSelector, false)).toBeUndefined();
    const deleting = { ...narrowed, metadata: { ...narrowed.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
    expect(tallyCounts(pods, deleting, narrowSelector, false)).toEqual({ replicas: 0, fullyLabeled: 0, ready: 0, available: 0 });
  });
});
