/**
 * What the namespace controller does to one namespace being deleted
 * (pkg/controller/namespace/deletion/namespaced_resources_deleter.go Delete): GET it; nothing to
 * do unless it has a deletionTimestamp and still carries the `kubernetes` finalizer; make sure
 * its phase is Terminating; discover the API (GET /api, /apis) and, for every namespaced
 * resource that can be deleted, DELETE the collection in the namespace (background propagation)
 * or, where deletecollection is not served, each object; LIST what is left. Pods get the time
 * their graceful termination may take (their terminationGracePeriodSeconds) as an estimate;
 * objects held by finalizers get 15 s. The status conditions are written when they change.
 * With nothing left, it removes `kubernetes` from spec.finalizers through the `finalize`
 * subresource and the apiserver deletes the namespace; otherwise the controller is told to come
 * back after the estimate (or, with an error, after the queue's back-off).
 *
 * Simplified: discovery of the resources in each group reads the apiserver's resource table
 * rather than GET /apis/<group>/<version>, so only the two top-level discovery requests can fail.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import { findResource, RESOURCES, type ResourceInfo } from '../../api/resources';
import type { Engine } from '../../engine';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import type { KubeObject } from '../../api/kube-object';
import { failureConditions, updateConditions, type ContentReport } from './namespace-conditions';

export const FINALIZER_KUBERNETES = 'kubernetes';
/** finalizerEstimateSeconds: how long objects held by finalizers are given. */
const FINALIZER_ESTIMATE_SECONDS = 15;

const namespaces = findResource('namespaces');

/** The answer of one Delete pass. */
export type DeleteOutcome = { readonly kind: 'done' } | { readonly kind: 'remaining'; readonly estimateSeconds: number } | { readonly kind: 'error'; readonly message: string };

interface ResourceResult {
  readonly estimate: number;
  readonly remaining: number;
  readonly finalizers: ReadonlyMap<string, number>;
  readonly error?: string;
}

export class NamespacedResourcesDeleter {
  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
  ) {}

  delete(name: string, done: (outcome: DeleteOutcome) => void): void {
    if (!namespaces) return done({ kind: 'done' });
    this.client.request('GET', resourcePath(namespaces, { name }), {}, (got) => {
      if (got.code === 404) return done({ kind: 'done' });
      if (!isSuccess(got)) return done({ kind: 'error', message: `namespace ${name}: ${got.code}` });
      const ns = got.body as Namespace;
      if (!ns.metadata?.deletionTimestamp) return done({ kind: 'done' });
      this.ensureTerminating(ns, (current) => {
        if (!current) return done({ kind: 'error', message: `namespace ${name}: status update failed` });
        if (!(current.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return done({ kind: 'done' });
        this.deleteAllContent(current, (estimate, error) => {
          if (error) return done({ kind: 'error', message: error });
          if (estimate > 0) return done({ kind: 'remaining', estimateSeconds: estimate });
          this.finalize(current, done);
        });
      });
    });
  }

  /** updateNamespaceStatusFunc: phase Terminating (the apiserver has normally set it already). */
  private ensureTerminating(ns: Namespace, done: (ns: Namespace | undefined) => void): void {
    if (ns.status?.phase === 'Terminating' || !namespaces) return done(ns);
    const body = { ...ns, status: { ...ns.status, phase: 'Terminating' } };
    this.client.request('PUT', resourcePath(namespaces, { name: ns.metadata?.name, subresource: 'status' }), { body }, (r) => done(isSuccess(r) ? (r.body as Namespace) : undefined));
  }

  /** finalizeNamespace: spec.finalizers without `kubernetes`, PUT to /finalize. A 404 means someone else finished. */
  private finalize(ns: Namespace, done: (outcome: DeleteOutcome) => void): void {
    if (!namespaces) return done({ kind: 'done' });
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    const body = { ...ns, spec: { ...ns.spec, finalizers } };
    this.client.request('PUT', resourcePath(namespaces, { name: ns.metadata?.name, subresource: 'finalize' }), { body }, (r) => {
      if (isSuccess(r) || r.code === 404) return done({ kind: 'done' });
      done({ kind: 'error', message: `finalize namespace ${ns.metadata?.name ?? ''}: ${r.code}` });
    });
  }

  private deleteAllContent(ns: Namespace, done: (estimate: number, error?: string) => void): void {
    const name = ns.metadata?.name ?? '';
    this.discover((resources, discoveryError) => {
      const deletable = resources.filter((r) => r.namespaced && r.verbs.includes('delete'));
      const results: ResourceResult[] = [];
      const next = (i: number) => {
        const resource = deletable[i];
        if (!resource) return this.report(ns, deletable, results, discoveryError, done);
        this.deleteAllContentForResource(resource, name, (result) => {
          results.push(result);
          next(i + 1);
        });
      };
      if (!discoveryError || deletable.length > 0) next(0);
      else this.report(ns, deletable, results, discoveryError, done);
    });
  }

  /** ServerPreferredNamespacedResources, cut down: the legacy API and the groups /apis lists. */
  private discover(done: (resources: readonly ResourceInfo[], error?: string) => void): void {
    this.client.request('GET', '/api', {}, (core) => {
      this.client.request('GET', '/apis', {}, (groups) => {
        const failed: string[] = [];
        if (!isSuccess(core)) failed.push('v1');
        const served = new Set<string>();
        if (isSuccess(groups)) for (const g of (groups.body as { groups?: { name: string }[] }).groups ?? []) served.add(g.name);
        else failed.push('apis');
        const resources = RESOURCES.filter((r) => (r.group === '' ? isSuccess(core) : served.has(r.group)));
        done(resources, failed.length > 0 ? `Discovery failed for some groups, ${failed.length} failing: unable to retrieve the complete list of server APIs: ${failed.join(', ')}` : undefined);
      });
    });
  }

  private deleteAllContentForResource(resource: ResourceInfo, namespace: string, done: (result: ResourceResult) => void): void {
    const collection = resourcePath(resource, { namespace });
    const gr = `${resource.resource}.${resource.group}`;
    const afterDelete = (estimate: number, error?: string) => {
      // Verify what is left: the finalizers it carries tell whether that is expected.
      this.client.request('GET', collection, {}, (listed) => {
        if (!isSuccess(listed)) return done({ estimate, remaining: 0, finalizers: new Map(), error: error ?? `list ${gr}: ${listed.code}` });
        const items = (listed.body as { items?: KubeObject[] }).items ?? [];
        if (items.length === 0) return done({ estimate, remaining: 0, finalizers: new Map(), ...(error ? { error } : {}) });
        const finalizers = new Map<string, number>();
        for (const item of items) for (const f of (item.metadata['finalizers'] as string[] | undefined) ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        if (estimate !== 0) return done({ estimate, remaining: items.length, finalizers, ...(error ? { error } : {}) });
        if (finalizers.size > 0) return done({ estimate: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers, ...(error ? { error } : {}) });
        done({ estimate, remaining: items.length, finalizers, error: error ?? `unexpected items still remain in namespace: ${namespace} for gvr: ${gr}` });
      });
    };
    this.estimateGracefulTermination(resource, namespace, (estimate) => {
      if (resource.verbs.includes('deletecollection')) {
        const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
        this.client.request('DELETE', collection, { body }, (r) => afterDelete(estimate, isSuccess(r) || r.code === 404 || r.code === 405 ? undefined : `delete ${gr}: ${r.code}`));
        return;
      }
      this.deleteEachItem(resource, namespace, (error) => afterDelete(estimate, error));
    });
  }

  private deleteEachItem(resource: ResourceInfo, namespace: string, done: (error?: string) => void): void {
    this.client.request('GET', resourcePath(resource, { namespace }), {}, (listed) => {
      if (!isSuccess(listed)) return done(`list ${resource.resource}: ${listed.code}`);
      const items = (listed.body as { items?: KubeObject[] }).items ?? [];
      let pending = items.length;
      let error: string | undefined;
      if (pending === 0) return done();
      for (const item of items) {
        this.client.request('DELETE', resourcePath(resource, { namespace, name: item.metadata.name }), { body: { propagationPolicy: 'Background' } }, (r) => {
          if (!isSuccess(r) && r.code !== 404) error = `delete ${resource.resource}/${item.metadata.name ?? ''}: ${r.code}`;
          if (--pending === 0) done(error);
        });
      }
    });
  }

  /** estimateGracefulTerminationForPods: the longest terminationGracePeriodSeconds of the pods not finished. */
  private estimateGracefulTermination(resource: ResourceInfo, namespace: string, done: (estimate: number) => void): void {
    if (resource.resource !== 'pods' || resource.group !== '') return done(0);
    this.client.request('GET', resourcePath(resource, { namespace }), {}, (listed) => {
      if (!isSuccess(listed)) return done(0);
      let estimate = 0;
      for (const pod of ((listed.body as { items?: Pod[] }).items ?? [])) {
        const phase = pod.status?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
      }
      done(estimate);
    });
  }

  private report(ns: Namespace, resources: readonly ResourceInfo[], results: readonly ResourceResult[], discoveryError: string | undefined, done: (estimate: number, error?: string) => void): void {
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const deleteErrors: string[] = [];
    let estimate = 0;
    results.forEach((result, i) => {
      const resource = resources[i];
      estimate = Math.max(estimate, result.estimate);
      if (result.error) deleteErrors.push(result.error);
      if (resource && result.remaining > 0) {
        remaining.set(`${resource.resource}.${resource.group}`, result.remaining);
        for (const [f, n] of result.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
      }
    });
    const report: ContentReport = { deleteErrors, remaining, finalizers, ...(discoveryError !== undefined ? { discoveryError } : {}) };
    const conditions = updateConditions(ns.status?.conditions ?? [], failureConditions(report, this.engine.now()), this.engine.now());
    const errors = [...(discoveryError ? [discoveryError] : []), ...deleteErrors];
    const finish = () => done(estimate, errors.length > 0 ? errors.join('; ') : undefined);
    if (!conditions || !namespaces) return finish();
    const body = { ...ns, status: { ...ns.status, conditions } };
    // "couldn't update status condition for namespace": logged, not fatal.
    this.client.request('PUT', resourcePath(namespaces, { name: ns.metadata?.name, subresource: 'status' }), { body }, (r) => {
      if (isSuccess(r)) Object.assign(ns, { metadata: { ...ns.metadata, resourceVersion: (r.body as Namespace).metadata?.resourceVersion } });
      finish();
    });
  }
}
