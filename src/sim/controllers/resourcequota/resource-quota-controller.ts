/**
 * The resource quota controller (pkg/controller/resourcequota, v1.32): keeps each
 * ResourceQuota's status current — `status.hard` as the spec says, `status.used` what the
 * namespace's objects use, computed by the same evaluators the ResourceQuota admission plugin
 * uses (upstream shares pkg/quota/v1/evaluator between the two; here they live with the plugin).
 * A quota is synced when it is added or its spec changes, and again whenever an object it can
 * count changes in its namespace (upstream's QuotaMonitor replenishment), and it writes
 * `resourcequotas/status` only when the status differs. This is what `kubectl get quota` and
 * `kubectl describe quota` read.
 *
 * Simplified: upstream's admission plugin also charges each admitted create to status.used at
 * once; here the admission plugin computes usage live, and the status follows within one sync.
 * The QuotaMonitor watches every quotable resource discovered; here the controller watches pods,
 * services, ConfigMaps and Secrets, and starts an informer for any other resource a quota names
 * (`count/deployments.apps`) when it first meets it.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import type { KubeObject } from '../../api/kube-object';
import { findResource, type ResourceInfo } from '../../api/resources';
import type { Informer } from '../../client/informer';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from '../../client/workqueue';
import { currentUsage, quotaOf } from '../../apiserver/admission/plugins/resource-quota/admission';
import { evaluatorFor, LEGACY_COUNT_NAMES } from '../../apiserver/admission/plugins/resource-quota/evaluators';
import { canonicalJson } from '../controller-utils/compute-hash';
import { isConflict, isNotFound } from '../controller-utils/api-call';
import { call, runSync, type Step } from '../controller-utils/sync-runner';
import { keyOf, splitKey } from '../controller-utils/types';

/** --concurrent-resource-quota-syncs. */
const CONCURRENT_RESOURCE_QUOTA_SYNCS = 5;
/** The resources watched from the start (upstream's replenishment sources that exist here). */
const ALWAYS_WATCHED = ['pods', 'services', 'configmaps', 'secrets'];

type QuotaView = KubeObject & ResourceQuota;

/** The resources whose objects a quota with these hard names counts. */
function countedResources(hardNames: readonly string[]): ResourceInfo[] {
  const named = hardNames.flatMap((n) => (n.startsWith('count/') ? [n.slice('count/'.length)] : Object.hasOwn(LEGACY_COUNT_NAMES, n) ? [n] : []));
  const infos = new Map<string, ResourceInfo>();
  for (const name of ['pods', 'services', ...named]) {
    const info = findResource(name);
    if (info) infos.set(`${info.resource}.${info.group}`, info);
  }
  return [...infos.values()].filter((info) => (evaluatorFor(info)?.matchingResources(hardNames).length ?? 0) > 0);
}

export class ResourceQuotaController {
  private readonly quotas: Informer;
  private readonly watched = new Map<string, Informer>();
  private readonly queue: RateLimitingQueue;
  private started = false;

  constructor(
    private readonly engine: Engine,
    private readonly informers: SharedInformerFactory,
    private readonly client: RestClient,
  ) {
    this.quotas = informers.informerFor('resourcequotas');
    this.queue = RateLimitingQueue.withWorkers(engine, 'kube-controller-manager: resourcequota_primary', CONCURRENT_RESOURCE_QUOTA_SYNCS, (key, finish) => this.syncResourceQuota(key, finish));
    this.quotas.addEventHandler({
      onAdd: (q) => this.queue.add(keyOf(q)),
      // A status write by this controller comes back as an update: only a spec change needs a sync.
      onUpdate: (old, cur) => {
        if (canonicalJson(old['spec']) !== canonicalJson(cur['spec'])) this.queue.add(keyOf(cur));
      },
    });
    for (const resource of ALWAYS_WATCHED) this.watch(resource);
  }

  start(): void {
    this.started = true;
    this.quotas.start();
    for (const informer of this.watched.values()) informer.start();
  }

  /** Replenishment: a change to an object a quota may count syncs the quotas of its namespace. */
  private watch(resource: string): Informer {
    let informer = this.watched.get(resource);
    if (informer) return informer;
    informer = this.informers.informerFor(resource);
    this.watched.set(resource, informer);
    const replenish = (object: KubeObject) => {
      const namespace = object.metadata.namespace;
      if (namespace) for (const q of this.quotas.list(namespace)) this.queue.add(keyOf(q));
    };
    informer.addEventHandler({ onAdd: replenish, onUpdate: (_old, cur) => replenish(cur), onDelete: replenish });
    if (this.started) informer.start();
    return informer;
  }

  private syncResourceQuota(key: string, finish: (result: ProcessResult) => void): void {
    if (!this.quotas.hasSynced()) return finish({ retry: true, after: 100 });
    const { namespace, name } = splitKey(key);
    const quota = this.quotas.get(namespace, name) as QuotaView | undefined;
    if (!quota) return finish(DONE);
    const hard = quotaOf(quota);
    const hardNames = [...hard.hard.keys()];
    const resources = countedResources(hardNames);
    const informers = resources.map((info) => this.watch(info.resource));
    if (!informers.every((i) => i.hasSynced())) return finish({ retry: true, after: 100 });
    // Every hard name starts at zero; what no evaluator counts stays there, as upstream's.
    const used = new Map(hardNames.map((n) => [n, '0']));
    resources.forEach((info, i) => {
      const evaluator = evaluatorFor(info);
      if (!evaluator) return;
      const usage = currentUsage(hard, evaluator, informers[i]?.list(namespace) ?? [], this.engine.now());
      for (const [n, q] of usage) used.set(n, q.toString());
    });
    const status = { hard: Object.fromEntries([...hard.hard].map(([n, q]) => [n, q.toString()])), used: Object.fromEntries(used) };
    if (canonicalJson(status) === canonicalJson(quota.status ?? {})) return finish(DONE);
    runSync(this.client, this.writeStatus(quota, status), (ok) => finish(ok ? DONE : RETRY));
  }

  private *writeStatus(quota: QuotaView, status: ResourceQuota['status']): Step<boolean> {
    const info = findResource('resourcequotas');
    if (!info) return true;
    const path = resourcePath(info, { namespace: quota.metadata.namespace, name: quota.metadata.name, subresource: 'status' });
    const a = yield* call('PUT', path, { body: { ...quota, status } });
    // A conflict means a newer quota is on its way through the informer: it will sync again.
    return a.ok || isNotFound(a.error) || isConflict(a.error);
  }
}
