/**
 * kube-controller-manager's clusterrole-aggregation controller
 * (pkg/controller/clusterroleaggregation): a ClusterRole with an `aggregationRule` gets, as its
 * rules, the rules of every ClusterRole its selectors match. This is how a ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-edit: "true"` extends `edit` (and through it `admin`)
 * while the cluster runs. Any ClusterRole change requeues every aggregated role, as upstream does.
 */
import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import type { Engine } from '../engine';
import type { KubeObject } from '../api/kube-object';
import { Informer } from '../client/informer';
import type { SharedInformerFactory } from '../client/shared-informer-factory';
import type { RestClient } from '../client/rest-client';
import { DONE, RateLimitingQueue, type ProcessResult } from '../client/workqueue';
import { isSuccess } from '../client/sync';
import { aggregatedRules, rulesEqual } from '../apiserver/authorization/rbac/aggregation';

const CLUSTER_ROLES = '/apis/rbac.authorization.k8s.io/v1/clusterroles';

export class ClusterRoleAggregationController {
  private readonly clusterRoles: Informer;
  private readonly queue: RateLimitingQueue;

  /** `informers`: the controller-manager's shared informers; `client`: the controller's service-account credentials. */
  constructor(engine: Engine, informers: SharedInformerFactory, private readonly client: RestClient) {
    this.clusterRoles = informers.informerFor('clusterroles');
    this.queue = new RateLimitingQueue(engine, 'kube-controller-manager: clusterrole-aggregation', (name) => this.sync(name));
    const enqueueAggregated = () => {
      for (const role of this.clusterRoles.list()) if ((role as ClusterRole).aggregationRule) this.queue.add(role.metadata.name ?? '');
    };
    this.clusterRoles.addEventHandler({ onAdd: enqueueAggregated, onUpdate: enqueueAggregated, onDelete: enqueueAggregated });
  }

  start(): void {
    this.clusterRoles.start();
  }

  private sync(name: string): ProcessResult {
    if (!this.clusterRoles.hasSynced()) return { retry: true, after: 100 };
    const role = this.clusterRoles.get('', name) as (KubeObject & ClusterRole) | undefined;
    if (!role?.aggregationRule) return DONE;
    const rules = aggregatedRules(role, this.clusterRoles.list() as ClusterRole[]);
    // An invalid selector leaves the role as it is (upstream returns the parse error and retries).
    if (rules === undefined || 'error' in rules) return DONE;
    if (rulesEqual(role.rules, rules)) return DONE;
    this.client.request(
      'PATCH',
      `${CLUSTER_ROLES}/${name}`,
      { body: { rules }, contentType: 'application/merge-patch+json' },
      (response) => {
        if (!isSuccess(response)) this.queue.addRateLimited(name);
      },
    );
    return DONE;
  }
}
