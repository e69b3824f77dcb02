/**
 * One resource as kustomize carries it through a build (api/resource.Resource): the object, the
 * names and namespaces it has had (its original id and its current one, which patch targets,
 * replicas and name references match against), and whether it is a generated ConfigMap or
 * Secret still to get its content-hash suffix. Also its ResId as kustomize prints it in errors
 * (kyaml/resid: `Kind.version.group/name.namespace`).
 */
import { resourceForKind } from '../../../../sim/api/resources';

export type KObject = Record<string, unknown>;

export interface Resource {
  object: KObject;
  /** Every name it has had, the original first and the current last. */
  readonly names: string[];
  readonly originalNamespace: string | undefined;
  /** A generator's output that gets `-<hash>` once the whole build is done. */
  needsHash: boolean;
  /** configMapGenerator / secretGenerator behavior: create, merge or replace. */
  readonly behavior?: string;
}

export const isMap = (v: unknown): v is KObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function metadataOf(o: KObject): KObject {
  if (!isMap(o['metadata'])) o['metadata'] = {};
  return o['metadata'] as KObject;
}

export const kindOf = (o: KObject): string => (typeof o['kind'] === 'string' ? o['kind'] : '');
export const nameOf = (o: KObject): string => (isMap(o['metadata']) && typeof o['metadata']['name'] === 'string' ? o['metadata']['name'] : '');
export const namespaceOf = (o: KObject): string | undefined => (isMap(o['metadata']) && typeof o['metadata']['namespace'] === 'string' ? o['metadata']['namespace'] : undefined);

/** resid.ParseGroupVersion. */
export function groupVersionOf(o: KObject): { group: string; version: string } {
  const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) } : { group: '', version: apiVersion };
}

/** Gvk.IsClusterScoped: known to be cluster-scoped; a kind the schema does not know is namespaced. */
export function isClusterScoped(o: KObject): boolean {
  const info = resourceForKind(typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '', kindOf(o));
  return info !== undefined && !info.namespaced;
}

export function newResource(object: KObject, needsHash = false, behavior?: string): Resource {
  return { object, names: [nameOf(object)], originalNamespace: namespaceOf(object), needsHash, ...(behavior ? { behavior } : {}) };
}

/** Set the current name, remembering the one it replaces. */
export function rename(r: Resource, name: string): void {
  metadataOf(r.object)['name'] = name;
  r.names.push(name);
}

/** Gvk.String: `Kind.version.group`, an empty part as `[noKind]`, `[noVer]`, `[noGrp]`. */
export function gvkString(kind: string, version: string, group: string): string {
  return `${kind || '[noKind]'}.${version || '[noVer]'}.${group || '[noGrp]'}`;
}

/** ResId.String of the resource's current id. */
export function resIdString(o: KObject): string {
  const { group, version } = groupVersionOf(o);
  return `${gvkString(kindOf(o), version, group)}/${nameOf(o) || '[noName]'}.${namespaceOf(o) || '[noNs]'}`;
}

/** ResId.EffectiveNamespace. */
export function effectiveNamespace(o: KObject): string {
  if (isClusterScoped(o)) return '_non_namespaceable_';
  return namespaceOf(o) || 'default';
}
