/**
 * A list with a continue token, of a resource the watch cache serves: the cacher hands it to
 * storage (shouldDelegateList), whose ValidateListOptions refuses another resourceVersion with
 * it (400) and pages from the token's own revision when the resourceVersion is "" or "0".
 */
import { describe, expect, it } from 'vitest';
import { call, startedCluster, userClient } from '../../testing/test-cluster';

const CM = '/api/v1/namespaces/default/configmaps';

type ListBody = { metadata: { continue?: string; resourceVersion?: string }; items: { metadata: { name?: string } }[] };

describe('a continued list of a cached resource', () => {
  it('pages from the token with resourceVersion "" or "0", and refuses any other resourceVersion', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    for (const name of ['a', 'b', 'c', 'd']) expect(call(cluster, admin, 'POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } } }).code).toBe(201);
    const first = call(cluster, admin, 'GET', `${CM}?limit=2`).body as ListBody;
    const names = (b: unknown) => (b as ListBody).items.map((i) => i.metadata.name).filter((n) => n !== 'kube-root-ca.crt');
    const token = first.metadata.continue ?? '';
    expect(token).not.toBe('');
    for (const rv of ['', '&resourceVersion=0']) {
      const next = call(cluster, admin, 'GET', `${CM}?limit=2&continue=${token}${rv}`);
      expect(next.code).toBe(200);
      expect((next.body as ListBody).metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      expect(names(next.body).length).toBeGreaterThan(0);
      expect(names(next.body)).not.toContain(names(first)[0]);
    }
    const refused = call(cluster, admin, 'GET', `${CM}?limit=2&continue=${token}&resourceVersion=${first.metadata.resourceVersion ?? ''}`);
    expect(refused.code).toBe(400);
    expect((refused.body as { message: string }).message).toBe('specifying resource version is not allowed when using continue');
  });
});
