/**
 * kube-scheduler as a component of the cluster's list: `system:kube-scheduler` with its client
 * certificate, its informers from the process's shared factory, started when the apiserver's
 * /healthz says ok.
 */
import type { Component, ComponentContext } from '../component';
import { KUBE_SCHEDULER_CERTIFICATE } from '../apiserver/authentication/x509';
import { EventRecorder } from '../client/event-recorder';
import { LeaderElector, leaderIdentity } from '../client/leaderelection/leader-elector';
import { KubeScheduler, type KubeSchedulerOptions } from './kube-scheduler';

/** When kube-scheduler starts: with kube-controller-manager, once the apiserver's start-up writes are done. */
export const KUBE_SCHEDULER_START_MS = 500;

export interface KubeSchedulerComponent extends Component {
  readonly scheduler: KubeScheduler;
}

/**
 * `leaderElect` (default true) makes the instance hold the Lease kube-system/kube-scheduler before
 * it schedules. Simplified: upstream starts the informers before the election, here after it.
 */
export function kubeSchedulerComponent(options: Omit<KubeSchedulerOptions, 'informers'> = {}, leaderElect = true): KubeSchedulerComponent {
  let scheduler: KubeScheduler | undefined;
  return {
    name: 'kube-scheduler',
    kind: 'kube-scheduler',
    host: 'control-plane',
    credentials: { clientCertificate: KUBE_SCHEDULER_CERTIFICATE },
    get scheduler(): KubeScheduler {
      if (!scheduler) throw new Error('kube-scheduler has not started');
      return scheduler;
    },
    start(ctx: ComponentContext) {
      const started = new KubeScheduler(ctx.engine, ctx.client, { ...options, informers: ctx.informers });
      scheduler = started;
      ctx.engine.schedule(KUBE_SCHEDULER_START_MS, 'kube-scheduler: kube-apiserver /healthz ok, start', () => {
        if (leaderElect === false) return started.start();
        // --leader-elect: the events are recorded as the first profile's scheduler name, as upstream.
        const recorder = new EventRecorder(ctx.engine, ctx.client, 'default-scheduler');
        new LeaderElector(ctx.engine, ctx.client, recorder, {
          name: 'kube-scheduler',
          namespace: 'kube-system',
          identity: leaderIdentity(ctx.engine, 'control-plane', 'kube-scheduler'),
          onStartedLeading: () => started.start(),
        }).run();
      });
    },
  };
}
