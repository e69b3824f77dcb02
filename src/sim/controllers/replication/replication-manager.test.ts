/**
 * The replication manager in a running cluster: the ReplicaSet controller's logic over
 * ReplicationControllers, with the RC's own identity, events, owner references and status path;
 * and what the apiserver does with an RC (defaulting, validation, its scale subresource).
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';
import type { PodView } from '../controller-utils/types';

const RC_PATH = '/api/v1/namespaces/default/replicationcontrollers';

function rc(name: string, replicas: number, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...spec },
  };
}

interface RCView extends KubeObject {
  spec: { replicas: number; selector: Record<string, string> };
  status?: Record<string, unknown>;
}

describe('replication manager', () => {
  it('creates spec.replicas pods named <rc>-<5 chars>, controlled by the RC, as replication-controller, and writes the RC status', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', RC_PATH, { body: rc('web', 3) }).code).toBe(201);
    h.run(30_000);
    const got = h.get<RCView>(`${RC_PATH}/web`);
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata['ownerReferences']).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: got.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(got.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(h.events('ReplicationController', 'web')).toEqual(expect.arrayContaining([expect.stringMatching(/^SuccessfulCreate: Created pod: web-[a-z0-9]{5}$/)]));
    const writers = new Set(
      h.cluster.apiserver.audit
        .recent(3000)
        .filter((r) => (r.verb === 'create' && r.objectRef?.resource === 'pods' && !r.objectRef.subresource) || (r.objectRef?.subresource === 'status' && r.objectRef.resource === 'replicationcontrollers'))
        .map((r) => r.user?.name),
    );
    expect([...writers]).toEqual(['system:serviceaccount:kube-system:replication-controller']);
  });

  it('scales through the scale subresource, which reports the selector map, and deletes the surplus', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', RC_PATH, { body: rc('web', 3) });
    h.run(30_000);
    const scale = call(h.cluster, h.admin, 'GET', `${RC_PATH}/web/scale`);
    expect(scale.body).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=web' } });
    expect(call(h.cluster, h.admin, 'PATCH', `${RC_PATH}/web/scale`, { body: { spec: { replicas: 1 } }, contentType: 'application/merge-patch+json' }).code).toBe(200);
    h.run(40_000);
    expect(h.list<PodView>(PODS_PATH)).toHaveLength(1);
    expect(h.events('ReplicationController', 'web').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(2);
  });

  it('adopts a matching orphan pod instead of creating one more', () => {
    const h = harness();
    const orphan = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    expect(call(h.cluster, h.admin, 'POST', PODS_PATH, { body: orphan }).code).toBe(201);
    call(h.cluster, h.admin, 'POST', RC_PATH, { body: rc('web', 2) });
    h.run(30_000);
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods).toHaveLength(2);
    expect(pods.find((p) => p.metadata.name === 'stray')?.metadata['ownerReferences']).toMatchObject([{ kind: 'ReplicationController', name: 'web' }]);
  });

  it('defaults the selector, labels and replicas from the template (SetDefaults_ReplicationController)', () => {
    const h = harness();
    const body = rc('web', 0);
    body['spec'] = { template: (body['spec'] as { template: unknown }).template };
    const created = call(h.cluster, h.admin, 'POST', RC_PATH, { body });
    expect(created.code).toBe(201);
    expect(created.body).toMatchObject({ metadata: { labels: { app: 'web' }, generation: 1 }, spec: { replicas: 1, selector: { app: 'web' } } });
  });

  it('refuses an RC whose selector does not select its template, or whose template restarts on failure, in upstream words', () => {
    const h = harness();
    const mismatch = call(h.cluster, h.admin, 'POST', RC_PATH, { body: rc('web', 1, { selector: { app: 'other' } }) });
    expect(mismatch.code).toBe(422);
    expect((mismatch.body as { message: string }).message).toBe(
      'ReplicationController "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    const onFailure = rc('web', 1);
    (onFailure['spec'] as { template: { spec: Record<string, unknown> } }).template.spec['restartPolicy'] = 'OnFailure';
    const refused = call(h.cluster, h.admin, 'POST', RC_PATH, { body: onFailure });
    expect((refused.body as { message: string }).message).toBe('ReplicationController "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
    const negative = call(h.cluster, h.admin, 'POST', RC_PATH, { body: rc('web', -1) });
    expect((negative.body as { message: string }).message).toBe('ReplicationController "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const noTemplate = call(h.cluster, h.admin, 'POST', RC_PATH, { body: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } } });
    expect((noTemplate.body as { message: string }).message).toBe('ReplicationController "web" is invalid: spec.template: Required value');
    const noSelector = call(h.cluster, h.admin, 'POST', RC_PATH, { body: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } });
    expect((noSelector.body as { message: string }).message).toBe('ReplicationController "web" is invalid: spec.selector: Required value');
    expect(h.list(RC_PATH)).toEqual([]);
  });
});
