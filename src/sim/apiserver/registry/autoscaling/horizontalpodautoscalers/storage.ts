/**
 * HorizontalPodAutoscalers (pkg/registry/autoscaling/horizontalpodautoscaler): stored as
 * autoscaling/v2 and served as v2 and v1. A request to the v1 path is converted at this storage,
 * as the apiserver's codec converts through the internal version: a v1 body becomes v2 before
 * the registry defaults, validates and stores it, and every object answered goes back to v1
 * (a list's items too). A new HPA's status is empty (desiredReplicas 0) until the HPA
 * controller writes one. A v1 patch is applied to the v2 object as sent; a v1 watch streams v2
 * objects: the simulation converts only whole-object requests.
 */
import { HPA_V1, hpaV1ToV2, hpaV2ToV1 } from '../../../../api/autoscaling/hpa-conversion';
import type { KubeObject } from '../../../../api/kube-object';
import { resourceByPlural } from '../../../../api/resources';
import type { GenericRegistry } from '../../generic-registry';
import type { RequestContext } from '../../request-context';
import { genericStorage, type RestResponder, type RestStorage, type ResourceRegistration } from '../../rest-storage';

const RESOURCE = 'horizontalpodautoscalers';

/** An object or list answered on the v1 path, in v1. */
function toV1(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const o = body as KubeObject & { items?: unknown[] };
  if (o.kind === 'HorizontalPodAutoscaler') return hpaV2ToV1(o);
  if (o.kind === 'HorizontalPodAutoscalerList') return { ...o, apiVersion: HPA_V1, items: (o.items ?? []).map((i) => hpaV2ToV1(i as KubeObject)) };
  return body;
}

/** The generic storage, with requests on the v1 path converted in and out. */
function versionedStorage(registry: GenericRegistry): RestStorage {
  const generic = genericStorage(registry);
  const stored = resourceByPlural(RESOURCE);
  const out: Record<string, RestStorage[keyof RestStorage]> = {};
  for (const [verb, handler] of Object.entries(generic)) {
    out[verb] = (ctx: RequestContext, request, respond: RestResponder) => {
      if (!handler) return;
      if (!stored || ctx.resource.version === stored.version) return handler(ctx, request, respond);
      const isObject = typeof request.body === 'object' && request.body !== null && (request.body as KubeObject).kind === 'HorizontalPodAutoscaler';
      const body = (verb === 'create' || verb === 'update') && isObject ? hpaV1ToV2({ ...(request.body as KubeObject), apiVersion: (request.body as KubeObject).apiVersion ?? HPA_V1 }) : request.body;
      handler({ ...ctx, resource: stored }, { ...request, body }, {
        reply: (code, answer) => respond.reply(code, toV1(answer)),
        answer: (code, map) => respond.answer(code, (value) => toV1(map ? map(value as never) : value)),
      });
    };
  }
  return out as RestStorage;
}

export const horizontalpodautoscalers: ResourceRegistration = {
  resource: RESOURCE,
  // PrepareForCreate clears the status: desiredReplicas is the one field v2 always prints.
  strategy: { initialStatus: () => ({ desiredReplicas: 0 }) },
  storage: ({ registry }) => ({
    [RESOURCE]: versionedStorage(registry),
    [`${RESOURCE}/status`]: versionedStorage(registry),
  }),
};
