/**
 * The pod row of `kubectl get pods`: a line-for-line port of printPod in kubernetes
 * pkg/printers/internalversion/printers.go (release 1.32), which the apiserver runs to build the
 * Table kubectl prints. READY, STATUS (the reason logic: Init:x/y, waiting and terminated reasons,
 * Completed/NotReady, Terminating, Unknown for NodeLost), RESTARTS with `(5m ago)`, AGE, and the
 * wide columns IP, NODE, NOMINATED NODE, READINESS GATES. Table-tested against every upstream
 * printers_test.go case in reference/vectors/kubectl-printing.json.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration, timeMs, translateTimestampSince } from './timestamps';

/** NodeUnreachablePodReason in pkg/util/node: the reason the node lifecycle controller sets. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasPodReadyCondition(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function isPodInitializedConditionTrue(pod: Pod): boolean {
  const condition = (pod.status?.conditions ?? []).find((c) => c.type === 'Initialized');
  return condition?.status === 'True';
}

/** The finishedAt of a container's last termination, in virtual ms, if it has one. */
function lastTerminationMs(status: ContainerStatus): number | undefined {
  const terminated = status.lastState?.terminated;
  return terminated ? timeMs(terminated.finishedAt) : undefined;
}

function later(current: number | undefined, candidate: number | undefined): number | undefined {
  if (candidate === undefined) return current;
  return current === undefined || candidate > current ? candidate : current;
}

/**
 * All cells printPod produces (the apiserver always generates the wide ones; kubectl hides them
 * unless `-o wide`): NAME, READY, STATUS, RESTARTS, AGE, IP, NODE, NOMINATED NODE, READINESS GATES.
 */
export function podRow(pod: Pod, nowMs: number): string[] {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestartMs: number | undefined;
  let lastRestartableInitContainerRestartMs: number | undefined;

  const podPhase = status.phase ?? '';
  let reason: string = podPhase;
  if (status.reason) reason = status.reason;

  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name ?? '', c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i] as ContainerStatus;
    restarts += container.restartCount ?? 0;
    lastRestartMs = later(lastRestartMs, lastTerminationMs(container));
    const restartable = isRestartableInitContainer(initContainers.get(container.name ?? ''));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      lastRestartableInitContainerRestartMs = later(lastRestartableInitContainerRestartMs, lastTerminationMs(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization has failed
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(pod)) {
    restarts = restartableInitContainerRestarts;
    lastRestartMs = lastRestartableInitContainerRestartMs;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i] as ContainerStatus;
      restarts += container.restartCount ?? 0;
      lastRestartMs = later(lastRestartMs, lastTerminationMs(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestartMs !== undefined) restartsText = `${restarts} (${humanDuration(nowMs - lastRestartMs)} ago)`;

  // v1 → internal conversion fills podIPs from podIP when only the latter is set.
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const nodeName = spec?.nodeName || '<none>';
  const nominatedNodeName = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
      if (condition?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  return [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    translateTimestampSince(nowMs, pod.metadata?.creationTimestamp),
    podIP,
    nodeName,
    nominatedNodeName,
    readinessGates,
  ];
}
