/**
 * cloud-controller-manager as a component of its own (k8s.io/cloud-provider/app), with the
 * simulated cloud as its cloud provider. Once the apiserver is healthy, the cluster's
 * administrator applies its manifest (cloud-controller-manager-manifest.ts) with the admin
 * kubeconfig; the component then runs as the ServiceAccount `kube-system/cloud-controller-manager`
 * (in-cluster credentials; `--use-service-account-credentials` off, so its three controllers
 * share that identity) with its own shared informers: the cloud node controller, the service
 * controller and the route controller. The kubelets of such a cluster run with
 * `--cloud-provider=external` and register their Nodes with the uninitialized taint, which the
 * cloud node controller takes off.
 */
import type { Component, ComponentContext } from '../component';
import type { ServiceAccountTokens } from '../apiserver/authentication/service-account-token';
import { credentialsOf, KUBECONFIG_USERS } from '../apiserver/authentication/kubeconfig-users';
import { findResource } from '../api/resources';
import { resourcePath } from '../client/resource-path';
import { SharedInformerFactory } from '../client/shared-informer-factory';
import type { RestClient } from '../client/rest-client';
import { startWithServiceAccountCredentials } from '../controllers/controller-credentials';
import type { KubeObject } from '../api/kube-object';
import { CloudNodeController } from './controllers/node/cloud-node-controller';
import { RouteController } from './controllers/route/route-controller';
import { ServiceController } from './controllers/service/service-controller';
import { CLOUD_CONTROLLER_MANAGER_SA, cloudControllerManagerClusterRole, cloudControllerManagerClusterRoleBinding } from './cloud-controller-manager-manifest';
import type { SimulatedCloud } from './simulated-cloud';

/** When it starts: with kube-controller-manager, once /healthz answers. */
export const CLOUD_CONTROLLER_MANAGER_START_MS = 500;
const INSTALL_RETRY_MS = 1_000;

export interface CloudControllerManagerComponent extends Component {
  readonly cloud: SimulatedCloud;
}

export interface CloudControllerManagerOptions {
  readonly cloud: SimulatedCloud;
  /** The service-account token issuer: the in-cluster token of its ServiceAccount. */
  readonly tokens: ServiceAccountTokens;
}

export function cloudControllerManager(options: CloudControllerManagerOptions): CloudControllerManagerComponent {
  return {
    name: 'cloud-controller-manager',
    kind: 'cloud-controller-manager',
    host: 'control-plane',
    cloud: options.cloud,
    // Its controllers by the names `--controllers` takes (k8s.io/cloud-provider/names).
    parts: () => [
      { name: 'cloud-node-controller', simulated: true },
      { name: 'cloud-node-lifecycle-controller', simulated: false },
      { name: 'service-lb-controller', simulated: true },
      { name: 'node-route-controller', simulated: true },
    ],
    start(ctx: ComponentContext) {
      ctx.engine.schedule(CLOUD_CONTROLLER_MANAGER_START_MS, 'cloud-controller-manager: kube-apiserver /healthz ok, apply its manifest', () => {
        const admin = KUBECONFIG_USERS.find((u) => u.name === 'kubernetes-admin');
        if (!admin) return;
        const installer = ctx.clientAs(credentialsOf(admin), 'kubectl');
        applyRbac(ctx, installer, () =>
          startWithServiceAccountCredentials(
            ctx.engine,
            installer,
            options.tokens,
            CLOUD_CONTROLLER_MANAGER_SA,
            (token) => ctx.clientAs({ bearerToken: token }, 'cloud-controller-manager'),
            (client) => startControllers(ctx, client, options.cloud),
          ),
        );
      });
    },
  };
}

/** The ClusterRole and its binding, created (or found) before the component starts. */
function applyRbac(ctx: ComponentContext, installer: RestClient, done: () => void): void {
  const roles = findResource('clusterroles');
  const bindings = findResource('clusterrolebindings');
  if (!roles || !bindings) return done();
  const create = (path: string, body: KubeObject, next: () => void) =>
    installer.request('POST', path, { body }, (r) => {
      if ((r.code >= 200 && r.code < 300) || r.code === 409) return next();
      ctx.engine.schedule(INSTALL_RETRY_MS, 'cloud-controller-manager: retry applying its manifest', () => create(path, body, next));
    });
  create(resourcePath(roles), cloudControllerManagerClusterRole(), () => create(resourcePath(bindings), cloudControllerManagerClusterRoleBinding(), done));
}

function startControllers(ctx: ComponentContext, client: RestClient, cloud: SimulatedCloud): void {
  // Its own informers, listing and watching as its ServiceAccount.
  const informers = new SharedInformerFactory(ctx.engine, client);
  new CloudNodeController(ctx.engine, informers, client, cloud).start();
  new ServiceController(ctx.engine, informers, client, cloud).start();
  new RouteController(ctx.engine, informers, client, cloud).start();
  informers.start();
}
