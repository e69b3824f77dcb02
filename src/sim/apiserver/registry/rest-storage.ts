/**
 * The REST storage a path is served by (k8s.io/apiserver pkg/registry/rest): per verb, a handler
 * that answers a request. The apiserver keeps ONE map of them keyed as upstream's storage map is,
 * `pods`, `pods/binding`, `pods/status`, `deployments/scale`..., built from each resource's
 * folder; its dispatch is a lookup in that map. A path the map has no entry for is the generic
 * registry's (a main resource) or a 404 (a subresource), and a verb its storage lacks is a 405.
 */
import type { Engine } from '../../engine';
import type { Network } from '../../network/network';
import type { KubeObject } from '../../api/kube-object';
import type { ApiRequest } from '../../api/http';
import type { RuleResolver } from '../authorization/rule-resolver';
import type { Authorizer } from '../request-types';
import type { Etcd3Store } from '../storage/etcd3-store';
import type { Done, GenericRegistry } from './generic-registry';
import type { KubeletConnections } from './core/pods/log';
import type { RequestContext } from './request-context';
import type { ResourceStrategy } from './strategy';

/** How a handler answers: a body as it is, or a registry result (mapped on success). */
export interface RestResponder {
  reply(code: number, body: unknown): void;
  answer<T>(code: number, map?: (value: T) => unknown): Done<T>;
}

export type RestHandler = (ctx: RequestContext, request: ApiRequest, respond: RestResponder) => void;

export const REST_VERBS = ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export type RestVerb = (typeof REST_VERBS)[number];

/** The verbs a path serves (rest.Getter, rest.Creater, rest.Updater... upstream). */
export type RestStorage = { readonly [V in RestVerb]?: RestHandler };

/** The handler a storage has for a request's verb, if it serves that verb. */
export function handlerFor(storage: RestStorage, verb: string): RestHandler | undefined {
  return (REST_VERBS as readonly string[]).includes(verb) ? storage[verb as RestVerb] : undefined;
}

/** What a resource's storage may use of the apiserver that serves it. */
export interface StorageDeps {
  readonly engine: Engine;
  readonly network: Network;
  readonly store: Etcd3Store;
  readonly registry: GenericRegistry;
  /** The kubelets the apiserver reaches on :10250, once the cluster has connected them. */
  kubelets(): KubeletConnections | undefined;
  readonly authorizer: Authorizer;
  readonly ruleResolver: RuleResolver | undefined;
}

/**
 * One resource's folder, registered with one line in storage-providers.ts: its strategy, and the
 * storage of the paths it serves beyond the generic registry (its subresources, keyed
 * `<resource>/<subresource>`, or the resource itself when it is not stored, as the reviews).
 */
export interface ResourceRegistration {
  readonly resource: string;
  readonly strategy?: ResourceStrategy;
  storage?(deps: StorageDeps): Readonly<Record<string, RestStorage>>;
}

/** The metav1.Status a subresource create answers with (a binding, an eviction). */
export function successStatus(code: number): () => unknown {
  return () => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });
}

/** The same request, addressed to the main resource (a subresource's handler reads or writes the object). */
export function onMainResource(ctx: RequestContext): RequestContext {
  return { ...ctx, info: { ...ctx.info, subresource: '' }, writeSubresource: ctx.writeSubresource ?? ctx.info.subresource };
}

/**
 * The generic registry's verbs (store.go): what a main resource with no storage of its own is
 * served by, and the status subresource (the registry keeps status apart from the rest itself).
 */
export function genericStorage(registry: GenericRegistry): RestStorage {
  return {
    get: (ctx, _request, respond) => registry.get(ctx, respond.answer(200)),
    list: (ctx, _request, respond) => registry.list(ctx, respond.answer(200)),
    create: (ctx, request, respond) => registry.create(ctx, request.body, respond.answer(201)),
    update: (ctx, request, respond) => registry.update(ctx, request.body, respond.answer(200)),
    patch: (ctx, request, respond) => registry.patch(ctx, request.body, request.contentType, respond.answer(200)),
    delete: (ctx, request, respond) => {
      const body = (request.body ?? {}) as { gracePeriodSeconds?: number; preconditions?: { resourceVersion?: string; uid?: string }; dryRun?: unknown; propagationPolicy?: string; orphanDependents?: boolean };
      const propagationPolicy = ctx.query.get('propagationPolicy') ?? body.propagationPolicy;
      const grace = ctx.query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
      // kubectl's helper puts dryRun in the DeleteOptions body, not the query.
      const dryRun = ctx.dryRun || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
      registry.delete(
        { ...ctx, dryRun },
        {
          ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
          ...(body.preconditions?.resourceVersion ? { preconditionRV: body.preconditions.resourceVersion } : {}),
          ...(body.preconditions?.uid ? { preconditionUID: body.preconditions.uid } : {}),
          ...(propagationPolicy ? { propagationPolicy } : {}),
          ...(typeof body.orphanDependents === 'boolean' ? { orphanDependents: body.orphanDependents } : {}),
        },
        respond.answer<KubeObject>(200),
      );
    },
    deletecollection: (ctx, _request, respond) => registry.deleteCollection(ctx, respond.answer(200)),
  };
}
