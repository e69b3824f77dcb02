/**
 * kube-apiserver: every request of every component and user goes through here, in the real
 * filter order (RequestInfo -> authentication -> audit -> impersonation -> authorization ->
 * the REST handler with admission, validation and etcd), and each request leaves an audit
 * record of the stages it passed. It is the only part that talks to etcd (through
 * EtcdTransport); watches are served from its watch caches, except for the resources upstream
 * keeps no cache for (Events, cacher/watch-cache-sizes.ts), whose watches are etcd watches.
 *
 * Requests arrive from the simulated network (the client library sends them); answers go back
 * over it. Nothing here blocks: storage results come back by callback.
 */
import type { Engine } from '../engine';
import type { Etcd } from '../etcd';
import type { Network } from '../network/network';
import { RESOURCES, apiVersionOf, etcdKey, etcdPrefix, isStored, resourceAt, resourceByPlural, type ResourceInfo } from '../api/resources';
import { WatchCacheObjects, type UncachedStorage } from './authorization/stored-objects';
import { DECISION_ANNOTATION_KEY, REASON_ANNOTATION_KEY } from './authorization/union';
import { decodeKeyValue, JustWritten } from './storage/codec';
import { WatchCacheByKey } from './cacher/watch-cache-by-key';
import type { KubeObject } from '../api/kube-object';
import { withFields } from '../api/object-copy';
import { AdmissionChain } from './admission/chain';
import type { AdmissionContext, AdmissionPlugin } from './admission/types';
import type { AuditEvent, AuditObjectRef, AuditStage } from './audit/audit-event';
import { AuditLog } from './audit/audit-log';
import { auditObjectRef, authenticatedDetail } from './audit/request-audit';
import { SharedStages } from './audit/shared-stages';
import { DEFAULT_WATCH_CACHE_CAPACITY, WatchCache, type CacheEvent, type CacheWatcher } from './cacher/watch-cache';
import { indexedTriggerFor } from './cacher/indexed-trigger';
import { watchCacheEnabled } from './cacher/watch-cache-sizes';
import { EtcdWatcher, StorageObserver, type DeliverFromEtcd } from './storage/etcd-watcher';
import type { ClientWatchEvent, WatchHandle } from '../api/watch';
import { APISERVER, type ApiRequest, type ApiResponse, type ApiServerTransport, type Credentials } from '../api/http';
import { parseRequestInfo } from './request-info';
import type { AuthorizationAttributes, Authorizer, RequestInfo, UserInfo } from './request-types';
import { forbiddenStatusError } from './authorization/forbidden-message';
import { FieldPath, invalid } from '../api/field-errors';
import { prefixEnd } from '../etcd';
import { GenericRegistry, type Done } from './registry/generic-registry';
import type { KubeletConnections } from './registry/core/pods/log';
import { genericStorage, handlerFor, type RestResponder, type RestStorage } from './registry/rest-storage';
import { restStorageMap, strategyFor } from './registry/storage-providers';
import { nonResourceResponse } from './endpoints/non-resource';
import type { RuleResolver } from './authorization/rule-resolver';
import type { RequestContext, RequestQuery } from './registry/request-context';
import { selectionFromQuery } from './registry/selection';
import { Etcd3Store } from './storage/etcd3-store';
import { EtcdTransport } from './storage/etcd-transport';
import {
  newBadRequest,
  newForbiddenMessage,
  newInvalid,
  newMethodNotSupported,
  newNotFound,
  newUnauthorized,
  StatusError,
} from './status';
import type { Status } from '../api/status';

export type AuthenticationResult = { readonly user: UserInfo } | { readonly error: string };

export interface ApiServerAuth {
  authenticate(credentials: Credentials): AuthenticationResult;
  readonly authorizer: Authorizer;
  /** What a user may do in a namespace: SelfSubjectRulesReview. */
  readonly ruleResolver?: RuleResolver;
  /** Impersonation: the effective user, or a StatusError (Forbidden) when not allowed. */
  impersonate?(requester: UserInfo, target: { user: string; groups?: readonly string[] }): UserInfo;
}

export interface KubeApiServerOptions {
  readonly admissionPlugins?: readonly AdmissionPlugin[];
  /** Virtual ms between BOOKMARK events to watchers that asked for them; the cacher's is ~1 minute. */
  readonly bookmarkIntervalMs?: number;
}

export class KubeApiServer implements ApiServerTransport {
  readonly audit = new AuditLog();
  readonly caches = new Map<string, WatchCache>();
  readonly admission: AdmissionChain;
  private readonly store: Etcd3Store;
  private readonly registry: GenericRegistry;
  /** The REST storage of every path with its own (`pods/binding`, `deployments/scale`...), keyed as upstream's storage map. */
  readonly storage: ReadonlyMap<string, RestStorage>;
  /** What serves a main resource with no storage of its own: the generic registry's verbs. */
  private readonly genericStorage: RestStorage;
  private nextRequest = 1;
  private readonly cacheObservers = new Set<(resource: ResourceInfo, event: CacheEvent) => void>();
  /** The stored resources served without a watch cache (Events), by etcd prefix: one prefix may serve two groups. */
  private readonly uncached = new Map<string, ResourceInfo>();
  /** The etcd watches that feed the observers the uncached resources' changes, open while anyone observes. */
  private storageObservers: StorageObserver[] = [];
  private readonly transport: EtcdTransport;
  /** How a watch response from etcd reaches the apiserver: over the network, as a watch event. */
  private readonly deliverFromEtcd: DeliverFromEtcd;
  /** Reads of the uncached resources from etcd, for those that read the watch caches (views, admission). */
  readonly uncachedStorage: UncachedStorage;
  /** The kubelets the apiserver can reach on :10250 (logs), by node name; the cluster connects them. */
  private kubelets: KubeletConnections | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
    etcd: Etcd,
    private readonly auth: ApiServerAuth,
    options: KubeApiServerOptions = {},
  ) {
    const transport = new EtcdTransport(etcd, network);
    this.transport = transport;
    this.deliverFromEtcd = (label, deliver) => network.send('etcd', APISERVER, 'watch-event', label, deliver);
    for (const info of RESOURCES) {
      if (!isStored(info) || watchCacheEnabled(info)) continue;
      if (!this.uncached.has(etcdPrefix(info))) this.uncached.set(etcdPrefix(info), info);
    }
    const uncachedResources = new Set([...this.uncached.values()].map((info) => info.resource));
    const uncachedPrefixes = [...this.uncached.keys()];
    const written = new JustWritten((key) => !uncachedPrefixes.some((prefix) => key.startsWith(prefix)));
    // Synchronous reads, as the admission context's getLive: what an informer on the resource
    // would hold, without the informer (a simplification; nothing crosses the network).
    this.uncachedStorage = {
      isUncached: (resource) => uncachedResources.has(resource),
      read: (key, prefix) => etcd.range(prefix ? { key, rangeEnd: prefixEnd(key) } : { key }).kvs.map(decodeKeyValue),
      get revision() {
        return etcd.revision;
      },
    };
    for (const info of RESOURCES) {
      if (!isStored(info) || !watchCacheEnabled(info)) continue;
      const cache = new WatchCache(
        info.resource,
        etcdPrefix(info),
        { apiVersion: apiVersionOf(info), kind: info.kind },
        etcd,
        this.deliverFromEtcd,
        DEFAULT_WATCH_CACHE_CAPACITY,
        written,
        indexedTriggerFor(info.resource),
      );
      cache.onEvent((event) => {
        for (const observer of this.cacheObservers) observer(info, event);
      });
      this.caches.set(info.resource, cache);
    }
    const cachedByKey = new WatchCacheByKey(this.caches.values());
    this.store = new Etcd3Store(transport, written, (key) => cachedByKey.stored(key));
    // Plugins read the watch caches as upstream's read their informers' listers.
    const objects = new WatchCacheObjects(() => this.caches, () => this.uncachedStorage);
    const context: AdmissionContext = {
      get: (resource, namespace, name) => objects.get(resource, namespace, name),
      list: (resource, namespace) => [...objects.list(resource, namespace)],
      getLive: (resource, namespace, name) => {
        const info = resourceByPlural(resource);
        const kv = info ? etcd.range({ key: etcdKey(info, namespace, name) }).kvs[0] : undefined;
        return kv ? decodeKeyValue(kv) : undefined;
      },
      now: () => engine.now(),
      rng: engine.rng,
    };
    this.admission = new AdmissionChain(options.admissionPlugins ?? [], context);
    this.registry = new GenericRegistry(engine, this.store, this.caches, this.admission, strategyFor);
    this.genericStorage = genericStorage(this.registry);
    this.storage = restStorageMap({
      engine,
      network,
      store: this.store,
      registry: this.registry,
      kubelets: () => this.kubelets,
      authorizer: auth.authorizer,
      ruleResolver: auth.ruleResolver,
    });
    const bookmarkEvery = options.bookmarkIntervalMs ?? 60_000;
    const bookmark = () => {
      for (const cache of this.caches.values()) cache.sendBookmarks();
      engine.schedule(bookmarkEvery, 'kube-apiserver: watch cache bookmarks', bookmark);
    };
    engine.schedule(bookmarkEvery, 'kube-apiserver: watch cache bookmarks', bookmark);
  }

  /** How the apiserver reaches each node's kubelet (for `pods/log`), as --kubelet-* flags configure it. */
  connectKubelets(kubelets: KubeletConnections): void {
    this.kubelets = kubelets;
  }

  /**
   * Every change the watch caches see, in order: the page's watch stream. The resources without
   * a cache (Events) are followed by an etcd watch of the apiserver's own, opened with the first
   * observer and cancelled with the last, so an unobserved run (a benchmark) pays nothing for them.
   */
  observeCache(observer: (resource: ResourceInfo, event: CacheEvent) => void): () => void {
    this.cacheObservers.add(observer);
    if (this.cacheObservers.size === 1 && this.storageObservers.length === 0) {
      this.storageObservers = [...this.uncached].map(
        ([prefix, info]) =>
          new StorageObserver(this.transport, this.deliverFromEtcd, prefix, (event) => {
            for (const o of this.cacheObservers) o(info, event);
          }),
      );
    }
    return () => {
      if (!this.cacheObservers.delete(observer) || this.cacheObservers.size > 0) return;
      for (const o of this.storageObservers) o.stop();
      this.storageObservers = [];
    };
  }

  /** Whether the uncached resources' etcd watch for observers is open (tests, the page's debug view). */
  get observingStorage(): boolean {
    return this.storageObservers.length > 0;
  }

  /** Serve a non-watch request that arrived from `from`; the answer is sent back over the network. */
  handle(request: ApiRequest, from: string, respond: (response: ApiResponse) => void): void {
    const started = this.begin(request, from);
    if ('response' in started) return this.finish(started.audit, started.response, from, respond);
    const { ctx, audit } = started;
    const reply = (code: number, body: unknown) =>
      this.finish(audit, { code, body, auditID: audit.auditID, ...(ctx.warnings.length ? { warnings: ctx.warnings } : {}) }, from, respond);
    const answer = <T>(code: number, map: (value: T) => unknown = (v) => v): Done<T> => (r) => (r.ok ? reply(code, map(r.value)) : reply(r.error.code, r.error.status));
    try {
      this.dispatch(ctx, request, { reply, answer });
    } catch (error) {
      const status = error instanceof StatusError ? error : new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(error), reason: 'InternalError', code: 500 });
      reply(status.code, status.status);
    }
  }

  /**
   * The REST handler: the request's path is looked up in the storage map (`pods/binding`, or
   * `pods` for a resource with storage of its own), a main resource without an entry is the
   * generic registry's, and the verb picks the storage's handler.
   */
  private dispatch(ctx: RequestContext, request: ApiRequest, respond: RestResponder): void {
    const { info, resource } = ctx;
    const sub = info.subresource;
    const gr = { group: resource.group, resource: resource.resource };
    const storage = sub ? this.storage.get(`${resource.resource}/${sub}`) : (this.storage.get(resource.resource) ?? this.genericStorage);
    // A subresource nobody registered has no route: go-restful's 404, as for an unknown resource.
    if (!storage) throw sub ? pageNotFound() : newNotFound(gr, info.name);
    if (!resource.verbs.includes(info.verb) && !sub) throw newMethodNotSupported(gr, info.verb);
    const handler = handlerFor(storage, info.verb);
    if (!handler) throw newMethodNotSupported(gr, info.verb);
    handler(ctx, request, respond);
  }

  /**
   * Open a watch (GET ...?watch=true). Events go to `onEvent` over the network, in order; an
   * error before the stream starts (401, 403, 404) goes to `onEvent` as one ERROR event.
   */
  watch(request: ApiRequest, from: string, onEvent: (event: ClientWatchEvent) => void): WatchHandle {
    const started = this.begin(request, from);
    const send = (event: ClientWatchEvent) =>
      this.network.send(APISERVER, from, 'watch-event', `${event.type} ${event.object.kind === 'Status' ? 'Status' : (event.object as KubeObject).kind}`, () => onEvent(event));
    let closed = false;
    const fail = (audit: AuditEvent, status: Status) => {
      audit.responseStatus = { code: status.code, ...(status.reason ? { reason: status.reason } : {}), ...(status.message ? { message: status.message } : {}) };
      audit.stageTimestamp = this.engine.now();
      this.audit.add(audit);
      send({ type: 'ERROR', object: status });
      return { stop: () => {} };
    };
    if ('response' in started) return fail(started.audit, started.response.body as Status);
    const { ctx, audit } = started;
    if (ctx.info.verb !== 'watch' || ctx.info.subresource) return fail(audit, newBadRequest('watch requires GET on a collection with ?watch=true').status);
    const cache = this.caches.get(ctx.resource.resource);
    if (!cache && watchCacheEnabled(ctx.resource)) return fail(audit, newMethodNotSupported(ctx.resource, 'watch').status);
    let selection;
    try {
      selection = selectionFromQuery(ctx.resource.resource, ctx.query);
    } catch (error) {
      return fail(audit, (error as StatusError).status);
    }
    const sink = (event: ClientWatchEvent) => {
      if (!closed) send(event);
    };
    let opened: { stage: AuditStage; stop: () => void };
    if (cache) {
      const watcher: CacheWatcher | undefined = cache.watch(
        {
          keyPrefix: etcdPrefix(ctx.resource, ctx.info.namespace || undefined),
          resourceVersion: ctx.query.get('resourceVersion') ?? '',
          predicate: selection.predicate,
          allowBookmarks: ctx.query.get('allowWatchBookmarks') === 'true',
          ...(cache.triggerField ? { triggerValue: selection.requiresExactMatch(cache.triggerField) } : {}),
        },
        sink,
      );
      opened = {
        stage: { name: 'watch cache', outcome: watcher ? 'passed' : 'failed', detail: `watch from resourceVersion "${ctx.query.get('resourceVersion') ?? ''}"`, at: this.engine.now() },
        stop: () => {
          if (watcher) cache.stop(watcher);
        },
      };
    } else {
      const storage = this.watchStorage(ctx, selection, sink);
      if ('error' in storage) return fail(audit, storage.error);
      opened = storage;
    }
    audit.responseStatus = { code: 200 };
    audit.stageTimestamp = this.engine.now();
    audit.stages.push(opened.stage);
    this.audit.add(audit);
    return {
      stop: () => {
        closed = true;
        opened.stop();
      },
    };
  }

  /**
   * A watch of a resource without a watch cache (Events): an etcd watch for this client alone
   * (storage/etcd-watcher.ts), as the etcd3 store's Watch serves it; or the error a bad
   * resourceVersion gets.
   */
  private watchStorage(
    ctx: RequestContext,
    selection: { predicate: (o: KubeObject) => boolean; filtered: boolean },
    sink: (event: ClientWatchEvent) => void,
  ): { stage: AuditStage; stop: () => void } | { error: Status } {
    const rvText = ctx.query.get('resourceVersion') ?? '';
    // APIObjectVersioner.ParseResourceVersion: "" and "0" are 0, anything else a uint64.
    if (rvText !== '' && !/^\d+$/.test(rvText)) {
      return { error: newInvalid({ group: ctx.resource.group, kind: ctx.resource.resource }, '', [invalid(FieldPath.root('resourceVersion'), rvText, `strconv.ParseUint: parsing ${JSON.stringify(rvText)}: invalid syntax`)]).status };
    }
    const revision = rvText === '' ? 0 : Number(rvText);
    const keyPrefix = etcdPrefix(ctx.resource, ctx.info.namespace || undefined);
    const watcher = new EtcdWatcher(
      this.transport,
      this.deliverFromEtcd,
      { keyPrefix, revision, predicate: selection.predicate, acceptAll: !selection.filtered },
      sink,
    );
    const from = revision === 0 ? `list ${keyPrefix}, then watch from its revision + 1` : `watch ${keyPrefix} from revision ${revision + 1}`;
    return {
      stage: { name: 'etcd', outcome: 'passed', detail: `no watch cache for ${ctx.resource.resource}: ${from}`, at: this.engine.now() },
      stop: () => watcher.stop(),
    };
  }

  /** Stages every request records alike (priority and fairness), shared by the requests of one virtual ms. */
  private readonly sharedStages = new SharedStages();

  /** The filters before the REST handler: RequestInfo, authentication, impersonation, authorization. */
  private begin(request: ApiRequest, from: string): { ctx: RequestContext; audit: AuditEvent } | { audit: AuditEvent; response: ApiResponse } {
    const auditID = `req-${String(this.nextRequest++).padStart(6, '0')}`;
    const parsed = this.parsedRequest(request);
    const info = parsed.info;
    const query = parsed.query;
    const stages: AuditStage[] = [];
    const now = this.engine.now();
    // Two literals rather than a spread of a conditional one: the same fields in the same order,
    // without a temporary object copied in on every request.
    const audit: AuditEvent = parsed.objectRef
      ? {
          auditID,
          verb: info.verb,
          requestURI: request.path,
          method: request.method,
          source: from,
          userAgent: request.userAgent ?? from,
          user: undefined,
          objectRef: parsed.objectRef,
          requestReceivedTimestamp: now,
          stageTimestamp: now,
          stages,
          annotations: {},
        }
      : {
          auditID,
          verb: info.verb,
          requestURI: request.path,
          method: request.method,
          source: from,
          userAgent: request.userAgent ?? from,
          user: undefined,
          requestReceivedTimestamp: now,
          stageTimestamp: now,
          stages,
          annotations: {},
        };
    // No closures for rejecting and for the time: every request passes here.
    const engine = this.engine;

    const authn = this.auth.authenticate(request.credentials);
    if ('error' in authn) {
      stages.push({ name: 'authentication', outcome: 'failed', detail: authn.error, at: engine.now() });
      return rejected(audit, newUnauthorized());
    }
    let user = authn.user;
    audit.user = user;
    stages.push({ name: 'authentication', outcome: 'passed', detail: authenticatedDetail(user), at: engine.now() });

    if (request.impersonate) {
      if (!this.auth.impersonate) return rejected(audit, newForbiddenMessage('impersonation is not enabled'));
      try {
        const target = this.auth.impersonate(user, request.impersonate);
        audit.impersonatedUser = target;
        stages.push({ name: 'impersonation', outcome: 'passed', detail: `acting as "${target.name}"`, at: engine.now() });
        user = target;
      } catch (error) {
        const status = error instanceof StatusError ? error : newForbiddenMessage(String(error));
        stages.push({ name: 'impersonation', outcome: 'failed', detail: status.message, at: engine.now() });
        return rejected(audit, status);
      }
    }
    stages.push(this.sharedStages.stage('priority and fairness', 'skipped', engine.now(), 'not simulated: every request is admitted at once'));

    const attributes: AuthorizationAttributes = {
      user,
      verb: info.verb,
      isResourceRequest: info.isResourceRequest,
      path: info.path,
      namespace: info.namespace,
      apiGroup: info.apiGroup,
      apiVersion: info.apiVersion,
      resource: info.resource,
      subresource: info.subresource,
      name: info.name,
    };
    const decision = this.auth.authorizer.authorize(attributes);
    if (decision.decision !== 'Allow') {
      const error = forbiddenStatusError(attributes, decision.reason);
      audit.annotations[DECISION_ANNOTATION_KEY] = 'forbid';
      audit.annotations[REASON_ANNOTATION_KEY] = decision.reason;
      stages.push({ name: 'authorization', outcome: 'failed', detail: error.message, at: engine.now() });
      return rejected(audit, error);
    }
    audit.annotations[DECISION_ANNOTATION_KEY] = 'allow';
    audit.annotations[REASON_ANNOTATION_KEY] = decision.allowedBy ?? decision.reason;
    stages.push({ name: 'authorization', outcome: 'passed', detail: decision.allowedBy ?? decision.reason, at: engine.now() });

    if (!info.isResourceRequest) {
      const answer = nonResourceResponse(request.method, info.path);
      if (answer) return { audit, response: { code: answer.code, body: answer.body, auditID } };
      return rejected(audit, newNotFound({ group: '', resource: '' }, info.path));
    }
    const resource = parsed.resource;
    if (!resource) return rejected(audit, pageNotFound());
    if (resource.namespaced && !info.namespace && OBJECT_VERBS.has(info.verb)) {
      return rejected(audit, newNotFound({ group: resource.group, resource: resource.resource }, info.name));
    }
    // audit.LogRequestObject: a create's name is not in its URL; the decoded body completes the
    // reference (a generateName create stays without one, as admission has not named it yet).
    const bodyName = info.verb === 'create' ? (request.body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name : undefined;
    if (audit.objectRef && !audit.objectRef.name && typeof bodyName === 'string' && bodyName) audit.objectRef = withFields(audit.objectRef, { name: bodyName });
    return {
      audit,
      ctx: { info, resource, user, query, stages, requestId: auditID, dryRun: query.get('dryRun') === 'All', warnings: [], userAgent: request.userAgent ?? '' },
    };
  }

  /**
   * RequestInfo of a method and URL, parsed once per distinct pair, with what else follows from
   * the pair alone (the query text, the audit objectRef): a controller's or a bench's writes
   * repeat the same few URLs, and the answer depends on nothing else. Keyed by method, then URL,
   * so a lookup builds no key string. Bounded, as the names in URLs are not.
   */
  private readonly parsedRequests = new Map<string, Map<string, ParsedRequest>>();
  private parsedRequestCount = 0;
  private parsedRequest(request: ApiRequest): ParsedRequest {
    let byPath = this.parsedRequests.get(request.method);
    let parsed = byPath?.get(request.path);
    if (parsed === undefined) {
      const [path, queryText] = request.path.split('?');
      const query = this.parsedQuery(queryText ?? '');
      const info = parseRequestInfo(request.method, path ?? '', query);
      parsed = { info, query, objectRef: auditObjectRef(info), resource: info.isResourceRequest ? resourceAt(info.apiGroup, info.apiVersion, info.resource) : undefined };
      if (this.parsedRequestCount >= REQUEST_INFOS_KEPT) {
        this.parsedRequests.clear();
        this.parsedRequestCount = 0;
        byPath = undefined;
      }
      if (byPath === undefined) {
        byPath = new Map();
        this.parsedRequests.set(request.method, byPath);
      }
      byPath.set(request.path, parsed);
      this.parsedRequestCount++;
    }
    return parsed;
  }

  /**
   * The parameters of a query string, parsed once per distinct string and shared (read-only,
   * RequestQuery) by the requests that send it: a per-pod URL differs in its path, seldom in its
   * query (`fieldManager=...`, `dryRun=All`, none). Bounded like the parsed requests.
   */
  private readonly parsedQueries = new Map<string, RequestQuery>();
  private parsedQuery(queryText: string): RequestQuery {
    let query = this.parsedQueries.get(queryText);
    if (query === undefined) {
      query = new URLSearchParams(queryText);
      if (this.parsedQueries.size >= REQUEST_INFOS_KEPT) this.parsedQueries.clear();
      this.parsedQueries.set(queryText, query);
    }
    return query;
  }

  private finish(audit: AuditEvent, response: ApiResponse, from: string, respond: (response: ApiResponse) => void): void {
    const status = isStatus(response.body) ? response.body : undefined;
    audit.responseStatus = {
      code: response.code,
      ...(status?.reason ? { reason: status.reason } : {}),
      ...(status?.message ? { message: status.message } : {}),
    };
    audit.stageTimestamp = this.engine.now();
    this.audit.add(audit);
    this.network.send(APISERVER, from, 'response', String(response.code), () => respond(response), audit.auditID);
  }
}

/** A request the filters refuse: its audit record and the error's answer. */
function rejected(audit: AuditEvent, error: StatusError): { audit: AuditEvent; response: ApiResponse } {
  return { audit, response: { code: error.code, body: error.status, auditID: audit.auditID } };
}

/** What a request's method and URL alone decide, kept per distinct pair (see parsedRequest). */
interface ParsedRequest {
  readonly info: RequestInfo;
  /** The URL's query parameters, shared with every request of the same query string. */
  readonly query: RequestQuery;
  /** The audit record's objectRef from the URL; read-only, shared by the records of one URL (a create's body name replaces it with a copy). */
  readonly objectRef: AuditObjectRef | undefined;
  /** The resource the URL names (resourceAt), undefined for a non-resource URL or an unknown resource. */
  readonly resource: ResourceInfo | undefined;
}

/** The verbs on one object, which a namespaced resource serves only under a namespace. */
const OBJECT_VERBS: ReadonlySet<string> = new Set(['get', 'create', 'update', 'patch', 'delete']);

const REQUEST_INFOS_KEPT = 1024;

function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/** A path with no route (an unknown resource or subresource): the 404 kubectl reads as "could not find the requested resource". */
function pageNotFound(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] },
    code: 404,
  });
}
