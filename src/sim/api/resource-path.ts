/**
 * REST paths of the API as client-go builds them: /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}.
 * The URL layout belongs to the API, so both the client package and the apiserver's own loopback
 * writes (its post-start hooks) build paths here.
 */
import type { ResourceInfo } from './resources';

export interface PathParts {
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
  readonly query?: Record<string, string | undefined>;
}

export function resourcePath(info: ResourceInfo, parts: PathParts = {}): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  let path = base;
  if (info.namespaced && parts.namespace) path += `/namespaces/${parts.namespace}`;
  path += `/${info.resource}`;
  if (parts.name) path += `/${parts.name}`;
  if (parts.subresource) path += `/${parts.subresource}`;
  // Most requests carry no query: no entries to list, filter and sort.
  if (parts.query === undefined) return path;
  // url.Values.Encode sorts by key: `?continue=...&limit=500`, as client-go sends it.
  const query = Object.entries(parts.query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (query.length) path += `?${new URLSearchParams(query).toString()}`;
  return path;
}
