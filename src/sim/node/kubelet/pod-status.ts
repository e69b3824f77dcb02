/**
 * generateAPIPodStatus (pkg/kubelet/kubelet_pods.go, status/generate.go): the pod status the
 * kubelet writes, computed from what the runtime reports (a kubecontainer.PodStatus), the
 * reasonCache of failed starts and the probers' results. getPhase, the container statuses
 * (convertToAPIContainerStatuses) and the five conditions in upstream order. Pure: the pod
 * workers call it and hand the result to the status manager.
 */
import type { Container, ContainerState as ApiContainerState, ContainerStatus as ApiContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { simulatedTimestamp } from '../../api/time';
import type { ContainerStatus, PodSandboxStatus } from '../runtime/cri';

/** The label and annotation the kubelet puts on containers (kuberuntime labels.go). */
// The runtime indexes its records by this label; one spelling for both.
export { POD_UID_LABEL as LABEL_POD_UID } from '../runtime/record-index';
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';
export const ANNOTATION_RESTART_COUNT = 'io.kubernetes.container.restartCount';

/** kubecontainer.PodStatus: the runtime's view of one pod. */
export interface RuntimePodStatus {
  /** The newest sandbox, if any. */
  readonly sandbox: PodSandboxStatus | undefined;
  /** Per container name, newest first. */
  readonly containers: ReadonlyMap<string, readonly ContainerStatus[]>;
}

export interface ReasonEntry {
  readonly reason: string;
  readonly message: string;
}

export interface ProbeView {
  /** Readiness (true without a probe once running and started). */
  ready(containerId: string): boolean;
  /** Startup (true without a probe once running). */
  started(containerId: string): boolean;
}

export interface StatusInput {
  readonly pod: Pod;
  readonly runtime: RuntimePodStatus;
  readonly reasonCache: ReadonlyMap<string, ReasonEntry>;
  readonly probes: ProbeView;
  readonly hostIP: string;
  /** status.startTime, set at the kubelet's first sync. */
  readonly startTime: number;
  /** The pod is being torn down for good (deleted, or finished): containers will not restart. */
  readonly podIsTerminal: boolean;
  /** `containerd` or `cri-o`: the scheme of container IDs. */
  readonly idScheme: string;
  readonly now: number;
}

export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

export function restartCountOf(status: ContainerStatus): number {
  return Number(status.annotations[ANNOTATION_RESTART_COUNT] ?? 0);
}

/** kubecontainer.ShouldContainerBeRestarted. */
export function shouldContainerBeRestarted(container: Container, pod: Pod, newest: ContainerStatus | undefined, isInit: boolean): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (!newest) return true;
  if (newest.state === 'CONTAINER_RUNNING') return false;
  if (newest.state === 'CONTAINER_UNKNOWN' || newest.state === 'CONTAINER_CREATED') return true;
  if (isInit && isRestartableInitContainer(container)) return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && newest.exitCode === 0) return false;
  return true;
}

/**
 * metav1.Time strings, remembered per second: thousands of pods written in the same second
 * share one string instead of each holding a copy. Several seconds are kept, because one status
 * names several (start time, container start, now) and a cache of one would miss on most.
 */
const STAMPS_KEPT = 256;
const stamps = new Map<number, string>();
export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  let stamp = stamps.get(second);
  if (stamp === undefined) {
    if (stamps.size >= STAMPS_KEPT) stamps.clear();
    stamp = simulatedTimestamp(ms);
    stamps.set(second, stamp);
  }
  return stamp;
}

const ts = (ms: number | undefined) => timestamp(ms ?? 0);

function apiState(s: ContainerStatus, idScheme: string): ApiContainerState {
  switch (s.state) {
    case 'CONTAINER_RUNNING':
      return { running: { startedAt: ts(s.startedAt) } };
    case 'CONTAINER_EXITED':
      return {
        terminated: {
          exitCode: s.exitCode,
          reason: s.reason,
          ...(s.message ? { message: s.message } : {}),
          startedAt: ts(s.startedAt),
          finishedAt: ts(s.finishedAt),
          containerID: `${idScheme}://${s.id}`,
        },
      };
    case 'CONTAINER_CREATED':
      // Created but not started: "waiting to be running", with no reason (convertContainerStatus).
      return { waiting: {} };
    default:
      return { waiting: {} };
  }
}

/** convertToAPIContainerStatuses for one list (init or regular containers). */
function convertToAPIContainerStatuses(input: StatusInput, containers: readonly Container[], isInit: boolean, hasInitContainers: boolean): ApiContainerStatus[] {
  const defaultReason = hasInitContainers ? 'PodInitializing' : 'ContainerCreating';
  return containers.map((container) => {
    const history = input.runtime.containers.get(container.name) ?? [];
    const [newest, previous] = history;
    let state: ApiContainerState = { waiting: { reason: defaultReason } };
    let lastState: ApiContainerState = {};
    let restartCount = 0;
    let image = container.image ?? '';
    let imageID = '';
    let containerID: string | undefined;
    let ready = false;
    let started = false;
    if (newest) {
      state = apiState(newest, input.idScheme);
      restartCount = restartCountOf(newest);
      image = newest.image;
      imageID = newest.imageRef;
      containerID = `${input.idScheme}://${newest.id}`;
      if (newest.state === 'CONTAINER_RUNNING') {
        started = input.probes.started(newest.id);
        // A regular init container is ready only once it has completed.
        ready = started && input.probes.ready(newest.id) && !(isInit && !isRestartableInitContainer(container));
      }
      if (previous && previous.state === 'CONTAINER_EXITED') lastState = apiState(previous, input.idScheme);
    }
    // A regular init container that completed is ready (and stays so).
    if (isInit && !isRestartableInitContainer(container) && newest?.state === 'CONTAINER_EXITED' && newest.exitCode === 0) ready = true;
    // A container that will be restarted and whose last start failed waits, with the error.
    const skip = isInit && newest?.state === 'CONTAINER_EXITED' && newest.exitCode === 0 && !isRestartableInitContainer(container);
    if (!skip && !input.podIsTerminal && shouldContainerBeRestarted(container, input.pod, newest, isInit)) {
      const cached = input.reasonCache.get(container.name);
      if (cached) {
        if (state.terminated) lastState = state;
        state = { waiting: { reason: cached.reason, ...(cached.message ? { message: cached.message } : {}) } };
      }
    }
    return {
      name: container.name,
      state,
      lastState,
      ready,
      restartCount,
      image,
      imageID,
      ...(containerID ? { containerID } : {}),
      started,
    };
  });
}

/** getPhase (kubelet_pods.go): the rules of kubelet.md §1.1, in their order. */
export function getPhase(pod: Pod, init: readonly ApiContainerStatus[], regular: readonly ApiContainerStatus[], podIsTerminal: boolean): PodStatus['phase'] {
  const spec = pod.spec;
  const restartPolicy = spec?.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const container of spec?.initContainers ?? []) {
    const s = init.find((c) => c.name === container.name);
    if (!s) {
      pendingInitialization++;
      continue;
    }
    if (isRestartableInitContainer(container)) {
      if (!s.started) pendingInitialization++;
      continue;
    }
    if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of spec?.containers ?? []) {
    const s = regular.find((c) => c.name === container.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (waiting > 0) return 'Pending';
  if (pendingInitialization > 0 && running === 0 && stopped === 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, status: boolean, reason?: string, message?: string): PodCondition {
  return { type, status: status ? 'True' : 'False', lastProbeTime: null as unknown as string, lastTransitionTime: '', ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

const bracket = (names: readonly string[]) => `[${names.join(' ')}]`;

/** The kubelet-owned conditions, in order, before lastTransitionTime is filled in. */
function kubeletConditions(pod: Pod, phase: PodStatus['phase'], init: readonly ApiContainerStatus[], regular: readonly ApiContainerStatus[], sandboxReady: boolean): PodCondition[] {
  const spec = pod.spec;
  // Initialized (GeneratePodInitializedCondition).
  let initialized: PodCondition;
  if (phase === 'Succeeded') initialized = condition('Initialized', true, 'PodCompleted');
  else {
    const anyRegularStarted = regular.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
    const incomplete: string[] = [];
    for (const c of spec?.initContainers ?? []) {
      const s = init.find((x) => x.name === c.name);
      const ok = isRestartableInitContainer(c) ? !!s?.started : !!s?.ready;
      if (!ok) incomplete.push(c.name);
    }
    initialized = incomplete.length === 0 || anyRegularStarted ? condition('Initialized', true) : condition('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: ${bracket(incomplete)}`);
  }
  // ContainersReady (GenerateContainersReadyCondition): regular containers and sidecars.
  let containersReady: PodCondition;
  if (phase === 'Succeeded') containersReady = condition('ContainersReady', false, 'PodCompleted');
  else if (phase === 'Failed') containersReady = condition('ContainersReady', false, 'PodFailed');
  else {
    const unready: string[] = [];
    for (const c of spec?.initContainers ?? []) if (isRestartableInitContainer(c) && !init.find((x) => x.name === c.name)?.ready) unready.push(c.name);
    for (const c of spec?.containers ?? []) if (!regular.find((x) => x.name === c.name)?.ready) unready.push(c.name);
    containersReady = unready.length === 0 ? condition('ContainersReady', true) : condition('ContainersReady', false, 'ContainersNotReady', `containers with unready status: ${bracket(unready)}`);
  }
  // Ready (GeneratePodReadyCondition): ContainersReady plus readiness gates.
  let ready: PodCondition;
  if (containersReady.status !== 'True') ready = { ...containersReady, type: 'Ready' };
  else {
    const missing = (spec?.readinessGates ?? []).map((g) => g.conditionType).filter((t) => !(pod.status?.conditions ?? []).some((c) => c.type === t && c.status === 'True'));
    ready = missing.length === 0 ? condition('Ready', true) : condition('Ready', false, 'ReadinessGatesNotReady', missing.map((t) => `corresponding condition of pod readiness gate "${t}" does not exist.`).join(', '));
  }
  return [condition('PodReadyToStartContainers', sandboxReady), initialized, ready, containersReady];
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** generateAPIPodStatus: the whole status, conditions keeping lastTransitionTime when unchanged. */
export function generateAPIPodStatus(input: StatusInput): PodStatus {
  const { pod } = input;
  const old = pod.status ?? {};
  const initContainers = pod.spec?.initContainers ?? [];
  const hasInit = initContainers.length > 0;
  const init = convertToAPIContainerStatuses(input, initContainers, true, hasInit);
  const regular = convertToAPIContainerStatuses(input, pod.spec?.containers ?? [], false, hasInit);
  let phase = getPhase(pod, init, regular, input.podIsTerminal);
  // Phases never leave Succeeded/Failed.
  if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;
  const sandboxReady = input.runtime.sandbox?.state === 'SANDBOX_READY' && input.runtime.sandbox.ip !== '';
  const now = timestamp(input.now);
  const conditions: PodCondition[] = kubeletConditions(pod, phase, init, regular, sandboxReady).map((c) => {
    const previous = (old.conditions ?? []).find((o) => o.type === c.type);
    return { ...c, lastTransitionTime: previous && previous.status === c.status ? previous.lastTransitionTime ?? now : now };
  });
  // Conditions the kubelet does not own (PodScheduled, DisruptionTarget...) are kept, after ours.
  for (const c of old.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  const podIP = sandboxReady ? input.runtime.sandbox?.ip : old.podIP;
  const status: PodStatus = {
    phase,
    conditions,
    ...(old.message && (phase === 'Failed' || phase === 'Succeeded') ? { message: old.message } : {}),
    ...(old.reason && (phase === 'Failed' || phase === 'Succeeded') ? { reason: old.reason } : {}),
    ...(old.nominatedNodeName ? { nominatedNodeName: old.nominatedNodeName } : {}),
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: timestamp(input.startTime),
    ...(hasInit ? { initContainerStatuses: init } : {}),
    containerStatuses: regular,
    qosClass: old.qosClass ?? 'BestEffort',
  };
  return status;
}
