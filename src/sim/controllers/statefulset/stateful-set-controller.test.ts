/**
 * The StatefulSet controller in a running cluster: ordered creation (web-0 Running and Ready
 * before web-1), identities (names, labels, hostname, subdomain), scale down highest ordinal
 * first, Parallel, RollingUpdate from the highest ordinal with a partition, OnDelete, claims'
 * volumes, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH, update, type Harness } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';
import type { PodView } from '../controller-utils/types';
import type { StatefulSetView } from './types';

const STS_PATH = '/apis/apps/v1/namespaces/default/statefulsets';
const CR_PATH = '/apis/apps/v1/namespaces/default/controllerrevisions';

function statefulSet(name: string, replicas: number, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, serviceName: 'nginx', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...podSpec } }, ...spec },
  };
}

const names = (h: Harness, app: string) =>
  h
    .list<PodView>(PODS_PATH)
    .filter((p) => p.metadata.labels?.['app'] === app && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name ?? '')
    .sort();

const setImage = (h: Harness, name: string, image: string) =>
  update(h, `${STS_PATH}/${name}`, (s: StatefulSetView) => {
    ((s.spec.template?.spec?.['containers'] as { image: string }[])[0] as { image: string }).image = image;
  });

describe('StatefulSet controller', () => {
  it('creates web-0, and web-1 only once web-0 is Running and Ready, with stable identities', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('web', 2) }).code).toBe(201);
    h.run(1_000);
    expect(names(h, 'web')).toEqual(['web-0']);
    h.run(30_000);
    expect(names(h, 'web')).toEqual(['web-0', 'web-1']);
    const [web0, web1] = ['web-0', 'web-1'].map((n) => h.get<PodView>(`${PODS_PATH}/${n}`)) as [PodView, PodView];
    const ready0 = web0.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
    expect(web1.metadata.creationTimestamp! >= ready0).toBe(true);
    const rev = h.list<KubeObject>(CR_PATH)[0] as KubeObject;
    expect(rev.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(web1.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': rev.metadata.name });
    expect(web1.spec?.['hostname']).toBe('web-1');
    expect(web1.spec?.['subdomain']).toBe('nginx');
    expect(h.events('StatefulSet', 'web')).toEqual(['SuccessfulCreate: create Pod web-0 in StatefulSet web successful', 'SuccessfulCreate: create Pod web-1 in StatefulSet web successful']);
    const set = h.get<StatefulSetView>(`${STS_PATH}/web`);
    expect(set.status).toEqual({ replicas: 2, availableReplicas: 2, observedGeneration: 1, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: rev.metadata.name, updateRevision: rev.metadata.name, collisionCount: 0 });
  });

  it('scales up in order and down highest ordinal first, one at a time', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('web', 2) });
    h.run(30_000);
    expect(update(h, `${STS_PATH}/web`, (s: StatefulSetView) => (s.spec.replicas = 5))).toBe(200);
    h.run(60_000);
    expect(names(h, 'web')).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    update(h, `${STS_PATH}/web`, (s: StatefulSetView) => (s.spec.replicas = 3));
    h.run(90_000);
    expect(names(h, 'web')).toEqual(['web-0', 'web-1', 'web-2']);
    const deletes = h.events('StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual(['SuccessfulDelete: delete Pod web-4 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-3 in StatefulSet web successful']);
  });

  it('with Parallel, creates every pod at once', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('par', 3, { podManagementPolicy: 'Parallel' }) });
    h.run(1_000);
    expect(names(h, 'par')).toEqual(['par-0', 'par-1', 'par-2']);
  });

  it('rolls an update from the highest ordinal down, and stops at the partition', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('web', 3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }) });
    h.run(60_000);
    const first = h.get<StatefulSetView>(`${STS_PATH}/web`).status?.currentRevision;
    expect(setImage(h, 'web', 'nginx:1.27')).toBe(200);
    h.run(120_000);
    const set = h.get<StatefulSetView>(`${STS_PATH}/web`);
    const updateRevision = set.status?.updateRevision;
    expect(updateRevision).not.toBe(first);
    const revisionOf = (n: string) => h.get<PodView>(`${PODS_PATH}/${n}`).metadata.labels?.['controller-revision-hash'];
    expect(['web-0', 'web-1', 'web-2'].map(revisionOf)).toEqual([first, updateRevision, updateRevision]);
    const deletes = h.events('StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
    expect(set.status).toMatchObject({ currentRevision: first, currentReplicas: 1, updatedReplicas: 2 });
    // Partition 0: the last one rolls and the update revision becomes current.
    update(h, `${STS_PATH}/web`, (s: StatefulSetView) => {
      s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    });
    h.run(60_000);
    expect(revisionOf('web-0')).toBe(updateRevision);
    expect(h.get<StatefulSetView>(`${STS_PATH}/web`).status).toMatchObject({ currentRevision: updateRevision, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('with OnDelete, makes a deleted pod again from the new template and leaves the others', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('web', 2, { updateStrategy: { type: 'OnDelete' } }) });
    h.run(40_000);
    const first = h.get<StatefulSetView>(`${STS_PATH}/web`).status?.currentRevision;
    setImage(h, 'web', 'nginx:1.27');
    h.run(30_000);
    expect(h.events('StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([]);
    expect(call(h.cluster, h.admin, 'DELETE', `${PODS_PATH}/web-1`).code).toBe(200);
    h.run(60_000);
    const set = h.get<StatefulSetView>(`${STS_PATH}/web`);
    expect(h.get<PodView>(`${PODS_PATH}/web-1`).metadata.labels?.['controller-revision-hash']).toBe(set.status?.updateRevision);
    expect(h.get<PodView>(`${PODS_PATH}/web-0`).metadata.labels?.['controller-revision-hash']).toBe(first);
    expect(set.status).toMatchObject({ currentRevision: first, currentReplicas: 1, updatedReplicas: 1 });
  });

  it('gives each pod its claim volume <template>-<set>-<ordinal> (no claims are made: PVCs are not served)', () => {
    const h = harness();
    const body = statefulSet('web', 1, { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] });
    expect(call(h.cluster, h.admin, 'POST', STS_PATH, { body }).code).toBe(201);
    h.run(10_000);
    const pod = h.get<PodView>(`${PODS_PATH}/web-0`);
    expect(pod.spec?.['volumes']).toEqual(expect.arrayContaining([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]));
    // Without its claim it is never scheduled, and OrderedReady never gets to web-1.
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(names(h, 'web')).toEqual(['web-0']);
  });

  it('records FailedCreate when the apiserver refuses a pod, and creates nothing after it', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', STS_PATH, { body: statefulSet('bad', 3, {}, { serviceAccountName: 'nope' }) });
    h.run(5_000);
    const events = h.events('StatefulSet', 'bad');
    expect(events[0]).toBe('FailedCreate: create Pod bad-0 in StatefulSet bad failed error: pods "bad-0" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found');
    expect(names(h, 'bad')).toEqual([]);
    expect(h.get<StatefulSetView>(`${STS_PATH}/bad`).status).toMatchObject({ replicas: 0, availableReplicas: 0 });
  });
});
