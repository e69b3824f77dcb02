/**
 * kube-scheduler as a component of the cluster's list: `system:kube-scheduler` with its client
 * certificate, its informers from the process's shared factory, started when the apiserver's
 * /healthz says ok.
 */
import type { Component, ComponentContext } from '../component';
import { KUBE_SCHEDULER_CERTIFICATE } from '../apiserver/authentication/x509';
import { KubeScheduler, type KubeSchedulerOptions } from './kube-scheduler';

/** When kube-scheduler starts: with kube-controller-manager, once the apiserver's start-up writes are done. */
export const KUBE_SCHEDULER_START_MS = 500;

export interface KubeSchedulerComponent extends Component {
  readonly scheduler: KubeScheduler;
}

export function kubeSchedulerComponent(options: Omit<KubeSchedulerOptions, 'informers'> = {}): KubeSchedulerComponent {
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
      ctx.engine.schedule(KUBE_SCHEDULER_START_MS, 'kube-scheduler: kube-apiserver /healthz ok, start', () => started.start());
    },
  };
}
