/**
 * kube-scheduler as a component (cmd/kube-scheduler + pkg/scheduler/scheduler.go, schedule_one.go
 * scheduleOne/bindingCycle/handleSchedulingFailure). It talks only to the apiserver, as
 * `system:kube-scheduler`: informers on pods and nodes feed the cache (bound pods) and the
 * scheduling queue (unscheduled pods whose spec.schedulerName is one of its profiles); one pod at
 * a time is popped and run through the scheduling cycle; the decision is assumed in the cache and
 * bound with a POST to `pods/NAME/binding` (DefaultBinder). A pod that fits nowhere gets
 * `Warning FailedScheduling` from `default-scheduler` with the FitError text and the
 * `PodScheduled=False reason=Unschedulable` condition; a bound one `Normal Scheduled`. Each pod's
 * latest cycle is kept for `kubearch explain pod`.
 *
 * Timers are engine events: the next cycle runs right after the previous one (the simulated
 * scheduler spends no virtual time thinking), backoffQ is flushed every second and the
 * unschedulable pods every 30 s while there are any. Leader election is not simulated yet: one
 * scheduler runs.
 */
import type { Engine, EventHandle } from '../engine';
import { findResource } from '../api/resources';
import { simulatedTimestamp } from '../api/time';
import { EventRecorder } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import { SharedInformerFactory } from '../client/shared-informer-factory';
import { resourcePath } from '../client/resource-path';
import type { RestClient } from '../client/rest-client';
import { isSuccess } from '../client/sync';
import type { KubeObject } from '../api/kube-object';
import { defaultProfile } from './apis/config/default-plugins';
import { DEFAULT_SCHEDULER_NAME, type KubeSchedulerProfile } from './apis/config/types';
import type { Handle, PodBinder, PreemptionClient } from './framework/interface';
import { Framework, type Registry } from './framework/runtime/framework';
import { Status, type MaybeStatus } from './framework/status';
import { podInfoOf, type QueuedPodInfo } from './framework/types';
import { asNode, asPod, podKey, type V1Node, type V1Pod } from './framework/v1';
import { SchedulerCache } from './internal/cache/cache';
import { AssignedPodDelete, AssignedPodUpdate, NodeAdd, NodeAllocatableChange, NodeLabelChange, NodeTaintChange, type ClusterEvent } from './internal/queue/events';
import { PriorityQueue } from './internal/queue/scheduling-queue';
import { defaultSelector, type SpreadingSources } from './plugins/helper/spread';
import { newInTreeRegistry } from './plugins/registry';
import type { LabelSelector } from '../api/labels/label-selector';
import { schedulingCycle, type Explanation } from './schedule-one';

export const KUBE_SCHEDULER_COMPONENT = 'kube-scheduler';
/** The event source / reportingController of the default profile. */
export const DEFAULT_SCHEDULER_REPORTER = DEFAULT_SCHEDULER_NAME;

const BACKOFF_FLUSH_MS = 1_000;
/**
 * Latest attempts kept for `kubearch explain` (each holds its cycle's node list and scores; at
 * 5,000 nodes keeping every pod's would cost hundreds of MB). The oldest are dropped first.
 */
export const MAX_KEPT_ATTEMPTS = 1_000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

export interface KubeSchedulerOptions {
  /** The process's shared informers (the component context's); default: a factory of its own on `client`. */
  readonly informers?: SharedInformerFactory;
  /** The profiles (default: the v1.32 default profile); pods naming another schedulerName are left alone, as upstream. */
  readonly profiles?: readonly KubeSchedulerProfile[];
  readonly registry?: Registry;
  /** The scheduler's identity in events' reportingInstance (the pod name `kube-scheduler-<node>`). */
  readonly instance?: string;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
}

/** What the page and `kubearch explain` read about one pod's latest attempt. */
export interface SchedulingAttempt {
  readonly pod: string;
  readonly time: number;
  readonly profile: string;
  explain(): Explanation;
}

export class KubeScheduler {
  readonly cache = new SchedulerCache();
  readonly queue: PriorityQueue;
  private readonly frameworks = new Map<string, Framework>();
  private readonly informers: SharedInformerFactory;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  /** What selects pods, for PodTopologySpread's system-default spreading (helper.DefaultSelector). */
  private readonly services: Informer;
  private readonly replicaSets: Informer;
  private readonly statefulSets: Informer;
  private readonly recorder: EventRecorder;
  private readonly attempts = new Map<string, SchedulingAttempt>();
  private nextStartNodeIndex = 0;
  private cycleEvent: EventHandle | undefined;
  private backoffTimer: EventHandle | undefined;
  private leftoverTimer: EventHandle | undefined;
  private started = false;
  private stopped = false;
  /** Cycles run and pods bound, for the bench and the page. */
  readonly stats = { cycles: 0, scheduled: 0, unschedulable: 0, bindErrors: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    options: KubeSchedulerOptions = {},
  ) {
    const registry = options.registry ?? newInTreeRegistry();
    const profiles = options.profiles ?? [defaultProfile()];
    const binder: PodBinder = (pod, nodeName, done) => this.bind(pod, nodeName, done);
    const preemption: PreemptionClient = { deleteVictim: (v, p, n) => this.deleteVictim(v, p, n), clearNominatedNodeName: (p) => this.clearNominatedNodeName(p) };
    const spreading: SpreadingSources = {
      services: (ns) => this.services.list(ns).map((svc) => (svc['spec'] as { selector?: Record<string, string> } | undefined)?.selector),
      controllerSelector: (kind, ns, name) => {
        const informer = kind === 'ReplicaSet' ? this.replicaSets : this.statefulSets;
        return (informer.get(ns, name)?.['spec'] as { selector?: LabelSelector } | undefined)?.selector;
      },
    };
    for (const profile of profiles) {
      const holder: { fwk?: Framework } = {};
      const handle: Handle = {
        snapshotSharedLister: () => this.cache.snapshot(),
        rng: engine.rng,
        binder,
        nominator: { nominatedPodsForNode: (n) => this.queue.nominatedPodsForNode(n) },
        preemption,
        framework: () => holder.fwk as Framework,
        defaultSelector: (pod) => defaultSelector(pod, spreading),
      };
      holder.fwk = new Framework(registry, profile, handle);
      this.frameworks.set(profile.schedulerName, holder.fwk);
    }
    const first = this.frameworks.values().next().value as Framework;
    this.queue = new PriorityQueue(first.queueSortFunc(), engine, {
      preEnqueue: (pod) => this.frameworkFor(pod)?.runPreEnqueuePlugins(pod) ?? null,
      ...(options.podInitialBackoffMs !== undefined ? { podInitialBackoffMs: options.podInitialBackoffMs } : {}),
      ...(options.podMaxBackoffMs !== undefined ? { podMaxBackoffMs: options.podMaxBackoffMs } : {}),
    });
    this.recorder = new EventRecorder(engine, client, DEFAULT_SCHEDULER_REPORTER, options.instance);
    // Made in the order the informers start, so the lists go out as before the factory.
    this.informers = options.informers ?? new SharedInformerFactory(engine, client);
    this.nodes = this.informers.informerFor('nodes');
    this.pods = this.informers.informerFor('pods');
    this.services = this.informers.informerFor('services');
    this.replicaSets = this.informers.informerFor('replicasets');
    this.statefulSets = this.informers.informerFor('statefulsets');
    this.pods.addEventHandler({
      onAdd: (o) => this.onPodAdd(asPod(o)),
      onUpdate: (o, n) => this.onPodUpdate(asPod(o), asPod(n)),
      onDelete: (o) => this.onPodDelete(asPod(o)),
    });
    this.nodes.addEventHandler({
      onAdd: (o) => {
        this.cache.addNode(asNode(o));
        this.moveAll(NodeAdd);
      },
      onUpdate: (o, n) => {
        this.cache.updateNode(asNode(o), asNode(n));
        const event = nodeUpdateEvent(asNode(o), asNode(n));
        if (event) this.moveAll(event);
      },
      onDelete: (o) => this.cache.removeNode(asNode(o)),
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.informers.start();
  }

  /** The latest scheduling attempt for namespace/name, if any. */
  /** The process ends (a restart with a new configuration): informers closed, timers cancelled. */
  stop(): void {
    this.stopped = true;
    this.informers.stop();
    for (const timer of [this.cycleEvent, this.backoffTimer, this.leftoverTimer]) if (timer) this.engine.cancel(timer);
    this.cycleEvent = this.backoffTimer = this.leftoverTimer = undefined;
  }

  latestAttempt(namespace: string, name: string): SchedulingAttempt | undefined {
    return this.attempts.get(`${namespace}/${name}`);
  }

  /** The profiles, by schedulerName. */
  profileNames(): string[] {
    return [...this.frameworks.keys()];
  }

  private frameworkFor(pod: V1Pod): Framework | undefined {
    return this.frameworks.get(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  }

  private responsibleFor(pod: V1Pod): boolean {
    const phase = pod.status?.phase;
    return this.frameworkFor(pod) !== undefined && phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata['deletionTimestamp'];
  }

  private onPodAdd(pod: V1Pod): void {
    if (pod.spec?.nodeName) {
      this.cache.addPod(pod);
      this.queue.assignedPodAdded(pod);
      this.kick();
      return;
    }
    if (!this.responsibleFor(pod)) return;
    this.queue.add(pod);
    this.kick();
  }

  private onPodUpdate(oldPod: V1Pod, newPod: V1Pod): void {
    if (newPod.spec?.nodeName) {
      // Bound (by us or anyone): the cache counts it, the queue forgets it.
      if (!oldPod.spec?.nodeName) this.queue.delete(newPod);
      const terminal = newPod.status?.phase === 'Succeeded' || newPod.status?.phase === 'Failed';
      if (terminal) {
        this.cache.removePod(newPod);
        this.moveAll(AssignedPodDelete);
      } else {
        this.cache.updatePod(oldPod, newPod);
        if (oldPod.spec?.nodeName) this.moveAll(AssignedPodUpdate);
      }
      return;
    }
    if (!this.responsibleFor(newPod)) {
      this.queue.delete(newPod);
      return;
    }
    // Our own status patches (condition, nomination) change nothing the plugins read.
    this.queue.update(oldPod, newPod);
    this.kick();
  }

  private onPodDelete(pod: V1Pod): void {
    this.attempts.delete(podKey(pod));
    if (pod.spec?.nodeName || this.cache.getPod(pod)) {
      this.cache.removePod(pod);
      this.queue.deleteNominatedPodIfExists(pod);
      this.moveAll(AssignedPodDelete);
      return;
    }
    this.queue.delete(pod);
  }

  private moveAll(event: ClusterEvent): void {
    if (this.queue.moveAllToActiveOrBackoffQueue(event) > 0 || event === AssignedPodDelete) this.kick();
    this.armTimers();
  }

  /** Runs the next cycle as soon as possible (one engine event per cycle). */
  private kick(): void {
    if (this.stopped) return;
    this.armTimers();
    if (this.cycleEvent || this.queue.sizes.activeQ === 0) return;
    this.cycleEvent = this.engine.schedule(0, 'kube-scheduler: scheduleOne', () => {
      this.cycleEvent = undefined;
      if (!this.pods.hasSynced() || !this.nodes.hasSynced()) {
        this.cycleEvent = this.engine.schedule(100, 'kube-scheduler: wait for informers', () => {
          this.cycleEvent = undefined;
          this.kick();
        });
        return;
      }
      const q = this.queue.pop();
      if (q) this.scheduleOne(q);
      this.kick();
    });
  }

  /** The wait.Until loops, only while they have work. */
  private armTimers(): void {
    if (this.stopped) return;
    const sizes = this.queue.sizes;
    if (!this.backoffTimer && sizes.backoffQ > 0) {
      this.backoffTimer = this.engine.schedule(BACKOFF_FLUSH_MS, 'kube-scheduler: flushBackoffQCompleted', () => {
        this.backoffTimer = undefined;
        if (this.queue.flushBackoffQCompleted() > 0) this.kick();
        this.armTimers();
      });
    }
    if (!this.leftoverTimer && sizes.unschedulablePods > 0) {
      this.leftoverTimer = this.engine.schedule(UNSCHEDULABLE_FLUSH_MS, 'kube-scheduler: flushUnschedulablePodsLeftover', () => {
        this.leftoverTimer = undefined;
        if (this.queue.flushUnschedulablePodsLeftover() > 0) this.kick();
        this.armTimers();
      });
    }
  }

  /** scheduleOne: one pod through the scheduling cycle, then the (asynchronous) binding cycle. */
  scheduleOne(q: QueuedPodInfo): void {
    const pod = q.podInfo.pod;
    const fwk = this.frameworkFor(pod);
    const key = podKey(pod);
    const current = this.pods.get(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    // skipPodSchedule: deleted, or already assumed.
    if (!fwk || !current || current.metadata['deletionTimestamp'] || this.cache.isAssumedPod(pod)) {
      this.queue.done(pod);
      return;
    }
    const podCycle = this.queue.currentSchedulingCycle;
    this.stats.cycles++;
    const outcome = schedulingCycle(fwk, this.cache.snapshot(), pod, this.engine.rng, this.nextStartNodeIndex);
    this.nextStartNodeIndex = outcome.nextStartNodeIndex;
    this.attempts.delete(key);
    this.attempts.set(key, { pod: key, time: this.engine.now(), profile: fwk.profileName, explain: outcome.explain });
    if (this.attempts.size > MAX_KEPT_ATTEMPTS) this.attempts.delete(this.attempts.keys().next().value as string);

    if (!outcome.result) {
      const message = outcome.fitError ? outcome.fitError.error() : (outcome.error ?? 'unknown error');
      const plugins = outcome.fitError?.diagnosis.unschedulablePlugins ?? new Set<string>();
      const nominated = outcome.postFilterResult?.nominatedNodeName;
      this.handleSchedulingFailure(q, podCycle, message, outcome.fitError !== null || outcome.error === 'no nodes available to schedule pods' ? 'Unschedulable' : 'SchedulerError', plugins, nominated);
      return;
    }

    const host = outcome.result.suggestedHost;
    const assumed: V1Pod = { ...pod, spec: { ...pod.spec, nodeName: host } };
    this.cache.assumePod(assumed);
    this.queue.deleteNominatedPodIfExists(pod);
    const state = outcome.state;
    const fail = (s: Status, reason: string) => {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      this.moveAll(AssignedPodDelete);
      this.handleSchedulingFailure(q, podCycle, s.message(), reason, s.plugin ? new Set([s.plugin]) : new Set());
    };
    const reserve = fwk.runReservePluginsReserve(state, assumed, host);
    if (reserve) return fail(reserve, reserve.isRejected() ? 'Unschedulable' : 'SchedulerError');
    const permit = fwk.runPermitPlugins(state, assumed, host);
    if (permit) return fail(permit, permit.isRejected() ? 'Unschedulable' : 'SchedulerError');
    // bindingCycle
    const preBind = fwk.runPreBindPlugins(state, assumed, host);
    if (preBind) return fail(preBind, 'SchedulerError');
    fwk.runBindPlugins(state, assumed, host, (s) => {
      if (s && !s.isSuccess()) {
        this.stats.bindErrors++;
        return fail(s, 'SchedulerError');
      }
      this.cache.finishBinding(assumed);
      this.queue.done(pod);
      this.stats.scheduled++;
      this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${host}`);
      fwk.runPostBindPlugins(state, assumed, host);
    });
  }

  /** handleSchedulingFailure: event, requeue, nomination, and the PodScheduled condition. */
  private handleSchedulingFailure(q: QueuedPodInfo, podCycle: number, message: string, reason: string, plugins: ReadonlySet<string>, nominatedNodeName?: string): void {
    const pod = q.podInfo.pod;
    this.stats.unschedulable++;
    q.unschedulablePlugins = new Set(plugins);
    this.queue.addUnschedulableIfNotPresent(q, podCycle);
    if (nominatedNodeName) this.queue.addNominatedPod(podInfoOf(pod), nominatedNodeName);
    this.armTimers();
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    this.patchPodStatus(pod, reason, message, nominatedNodeName);
  }

  /** util.PatchPodStatus: PodScheduled=False with the reason and message, and the nomination if any. */
  private patchPodStatus(pod: V1Pod, reason: string, message: string, nominatedNodeName?: string): void {
    const existing = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    const sameCondition = existing?.status === 'False' && existing.reason === reason && existing.message === message;
    const nominationChanges = nominatedNodeName !== undefined && nominatedNodeName !== (pod.status?.nominatedNodeName ?? '');
    if (sameCondition && !nominationChanges) return;
    const pods = findResource('pods');
    if (!pods) return;
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      // The transition time changes only when the status does.
      lastTransitionTime: existing?.status === 'False' && existing.lastTransitionTime ? existing.lastTransitionTime : simulatedTimestamp(this.engine.now()),
      reason,
      message,
    };
    const status: Record<string, unknown> = { conditions: [condition] };
    if (nominationChanges) status['nominatedNodeName'] = nominatedNodeName || null;
    this.client.request(
      'PATCH',
      resourcePath(pods, { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: 'status' }),
      { body: { status }, contentType: 'application/strategic-merge-patch+json' },
      () => {},
    );
  }

  /** DefaultBinder's request: POST pods/NAME/binding. */
  private bind(pod: V1Pod, nodeName: string, done: (s: MaybeStatus) => void): void {
    const pods = findResource('pods');
    if (!pods) return done(Status.error('pods resource unknown'));
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid }, target: { kind: 'Node', name: nodeName } };
    this.client.request('POST', resourcePath(pods, { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: 'binding' }), { body: binding }, (response) => {
      if (isSuccess(response)) return done(null);
      const body = response.body as { message?: string } | undefined;
      done(Status.error(body?.message ?? `binding failed with ${response.code}`));
    });
  }

  private deleteVictim(victim: V1Pod, preemptor: V1Pod, nodeName: string): void {
    const pods = findResource('pods');
    if (!pods) return;
    this.client.request('DELETE', resourcePath(pods, { namespace: victim.metadata.namespace, name: victim.metadata.name }), {}, () => {});
    this.recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid ?? ''} on node ${nodeName}`);
  }

  private clearNominatedNodeName(pod: V1Pod): void {
    const pods = findResource('pods');
    if (!pods) return;
    this.queue.deleteNominatedPodIfExists(pod);
    this.client.request(
      'PATCH',
      resourcePath(pods, { namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: 'status' }),
      { body: { status: { nominatedNodeName: null } }, contentType: 'application/merge-patch+json' },
      () => {},
    );
  }

  /** Objects as the informers hold them (for tests and the page). */
  listPods(): KubeObject[] {
    return this.pods.list();
  }
}

/** nodeSchedulingPropertiesChange: which part of a node changed, as the queue's events name it. */
function nodeUpdateEvent(oldNode: V1Node, newNode: V1Node): ClusterEvent | undefined {
  if (JSON.stringify(oldNode.spec?.unschedulable) !== JSON.stringify(newNode.spec?.unschedulable)) return NodeTaintChange;
  if (JSON.stringify(oldNode.status?.allocatable) !== JSON.stringify(newNode.status?.allocatable)) return NodeAllocatableChange;
  if (JSON.stringify(oldNode.metadata.labels) !== JSON.stringify(newNode.metadata.labels)) return NodeLabelChange;
  if (JSON.stringify(oldNode.spec?.taints) !== JSON.stringify(newNode.spec?.taints)) return NodeTaintChange;
  return undefined;
}
