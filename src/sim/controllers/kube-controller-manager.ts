/**
 * kube-controller-manager as one component: it waits for the apiserver's /healthz, becomes the
 * leader (the Lease kube-system/kube-controller-manager), then starts each enabled controller with its own service-account credentials
 * (`--use-service-account-credentials`, on in kubeadm clusters) and the process's shared
 * informers, so two controllers that read namespaces share one list and one watch.
 */
import type { Component, ComponentContext } from '../component';
import { KUBE_CONTROLLER_MANAGER_CERTIFICATE } from '../apiserver/authentication/x509';
import type { ServiceAccountTokens } from '../apiserver/authentication/service-account-token';
import { EventRecorder } from '../client/event-recorder';
import { LeaderElector, leaderIdentity } from '../client/leaderelection/leader-elector';
import { startWithServiceAccountCredentials } from './controller-credentials';
import { KUBE_CONTROLLER_MANAGER_BURST, KUBE_CONTROLLER_MANAGER_QPS, TokenBucketRateLimiter } from '../client/rate-limiter';
import { isControllerEnabled, newControllerDescriptors, unknownControllers, type ControllerDescriptor } from './controller-descriptors';

/** When kube-controller-manager starts: after the apiserver's start-up writes (default RBAC), when /healthz says ok. */
export const CONTROLLER_MANAGER_START_MS = 500;

/**
 * The controllers a v1.32 kube-controller-manager runs by default (NewControllerDescriptors,
 * cmd/kube-controller-manager/names), so the page can say which of them the simulation runs.
 * Cloud loops (service-lb, node-route, cloud-node-lifecycle) run in cloud-controller-manager.
 */
const UPSTREAM_CONTROLLERS: readonly string[] = [
  'serviceaccount-token-controller',
  'endpoints-controller',
  'endpointslice-controller',
  'endpointslice-mirroring-controller',
  'replicationcontroller-controller',
  'pod-garbage-collector-controller',
  'resourcequota-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'garbage-collector-controller',
  'daemonset-controller',
  'job-controller',
  'deployment-controller',
  'replicaset-controller',
  'horizontal-pod-autoscaler-controller',
  'disruption-controller',
  'statefulset-controller',
  'cronjob-controller',
  'certificatesigningrequest-signing-controller',
  'certificatesigningrequest-approving-controller',
  'certificatesigningrequest-cleaner-controller',
  'ttl-controller',
  'node-ipam-controller',
  'node-lifecycle-controller',
  'taint-eviction-controller',
  'persistentvolume-binder-controller',
  'persistentvolume-attach-detach-controller',
  'persistentvolume-expander-controller',
  'clusterrole-aggregation-controller',
  'persistentvolumeclaim-protection-controller',
  'persistentvolume-protection-controller',
  'ttl-after-finished-controller',
  'root-ca-certificate-publisher-controller',
  'ephemeral-volume-controller',
  'legacy-serviceaccount-token-cleaner-controller',
  'validatingadmissionpolicy-status-controller',
  'service-cidr-controller',
];

export interface KubeControllerManagerOptions {
  /** The service-account token signer (`--service-account-private-key-file`). */
  readonly tokens: ServiceAccountTokens;
  /** `--controllers`: default `*`. */
  readonly controllers?: readonly string[];
  /** `--leader-elect` (default true): hold the Lease kube-system/kube-controller-manager before starting controllers. */
  readonly leaderElect?: boolean;
  /** The controller table; default upstream's, as built so far. */
  readonly descriptors?: ReadonlyMap<string, ControllerDescriptor>;
  /** `--kube-api-qps` (default 20): each controller client's sustained requests a second. */
  readonly kubeAPIQPS?: number;
  /** `--kube-api-burst` (default 30): the requests each controller client may send at once. */
  readonly kubeAPIBurst?: number;
}

export function kubeControllerManager(options: KubeControllerManagerOptions): Component {
  const descriptors = options.descriptors ?? newControllerDescriptors();
  const controllers = options.controllers ?? ['*'];
  const unknown = unknownControllers(descriptors, controllers);
  if (unknown.length > 0) throw new Error(`"${unknown.join('", "')}" is not in the list of known controllers`);
  const qps = options.kubeAPIQPS ?? KUBE_CONTROLLER_MANAGER_QPS;
  const burst = options.kubeAPIBurst ?? KUBE_CONTROLLER_MANAGER_BURST;
  if (!(qps > 0) || !(burst >= 1)) throw new Error(`invalid --kube-api-qps ${qps} / --kube-api-burst ${burst}: the QPS must be positive and the burst at least 1`);
  return {
    name: 'kube-controller-manager',
    kind: 'kube-controller-manager',
    host: 'control-plane',
    credentials: { clientCertificate: KUBE_CONTROLLER_MANAGER_CERTIFICATE },
    parts: () => UPSTREAM_CONTROLLERS.map((name) => ({ name, simulated: descriptors.has(name) && isControllerEnabled(descriptors.get(name) as ControllerDescriptor, controllers) })),
    start(ctx: ComponentContext) {
      const startControllers = () => {
        for (const descriptor of descriptors.values()) {
          if (!isControllerEnabled(descriptor, controllers)) continue;
          const clientFor = (token: string) => {
            const client = ctx.clientAs({ bearerToken: token }, `kube-controller-manager/${descriptor.serviceAccount}`);
            // Each controller's client has its own rest.Config, so its own QPS/Burst bucket.
            client.setRateLimiter(new TokenBucketRateLimiter(ctx.engine, qps, burst, `kube-controller-manager/${descriptor.serviceAccount}`));
            return client;
          };
          startWithServiceAccountCredentials(ctx.engine, ctx.client, options.tokens, descriptor.serviceAccount, clientFor, (client) =>
            descriptor.start({ engine: ctx.engine, informers: ctx.informers, client }),
          );
        }
      };
      ctx.engine.schedule(CONTROLLER_MANAGER_START_MS, 'kube-controller-manager: kube-apiserver /healthz ok, start', () => {
        if (options.leaderElect === false) return startControllers();
        // --leader-elect (on by default): the controllers start once this instance holds the Lease.
        const recorder = new EventRecorder(ctx.engine, ctx.client, 'kube-controller-manager');
        new LeaderElector(ctx.engine, ctx.client, recorder, {
          name: 'kube-controller-manager',
          namespace: 'kube-system',
          identity: leaderIdentity(ctx.engine, 'control-plane', 'kube-controller-manager'),
          onStartedLeading: startControllers,
        }).run();
      });
    },
  };
}
