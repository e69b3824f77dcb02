import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../api/http';
import { parseRequestInfo } from './request-info';

describe('parseRequestInfo (RequestInfoFactory)', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', 'list', '', 'default', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/default/pods/web', 'get', '', 'default', 'pods', 'web', ''],
    ['GET', '/api/v1/namespaces/default/pods?watch=true', 'watch', '', 'default', 'pods', '', ''],
    ['GET', '/api/v1/watch/namespaces/default/pods', 'watch', '', 'default', 'pods', '', ''],
    ['POST', '/api/v1/namespaces/default/pods', 'create', '', 'default', 'pods', '', ''],
    ['POST', '/api/v1/namespaces/default/pods/web/binding', 'create', '', 'default', 'pods', 'web', 'binding'],
    ['PUT', '/api/v1/namespaces/default/pods/web/status', 'update', '', 'default', 'pods', 'web', 'status'],
    ['PATCH', '/apis/apps/v1/namespaces/prod/deployments/api/scale', 'patch', 'apps', 'prod', 'deployments', 'api', 'scale'],
    ['DELETE', '/api/v1/namespaces/default/pods', 'deletecollection', '', 'default', 'pods', '', ''],
    ['DELETE', '/api/v1/namespaces/default/pods/web', 'delete', '', 'default', 'pods', 'web', ''],
    ['GET', '/api/v1/nodes', 'list', '', '', 'nodes', '', ''],
    ['GET', '/api/v1/namespaces', 'list', '', '', 'namespaces', '', ''],
    ['GET', '/api/v1/namespaces/kube-system', 'get', '', 'kube-system', 'namespaces', 'kube-system', ''],
    ['PUT', '/api/v1/namespaces/lab/finalize', 'update', '', 'lab', 'namespaces', 'lab', 'finalize'],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view', 'get', 'rbac.authorization.k8s.io', '', 'clusterroles', 'view', ''],
    // A list or watch by metadata.name names the object (the kubelet's ConfigMap and Secret watches).
    ['GET', '/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dspecial-config', 'list', '', 'default', 'configmaps', 'special-config', ''],
    ['GET', '/api/v1/namespaces/default/secrets?watch=true&fieldSelector=metadata.name%3D%3Dcreds', 'watch', '', 'default', 'secrets', 'creds', ''],
    ['GET', '/api/v1/namespaces/default/secrets?fieldSelector=metadata.name%3Da,type%3Db', 'list', '', 'default', 'secrets', '', ''],
    ['GET', '/api/v1/namespaces/default/secrets?fieldSelector=metadata.name!%3Da', 'list', '', 'default', 'secrets', '', ''],
  ])('%s %s', (method, url, verb, group, ns, resource, name, sub) => {
    const [path, q] = url.split('?');
    const info = parseRequestInfo(method as HttpMethod, path as string, new URLSearchParams(q ?? ''));
    expect(info).toMatchObject({ isResourceRequest: true, verb, apiGroup: group, namespace: ns, resource, name, subresource: sub });
  });

  it.each(['/healthz', '/version', '/api', '/apis', '/api/v1', '/apis/apps'])('%s is not a resource request', (path) => {
    const info = parseRequestInfo('GET', path, new URLSearchParams());
    expect(info.isResourceRequest).toBe(false);
    expect(info.verb).toBe('get');
  });
});
