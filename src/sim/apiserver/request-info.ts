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

const VERBS: Readonly<Record<HttpMethod, string>> = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

export function parseRequestInfo(method: HttpMethod, rawPath: string, query: RequestQuery): RequestInfo {
  const path = rawPath.split('?')[0] ?? rawPath;
  // Empty segments (leading, trailing or doubled slashes) dropped, as trimming the slashes first would.
  const parts = path.split('/').filter(Boolean);
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
  // `at` is where the rest of the path starts: indices into parts instead of slices of it.
  let at = 1;
  let apiGroup = '';
  if (prefix === 'apis') {
    if (parts.length - at < 1) return nonResource();
    apiGroup = parts[at] as string;
    at++;
  }
  if (parts.length - at < 1) return nonResource();
  const apiVersion = parts[at] as string;
  at++;
  if (parts.length - at === 0) return nonResource();

  let verb = VERBS[method];
  // Legacy /watch/ prefix: /api/v1/watch/namespaces/x/pods
  if (parts[at] === 'watch') {
    verb = 'watch';
    at++;
  }
  let namespace = '';
  if (parts[at] === 'namespaces') {
    if (parts.length - at > 1) {
      namespace = parts[at + 1] as string;
      // /namespaces/{name} and /namespaces/{name}/status are the namespace object itself.
      if (parts.length - at > 2 && !NAMESPACE_SUBRESOURCES.has(parts[at + 2] as string)) at += 2;
    }
  }
  const resource = parts[at] ?? '';
  let name = parts[at + 1] ?? '';
  const subresource = parts[at + 2] ?? '';
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
    parts: parts.slice(at),
  };
}
