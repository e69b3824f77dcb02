/**
 * `dryRun=All` goes through every stage but the write, for each mutating verb; a DELETE takes it
 * from the DeleteOptions body too, where kubectl's helper puts it. The object read back afterwards
 * is unchanged and etcd's revision has not moved.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { makeConfigMap } from '../../testing/builders';
import { call, startedCluster, userClient } from '../../testing/test-cluster';

const CMS = '/api/v1/namespaces/default/configmaps';

function setUp() {
  const cluster = startedCluster();
  const admin = userClient(cluster);
  expect(call(cluster, admin, 'POST', CMS, { body: makeConfigMap('one', { a: '1' }) }).code).toBe(201);
  const revision = () => cluster.etcd.status().header.revision;
  const readBack = () => call(cluster, admin, 'GET', `${CMS}/one`);
  return { cluster, admin, revision, readBack };
}

describe('dry run changes nothing', () => {
  it('DELETE with dryRun in the DeleteOptions body answers the object and keeps it', () => {
    const { cluster, admin, revision, readBack } = setUp();
    const before = revision();
    const r = call(cluster, admin, 'DELETE', `${CMS}/one`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'], propagationPolicy: 'Background' } });
    expect(r.code).toBe(200);
    expect(revision()).toBe(before);
    expect(readBack().code).toBe(200);
  });

  it('DELETE with ?dryRun=All keeps the object; without it the object goes', () => {
    const { cluster, admin, revision, readBack } = setUp();
    const before = revision();
    expect(call(cluster, admin, 'DELETE', `${CMS}/one?dryRun=All`).code).toBe(200);
    expect(revision()).toBe(before);
    expect(readBack().code).toBe(200);
    expect(call(cluster, admin, 'DELETE', `${CMS}/one`).code).toBe(200);
    expect(readBack().code).toBe(404);
  });

  it('create, update and patch with ?dryRun=All answer the would-be object and store nothing', () => {
    const { cluster, admin, revision, readBack } = setUp();
    const before = revision();
    expect(call(cluster, admin, 'POST', `${CMS}?dryRun=All`, { body: makeConfigMap('two') }).code).toBe(201);
    expect(call(cluster, admin, 'GET', `${CMS}/two`).code).toBe(404);
    const current = readBack().body as KubeObject;
    const updated = call(cluster, admin, 'PUT', `${CMS}/one?dryRun=All`, { body: { ...current, data: { a: '2' } } });
    expect((updated.body as { data: Record<string, string> }).data).toEqual({ a: '2' });
    const patched = call(cluster, admin, 'PATCH', `${CMS}/one?dryRun=All`, { body: { data: { b: '3' } }, contentType: 'application/merge-patch+json' });
    expect((patched.body as { data: Record<string, string> }).data).toEqual({ a: '1', b: '3' });
    expect(revision()).toBe(before);
    expect((readBack().body as { data: Record<string, string> }).data).toEqual({ a: '1' });
  });
});
