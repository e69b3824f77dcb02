/**
 * kube-controller-manager as one component: it waits for the apiserver's /healthz, then starts
 * each enabled controller with its own service-account credentials
 * (`--use-service-account-credentials`, on in kubeadm clusters) and the process's shared
 * informers, so two controllers that read namespaces share one list and one watch.
 */
import type { Component, ComponentContext } from '../component';
import { KUBE_CONTROLLER_MANAGER_CERTIFICATE } from '../apiserver/authentication/x509';
import type { ServiceAccountTokens } from '../apiserver/authentication/service-account-token';
import { startWithServiceAccountCredentials } from './controller-credentials';
import { KUBE_CONTROLLER_MANAGER_BURST, KUBE_CONTROLLER_MANAGER_QPS, TokenBucketRateLimiter } from '../client/rate-limiter';
import { isControllerEnabled, newControllerDescriptors, unknownControllers, type ControllerDescriptor } from './controller-descriptors';

/** When kube-controller-manager starts: after the apiserver's start-up writes (default RBAC), when /healthz says ok. */
export const CONTROLLER_MANAGER_START_MS = 500;

export interface KubeControllerManagerOptions {
  /** The service-account token signer (`--service-account-private-key-file`). */
  readonly tokens: ServiceAccountTokens;
  /** `--controllers`: default `*`. */
  readonly controllers?: readonly string[];
  /** The controller table; default upstream's, as built so far. */
  readonly descriptors?: ReadonlyMap<string, ControllerDescriptor>;
}

export function kubeControllerManager(options: KubeControllerManagerOptions): Component {
  const descriptors = options.descriptors ?? newControllerDescriptors();
  const controllers = options.controllers ?? ['*'];
  const unknown = unknownControllers(descriptors, controllers);
  if (unknown.length > 0) throw new Error(`"${unknown.join('", "')}" is not in the list of known controllers`);
  return {
    name: 'kube-controller-manager',
    kind: 'kube-controller-manager',
    host: 'control-plane',
    credentials: { clientCertificate: KUBE_CONTROLLER_MANAGER_CERTIFICATE },
    start(ctx: ComponentContext) {
      ctx.engine.schedule(CONTROLLER_MANAGER_START_MS, 'kube-controller-manager: kube-apiserver /healthz ok, start controllers', () => {
        for (const descriptor of descriptors.values()) {
          if (!isControllerEnabled(descriptor, controllers)) continue;
          const clientFor = (token: string) => {
            const client = ctx.clientAs({ bearerToken: token }, `kube-controller-manager/${descriptor.serviceAccount}`);
            // Each controller's client has its own rest.Config, so its own QPS/Burst bucket.
            client.setRateLimiter(new TokenBucketRateLimiter(ctx.engine, KUBE_CONTROLLER_MANAGER_QPS, KUBE_CONTROLLER_MANAGER_BURST, `kube-controller-manager/${descriptor.serviceAccount}`));
            return client;
          };
          startWithServiceAccountCredentials(ctx.engine, ctx.client, options.tokens, descriptor.serviceAccount, clientFor, (client) =>
            descriptor.start({ engine: ctx.engine, informers: ctx.informers, client }),
          );
        }
      });
    },
  };
}
