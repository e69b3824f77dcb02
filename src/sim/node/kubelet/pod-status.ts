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
import { flatString } from '../../flat-string';

/** What a missing list reads as in loops: one shared empty array, not a new one per loop. */
const EMPTY: readonly never[] = Object.freeze([]);

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

/** The probers' results (the kubelet's ProbeManager), asked per pod UID and container. */
export interface ProbeView {
  /** Readiness (true without a probe once running and started). */
  ready(podUid: string, containerId: string): boolean;
  /** Startup (true without a probe once running). */
  started(podUid: string, containerId: string): boolean;
}

export interface StatusInput {
  readonly pod: Pod;
  readonly runtime: RuntimePodStatus;
  readonly reasonCache: ReadonlyMap<string, ReasonEntry>;
  readonly probes: ProbeView;
  /** The pod's UID, as the probers know it. */
  readonly podUid: string;
  readonly hostIP: string;
  /** status.startTime, set at the kubelet's first sync. */
  readonly startTime: number;
  /** The pod is being torn down for good (deleted, or finished): containers will not restart. */
  readonly podIsTerminal: boolean;
  /** `containerd` or `cri-o`: the scheme of container IDs. */
  readonly idScheme: string;
  readonly now: number;
  /** The last status generated and sent, standing for pod.status (see PreviousStatus); absent: pod.status. */
  readonly previous?: PreviousStatus | undefined;
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

/** A container status's containerID (`containerd://<id>`), flat as it is written into the stored pod (see flatString). */
function apiContainerID(idScheme: string, id: string): string {
  return flatString(`${idScheme}://${id}`);
}

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
          containerID: apiContainerID(idScheme, s.id),
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
  // A plain loop into a preallocated array: one status object per container and nothing else.
  const out: ApiContainerStatus[] = new Array<ApiContainerStatus>(containers.length);
  for (let i = 0; i < containers.length; i++) out[i] = convertContainerStatus(input, containers[i] as Container, isInit, defaultReason);
  return out;
}

function convertContainerStatus(input: StatusInput, container: Container, isInit: boolean, defaultReason: string): ApiContainerStatus {
  const history = input.runtime.containers.get(container.name);
  const newest = history?.[0];
  const previous = history?.[1];
  const regularInit = isInit && !isRestartableInitContainer(container);
  let state: ApiContainerState | undefined;
  let lastState: ApiContainerState | undefined;
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
    containerID = apiContainerID(input.idScheme, newest.id);
    if (newest.state === 'CONTAINER_RUNNING') {
      started = input.probes.started(input.podUid, newest.id);
      // A regular init container is ready only once it has completed.
      ready = started && input.probes.ready(input.podUid, newest.id) && !regularInit;
    }
    if (previous && previous.state === 'CONTAINER_EXITED') lastState = apiState(previous, input.idScheme);
  }
  const completedInit = regularInit && newest?.state === 'CONTAINER_EXITED' && newest.exitCode === 0;
  // A regular init container that completed is ready (and stays so).
  if (completedInit) ready = true;
  // A container that will be restarted and whose last start failed waits, with the error.
  if (!completedInit && !input.podIsTerminal && shouldContainerBeRestarted(container, input.pod, newest, isInit)) {
    const cached = input.reasonCache.get(container.name);
    if (cached) {
      if (state?.terminated) lastState = state;
      state = { waiting: cached.message ? { reason: cached.reason, message: cached.message } : { reason: cached.reason } };
    }
  }
  state ??= { waiting: { reason: defaultReason } };
  lastState ??= {};
  // Two literals rather than a spread: containerID sits between imageID and started.
  return containerID
    ? { name: container.name, state, lastState, ready, restartCount, image, imageID, containerID, started }
    : { name: container.name, state, lastState, ready, restartCount, image, imageID, started };
}

/** getPhase (kubelet_pods.go): the rules of kubelet.md §1.1, in their order. */
export function getPhase(pod: Pod, init: readonly ApiContainerStatus[], regular: readonly ApiContainerStatus[], podIsTerminal: boolean): PodStatus['phase'] {
  const spec = pod.spec;
  const restartPolicy = spec?.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const container of spec?.initContainers ?? EMPTY) {
    const s = findStatus(init, container.name);
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
  for (const container of spec?.containers ?? EMPTY) {
    const s = findStatus(regular, container.name);
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

/**
 * The status the last generation was computed from, when the caller keeps it apart from the
 * pod (the pod workers keep only what generation reads of the status they sent): it stands for
 * pod.status, with the kubelet's own conditions as flat [type, status, lastTransitionTime, ...]
 * triples and every other condition (DisruptionTarget, a readiness gate's...) read from pod.status.
 */
export interface PreviousStatus {
  readonly phase: PodStatus['phase'];
  readonly podIP: string | undefined;
  readonly qosClass: string | undefined;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly nominatedNodeName: string | undefined;
  /** The kubelet-owned conditions, flat: [type, status, lastTransitionTime, ...]. */
  readonly conditions: readonly string[];
}

/** kubetypes.PodConditionsByKubelet (PodReadyToStartContainers with its feature gate, on in 1.32). */
const KUBELET_CONDITIONS: ReadonlySet<string> = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** Whether a condition type is one the kubelet owns and generates. */
export function isKubeletCondition(type: string): boolean {
  return KUBELET_CONDITIONS.has(type);
}

/**
 * The old status's conditions as generation reads them: without a PreviousStatus, pod.status's
 * own list; with one, its kubelet conditions followed by pod.status's others (the list the old
 * status had, [...mine, ...others]), looked up in place instead of built.
 */
class OldConditions {
  constructor(
    private readonly previous: PreviousStatus | undefined,
    private readonly podConditions: readonly PodCondition[],
    private readonly now: string,
  ) {}

  /** lastTransitionTime for a kubelet condition now True or False: kept when the first old condition of its type had the same status, else now. */
  transitionTime(type: string, isTrue: boolean): string {
    const status = isTrue ? 'True' : 'False';
    const now = this.now;
    const previous = this.previous;
    if (previous) {
      const flat = previous.conditions;
      for (let i = 0; i + 2 < flat.length; i += 3) if (flat[i] === type) return flat[i + 1] === status ? (flat[i + 2] as string) : now;
      // The others hold no kubelet type: absent from the old list.
      return now;
    }
    for (const o of this.podConditions) if (o.type === type) return o.status === status ? o.lastTransitionTime ?? now : now;
    return now;
  }

  /** The status of the first old condition of this type (readiness gates), undefined when there is none. */
  statusOf(type: string): string | undefined {
    const previous = this.previous;
    if (previous && KUBELET_CONDITIONS.has(type)) {
      const flat = previous.conditions;
      for (let i = 0; i + 2 < flat.length; i += 3) if (flat[i] === type) return flat[i + 1];
      return undefined;
    }
    for (const c of this.podConditions) if (c.type === type) return c.status;
    return undefined;
  }

}

/**
 * GeneratePodReadyCondition's message for readiness gates whose condition is missing or not
 * True, joined as upstream joins them; undefined when every gate's condition is True.
 */
export function readinessGatesMessage(gates: readonly { conditionType: string }[], statusOf: (type: string) => string | undefined): string | undefined {
  let messages: string[] | undefined;
  for (const g of gates) {
    const status = statusOf(g.conditionType);
    if (status === 'True') continue;
    (messages ??= []).push(status === undefined ? `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.` : `the status of pod readiness gate "${g.conditionType}" is not "True", but ${status}`);
  }
  return messages?.join(', ');
}

/** One condition, in its final shape: the key order of the JSON the kubelet writes. */
function condition(type: string, status: boolean, lastTransitionTime: string, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: status ? 'True' : 'False', lastProbeTime: null as unknown as string, lastTransitionTime };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

const bracket = (names: readonly string[]) => `[${names.join(' ')}]`;

function findStatus(statuses: readonly ApiContainerStatus[], name: string): ApiContainerStatus | undefined {
  for (let i = 0; i < statuses.length; i++) if ((statuses[i] as ApiContainerStatus).name === name) return statuses[i];
  return undefined;
}

/** The kubelet-owned conditions, in order, with lastTransitionTime kept where the status did not change. */
function kubeletConditions(pod: Pod, phase: PodStatus['phase'], init: readonly ApiContainerStatus[], regular: readonly ApiContainerStatus[], sandboxReady: boolean, old: OldConditions): PodCondition[] {
  const spec = pod.spec;
  // Initialized (GeneratePodInitializedCondition).
  let initialized: PodCondition;
  if (phase === 'Succeeded') initialized = condition('Initialized', true, old.transitionTime('Initialized', true), 'PodCompleted');
  else {
    let incomplete: string[] | undefined;
    for (const c of spec?.initContainers ?? EMPTY) {
      const s = findStatus(init, c.name);
      const ok = isRestartableInitContainer(c) ? !!s?.started : !!s?.ready;
      if (!ok) (incomplete ??= []).push(c.name);
    }
    const anyRegularStarted = incomplete !== undefined && regular.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
    initialized = incomplete === undefined || anyRegularStarted ? condition('Initialized', true, old.transitionTime('Initialized', true)) : condition('Initialized', false, old.transitionTime('Initialized', false), 'ContainersNotInitialized', `containers with incomplete status: ${bracket(incomplete)}`);
  }
  // ContainersReady (GenerateContainersReadyCondition): regular containers and sidecars.
  let containersReady: boolean;
  let notReadyReason: string | undefined;
  let notReadyMessage: string | undefined;
  if (phase === 'Succeeded') {
    containersReady = false;
    notReadyReason = 'PodCompleted';
  } else if (phase === 'Failed') {
    containersReady = false;
    notReadyReason = 'PodFailed';
  } else {
    let unready: string[] | undefined;
    for (const c of spec?.initContainers ?? EMPTY) if (isRestartableInitContainer(c) && !findStatus(init, c.name)?.ready) (unready ??= []).push(c.name);
    for (const c of spec?.containers ?? EMPTY) if (!findStatus(regular, c.name)?.ready) (unready ??= []).push(c.name);
    containersReady = unready === undefined;
    if (unready) {
      notReadyReason = 'ContainersNotReady';
      notReadyMessage = flatString(`containers with unready status: ${bracket(unready)}`);
    }
  }
  // Ready (GeneratePodReadyCondition): ContainersReady plus readiness gates.
  let ready: PodCondition;
  if (!containersReady) ready = condition('Ready', false, old.transitionTime('Ready', false), notReadyReason, notReadyMessage);
  else {
    // Most pods have no readiness gates: no arrays made for them.
    const gates = spec?.readinessGates;
    const unready = gates?.length ? readinessGatesMessage(gates, (t) => old.statusOf(t)) : undefined;
    ready = unready === undefined ? condition('Ready', true, old.transitionTime('Ready', true)) : condition('Ready', false, old.transitionTime('Ready', false), 'ReadinessGatesNotReady', unready);
  }
  return [
    condition('PodReadyToStartContainers', sandboxReady, old.transitionTime('PodReadyToStartContainers', sandboxReady)),
    initialized,
    ready,
    condition('ContainersReady', containersReady, old.transitionTime('ContainersReady', containersReady), notReadyReason, notReadyMessage),
    // generateAPIPodStatus appends PodScheduled True itself, so a pod placed by spec.nodeName
    // (no kube-scheduler) has it too; a scheduled pod keeps the binding's transition time.
    condition('PodScheduled', true, old.transitionTime('PodScheduled', true)),
  ];
}

/** status.hostIPs of a node: one array per host IP (each status gets its own copy of it). */
function hostIPs(hostIP: string): { ip: string }[] {
  return [{ ip: hostIP }];
}

/** generateAPIPodStatus: the whole status, conditions keeping lastTransitionTime when unchanged. */
export function generateAPIPodStatus(input: StatusInput): PodStatus {
  const { pod, previous } = input;
  const podStatus = pod.status;
  const podConditions = podStatus?.conditions ?? EMPTY;
  // The old status: the caller's record of the last one sent, else the pod's.
  const oldPhase = previous ? previous.phase : podStatus?.phase;
  const initContainers = pod.spec?.initContainers ?? EMPTY;
  const hasInit = initContainers.length > 0;
  const init = convertToAPIContainerStatuses(input, initContainers, true, hasInit);
  const regular = convertToAPIContainerStatuses(input, pod.spec?.containers ?? EMPTY, false, hasInit);
  let phase = getPhase(pod, init, regular, input.podIsTerminal);
  // Phases never leave Succeeded/Failed.
  if (oldPhase === 'Succeeded' || oldPhase === 'Failed') phase = oldPhase;
  const sandbox = input.runtime.sandbox;
  const sandboxReady = sandbox?.state === 'SANDBOX_READY' && sandbox.ip !== '';
  const now = timestamp(input.now);
  const old = new OldConditions(previous, podConditions, now);
  const conditions: PodCondition[] = kubeletConditions(pod, phase, init, regular, sandboxReady, old);
  // Conditions the kubelet does not own (DisruptionTarget, a readiness gate's...) are kept, after ours.
  for (const c of podConditions) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  const oldMessage = previous ? previous.message : podStatus?.message;
  const oldReason = previous ? previous.reason : podStatus?.reason;
  const oldNominated = previous ? previous.nominatedNodeName : podStatus?.nominatedNodeName;
  const podIP = sandboxReady ? sandbox?.ip : previous ? previous.podIP : podStatus?.podIP;
  const terminal = phase === 'Failed' || phase === 'Succeeded';
  // Built in the JSON's key order; optional members are assigned in their place.
  const status: PodStatus = { phase, conditions };
  if (oldMessage && terminal) status.message = oldMessage;
  if (oldReason && terminal) status.reason = oldReason;
  if (oldNominated) status.nominatedNodeName = oldNominated;
  status.hostIP = input.hostIP;
  status.hostIPs = hostIPs(input.hostIP);
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = timestamp(input.startTime);
  if (hasInit) status.initContainerStatuses = init;
  status.containerStatuses = regular;
  status.qosClass = (previous ? previous.qosClass : podStatus?.qosClass) ?? 'BestEffort';
  return status;
}
