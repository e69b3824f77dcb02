/**
 * The Deployment controller in a running cluster (scheduler, kubelets, the ReplicaSet controller
 * and the garbage collector): the new ReplicaSet and its annotations, ScalingReplicaSet events as
 * deployment-rollout.json traces them, RollingUpdate and Recreate, pause and resume, the
 * progress deadline, revisionHistoryLimit, a resize, and the rollback annotation.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { deployment, DEPLOY_PATH, harness, PODS_PATH, RS_PATH, update, type Harness } from '../../testing/workloads';
import type { DeploymentView, PodView, ReplicaSetView } from '../controller-utils/types';

const scaling = (h: Harness) => h.events('Deployment', 'web').filter((e) => e.startsWith('ScalingReplicaSet: ')).map((e) => e.slice('ScalingReplicaSet: '.length));
const rsByRevision = (h: Harness) => {
  const rss = h.list<ReplicaSetView>(RS_PATH);
  return new Map(rss.map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '', rs]));
};
const setImage = (h: Harness, image: string) =>
  update<DeploymentView>(h, `${DEPLOY_PATH}/web`, (d) => {
    const c = (d.spec.template?.spec?.['containers'] as { image: string }[])[0];
    if (c) c.image = image;
  });
const condition = (d: DeploymentView, type: string) => d.status?.conditions?.find((c) => c.type === type);

describe('Deployment controller', () => {
  it('makes ReplicaSet <deployment>-<pod-template-hash> with the revision annotations, owned by it, and 3 Running pods', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 3) }).code).toBe(201);
    h.run(30_000);
    const d = h.get<DeploymentView>(`${DEPLOY_PATH}/web`);
    const [rs, ...others] = h.list<ReplicaSetView>(RS_PATH);
    expect(others).toEqual([]);
    const hash = rs?.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[456789bcdf]{6,10}$/);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs?.metadata['ownerReferences']).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs?.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    for (const p of pods) expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(scaling(h)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    const writers = new Set(h.cluster.apiserver.audit.recent(2000).filter((r) => r.objectRef?.resource === 'replicasets' && r.verb === 'create').map((r) => r.user?.name));
    expect([...writers]).toEqual(['system:serviceaccount:kube-system:deployment-controller']);
  });

  it('rolls out a new image as deployment-rollout.json traces 3 replicas: one up, one down, each step waiting for availability', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 3, 'nginx:1.25') });
    h.run(30_000);
    const old = rsByRevision(h).get('1')?.metadata.name ?? '';
    expect(setImage(h, 'nginx:1.27')).toBe(200);
    h.run(120_000);
    const next = rsByRevision(h).get('2')?.metadata.name ?? '';
    expect(next).not.toBe(old);
    const trace = scaling(h).slice(1).map((e) => e.replace(next, 'web-NEW').replace(old, 'web-OLD'));
    expect(trace).toEqual([
      'Scaled up replica set web-NEW from 0 to 1',
      'Scaled down replica set web-OLD from 3 to 2',
      'Scaled up replica set web-NEW from 1 to 2',
      'Scaled down replica set web-OLD from 2 to 1',
      'Scaled up replica set web-NEW from 2 to 3',
      'Scaled down replica set web-OLD from 1 to 0',
    ]);
    expect(h.events('ReplicaSet', old).filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(3);
    const pods = h.list<PodView>(PODS_PATH).filter((p) => !p.metadata['deletionTimestamp']);
    expect(pods).toHaveLength(3);
    const d = h.get<DeploymentView>(`${DEPLOY_PATH}/web`);
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(condition(d, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${next}" has successfully progressed.` });
    // The old ReplicaSet is kept at 0 for rollbacks, with its revision.
    expect(rsByRevision(h).get('1')?.spec.replicas).toBe(0);
  });

  it('Recreate: scales the old ReplicaSet to 0, waits for its pods to go, then scales the new one up', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2, 'nginx:1.25', { strategy: { type: 'Recreate' } }) });
    h.run(30_000);
    const old = rsByRevision(h).get('1')?.metadata.name ?? '';
    setImage(h, 'nginx:1.27');
    h.run(120_000);
    const next = rsByRevision(h).get('2')?.metadata.name ?? '';
    expect(scaling(h).slice(1)).toEqual([`Scaled down replica set ${old} from 2 to 0`, `Scaled up replica set ${next} from 0 to 2`]);
    // The new ReplicaSet was made only after the old pods had gone.
    const audit = h.cluster.apiserver.audit.recent(2000);
    const created = audit.find((r) => r.verb === 'create' && r.objectRef?.resource === 'replicasets' && r.objectRef.name === next);
    const lastOldPodGone = audit.filter((r) => r.verb === 'delete' && r.objectRef?.resource === 'pods' && r.objectRef.name?.startsWith(old)).pop();
    expect(created?.requestReceivedTimestamp).toBeGreaterThan(lastOldPodGone?.requestReceivedTimestamp ?? Infinity);
  });

  it('pause: a new template makes no ReplicaSet, Progressing says DeploymentPaused; resume rolls it out', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2, 'nginx:1.25') });
    h.run(30_000);
    update<DeploymentView>(h, `${DEPLOY_PATH}/web`, (d) => (d.spec.paused = true));
    setImage(h, 'nginx:1.27');
    h.run(30_000);
    expect(h.list(RS_PATH)).toHaveLength(1);
    expect(condition(h.get<DeploymentView>(`${DEPLOY_PATH}/web`), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    update<DeploymentView>(h, `${DEPLOY_PATH}/web`, (d) => (d.spec.paused = false));
    h.run(120_000);
    expect(h.list(RS_PATH)).toHaveLength(2);
    expect(condition(h.get<DeploymentView>(`${DEPLOY_PATH}/web`), 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('marks a rollout that has not progressed for progressDeadlineSeconds ProgressDeadlineExceeded', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2, 'nginx:nope', { progressDeadlineSeconds: 30 }) });
    h.run(20_000);
    const d1 = h.get<DeploymentView>(`${DEPLOY_PATH}/web`);
    const name = h.list<ReplicaSetView>(RS_PATH)[0]?.metadata.name ?? '';
    // Created (NewReplicaSetCreated), then its pods appeared: progress (ReplicaSetUpdated), never available.
    expect(condition(d1, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` });
    expect(condition(d1, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    h.run(40_000);
    expect(condition(h.get<DeploymentView>(`${DEPLOY_PATH}/web`), 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` });
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 1, 'nginx:1.25', { revisionHistoryLimit: 1 }) });
    h.run(30_000);
    for (const image of ['nginx:1.26', 'nginx:1.27']) {
      setImage(h, image);
      h.run(60_000);
    }
    expect([...rsByRevision(h).keys()].sort()).toEqual(['2', '3']);
  });

  it('spreads a resize: 3 -> 5 scales the one active ReplicaSet', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 3) });
    h.run(30_000);
    update<DeploymentView>(h, `${DEPLOY_PATH}/web`, (d) => (d.spec.replicas = 5));
    h.run(30_000);
    const rs = h.list<ReplicaSetView>(RS_PATH)[0];
    expect(scaling(h)[1]).toBe(`Scaled up replica set ${rs?.metadata.name ?? ''} from 3 to 5`);
    expect(rs?.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(h.list(PODS_PATH)).toHaveLength(5);
  });

  it('rolls back through the deprecated.deployment.rollback.to annotation', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 1, 'nginx:1.25') });
    h.run(30_000);
    setImage(h, 'nginx:1.27');
    h.run(60_000);
    update<DeploymentView>(h, `${DEPLOY_PATH}/web`, (d) => (d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '1' }));
    h.run(60_000);
    const d = h.get<DeploymentView>(`${DEPLOY_PATH}/web`);
    expect((d.spec.template?.spec?.['containers'] as { image: string }[])[0]?.image).toBe('nginx:1.25');
    expect(d.metadata.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(h.events('Deployment', 'web')).toContain('DeploymentRollback: Rolled back deployment "web" to revision 1');
    // The first ReplicaSet is the new one again, at revision 3, remembering it was 1.
    const back = rsByRevision(h).get('3');
    expect(back?.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(back?.spec.replicas).toBe(1);
  });
});
