/**
 * kube-controller-manager's controllers by name, as upstream's NewControllerDescriptors
 * (cmd/kube-controller-manager/app/controllermanager.go): each has its canonical name (the one
 * `--controllers` takes, with upstream's older aliases), the ServiceAccount it acts as under
 * `--use-service-account-credentials`, and how to start it. A new controller is one folder plus
 * one entry here.
 */
import type { Engine } from '../engine';
import type { RestClient } from '../client/rest-client';
import type { SharedInformerFactory } from '../client/shared-informer-factory';
import { ServiceAccountsController } from './serviceaccounts-controller';
import { RootCaCertPublisher } from './root-ca-cert-publisher';
import { ClusterRoleAggregationController } from './clusterrole-aggregation-controller';
import { NamespaceController } from './namespace/namespace-controller';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller';
import { TaintEvictionController } from './tainteviction/taint-eviction-controller';
import { EndpointsController } from './endpoint/endpoints-controller';
import { EndpointSliceController } from './endpointslice/endpointslice-controller';
import { EndpointSliceMirroringController } from './endpointslicemirroring/endpointslicemirroring-controller';
import { DisruptionController } from './disruption/disruption-controller';
import { ReplicaSetController } from './replicaset/replica-set-controller';
import { newReplicationManager } from './replication/replication-manager';
import { HorizontalController } from './podautoscaler/horizontal';
import { DeploymentController } from './deployment/deployment-controller';
import { GarbageCollector } from './garbagecollector/garbage-collector';
import { DaemonSetController } from './daemon/daemon-set-controller';
import { StatefulSetController } from './statefulset/stateful-set-controller';
import { JobController } from './job/job-controller';
import { CronJobController } from './cronjob/cronjob-controller';
import { TTLAfterFinishedController } from './ttlafterfinished/ttl-after-finished-controller';
import { ResourceQuotaController } from './resourcequota/resource-quota-controller';

/** What a controller is started with: upstream's ControllerContext, cut to what the simulation has. */
export interface ControllerContext {
  readonly engine: Engine;
  /** kube-controller-manager's shared informers: one per resource, listing and watching as the controller-manager. */
  readonly informers: SharedInformerFactory;
  /** The controller's own client: its ServiceAccount's token. */
  readonly client: RestClient;
}

export interface ControllerDescriptor {
  /** Canonical name, as `--controllers` and the logs use it: "serviceaccount-controller". */
  readonly name: string;
  /** Older names `--controllers` still accepts: "serviceaccount". */
  readonly aliases: readonly string[];
  /** The ServiceAccount in kube-system it acts as (bound by the default RBAC policy to its ClusterRole). */
  readonly serviceAccount: string;
  /** Left out of `*` (upstream: bootstrapsigner, tokencleaner...). */
  readonly disabledByDefault?: boolean;
  start(ctx: ControllerContext): void;
}

/** The controllers built so far, in the order kube-controller-manager starts them. */
export function newControllerDescriptors(): ReadonlyMap<string, ControllerDescriptor> {
  const descriptors: ControllerDescriptor[] = [
    {
      name: 'serviceaccount-controller',
      aliases: ['serviceaccount'],
      serviceAccount: 'service-account-controller',
      start: (ctx) => new ServiceAccountsController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'disruption-controller',
      aliases: ['disruption'],
      serviceAccount: 'disruption-controller',
      start: (ctx) => new DisruptionController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'root-ca-certificate-publisher-controller',
      aliases: ['root-ca-cert-publisher'],
      serviceAccount: 'root-ca-cert-publisher',
      start: (ctx) => new RootCaCertPublisher(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'clusterrole-aggregation-controller',
      aliases: ['clusterrole-aggregation'],
      serviceAccount: 'clusterrole-aggregation-controller',
      start: (ctx) => new ClusterRoleAggregationController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'namespace-controller',
      aliases: ['namespace'],
      serviceAccount: 'namespace-controller',
      start: (ctx) => new NamespaceController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'node-lifecycle-controller',
      aliases: ['nodelifecycle'],
      serviceAccount: 'node-controller',
      start: (ctx) => new NodeLifecycleController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'taint-eviction-controller',
      aliases: [],
      // "taint-manager uses existing cluster role from node-controller" (cmd/kube-controller-manager/app/core.go).
      serviceAccount: 'node-controller',
      start: (ctx) => new TaintEvictionController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'endpoints-controller',
      aliases: ['endpoint'],
      serviceAccount: 'endpoint-controller',
      start: (ctx) => new EndpointsController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'endpointslice-controller',
      aliases: ['endpointslice'],
      serviceAccount: 'endpointslice-controller',
      start: (ctx) => new EndpointSliceController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'endpointslice-mirroring-controller',
      aliases: ['endpointslicemirroring'],
      serviceAccount: 'endpointslicemirroring-controller',
      start: (ctx) => new EndpointSliceMirroringController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'replicationcontroller-controller',
      aliases: ['replicationcontroller'],
      serviceAccount: 'replication-controller',
      start: (ctx) => newReplicationManager(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'horizontal-pod-autoscaler-controller',
      aliases: ['horizontalpodautoscaling'],
      serviceAccount: 'horizontal-pod-autoscaler',
      start: (ctx) => new HorizontalController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'replicaset-controller',
      aliases: ['replicaset'],
      serviceAccount: 'replicaset-controller',
      start: (ctx) => new ReplicaSetController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'deployment-controller',
      aliases: ['deployment'],
      serviceAccount: 'deployment-controller',
      start: (ctx) => new DeploymentController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'daemonset-controller',
      aliases: ['daemonset'],
      serviceAccount: 'daemon-set-controller',
      start: (ctx) => new DaemonSetController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'statefulset-controller',
      aliases: ['statefulset'],
      serviceAccount: 'statefulset-controller',
      start: (ctx) => new StatefulSetController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'job-controller',
      aliases: ['job'],
      serviceAccount: 'job-controller',
      start: (ctx) => new JobController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'cronjob-controller',
      aliases: ['cronjob'],
      serviceAccount: 'cronjob-controller',
      start: (ctx) => new CronJobController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'ttl-after-finished-controller',
      aliases: ['ttl-after-finished'],
      serviceAccount: 'ttl-after-finished-controller',
      start: (ctx) => new TTLAfterFinishedController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'resourcequota-controller',
      aliases: ['resourcequota'],
      serviceAccount: 'resourcequota-controller',
      start: (ctx) => new ResourceQuotaController(ctx.engine, ctx.informers, ctx.client).start(),
    },
    {
      name: 'garbage-collector-controller',
      aliases: ['garbagecollector'],
      serviceAccount: 'generic-garbage-collector',
      start: (ctx) => new GarbageCollector(ctx.engine, ctx.informers, ctx.client).start(),
    },
  ];
  return new Map(descriptors.map((d) => [d.name, d]));
}

/**
 * Whether `--controllers=LIST` enables a controller, as upstream's IsControllerEnabled: its name
 * enables it, `-name` disables it, and `*` enables everything not disabled by default. Aliases
 * count as the canonical name.
 */
export function isControllerEnabled(descriptor: ControllerDescriptor, controllers: readonly string[]): boolean {
  const names = new Set([descriptor.name, ...descriptor.aliases]);
  let star = false;
  for (const entry of controllers) {
    if (names.has(entry)) return true;
    if (entry.startsWith('-') && names.has(entry.slice(1))) return false;
    if (entry === '*') star = true;
  }
  return star && !descriptor.disabledByDefault;
}

/** The unknown names in a `--controllers` list, as upstream refuses them at start-up. */
export function unknownControllers(descriptors: ReadonlyMap<string, ControllerDescriptor>, controllers: readonly string[]): string[] {
  const known = new Set<string>(['*']);
  for (const d of descriptors.values()) for (const n of [d.name, ...d.aliases]) known.add(n);
  return controllers.filter((c) => !known.has(c.startsWith('-') ? c.slice(1) : c));
}
