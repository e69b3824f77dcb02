/**
 * RequestInfo from a URL and an HTTP method, as k8s.io/apiserver's RequestInfoFactory does it:
 * /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}, /apis/{group}/{version}/..., the
 * verb from the method (GET on a collection is list, ?watch=true is watch, DELETE on a
 * collection is deletecollection), and non-resource paths (/healthz, /version, /api).
 */
import type { HttpMethod } from '../api/http';
import type { RequestInfo } from './request-types';
import type { RequestQuery } from './registry/request-context';

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: HttpMethod, rawPath: string, query: RequestQuery): RequestInfo {
  const path = rawPath.split('?')[0] ?? rawPath;
  const parts = path.replace(/^\/+|\/+$/g, '').split('/').filter(Boolean);
  const nonResource = (): RequestInfo => ({
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts,
  });
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis') return nonResource();
  let rest = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (rest.length < 1) return nonResource();
    apiGroup = rest[0] as string;
    rest = rest.slice(1);
  }
  if (rest.length < 1) return nonResource();
  const apiVersion = rest[0] as string;
  rest = rest.slice(1);
  if (rest.length === 0) return nonResource();

  let verb = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method];
  // Legacy /watch/ prefix: /api/v1/watch/namespaces/x/pods
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      namespace = rest[1] as string;
      // /namespaces/{name} and /namespaces/{name}/status are the namespace object itself.
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] as string)) rest = rest.slice(2);
    }
  }
  const resource = rest[0] ?? '';
  let name = rest[1] ?? '';
  const subresource = rest[2] ?? '';
  const isCollection = name === '';
  if (verb === 'get' && isCollection) {
    verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    // A list or watch of one object by `fieldSelector=metadata.name=X` names it (as upstream),
    // which is how the Node authorizer lets a kubelet watch one ConfigMap or Secret.
    const byName = /^metadata\.name==?([^,=!]+)$/.exec(query.get('fieldSelector') ?? '');
    if (byName?.[1] && /^[a-z0-9.-]+$/i.test(byName[1])) name = byName[1];
  }
  if (verb === 'delete' && isCollection) verb = 'deletecollection';
  // For the namespaces resource itself, the namespace field is its name (as upstream does).
  return {
    isResourceRequest: true,
    path,
    verb,
    apiPrefix: prefix,
    apiGroup,
    apiVersion,
    namespace: resource === 'namespaces' ? name : namespace,
    resource,
    subresource,
    name,
    parts: rest,
  };
}
