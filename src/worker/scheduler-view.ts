/**
 * The `scheduler` and `pod-explanation` views: kube-scheduler's queue (how many pods wait in
 * activeQ, backoffQ and unschedulablePods), the pods no node is bound to yet with the message of
 * their latest FailedScheduling event (exactly as the Event has it: the page must say what
 * `kubectl describe pod` says), and on demand the per-node record of one pod's latest attempt,
 * the object `kubearch explain pod NAME -o json` prints. The pod-count teaching profile is
 * flagged, since the page must say it is not upstream's.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../sim/cluster';
import type { Shell } from '../shell/shell';
import type { KubeSchedulerConfiguration } from '../sim/scheduler/apis/config/v1/kube-scheduler-configuration';
import { DEFAULT_SCHEDULER_NAME } from '../sim/scheduler/apis/config/types';
import { Name as POD_COUNT } from '../sim/scheduler/plugins/pod-count/pod-count';
import { cachedObjects } from './node-view';
import type { PendingPodView, PodExplanationView, QueueName, SchedulerView } from './node-view-types';

const EMPTY_QUEUE: Readonly<Record<QueueName, number>> = { activeQ: 0, backoffQ: 0, unschedulablePods: 0 };

/** Whether a profile is KubeArch's pod-count teaching profile: PodCount scores it, which no upstream plugin is. */
export function isTeachingProfile(config: KubeSchedulerConfiguration | undefined, schedulerName: string): boolean {
  const profile = config?.profiles.find((p) => p.schedulerName === schedulerName);
  if (!profile) return false;
  return profile.plugins.some((p) => p.name === POD_COUNT) || (profile.score?.enabled ?? []).some((p) => p.name === POD_COUNT);
}

export function schedulerView(cluster: Cluster, shell: Shell): SchedulerView {
  const scheduler = cluster.scheduler;
  const config = shell.simulator.schedulerConfiguration();
  const names = scheduler?.profileNames() ?? [];
  const queueOf = new Map<string, QueueName>();
  if (scheduler) {
    for (const [queue, pods] of Object.entries(scheduler.queue.pendingPods()) as [QueueName, { metadata: { namespace?: string; name?: string } }[]][]) {
      for (const pod of pods) queueOf.set(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, queue);
    }
  }
  const objects = cachedObjects(cluster);
  const pending: PendingPodView[] = [];
  for (const pod of objects.list('pods', '') as unknown as readonly Pod[]) {
    if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const event = latestFailedScheduling(objects.list('events', namespace) as unknown as readonly Event[], pod);
    const queue = queueOf.get(`${namespace}/${name}`);
    pending.push({
      namespace,
      name,
      ...(queue ? { queue } : {}),
      schedulerName: pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME,
      ...(event?.message ? { message: event.message, count: event.count ?? 1 } : {}),
      explained: scheduler?.latestAttempt(namespace, name) !== undefined,
    });
  }
  const stats = scheduler?.stats;
  return {
    running: scheduler !== undefined,
    queue: scheduler ? scheduler.queue.sizes : EMPTY_QUEUE,
    profiles: names.map((schedulerName) => ({ schedulerName, teaching: isTeachingProfile(config, schedulerName) })),
    pending,
    stats: { cycles: stats?.cycles ?? 0, scheduled: stats?.scheduled ?? 0, unschedulable: stats?.unschedulable ?? 0 },
  };
}

/** The newest FailedScheduling Event about this pod (this incarnation of it: a pod made again under the same name has another uid). */
function latestFailedScheduling(events: readonly Event[], pod: Pod): Event | undefined {
  let latest: Event | undefined;
  for (const e of events) {
    const o = e.involvedObject;
    if (e.reason !== 'FailedScheduling' || o.kind !== 'Pod' || o.name !== pod.metadata?.name) continue;
    if (o.uid && pod.metadata?.uid && o.uid !== pod.metadata.uid) continue;
    if (!latest || stamp(e) >= stamp(latest)) latest = e;
  }
  return latest;
}

function stamp(e: Event): string {
  return e.lastTimestamp ?? e.eventTime ?? '';
}

/** kube-scheduler's record of the pod's latest attempt, or undefined when it has none. */
export function podExplanationView(cluster: Cluster, shell: Shell, namespace: string, name: string): PodExplanationView | undefined {
  const attempt = cluster.scheduler?.latestAttempt(namespace, name);
  if (!attempt) return undefined;
  return { explanation: attempt.explain(), profile: attempt.profile, teaching: isTeachingProfile(shell.simulator.schedulerConfiguration(), attempt.profile) };
}
