/**
 * The REST calls kubectl's verbs make, as client-go would: GET, LIST with selectors, and the
 * objects they return with apiVersion and kind filled in (the apiserver leaves them off list
 * items; kubectl's printers need them).
 */
import { apiVersionOf, type ResourceInfo } from '../../../sim/api/resources';
import type { ApiResponse } from '../../../sim/api/http';
import { resourcePath } from '../../../sim/client/resource-path';
import type { KubeObject } from '../../../sim/api/kube-object';
import { stringFlag } from './flags';
import type { KubectlContext } from './kubectl-context';

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: ApiResponse };

export interface ObjectList {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
}

export function withTypeMeta(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (obj.apiVersion && obj.kind) return obj;
  return { ...obj, apiVersion: obj.apiVersion || apiVersionOf(info), kind: obj.kind || info.kind };
}

export function getObject(ctx: KubectlContext, info: ResourceInfo, namespace: string | undefined, name: string): ApiResult<KubeObject> {
  const r = ctx.request('GET', resourcePath(info, { namespace: info.namespaced ? namespace : undefined, name }));
  return r.code === 200 ? { ok: true, value: withTypeMeta(info, r.body as KubeObject) } : { ok: false, response: r };
}

export function listObjects(
  ctx: KubectlContext,
  info: ResourceInfo,
  namespace: string | undefined,
  query: Record<string, string | undefined> = {},
): ApiResult<ObjectList> {
  // kubectl lists in chunks of --chunk-size (500), following `continue` until the list ends;
  // --chunk-size=0 lists in one request, with no limit.
  const size = stringFlag(ctx.flags, 'chunk-size') ?? CHUNK_SIZE;
  const chunk = size === '0' ? undefined : size;
  const items: KubeObject[] = [];
  let resourceVersion = '';
  let next: string | undefined;
  do {
    const r = ctx.request('GET', resourcePath(info, { namespace: info.namespaced ? namespace : undefined, query: { ...query, limit: chunk, continue: next } }));
    if (r.code !== 200) return { ok: false, response: r };
    const body = r.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
    items.push(...(body.items ?? []).map((o) => withTypeMeta(info, o)));
    resourceVersion = body.metadata?.resourceVersion ?? '';
    next = body.metadata?.continue || undefined;
  } while (next);
  return { ok: true, value: { items, resourceVersion } };
}

const CHUNK_SIZE = '500';

/** `pod/web`, `deployment.apps/web`: what `-o name` and the verbs' messages print. */
export function objectRef(info: ResourceInfo, name: string): string {
  return `${kindRef(info)}/${name}`;
}

/** `pod`, `deployment.apps`: the kind as kubectl names it in messages. */
export function kindRef(info: ResourceInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}
