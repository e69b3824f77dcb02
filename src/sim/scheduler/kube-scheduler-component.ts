/**
 * kube-scheduler as a component of the cluster's list: `system:kube-scheduler` with its client
 * certificate, its informers from the process's shared factory, started when the apiserver's
 * /healthz says ok and once it holds the Lease kube-system/kube-scheduler (`--leader-elect`).
 * A new KubeSchedulerConfiguration restarts the process, as changing `--config` does: the old
 * one releases its Lease (ReleaseOnCancel), the new one comes up with a new identity.
 */
import type { Component, ComponentContext } from '../component';
import { KUBE_SCHEDULER_CERTIFICATE } from '../apiserver/authentication/x509';
import { EventRecorder } from '../client/event-recorder';
import { LeaderElector, leaderIdentity } from '../client/leaderelection/leader-elector';
import { SharedInformerFactory } from '../client/shared-informer-factory';
import { TokenBucketRateLimiter } from '../client/rate-limiter';
import { KubeScheduler, type KubeSchedulerOptions } from './kube-scheduler';
import type { KubeSchedulerConfiguration } from './apis/config/v1/kube-scheduler-configuration';

/** When kube-scheduler starts: with kube-controller-manager, once the apiserver's start-up writes are done. */
export const KUBE_SCHEDULER_START_MS = 500;
/** How long the restarted process takes to come back (the static pod's container restarting). */
export const KUBE_SCHEDULER_RESTART_MS = 1_000;

/**
 * KubeSchedulerConfiguration's clientConnection (componentbaseconfig ClientConnectionConfiguration):
 * the QPS and burst of the scheduler's rest.Config. v1.32's defaults are 50 and 100
 * (pkg/scheduler/apis/config/v1 SetDefaults_KubeSchedulerConfiguration).
 */
export interface ClientConnectionConfiguration {
  readonly qps?: number;
  readonly burst?: number;
}

export const DEFAULT_CLIENT_CONNECTION = { qps: 50, burst: 100 } as const;

export interface KubeSchedulerComponentOptions extends Omit<KubeSchedulerOptions, 'informers'> {
  readonly clientConnection?: ClientConnectionConfiguration;
}

export interface KubeSchedulerComponent extends Component {
  readonly scheduler: KubeScheduler;
  /** The configuration the running process was started with (undefined: the defaults). */
  readonly configuration: KubeSchedulerConfiguration | undefined;
  /** Restart the process with a new configuration. */
  reconfigure(config: KubeSchedulerConfiguration): void;
}

/**
 * `leaderElect` (default true) makes the instance hold the Lease before it schedules.
 * Simplified: upstream starts the informers before the election, here after it.
 */
export function kubeSchedulerComponent(componentOptions: KubeSchedulerComponentOptions = {}, leaderElect = true): KubeSchedulerComponent {
  const { clientConnection, ...options } = componentOptions;
  const qps = clientConnection?.qps ?? DEFAULT_CLIENT_CONNECTION.qps;
  const burst = clientConnection?.burst ?? DEFAULT_CLIENT_CONNECTION.burst;
  if (!(qps > 0) || !(burst >= 1)) throw new Error(`invalid clientConnection qps ${qps} / burst ${burst}: the QPS must be positive and the burst at least 1`);
  let scheduler: KubeScheduler | undefined;
  let elector: LeaderElector | undefined;
  let configuration: KubeSchedulerConfiguration | undefined;
  let context: ComponentContext | undefined;
  let generation = 0;

  const boot = (ctx: ComponentContext, informers: SharedInformerFactory, delayMs: number, label: string) => {
    const started = new KubeScheduler(ctx.engine, ctx.client, {
      ...options,
      informers,
      ...(configuration
        ? { profiles: configuration.profiles, podInitialBackoffMs: configuration.podInitialBackoffSeconds * 1000, podMaxBackoffMs: configuration.podMaxBackoffSeconds * 1000 }
        : {}),
    });
    scheduler = started;
    const run = generation;
    ctx.engine.schedule(delayMs, label, () => {
      if (run !== generation) return;
      if (!leaderElect) return started.start();
      // The events are recorded as the first profile's scheduler name, as upstream.
      const recorder = new EventRecorder(ctx.engine, ctx.client, configuration?.profiles[0]?.schedulerName ?? 'default-scheduler');
      elector = new LeaderElector(ctx.engine, ctx.client, recorder, {
        name: 'kube-scheduler',
        namespace: 'kube-system',
        identity: leaderIdentity(ctx.engine, 'control-plane', run === 0 ? 'kube-scheduler' : `kube-scheduler#${run}`),
        onStartedLeading: () => started.start(),
      });
      elector.run();
    });
  };

  return {
    name: 'kube-scheduler',
    kind: 'kube-scheduler',
    host: 'control-plane',
    credentials: { clientCertificate: KUBE_SCHEDULER_CERTIFICATE },
    get scheduler(): KubeScheduler {
      if (!scheduler) throw new Error('kube-scheduler has not started');
      return scheduler;
    },
    get configuration() {
      return configuration;
    },
    start(ctx: ComponentContext) {
      context = ctx;
      // One bucket for the process's client (binds, lists, leader election and events alike;
      // simplified: upstream's event client has a bucket of its own).
      ctx.client.setRateLimiter(new TokenBucketRateLimiter(ctx.engine, qps, burst, 'kube-scheduler'));
      boot(ctx, ctx.informers, KUBE_SCHEDULER_START_MS, 'kube-scheduler: kube-apiserver /healthz ok, start');
    },
    reconfigure(config: KubeSchedulerConfiguration) {
      if (!context) throw new Error('kube-scheduler has not started');
      configuration = config;
      generation++;
      elector?.release();
      elector = undefined;
      scheduler?.stop();
      boot(context, new SharedInformerFactory(context.engine, context.client), KUBE_SCHEDULER_RESTART_MS, 'kube-scheduler: restarted with a new --config, start');
    },
  };
}
