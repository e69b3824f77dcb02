/**
 * The generic registry (k8s.io/apiserver pkg/registry/generic/registry/store.go): create,
 * get, list, update, patch and delete of any resource, in the real order of steps:
 *
 *   create: defaulting -> mutating admission -> system metadata (uid, creationTimestamp,
 *           generateName) -> PrepareForCreate -> validation -> validating admission -> etcd
 *   update: read -> (patch) -> defaulting -> mutating admission -> PrepareForUpdate ->
 *           validation -> validating admission -> etcd txn on the revision read
 *   delete: graceful deletion (deletionTimestamp) for pods on a node and objects with
 *           finalizers; otherwise an etcd delete on the revision read
 *
 * Every step becomes a stage of the request's audit record. Results arrive by callback
 * because etcd is a network hop away.
 */
import type { Engine, EventHandle } from '../../engine';
import { etcdKey, etcdPrefix, apiVersionOf } from '../../api/resources';
import { simulatedTimestamp } from '../../api/time';
import { newUid } from '../../api/uid';
import { orderObject } from '../../api/object-meta';
import { withFields } from '../../api/object-copy';
import type { KubeObject } from '../../api/kube-object';
import type { AdmissionChain } from '../admission/chain';
import type { AdmissionAttributes, AdmissionOperation } from '../admission/types';
import { StorageError, type Etcd3Store } from '../storage/etcd3-store';
import type { Result } from '../storage/etcd-transport';
import type { WatchCache } from '../cacher/watch-cache';
import { decodeJsonBody } from './json-body';
import { newAlreadyExistsBeingDeleted, newBadRequest, newConflict, newInvalid, newNotFound, newResourceExpired, newTooLargeResourceVersion, StatusError } from '../status';
import { ErrorMessages, isEtcdError } from '../../etcd';

/** How long the cacher waits for a resourceVersion it has not reached (resourceVersionTooHighRetrySeconds upstream is the retry; the wait is 3 s). */
const TOO_LARGE_RV_WAIT_MS = 3_000;
import type { RequestContext } from './request-context';
import { SharedStages } from '../audit/shared-stages';
import { interpretStorageError } from './storage-errors';
import { keepSystemMetadata, prepareForCreate, prepareForStatusUpdate, prepareForUpdate, type ResourceStrategy } from './strategy';
import { applyDefaults, applyPatch, patchBody, validateCreate, validateUpdate, type PatchType } from './validation-hooks';
import { selectionFromQuery } from './selection';
import { decodeContinue, encodeContinue } from '../storage/continue-token';
import { strictDecodingMessage, unknownFields, withoutUnknownFields } from '../../api/schema/strict-decoding';
import { FieldPath, invalid, notSupported, required } from '../../api/field-errors';
import { firstTypeMismatch, firstTypeMismatchAs, goFormatValue, jsonUnmarshalError, sortedJson, unstructuredConverterError } from '../../api/schema/type-decoding';
import { managedFieldsOf, scopeOf, withManagedFields } from '../fieldmanager/field-manager';
import { applyConfiguration } from '../fieldmanager/apply';
import { rootTypeOf } from '../../api/schema/field-schema';
import { decodesCleanly } from '../../api/schema/clean-body';
import { flatString } from '../../flat-string';

export type Done<T> = (result: { ok: true; value: T } | { ok: false; error: StatusError }) => void;

export interface ListBody {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

/** interpretListError: a continue token whose revision etcd has compacted. */
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** metav1's field validation directives; "" means Warn. */
const FIELD_VALIDATION_DIRECTIVES = ['', 'Ignore', 'Strict', 'Warn'];

export class GenericRegistry {
  constructor(
    private readonly engine: Engine,
    private readonly store: Etcd3Store,
    private readonly caches: ReadonlyMap<string, WatchCache>,
    private readonly admission: AdmissionChain,
    /** Each resource's own rules (registry/<group>/<resource>/strategy.ts); the registry names none. */
    private readonly strategyFor: (resource: string) => ResourceStrategy,
  ) {}

  /** The stages without a detail (`decode + defaulting`, `validation`), shared by the requests of one virtual ms. */
  private readonly sharedStages = new SharedStages();

  private stage(ctx: RequestContext, name: string, outcome: 'passed' | 'failed' | 'mutated' | 'skipped', detail?: string): void {
    // A literal per case, not a spread of a conditional one: every write records several stages.
    ctx.stages.push(detail ? { name, outcome, detail, at: this.engine.now() } : this.sharedStages.stage(name, outcome, this.engine.now()));
  }

  private fail<T>(ctx: RequestContext, done: Done<T>, error: unknown, name: string): void {
    const status = interpretStorageError(error, ctx.resource, name);
    done({ ok: false, error: status });
  }

  get(ctx: RequestContext, done: Done<KubeObject>): void {
    const { resource, info } = ctx;
    const key = etcdKey(resource, info.namespace, info.name);
    const rv = ctx.query.get('resourceVersion');
    // resourceVersion "0" reads the watch cache; a resource without one (Events) reads etcd,
    // where any other resourceVersion is a minimum etcd must have reached (store.go Get).
    const uncached = !this.caches.has(resource.resource);
    let minimum = 0;
    if (uncached && rv !== null && rv !== '' && rv !== '0') {
      minimum = Number(rv);
      if (!/^\d+$/.test(rv) || !Number.isSafeInteger(minimum)) return done({ ok: false, error: newBadRequest(`invalid resource version: ${rv}`) });
    }
    const cache = rv === '0' ? this.caches.get(resource.resource) : undefined;
    if (cache) {
      const object = cache.get(key);
      this.stage(ctx, 'watch cache', object ? 'passed' : 'failed', `get ${key}`);
      done(object ? { ok: true, value: object } : { ok: false, error: newNotFound(resource, info.name) });
      return;
    }
    this.store.get(
      key,
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `range ${key}`);
        if (!r.ok) return this.fail(ctx, done, r.error, info.name);
        if (!r.value) return done({ ok: false, error: newNotFound(resource, info.name) });
        done({ ok: true, value: r.value });
      },
      ctx.requestId,
      minimum,
    );
  }

  list(ctx: RequestContext, done: Done<ListBody>): void {
    const { resource, info } = ctx;
    let selection;
    try {
      selection = selectionFromQuery(resource.resource, ctx.query);
    } catch (error) {
      return this.fail(ctx, done, error, '');
    }
    const prefix = etcdPrefix(resource, info.namespace || undefined);
    const body = (items: KubeObject[], rv: number): ListBody => ({
      apiVersion: apiVersionOf(resource),
      kind: `${resource.kind}List`,
      metadata: { resourceVersion: String(rv) },
      items,
    });
    const rv = ctx.query.get('resourceVersion');
    const cache = this.caches.get(resource.resource);
    // A resourceVersion that names a revision ("" and "0" do not).
    const named = rv !== null && rv !== '' && rv !== '0';
    const revision = named ? Number(rv) : 0;
    if (named && (!Number.isSafeInteger(revision) || revision < 0)) return done({ ok: false, error: newBadRequest(`invalid resource version: ${rv}`) });
    const continueText = ctx.query.get('continue');
    if (continueText) {
      // Storage serves a list with a continue token (the cacher hands it over: shouldDelegateList),
      // and its ValidateListOptions refuses any other resourceVersion: the token carries its own.
      if (named) return done({ ok: false, error: newBadRequest('specifying resource version is not allowed when using continue') });
      const limit = Number(ctx.query.get('limit') ?? '0');
      return this.listPaged(ctx, prefix, Number.isSafeInteger(limit) && limit > 0 ? limit : 0, continueText, selection, done);
    }
    if (!cache && ctx.query.get('resourceVersionMatch') !== 'Exact') return this.listFromStorage(ctx, prefix, rv ?? '', selection, body, done);
    if (rv === '0' && cache) {
      const { items, resourceVersion } = cache.list(prefix, selection.predicate);
      this.stage(ctx, 'watch cache', 'passed', `list ${prefix} (${items.length} items, any resourceVersion)`);
      return done({ ok: true, value: body(items, resourceVersion) });
    }
    if (named) {
      // resourceVersionMatch=Exact: the list as it was, from etcd's history.
      if (ctx.query.get('resourceVersionMatch') === 'Exact') {
        return this.store.listAt(
          prefix,
          revision,
          (r) => {
            this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `range ${prefix} --prefix --rev=${revision}`);
            if (r.ok) return done({ ok: true, value: body(r.value.items.filter(selection.predicate), r.value.resourceVersion) });
            if (isEtcdError(r.error) && r.error.message === ErrorMessages.compacted) return done({ ok: false, error: newResourceExpired('The resourceVersion for the provided list is too old.') });
            if (isEtcdError(r.error) && r.error.message === ErrorMessages.futureRev) return done({ ok: false, error: newTooLargeResourceVersion(revision, this.caches.get(resource.resource)?.resourceVersion ?? 0) });
            this.fail(ctx, done, r.error, '');
          },
          ctx.requestId,
        );
      }
      // NotOlderThan (the default): from the cache once it has reached the version; the cacher
      // waits up to 3 s for a version from the future, then answers 504.
      if (cache) {
        let answered = false;
        const pending: { timeout?: EventHandle } = {};
        const cancel = cache.waitUntilFresh(revision, () => {
          if (answered) return;
          answered = true;
          if (pending.timeout) this.engine.cancel(pending.timeout);
          const { items, resourceVersion } = cache.list(prefix, selection.predicate);
          this.stage(ctx, 'watch cache', 'passed', `list ${prefix} not older than ${revision} (${items.length} items)`);
          done({ ok: true, value: body(items, resourceVersion) });
        });
        if (answered) return;
        pending.timeout = this.engine.schedule(TOO_LARGE_RV_WAIT_MS, `kube-apiserver: list ${prefix} waits for resourceVersion ${revision}`, () => {
          if (answered) return;
          answered = true;
          cancel();
          this.stage(ctx, 'watch cache', 'failed', `resourceVersion ${revision} not reached in 3 s`);
          done({ ok: false, error: newTooLargeResourceVersion(revision, cache.resourceVersion) });
        });
        return;
      }
    }
    // ConsistentListFromCache (1.31+): resourceVersion "" is a consistent read, served from the
    // cache once it has caught up with etcd's current revision. Paged lists still go to etcd.
    if ((rv === null || rv === '') && cache && !ctx.query.get('limit') && !ctx.query.get('continue')) {
      return this.store.currentRevision(
        prefix,
        (r) => {
          this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `current revision: range ${prefix} --prefix --count-only`);
          if (!r.ok) return this.fail(ctx, done, r.error, '');
          cache.waitUntilFresh(r.value, () => {
            const { items, resourceVersion } = cache.list(prefix, selection.predicate);
            this.stage(ctx, 'watch cache', 'passed', `consistent list ${prefix} at revision ${r.value} (${items.length} items)`);
            done({ ok: true, value: body(items, resourceVersion) });
          });
        },
        ctx.requestId,
      );
    }
    const limit = Number(ctx.query.get('limit') ?? '0');
    if (Number.isSafeInteger(limit) && limit > 0) return this.listPaged(ctx, prefix, limit, null, selection, done);
    this.store.list(
      prefix,
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `range ${prefix} --prefix`);
        if (!r.ok) return this.fail(ctx, done, r.error, '');
        done({ ok: true, value: body(r.value.items.filter(selection.predicate), r.value.resourceVersion) });
      },
      ctx.requestId,
    );
  }

  /**
   * LIST of a resource served without a watch cache (Events; cacher/watch-cache-sizes.ts), as
   * the etcd3 store's GetList serves it: every list reads etcd and filters after decoding; the
   * list's resourceVersion is the revision etcd read at. resourceVersion "" and "0" read the
   * latest; another is a minimum (`Too large resource version` when etcd has not reached it,
   * with no retry: storage does not wait as the cacher does), except with a limit and no
   * resourceVersionMatch, where it is the exact revision to page from (the legacy case).
   * A list with a continue token, and Exact, are served by list().
   */
  private listFromStorage(
    ctx: RequestContext,
    prefix: string,
    rv: string,
    selection: { predicate: (o: KubeObject) => boolean; filtered: boolean },
    body: (items: KubeObject[], rv: number) => ListBody,
    done: Done<ListBody>,
  ): void {
    const limit = Number(ctx.query.get('limit') ?? '0');
    const paging = Number.isSafeInteger(limit) && limit > 0;
    const minimum = rv === '' ? 0 : Number(rv);
    if (paging) {
      const legacyExact = (ctx.query.get('resourceVersionMatch') ?? '') === '' && minimum > 0;
      return this.listPaged(ctx, prefix, limit, null, selection, done, legacyExact ? { revision: minimum, minimum: 0 } : { revision: 0, minimum });
    }
    this.store.list(
      prefix,
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `no watch cache for ${ctx.resource.resource}: range ${prefix} --prefix`);
        if (!r.ok) return this.fail(ctx, done, r.error, '');
        if (minimum > r.value.resourceVersion) return done({ ok: false, error: newTooLargeResourceVersion(minimum, r.value.resourceVersion, 0) });
        done({ ok: true, value: body(r.value.items.filter(selection.predicate), r.value.resourceVersion) });
      },
      ctx.requestId,
    );
  }

  /**
   * `?limit=N` and `?continue=`: a page from etcd (the 1.32 cacher hands paged lists to
   * storage), with a continue token while more remain. The pages of one list share the first
   * page's revision; once etcd has compacted it, the token is 410 Expired. `at` (a resource
   * without a cache) pages from an exact revision, or checks a minimum one.
   */
  private listPaged(
    ctx: RequestContext,
    prefix: string,
    limit: number,
    continueText: string | null,
    selection: { predicate: (o: KubeObject) => boolean; filtered: boolean },
    done: Done<ListBody>,
    at: { readonly revision: number; readonly minimum: number } = { revision: 0, minimum: 0 },
  ): void {
    const { resource } = ctx;
    const keyPrefix = etcdPrefix(resource);
    let startKey = prefix;
    let revision = at.revision;
    if (continueText) {
      const token = decodeContinue(continueText);
      if ('error' in token) return done({ ok: false, error: newBadRequest(token.error) });
      startKey = keyPrefix + token.start;
      revision = token.resourceVersion;
      if (!startKey.startsWith(prefix)) return done({ ok: false, error: newBadRequest('continue key is not valid: the key is outside the requested namespace') });
    }
    const pageLimit = limit > 0 ? limit : 1_000_000;
    this.store.listPage(
      prefix,
      { startKey, revision, limit: pageLimit, predicate: selection.predicate, filtered: selection.filtered },
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `range ${startKey} --prefix --limit=${limit}${revision ? ` --rev=${revision}` : ''}`);
        if (!r.ok) {
          if (continueText && isEtcdError(r.error) && r.error.message === ErrorMessages.compacted) {
            const expired = newResourceExpired(CONTINUE_EXPIRED);
            expired.status.metadata = { continue: encodeContinue(startKey, keyPrefix, -1) };
            return done({ ok: false, error: expired });
          }
          // interpretListError: a compacted revision asked for without a continue token.
          if (isEtcdError(r.error) && r.error.message === ErrorMessages.compacted) return done({ ok: false, error: newResourceExpired('The resourceVersion for the provided list is too old.') });
          return this.fail(ctx, done, r.error, '');
        }
        const page = r.value;
        if (at.minimum > page.resourceVersion) return done({ ok: false, error: newTooLargeResourceVersion(at.minimum, page.resourceVersion, 0) });
        done({
          ok: true,
          value: {
            apiVersion: apiVersionOf(resource),
            kind: `${resource.kind}List`,
            metadata: {
              resourceVersion: String(page.resourceVersion),
              ...(page.nextKey ? { continue: encodeContinue(page.nextKey, keyPrefix, page.resourceVersion) } : {}),
              ...(page.remaining !== undefined ? { remainingItemCount: page.remaining } : {}),
            },
            items: page.items,
          },
        });
      },
      ctx.requestId,
    );
  }

  /** `applied`: the managedFields of a create on server-side apply, instead of an Update's. */
  create(ctx: RequestContext, input: unknown, done: Done<KubeObject>, applied?: Record<string, unknown>[]): void {
    const { resource, info } = ctx;
    const strategy = this.strategyFor(resource.resource);
    let object: KubeObject;
    try {
      object = this.decode(ctx, this.decodable(ctx, input));
      object = applyDefaults(object);
      this.stage(ctx, 'decode + defaulting', 'passed');
      const managedFields = applied ?? this.managedFields(ctx, undefined, object);
      if (!object.metadata.name && object.metadata.generateName) {
        object = withFields(object, { metadata: withFields(object.metadata, { name: flatString(`${object.metadata.generateName}${this.engine.rng.string(5)}`) }) });
      }
      object = this.admit(ctx, 'CREATE', object, undefined);
      // Ordered once, after managedFields are in: orderObject's result does not depend on the
      // order of what it is given, and each pass copies the object and its metadata.
      const uid = newUid(this.engine.rng);
      const creationTimestamp = this.timestamp();
      // managedFields go in with the system fields, in one copy of the metadata: no strategy
      // reads them, orderObject puts them at their place, and drops them when undefined (none).
      // The list itself, not a copy: the next write finds its decoded entries by its identity.
      const fields = managedFields.length ? managedFields : undefined;
      const system = resource.namespaced ? { namespace: info.namespace, uid, creationTimestamp, managedFields: fields } : { uid, creationTimestamp, managedFields: fields };
      object = orderObject(prepareForCreate(resource, strategy, withFields(object, { metadata: withFields(object.metadata, system) })));
      if (strategy.beginCreate) {
        object = strategy.beginCreate(object, () => this.caches.get(resource.resource)?.list(etcdPrefix(resource), () => true).items ?? [], this.engine.rng);
      }
      this.validate(ctx, object, undefined);
      this.admission.validate(this.attributes(ctx, 'CREATE', object, undefined), ctx.stages);
    } catch (error) {
      return this.fail(ctx, done, error, nameOf(input));
    }
    const name = object.metadata.name ?? '';
    if (ctx.dryRun) return done({ ok: true, value: object });
    const key = etcdKey(resource, info.namespace, name);
    this.store.create(
      key,
      object,
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `txn: mod_revision(${key}) == 0 ? put`);
        if (r.ok) return done({ ok: true, value: r.value });
        if (!(r.error instanceof StorageError && r.error.code === 'KeyExists')) return this.fail(ctx, done, r.error, name);
        // store.go Create: a name taken by an object on its way out says so.
        this.store.get(
          key,
          (existing) => {
            const beingDeleted = existing.ok && existing.value?.metadata['deletionTimestamp'] !== undefined;
            done({ ok: false, error: beingDeleted ? newAlreadyExistsBeingDeleted(resource, name) : interpretStorageError(r.error, resource, name) });
          },
          ctx.requestId,
        );
      },
      ctx.requestId,
    );
  }

  /** PUT of the object (or of its status subresource). */
  update(ctx: RequestContext, input: unknown, done: Done<KubeObject>): void {
    let object: KubeObject;
    try {
      object = this.decode(ctx, this.decodable(ctx, input));
      if (object.metadata.name !== ctx.info.name) {
        throw newBadRequest(`the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${ctx.info.name})`);
      }
    } catch (error) {
      return this.fail(ctx, done, error, ctx.info.name);
    }
    const precondition = object.metadata.resourceVersion;
    this.guaranteedUpdate(ctx, () => object, done, precondition);
  }

  patch(ctx: RequestContext, patch: unknown, contentType: string | undefined, done: Done<KubeObject>): void {
    const type = patchTypeOf(contentType);
    if (!type) return done({ ok: false, error: newBadRequest(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`) });
    if (type === 'apply') return this.serverSideApply(ctx, patch, done);
    this.guaranteedUpdate(
      ctx,
      (current) => {
        // The patched object is re-encoded from Go maps upstream: its unknown fields come sorted.
        // `current` is stored (never changed): its fields the patch left shared are checked once per stored value.
        const stored = current as unknown as Readonly<Record<string, unknown>>;
        const patched = this.patchedDecodable(ctx, type, patch, applyPatch(type, current, patch, ctx.resource.kind), stored) as KubeObject;
        // A resourceVersion in the patch is a precondition (the update compares it with the stored one).
        const wanted = patched.metadata?.resourceVersion;
        if (wanted !== undefined && wanted !== current.metadata.resourceVersion) throw newConflict(ctx.resource, ctx.info.name);
        this.stage(ctx, `patch (${contentType ?? type})`, 'passed');
        return patched;
      },
      done,
      undefined,
    );
  }

  /**
   * PATCH application/apply-patch+yaml (patch.go applyPatcher): the configuration is merged by
   * field ownership (fieldmanager/apply.ts), a missing object is created from it, and the
   * result goes through the rest of an update: defaulting, admission, validation.
   */
  private serverSideApply(ctx: RequestContext, patch: unknown, done: Done<KubeObject>): void {
    const manager = ctx.query.get('fieldManager');
    // ValidatePatchOptions: an apply must say who applies.
    if (!manager) return done({ ok: false, error: newInvalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [required(FieldPath.root('fieldManager'), 'is required for apply patch')]) });
    let config: KubeObject;
    try {
      config = this.decode(ctx, this.decodable(ctx, patchBody(patch)));
    } catch (error) {
      return this.fail(ctx, done, error, ctx.info.name);
    }
    const request = {
      manager,
      force: ctx.query.get('force') === 'true',
      subresource: ctx.writeSubresource ?? ctx.info.subresource,
      scope: scopeOf({ hasStatus: ctx.resource.subresources.includes('status'), subresource: ctx.writeSubresource ?? ctx.info.subresource, statusTakesAnnotations: this.strategyFor(ctx.resource.resource).statusUpdateTakesAnnotations === true }),
      now: this.timestamp(),
    };
    const rootType = rootTypeOf(config.apiVersion, config.kind);
    this.guaranteedUpdate(
      ctx,
      (current) => {
        const applied = applyConfiguration(current, config, rootType, request);
        this.stage(ctx, `server-side apply (fieldManager ${manager}${request.force ? ', force' : ''})`, 'passed');
        return applied;
      },
      (r) => {
        if (r.ok || r.error.code !== 404 || ctx.info.subresource) return done(r);
        // Create on apply: the configuration applied to nothing.
        let created: KubeObject;
        try {
          created = applyConfiguration(undefined, { ...config, metadata: { ...config.metadata, name: ctx.info.name } }, rootType, request);
        } catch (error) {
          return this.fail(ctx, done, error, ctx.info.name);
        }
        this.create(ctx, created, done, (created.metadata.managedFields as Record<string, unknown>[] | undefined) ?? []);
      },
      undefined,
      true,
    );
  }

  /** `applied`: produce computes the managedFields itself (server-side apply). */
  private guaranteedUpdate(ctx: RequestContext, produce: (current: KubeObject) => KubeObject, done: Done<KubeObject>, precondition: string | undefined, applied = false): void {
    const { resource, info } = ctx;
    const key = etcdKey(resource, info.namespace, info.name);
    const isStatus = info.subresource === 'status';
    const strategy = this.strategyFor(resource.resource);
    this.store.guaranteedUpdate(
      key,
      (current) => {
        let object = produce(current);
        const producedFields = applied ? ((object.metadata.managedFields as Record<string, unknown>[] | undefined) ?? []) : undefined;
        let managedFields: Record<string, unknown>[];
        if (isStatus) {
          object = prepareForStatusUpdate(object, current, strategy);
          managedFields = producedFields ?? this.managedFields(ctx, current, object);
        } else {
          object = applyDefaults(keepSystemMetadata(object, current));
          managedFields = producedFields ?? this.managedFields(ctx, current, object);
          if (strategy.beginUpdate) object = strategy.beginUpdate(object, current);
          object = this.admit(ctx, 'UPDATE', object, current);
          object = prepareForUpdate(resource, strategy, object, current);
          // The resource's own rules are the main resource's; a subresource such as a namespace's
          // finalize has the generic ones (status kept) and may change what the main one may not.
          if (strategy.prepareForUpdate && !info.subresource) object = strategy.prepareForUpdate(object, current);
        }
        object = orderObject(withManagedFields(keepSystemMetadata(object, current), managedFields));
        this.validate(ctx, object, current);
        this.admission.validate(this.attributes(ctx, 'UPDATE', object, current), ctx.stages);
        return object;
      },
      (r) => {
        this.stage(ctx, 'etcd', r.ok ? 'passed' : 'failed', `txn: mod_revision(${key}) == read ? put : get`);
        if (!r.ok) return this.fail(ctx, done, r.error, info.name);
        const object = r.value;
        // Clearing the last finalizer of an object being deleted completes its deletion
        // (ShouldDeleteDuringUpdate; for a namespace its spec.finalizers must be empty too).
        const held = (object.metadata['finalizers'] as string[] | undefined)?.length || (strategy.specFinalizers?.(object) ?? []).length;
        if (object.metadata['deletionTimestamp'] && !held && !isStatus && !ctx.dryRun) {
          return this.store.delete(key, (d) => (d.ok ? done({ ok: true, value: d.value }) : this.fail(ctx, done, d.error, info.name)), { requestId: ctx.requestId });
        }
        done({ ok: true, value: object });
      },
      { ...(precondition ? { preconditionRV: precondition } : {}), requestId: ctx.requestId, dryRun: ctx.dryRun },
    );
  }

  /**
   * DELETE: pods bound to a node get a grace period (the kubelet finishes the delete); objects
   * with finalizers get a deletionTimestamp and wait for them; the rest are removed from etcd.
   */
  delete(ctx: RequestContext, options: DeleteOptions, done: Done<KubeObject>): void {
    const { resource, info } = ctx;
    const key = etcdKey(resource, info.namespace, info.name);
    this.store.get(
      key,
      (r) => {
        if (!r.ok) return this.fail(ctx, done, r.error, info.name);
        const current = r.value;
        if (!current) return done({ ok: false, error: newNotFound(resource, info.name) });
        if (options.preconditionRV && options.preconditionRV !== current.metadata.resourceVersion) {
          return done({ ok: false, error: newConflict(resource, info.name) });
        }
        if (options.preconditionUID && options.preconditionUID !== current.metadata.uid) {
          return done({ ok: false, error: newConflict(resource, info.name, `Precondition failed: UID in precondition: ${options.preconditionUID}, UID in object meta: ${current.metadata.uid ?? ''}`) });
        }
        try {
          // Upstream runs both admission phases on DELETE (NamespaceLifecycle refuses there).
          this.admission.admit(this.attributes(ctx, 'DELETE', undefined, current), ctx.stages);
          this.admission.validate(this.attributes(ctx, 'DELETE', undefined, current), ctx.stages);
        } catch (error) {
          return this.fail(ctx, done, error, info.name);
        }
        if (ctx.dryRun) return done({ ok: true, value: current });
        const strategy = this.strategyFor(resource.resource);
        const grace = strategy.gracePeriod?.(current, options.gracePeriodSeconds) ?? 0;
        const existing = (current.metadata['finalizers'] as string[] | undefined) ?? [];
        // deletionFinalizersForGarbageCollection: the policy asked for becomes the orphan or
        // foregroundDeletion finalizer, which the garbage collector then acts on.
        const finalizers = current.metadata['deletionTimestamp'] ? existing : gcFinalizers(existing, options);
        const specFinalizers = strategy.specFinalizers?.(current) ?? [];
        if (grace > 0 || finalizers.length > 0 || specFinalizers.length > 0) {
          if (current.metadata['deletionTimestamp']) return done({ ok: true, value: current });
          return this.store.guaranteedUpdate(
            key,
            (obj) => {
              const marked: KubeObject = {
                ...obj,
                metadata: {
                  ...obj.metadata,
                  ...(finalizers.length ? { finalizers } : {}),
                  deletionTimestamp: simulatedTimestamp(this.engine.now() + grace * 1000),
                  deletionGracePeriodSeconds: grace,
                },
              };
              return strategy.markDeleting ? strategy.markDeleting(marked) : marked;
            },
            (u) => {
              this.stage(ctx, 'etcd', u.ok ? 'passed' : 'failed', `graceful deletion: set deletionTimestamp (grace ${grace}s)`);
              return u.ok ? done({ ok: true, value: u.value }) : this.fail(ctx, done, u.error, info.name);
            },
            { requestId: ctx.requestId },
          );
        }
        this.store.delete(
          key,
          (d) => {
            this.stage(ctx, 'etcd', d.ok ? 'passed' : 'failed', `txn: mod_revision(${key}) == read ? delete : get`);
            return d.ok ? done({ ok: true, value: d.value }) : this.fail(ctx, done, d.error, info.name);
          },
          { requestId: ctx.requestId },
        );
      },
      ctx.requestId,
    );
  }

  /** DELETE on a collection: each object in turn, as the real deletecollection does. */
  deleteCollection(ctx: RequestContext, done: Done<ListBody>): void {
    this.list(ctx, (r) => {
      if (!r.ok) return done(r);
      const items = r.value.items;
      const deleted: KubeObject[] = [];
      const next = (i: number) => {
        if (i >= items.length) return done({ ok: true, value: { ...r.value, items: deleted } });
        const item = items[i] as KubeObject;
        const itemCtx: RequestContext = { ...ctx, info: { ...ctx.info, name: item.metadata.name ?? '', namespace: item.metadata.namespace ?? '' } };
        this.delete(itemCtx, {}, (d) => {
          if (d.ok) deleted.push(d.value);
          next(i + 1);
        });
      };
      next(0);
    });
  }

  /**
   * Field validation, before decoding (handlers' fieldValidation): a field the kind does not
   * have, a typo like `imagee`, is refused with a 400 under `Strict` (what kubectl 1.32 sends),
   * and dropped otherwise, as decoding into the Go struct drops it: with a warning under `Warn`,
   * the default when the client says nothing, silently under `Ignore`. Any other directive is
   * refused as its options' validation refuses it. Returns the body to decode.
   */
  private fieldValidation(ctx: RequestContext, input: unknown, sortKeys: boolean, stored?: Readonly<Record<string, unknown>>): unknown {
    const directive = this.fieldValidationDirective(ctx);
    const paths = unknownFields(input, { sortKeys, ...(stored ? { stored } : {}) });
    if (paths.length === 0) return input;
    const { resource } = ctx;
    if (directive === 'Strict') {
      const error = newBadRequest(strictDecodingMessage(apiVersionOf(resource), resource.kind, paths));
      this.stage(ctx, 'decode (strict field validation)', 'failed', error.message);
      throw error;
    }
    const unknown = paths.map((p) => `unknown field ${JSON.stringify(p)}`);
    // The apiserver's warning recorder keeps one of each text (a patch retried on conflict says it once).
    if (directive !== 'Ignore') for (const w of unknown) if (!ctx.warnings.includes(w)) ctx.warnings.push(w);
    this.stage(ctx, `decode (field validation: ${directive || 'Warn'})`, 'mutated', `dropped ${unknown.join(', ')}`);
    return withoutUnknownFields(input);
  }

  /** The request's fieldValidation directive; any other than Strict, Warn, Ignore or none is refused as its options' validation refuses it. */
  private fieldValidationDirective(ctx: RequestContext): string {
    const directive = ctx.query.get('fieldValidation') ?? '';
    if (!FIELD_VALIDATION_DIRECTIVES.includes(directive)) {
      const options = ctx.info.verb === 'create' ? 'CreateOptions' : ctx.info.verb === 'patch' ? 'PatchOptions' : 'UpdateOptions';
      throw newInvalid({ group: 'meta.k8s.io', kind: options }, '', [notSupported(FieldPath.root('fieldValidation'), directive, FIELD_VALIDATION_DIRECTIVES)]);
    }
    return directive;
  }

  /**
   * A create or update body, type-checked and field-validated (typeCheck, then fieldValidation).
   * A clean body (nearly every one: decodesCleanly) is walked once instead of twice; any other
   * takes both walks, which word its errors.
   */
  private decodable(ctx: RequestContext, input: unknown): unknown {
    if (!decodesCleanly(input)) return this.fieldValidation(ctx, this.typeCheck(ctx, input), false);
    this.fieldValidationDirective(ctx);
    return input;
  }

  /**
   * A patched object, type-checked and field-validated (patchTypeCheck, then fieldValidation
   * with keys sorted): a clean one (nearly every patch) is walked once, any other gets the walks
   * that word its errors.
   */
  private patchedDecodable(ctx: RequestContext, type: PatchType, patch: unknown, patched: unknown, stored: Readonly<Record<string, unknown>>): unknown {
    if (!decodesCleanly(patched, stored)) return this.fieldValidation(ctx, this.patchTypeCheck(ctx, type, patch, patched, stored), true, stored);
    this.fieldValidationDirective(ctx);
    return patched;
  }

  /**
   * A create or update body must decode into the kind's Go type (handlers' transformDecodeError):
   * `labels: "invalid"` is a 400, `Pod in version "v1" cannot be handled as a Pod: json: cannot
   * unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string`.
   */
  private typeCheck(ctx: RequestContext, input: unknown): unknown {
    // Bytes (`create --raw`): decoded first, then checked as any object body.
    if (typeof input === 'string') {
      try {
        input = decodeJsonBody(ctx.resource.kind, input);
      } catch (error) {
        // decodeJsonBody throws only the 400 it words.
        this.stage(ctx, 'decode', 'failed', (error as StatusError).message);
        throw error;
      }
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
    const { resource } = ctx;
    const version = apiVersionOf(resource);
    const body = input as { apiVersion?: unknown; kind?: unknown };
    // The body is read as the URL's kind where it names none, without copying it to say so.
    const typed = ctx.info.subresource === '' || ctx.info.subresource === 'status';
    const mismatch = typed ? firstTypeMismatchAs(input as Record<string, unknown>, body.apiVersion ?? version, body.kind ?? resource.kind) : firstTypeMismatch(input);
    if (!mismatch) return input;
    const error = newBadRequest(`${resource.kind} in version ${JSON.stringify(version.slice(version.lastIndexOf('/') + 1))} cannot be handled as a ${resource.kind}: ${jsonUnmarshalError(mismatch)}`);
    this.stage(ctx, 'decode', 'failed', error.message);
    throw error;
  }

  /**
   * A patched object must decode too (patch.go applyPatchToObject / jsonPatcher): a 422 with no
   * kind or name whose one cause is the patch. A strategic merge patch is converted from the
   * patched map (`cannot restore map from string`, the patch printed as Go prints a map); a merge
   * or JSON patch is decoded from the patched JSON (encoding/json's message, that JSON the value).
   */
  private patchTypeCheck(ctx: RequestContext, type: PatchType, patch: unknown, patched: unknown, stored: Readonly<Record<string, unknown>>): unknown {
    const mismatch = firstTypeMismatch(patched, stored);
    if (!mismatch) return patched;
    const error =
      type === 'strategic'
        ? newInvalid({ group: '', kind: '' }, '', [invalid(FieldPath.root('patch'), goFormatValue(patch), unstructuredConverterError(mismatch))])
        : newInvalid({ group: '', kind: '' }, '', [invalid(FieldPath.root('patch'), sortedJson(patched), jsonUnmarshalError(mismatch))]);
    this.stage(ctx, 'decode (patched object)', 'failed', error.message);
    throw error;
  }

  /** The body must be an object of the URL's kind and group, in the URL's namespace. */
  private decode(ctx: RequestContext, input: unknown): KubeObject {
    const { resource, info } = ctx;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw newBadRequest('the body of the request was not a valid object');
    const object = input as KubeObject;
    const expected = apiVersionOf(resource);
    const kind = info.subresource === 'status' || info.subresource === '' ? resource.kind : object.kind;
    if (object.apiVersion !== undefined && object.apiVersion !== expected && info.subresource === '') {
      throw newBadRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`);
    }
    if (object.kind !== undefined && object.kind !== kind) {
      throw newBadRequest(`the kind in the data (${object.kind}) does not match the expected kind (${kind})`);
    }
    const metadata = (object.metadata ?? {}) as KubeObject['metadata'];
    if (resource.namespaced && metadata.namespace && metadata.namespace !== info.namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    // withFields, not a spread: the same fields in the same order, without a slow clone (object-copy.ts).
    return withFields(object, { apiVersion: expected, kind: resource.kind, metadata });
  }

  /** The managedFields the write stores: an Update by the request's manager (fieldmanager/). */
  private managedFields(ctx: RequestContext, live: KubeObject | undefined, next: KubeObject): Record<string, unknown>[] {
    return managedFieldsOf(live, next, {
      fieldManager: ctx.query.get('fieldManager'),
      userAgent: ctx.userAgent ?? '',
      subresource: ctx.writeSubresource ?? ctx.info.subresource,
      hasStatus: ctx.resource.subresources.includes('status'),
      statusTakesAnnotations: this.strategyFor(ctx.resource.resource).statusUpdateTakesAnnotations === true,
      now: this.timestamp(),
    });
  }

  /** The engine's clock as metav1.Time, formatted once a second rather than on every write. */
  private lastTimestamp = { second: -1, text: '' };
  private timestamp(): string {
    const second = Math.floor(this.engine.now() / 1000);
    if (second !== this.lastTimestamp.second) this.lastTimestamp = { second, text: simulatedTimestamp(this.engine.now()) };
    return this.lastTimestamp.text;
  }

  private admit(ctx: RequestContext, operation: AdmissionOperation, object: KubeObject, old: KubeObject | undefined): KubeObject {
    return this.admission.admit(this.attributes(ctx, operation, object, old), ctx.stages) ?? object;
  }

  private validate(ctx: RequestContext, object: KubeObject, old: KubeObject | undefined): void {
    const errors = old ? validateUpdate(object, old, ctx.info.subresource) : validateCreate(object);
    if (errors.length) {
      const invalid = newInvalid({ group: ctx.resource.group, kind: ctx.resource.kind }, object.metadata.name ?? '', errors);
      this.stage(ctx, 'validation', 'failed', invalid.message);
      throw invalid;
    }
    this.stage(ctx, 'validation', 'passed');
  }

  private attributes(ctx: RequestContext, operation: AdmissionOperation, object: KubeObject | undefined, old: KubeObject | undefined): AdmissionAttributes {
    return {
      operation,
      resource: ctx.resource,
      subresource: ctx.info.subresource,
      namespace: ctx.info.namespace,
      name: object?.metadata.name ?? old?.metadata.name ?? ctx.info.name,
      object,
      oldObject: old,
      user: ctx.user,
      dryRun: ctx.dryRun,
    };
  }
}

function nameOf(input: unknown): string {
  const name = (input as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? name : '';
}

function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  switch (contentType) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/json-patch+json':
      return 'json';
    case 'application/apply-patch+yaml':
      return 'apply';
    default:
      return undefined;
  }
}

export type { Result };

export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly preconditionRV?: string;
  readonly preconditionUID?: string;
  /** DeleteOptions.propagationPolicy: Foreground, Background or Orphan. */
  readonly propagationPolicy?: string;
  /** The deprecated orphanDependents, which wins over propagationPolicy. */
  readonly orphanDependents?: boolean;
}

/**
 * deletionFinalizersForGarbageCollection (apiserver registry/generic/registry/store.go): both GC
 * finalizers are taken off, then `orphan` is added for Orphan (or orphanDependents, or an
 * `orphan` finalizer already there when no policy is given) and `foregroundDeletion` for
 * Foreground (or that finalizer already there). The default policy of every served resource is
 * Background (DeleteDependents).
 */
function gcFinalizers(existing: readonly string[], options: DeleteOptions): string[] {
  const policy = options.orphanDependents !== undefined ? (options.orphanDependents ? 'Orphan' : 'Background') : options.propagationPolicy;
  const orphan = policy ? policy === 'Orphan' : existing.includes('orphan');
  const foreground = policy ? policy === 'Foreground' : !existing.includes('orphan') && existing.includes('foregroundDeletion');
  const out = existing.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
  if (orphan) out.push('orphan');
  if (foreground) out.push('foregroundDeletion');
  return out;
}
