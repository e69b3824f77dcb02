/**
 * The apiserver's one storage map (`pods/binding`, `deployments/scale`...) is what its dispatch
 * looks requests up in: every entry answers the requests of its path and verbs, a subresource
 * with no entry is a 404, a verb an entry lacks is a 405, and the map's subresources are the
 * ones discovery lists.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCES, resourceByPlural } from '../../api/resources';
import { resourcePath } from '../../api/resource-path';
import type { HttpMethod } from '../../api/http';
import type { Status } from '../../api/status';
import { call, startedCluster, userClient } from '../../testing/test-cluster';
import { REST_VERBS, type RestHandler, type RestVerb } from './rest-storage';
import { RESOURCE_REGISTRATIONS } from './storage-providers';

const METHOD: Record<RestVerb, HttpMethod> = {
  get: 'GET',
  list: 'GET',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

describe('the REST storage map', () => {
  it('holds exactly the subresources discovery lists, each under its own resource', () => {
    const { apiserver } = startedCluster();
    const declared = RESOURCES.flatMap((r) => r.subresources.map((s) => `${r.resource}/${s}`)).sort();
    const mapped = [...apiserver.storage.keys()].filter((k) => k.includes('/')).sort();
    expect(mapped).toEqual(declared);
    for (const registration of RESOURCE_REGISTRATIONS) expect(resourceByPlural(registration.resource), registration.resource).toBeDefined();
  });

  it('is what dispatch uses: every entry and verb answers through its own handler', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const answered: string[] = [];
    const expected: string[] = [];
    for (const [key, storage] of cluster.apiserver.storage) {
      const [plural = '', subresource = ''] = key.split('/');
      const info = resourceByPlural(plural);
      if (!info) throw new Error(`no resource ${plural}`);
      const handlers = storage as Record<string, RestHandler>;
      for (const verb of REST_VERBS) {
        if (!handlers[verb]) continue;
        // A subresource is addressed on one object; list and deletecollection have no such path.
        if (subresource && (verb === 'list' || verb === 'deletecollection')) continue;
        const onObject = subresource !== '' || !['create', 'list', 'deletecollection'].includes(verb);
        handlers[verb] = (_ctx, _request, respond) => {
          answered.push(`${key} ${verb}`);
          respond.reply(200, { key, verb });
        };
        expected.push(`${key} ${verb}`);
        const path = resourcePath(info, { namespace: 'default', ...(onObject ? { name: 'web' } : {}), subresource });
        const response = call(cluster, admin, METHOD[verb], path, { body: {}, ...(verb === 'patch' ? { contentType: 'application/merge-patch+json' } : {}) });
        expect(response.code, `${METHOD[verb]} ${path}`).toBe(200);
        expect(response.body).toEqual({ key, verb });
      }
    }
    expect(answered).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['pods/binding create', 'pods/eviction create', 'pods/log get', 'pods/status update', 'deployments/scale patch', 'nodes/status patch', 'selfsubjectaccessreviews create']));
  });

  it('answers go-restful\'s 404 for a subresource it has no route for, and 405 for a verb an entry lacks', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const unknown = call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web/frobnicate');
    expect(unknown.code).toBe(404);
    expect(unknown.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', message: 'the server could not find the requested resource', code: 404 });
    const wrongVerb = call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/web/binding');
    expect(wrongVerb.code).toBe(405);
    expect((wrongVerb.body as Status).reason).toBe('MethodNotAllowed');
    expect((wrongVerb.body as Status).message).toBe('get is not supported on resources of kind "pods"');
  });
});
