/**
 * The replication manager (pkg/controller/replication): upstream runs the ReplicaSet
 * controller's own code over ReplicationControllers, through adapters that convert an RC to a
 * ReplicaSet and back (NewReplicationManager wraps replicaset.NewBaseController). Here the same
 * ReplicaSetController is started with the ReplicationController kind: it lists and watches
 * `replicationcontrollers`, names them in pods' controller references (`v1`
 * ReplicationController), writes `replicationcontrollers/status`, records its events as
 * `replication-controller`, and reads the RC's selector, a plain label map, as the equality
 * selector the conversion makes of it. Its credentials are
 * system:serviceaccount:kube-system:replication-controller.
 */
import type { Engine } from '../../engine';
import { labelSelectorAsSelector } from '../../api/labels/label-selector';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { ReplicaSetController, type ControlledKind } from '../replicaset/replica-set-controller';

/** The RC's spec.selector is a map: Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec makes it matchLabels. */
export const REPLICATION_CONTROLLER_KIND: ControlledKind = {
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  component: 'replication-controller',
  queueName: 'replicationmanager',
  selectorOf: (rc) => {
    const selector = (rc.spec as { selector?: Record<string, string> | null }).selector;
    return selector ? labelSelectorAsSelector({ matchLabels: selector }) : undefined;
  },
};

export function newReplicationManager(engine: Engine, informers: SharedInformerFactory, client: RestClient): ReplicaSetController {
  return new ReplicaSetController(engine, informers, client, { controlled: REPLICATION_CONTROLLER_KIND });
}
