/**
 * podWorkers and the sync functions of the kubelet (pkg/kubelet/pod_workers.go, kubelet.go
 * SyncPod / SyncTerminatingPod, kuberuntime_manager.go computePodActions / SyncPod,
 * kuberuntime_container.go startContainer / killContainer), on the engine clock.
 *
 * One worker per pod UID; a worker runs one sync at a time and coalesces what arrives during
 * it (pod updates, the runtime's container events, probe results) into one more sync; an
 * update that changes only the status is a reconcile and does not sync. A sync: write the
 * status generated from the runtime's view, wait for the pod's volumes (volumes/), compute the
 * actions (sandbox, next init container, containers to start or to kill), run them one after
 * another through the CRI, record each start's failure in the reasonCache, then requeue at the earliest back-off expiry.
 * Deletion (deletionTimestamp) and terminal phases go through syncTerminatingPod: containers
 * are stopped with the grace period (preStop first, regular containers before sidecars), the
 * sandbox is stopped, the final status is written and a deleted pod is removed with grace 0.
 *
 * Where the simulation differs from 1.32 on purpose (and why): container events reach the
 * worker as they happen (an evented PLEG, not a 1 s relist); the status is refreshed on each
 * of them and after each sync, so CrashLoopBackOff and ErrImagePull show at once (as the
 * reference vectors do); a back-off requeues at its expiry (1.33's MinBackoffExpiration) and an
 * ErrImagePull 1 s later, where 1.32's worker waits backOffPeriod (10-15 s).
 */
import { podDNSConfig } from './dns';
import type { DNSConfig } from '../runtime/cri';
import type { Container, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Engine, EventHandle } from '../../engine';
import { parseQuantity } from '../../api/quantity';
import type { ContainerRuntime, ContainerEvent } from '../runtime/container-runtime';
import { isCriError, type ContainerConfig, type ContainerStatus } from '../runtime/cri';
import { canAdmitPodWithUsage, podRequests, type NodeInfo, type NodeUsage } from './admission';
import { Backoff } from './backoff';
import { expandCommandAndArgs, makeEnvironmentVariables, type EnvLookup } from './env';
import { VolumeManager } from './volumes/volume-manager';
import { MESSAGES, podFullName, REASON, type StartError } from './events';
import { ImageManager } from './image-manager';
import {
  ANNOTATION_RESTART_COUNT,
  generateAPIPodStatus,
  isRestartableInitContainer,
  LABEL_CONTAINER_NAME,
  LABEL_POD_UID,
  restartCountOf,
  shouldContainerBeRestarted,
  isKubeletCondition,
  readinessGatesMessage,
  type PreviousStatus,
  type ReasonEntry,
  type RuntimePodStatus,
} from './pod-status';
import { ProbeManager } from './prober';
import { podsDifferSemantically } from './pods-differ';
import { jsonHash } from './json-hash';

/** What a missing list reads as in loops: one shared empty array, not a new one per loop. */
const EMPTY: readonly never[] = Object.freeze([]);

/** minimumGracePeriodInSeconds: killContainer never gives less. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
/** The kubelet's backOffPeriod: a worker whose sync failed otherwise retries after this. */
const WORKER_BACKOFF_MS = 10_000;
/** After ErrImagePull the worker comes back at once to report ImagePullBackOff (see header). */
const ERR_IMAGE_PULL_RESYNC_MS = 1_000;

export type EventType = 'Normal' | 'Warning';

/** What the pod workers need from the rest of the kubelet: the status manager, the recorder. */
export interface KubeletHost {
  /** The status manager: write pods/NAME/status. */
  setPodStatus(pod: Pod, status: PodStatus): void;
  /** The status manager's final delete (grace 0) of a terminated, deleted pod. */
  deletePod(pod: Pod): void;
  event(pod: Pod, type: EventType, reason: string, message: string, fieldPath?: string): void;
  readonly envLookup: EnvLookup;
}

/** One step of a sync's actions: it calls next() when done, or abort(requeueAt) to end the sync there. */
type ActionStep = (next: () => void, abort: (requeueAt: number) => void) => void;

/**
 * A sync's actions being run, one step after another: state in one object and the stepping in
 * methods (nextAction, finishActions), instead of closures made per sync.
 */
interface ActionRun {
  readonly w: PodWorker;
  readonly steps: ActionStep[];
  /** Nothing was sent and no prober runs: with no step run, the closing refresh would change nothing. */
  readonly statusCurrent: boolean;
  readonly done: (requeueAt?: number) => void;
  /** Index of the next step. */
  next: number;
  /** The earliest back-off expiry met (a start that failed). */
  requeueAt: number | undefined;
  /** The ready sandbox the containers start in, once there is one. */
  sandboxId: string | undefined;
  /** The continuations every step is handed (next, abort): made once per run with steps, not per step. */
  proceed: (() => void) | undefined;
  abort: ((requeueAt: number) => void) | undefined;
}

interface ContainerToStart {
  readonly container: Container;
  readonly fieldPath: string;
  readonly isInit: boolean;
}

interface ContainerToKill {
  readonly containerId: string;
  readonly container: Container;
  readonly fieldPath: string;
  readonly message: string;
}

/** computePodActions' answer. */
export interface PodActions {
  readonly createSandbox: boolean;
  readonly containersToStart: readonly ContainerToStart[];
  readonly containersToKill: readonly ContainerToKill[];
}

type StartResult = { readonly ok: true } | { readonly error: StartError; readonly message: string; readonly retryAt: number };

class PodWorker {
  syncing = false;
  pending = false;
  requeue: EventHandle | undefined;
  startTime: number | undefined;
  sandboxAttempt = 0;
  /** The reasonCache: why each container's last start failed. Most pods never need one. */
  private reasons: Map<string, ReasonEntry> | undefined;
  get reasonCache(): Map<string, ReasonEntry> {
    return (this.reasons ??= new Map());
  }
  get reasonsOrEmpty(): ReadonlyMap<string, ReasonEntry> {
    return this.reasons ?? EMPTY_REASONS;
  }
  /** Counts the reasonCache's changes: the status inputs (StatusInputs) compare it. */
  reasonsVersion = 0;
  setReason(container: string, entry: ReasonEntry): void {
    this.reasonCache.set(container, entry);
    this.reasonsVersion++;
  }
  deleteReason(container: string): void {
    if (this.reasons?.delete(container)) this.reasonsVersion++;
  }
  /**
   * What the last refreshStatus generated from (see statusUnchanged), kept only while the pod
   * is being worked on, as runtimeView is.
   */
  statusInputs: StatusInputs | undefined;
  /** Tearing down: deleted, or reached a terminal phase. */
  terminating = false;
  /** Torn down: nothing more to do but the final delete. */
  finished = false;
  /** What the next generateAPIPodStatus reads of the last status sent (see setStatus). */
  lastStatus: PreviousStatus | undefined;
  /**
   * The last GetPodStatus answer and the runtime's stamp of the pod's records it was read at
   * (ContainerRuntime.podRecordsStamp): while the stamp is the same, so is the answer. Kept
   * only while the pod is being worked on (see syncPod), not for pods at rest.
   */
  runtimeView: RuntimePodStatus | undefined;
  runtimeStamp = 0;
  /** FNV-1a of the last status sent. */
  lastStatusHash = 0;
  /**
   * podRequests(pod), for admission's sum over the admitted pods. It reads only the spec, and
   * updatePod recomputes it on every update whose spec differs from the last (podsDifferSemantically
   * false means the spec's JSON is the same), so it always equals podRequests of the current pod.
   */
  requests: { readonly cpu: number; readonly memory: number };

  constructor(
    public pod: Pod,
    readonly uid: string,
  ) {
    this.requests = podRequests(pod);
  }
}

/**
 * The inputs of the last status refreshStatus generated and handed to setStatus, and what
 * setStatus left behind (lastStatus, lastStatusHash). Stored objects are never changed in place
 * (the pod, the kept runtime view), so identity stands for content.
 */
interface StatusInputs {
  pod: Pod;
  runtime: RuntimePodStatus;
  stamp: number;
  reasonsVersion: number;
  hostIP: string;
  lastStatus: PreviousStatus;
  lastStatusHash: number;
  phase: PodStatus['phase'];
}

/** A readiness gate named after a condition the kubelet generates (see statusUnchanged). */
function gatesOnKubeletCondition(pod: Pod): boolean {
  const gates = pod.spec?.readinessGates;
  if (gates) for (const g of gates) if (isKubeletCondition(g.conditionType)) return true;
  return false;
}

const NONE: readonly string[] = Object.freeze([]);

/** The restartCount annotation, one shared object per count. */
const restartAnnotationCache: Record<string, string>[] = [];
function restartAnnotations(count: number): Readonly<Record<string, string>> {
  if (count >= 100) return { [ANNOTATION_RESTART_COUNT]: String(count) };
  return (restartAnnotationCache[count] ??= { [ANNOTATION_RESTART_COUNT]: String(count) });
}

const EMPTY_REASONS: ReadonlyMap<string, ReasonEntry> = new Map();

/**
 * Environment entries shared between containers: the Service links and PATH are the same in
 * every container of the cluster, so one object serves them all (bounded, for the heap).
 */
const sharedKeyValues = new Map<string, Map<string, { readonly key: string; readonly value: string }>>();
let sharedKeyValueCount = 0;
function keyValue(key: string, value: string): { readonly key: string; readonly value: string } {
  // By name, then value: no `key=value` string made per entry to look one up.
  let byValue = sharedKeyValues.get(key);
  let kv = byValue?.get(value);
  if (!kv) {
    kv = { key, value };
    if (sharedKeyValueCount < 10_000) {
      if (!byValue) sharedKeyValues.set(key, (byValue = new Map()));
      byValue.set(value, kv);
      sharedKeyValueCount++;
    }
  }
  return kv;
}

/** The environment as the CRI's key/value entries: an indexed loop, without a destructuring closure per entry. */
function keyValues(env: readonly (readonly [string, string])[]): { readonly key: string; readonly value: string }[] {
  const out = new Array<{ readonly key: string; readonly value: string }>(env.length);
  for (let i = 0; i < env.length; i++) {
    const entry = env[i] as readonly [string, string];
    out[i] = keyValue(entry[0], entry[1]);
  }
  return out;
}

/**
 * The kubelet's conditions flat, [type, status, lastTransitionTime, ...]: the strings are shared,
 * the array is all it costs, and `previous` itself is returned when it holds the same strings
 * (a status that changed only in its container statuses). The arrays are never changed.
 */
export function kubeletConditionsFlat(conditions: readonly PodCondition[], previous: readonly string[] | undefined): readonly string[] {
  if (previous && sameKubeletConditions(conditions, previous)) return previous;
  const flat: string[] = [];
  for (const c of conditions) if (isKubeletCondition(c.type)) flat.push(c.type, c.status, c.lastTransitionTime ?? '');
  return flat;
}

/** Whether kubeletConditionsFlat(conditions) would hold exactly the strings of `flat`. */
function sameKubeletConditions(conditions: readonly PodCondition[], flat: readonly string[]): boolean {
  let i = 0;
  for (const c of conditions) {
    if (!isKubeletCondition(c.type)) continue;
    if (i + 2 >= flat.length || flat[i] !== c.type || flat[i + 1] !== c.status || flat[i + 2] !== (c.lastTransitionTime ?? '')) return false;
    i += 3;
  }
  return i === flat.length;
}

/** A container with a probe the prober would run (among those syncProbers hands it). */
function hasProbes(pod: Pod): boolean {
  for (const c of pod.spec?.containers ?? EMPTY) if (probed(c)) return true;
  for (const c of pod.spec?.initContainers ?? EMPTY) if (isRestartableInitContainer(c) && probed(c)) return true;
  return false;
}

function probed(c: Container): boolean {
  return !!(c.startupProbe || c.livenessProbe || c.readinessProbe);
}

/** Newest first: creation time, then restart count (GetPodStatus' order of a container's records). */
function newestFirst(a: ContainerStatus, b: ContainerStatus): number {
  return b.createdAt - a.createdAt || restartCountOf(b) - restartCountOf(a);
}

/** Whether any of these containers has a record in the runtime (started at least once). */
function anyStarted(containers: readonly Container[], runtime: RuntimePodStatus): boolean {
  for (const c of containers) if ((runtime.containers.get(c.name)?.length ?? 0) > 0) return true;
  return false;
}

export function fieldPathOf(container: Container, isInit: boolean): string {
  return `spec.${isInit ? 'initContainers' : 'containers'}{${container.name}}`;
}

export class PodWorkers {
  readonly imageManager: ImageManager;
  readonly prober: ProbeManager;
  readonly volumes: VolumeManager;
  private readonly crashBackOff: Backoff;
  private readonly workers = new Map<string, PodWorker>();
  /** The admitted, not terminating workers' number and summed requests (see admittedUsage). */
  private readonly admitted = { pods: 0, cpu: 0, memory: 0 };
  /** False once a sum could have lost precision: admittedUsage recounts from then on. */
  private tallyExact = true;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    readonly runtime: ContainerRuntime,
    private readonly host: KubeletHost,
    private readonly node: () => NodeInfo & { readonly hostIP: string },
  ) {
    const record = (pod: Pod, type: EventType, reason: string, message: string, fieldPath: string) => this.host.event(pod, type, reason, message, fieldPath);
    this.imageManager = new ImageManager(engine, runtime, record);
    this.crashBackOff = new Backoff(() => engine.now());
    this.prober = new ProbeManager(engine, runtime, {
      event: record,
      resultChanged: (uid) => this.enqueue(uid),
      podIP: (uid) => this.runtimeStatus(uid).sandbox?.ip,
    });
    const nodeInfo = node;
    this.volumes = new VolumeManager(engine, {
      disk: runtime.disk,
      objects: host.envLookup,
      event: (pod, type, reason, message) => this.host.event(pod, type, reason, message),
      requestSync: (uid) => this.enqueue(uid),
      get hostIP() {
        return nodeInfo().hostIP;
      },
      get nodeAllocatable() {
        return nodeInfo().allocatable;
      },
    });
    runtime.onContainerEvent((e) => this.onContainerEvent(e));
  }

  /** The kubelet process stopped: no syncs, no probes, no status until start(). */
  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) {
      if (w.requeue) this.engine.cancel(w.requeue);
      w.requeue = undefined;
      w.syncing = false;
      w.pending = false;
      w.runtimeView = undefined;
      w.statusInputs = undefined;
      this.prober.removePod(w.uid);
    }
    this.volumes.stop();
  }

  /** The kubelet came back: resync every pod it knows. */
  start(): void {
    this.stopped = false;
    this.volumes.start();
    for (const w of this.workers.values()) this.enqueue(w.uid);
  }

  /** Pods whose last written status is Running (benchmarks, the node panel). */
  get runningPods(): number {
    let n = 0;
    for (const w of this.workers.values()) if (w.lastStatus?.phase === 'Running') n++;
    return n;
  }

  /**
   * The waiting reason of a container that has not started, for the log endpoint: why its last
   * start failed (the reasonCache), else the kubelet's default (PodInitializing behind init
   * containers, ContainerCreating).
   */
  waitingReason(namespace: string, name: string, container: string): string {
    for (const w of this.workers.values()) {
      if (w.pod.metadata?.name !== name || (w.pod.metadata?.namespace ?? 'default') !== namespace) continue;
      const cached = w.reasonsOrEmpty.get(container)?.reason;
      if (cached) return cached;
      const regular = (w.pod.spec?.containers ?? []).some((c) => c.name === container);
      return regular && (w.pod.spec?.initContainers ?? []).length > 0 ? 'PodInitializing' : 'ContainerCreating';
    }
    return 'ContainerCreating';
  }

  /** Pods the kubelet is working on, for the node panel and tests. */
  get podCount(): number {
    return this.workers.size;
  }

  // ---- HandlePodAdditions / HandlePodUpdates / HandlePodRemoves ---------------------------

  updatePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      w = new PodWorker(pod, uid);
      this.workers.set(uid, w);
      this.tally(w, 1);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        w.finished = true;
        this.markTerminating(w);
        if (pod.metadata?.deletionTimestamp) this.host.deletePod(pod);
        return;
      }
      const rejection = canAdmitPodWithUsage(pod, w.requests, this.node(), this.admittedUsage(uid));
      if (rejection) {
        this.host.event(pod, 'Warning', rejection.reason, rejection.message);
        w.finished = true;
        this.markTerminating(w);
        this.setStatus(w, { phase: 'Failed', reason: rejection.reason, message: `Pod was rejected: ${rejection.message}`, ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}) });
        return;
      }
    } else {
      const changed = podsDifferSemantically(w.pod, pod);
      w.pod = pod;
      if (changed) {
        const counted = !w.terminating;
        if (counted) this.tally(w, -1);
        w.requests = podRequests(pod);
        if (counted) this.tally(w, 1);
      }
      if (w.finished) {
        if (pod.metadata?.deletionTimestamp) this.host.deletePod(pod);
        return;
      }
      // config.go checkAndUpdatePod: a change of status only (the kubelet's own write coming
      // back) is a reconcile, not an update: it does not sync the pod.
      if (!changed) {
        this.volumes.addPod(pod);
        // HandlePodReconcile: another writer set a readiness gate's condition, and the Ready
        // condition no longer says what the gates do (NeedToReconcilePodReadiness): sync again.
        if (needToReconcilePodReadiness(pod)) this.enqueue(uid);
        return;
      }
    }
    this.volumes.addPod(pod);
    this.enqueue(uid);
  }

  /** The pod is gone from the apiserver: kill what is left at once and forget it. */
  removePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const w = this.workers.get(uid);
    if (!w) return;
    if (w.requeue) this.engine.cancel(w.requeue);
    this.workers.delete(uid);
    if (!w.terminating) this.tally(w, -1);
    this.prober.removePod(uid);
    this.volumes.removePod(uid);
    this.crashBackOff.forget(`${pod.metadata?.name}_${pod.metadata?.namespace}_${uid}_`);
    for (const s of this.runtime.listPodSandbox(podUidSelector(uid))) this.runtime.removePodSandbox(s.id);
  }

  /** A worker starts tearing down: it no longer counts among the admitted pods. */
  private markTerminating(w: PodWorker): void {
    if (w.terminating) return;
    w.terminating = true;
    if (this.workers.get(w.uid) === w) this.tally(w, -1);
  }

  /** Add (1) or take out (-1) a worker's requests from the running sum of the admitted pods. */
  private tally(w: PodWorker, sign: 1 | -1): void {
    const t = this.admitted;
    t.pods += sign;
    t.cpu += sign * w.requests.cpu;
    t.memory += sign * w.requests.memory;
    // Integers below 2^53 add and subtract exactly in any order; past that (or NaN) only a recount is exact.
    if (!Number.isSafeInteger(t.cpu) || !Number.isSafeInteger(t.memory) || !Number.isSafeInteger(w.requests.cpu) || !Number.isSafeInteger(w.requests.memory)) this.tallyExact = false;
  }

  /**
   * The pods admitted and not terminating, but `except`: their number and requests. Read from
   * the running sum that updatePod, removePod and markTerminating keep (every worker in the map
   * and not terminating is in it), instead of a pass over every pod on the node per admission.
   */
  private admittedUsage(except: string): NodeUsage {
    if (!this.tallyExact) return this.admittedUsageRecount(except);
    let { pods, cpu, memory } = this.admitted;
    const w = this.workers.get(except);
    if (w && !w.terminating) {
      pods--;
      cpu -= w.requests.cpu;
      memory -= w.requests.memory;
    }
    return { pods, cpu, memory };
  }

  /** admittedUsage by a pass over the workers (and the test's reference for the running sum). */
  private admittedUsageRecount(except: string): NodeUsage {
    let pods = 0;
    let cpu = 0;
    let memory = 0;
    for (const w of this.workers.values()) {
      if (w.uid === except || w.terminating) continue;
      pods++;
      cpu += w.requests.cpu;
      memory += w.requests.memory;
    }
    return { pods, cpu, memory };
  }

  private onContainerEvent(e: ContainerEvent): void {
    // Created-not-started lasts milliseconds; a relisting PLEG would not see it, so neither do we.
    if (this.stopped || e.type === 'ContainerCreated' || e.type === 'ContainerRemoved') return;
    const w = this.workers.get(e.podUid);
    if (!w) return;
    // The status manager hears of it at once; the worker syncs (now, or after its current sync).
    if (w.syncing && !w.terminating) this.refreshStatus(w);
    this.enqueue(e.podUid);
  }

  private enqueue(uid: string): void {
    const w = this.workers.get(uid);
    if (!w || this.stopped || w.finished) return;
    if (w.syncing) {
      w.pending = true;
      return;
    }
    if (w.requeue) this.engine.cancel(w.requeue);
    w.requeue = this.engine.schedule(0, `kubelet: sync pod ${w.pod.metadata?.namespace}/${w.pod.metadata?.name}`, () => {
      w.requeue = undefined;
      this.syncPod(w);
    });
  }

  // ---- the runtime's view ------------------------------------------------------------------

  /**
   * GetPodStatus: the pod's sandboxes and containers, asked for by its UID label as kuberuntime
   * does. A pod's answer is read again only when the runtime's stamp of its records changed
   * since the last one (a sync asks several times between two changes: its start, each
   * container start, the status refreshes, the sync that follows); the answer is never changed
   * by its readers.
   */
  runtimeStatus(uid: string): RuntimePodStatus {
    const w = this.workers.get(uid);
    // Outside a sync (a prober asking for the pod IP) the answer is read and not kept.
    if (!w?.syncing) return this.listRuntimeStatus(uid);
    const stamp = this.runtime.podRecordsStamp(uid);
    if (w.runtimeView && w.runtimeStamp === stamp) return w.runtimeView;
    w.runtimeView = this.listRuntimeStatus(uid);
    w.runtimeStamp = stamp;
    return w.runtimeView;
  }

  /** ListPodSandbox and ListContainers for the pod's UID label, the newest first. */
  private listRuntimeStatus(uid: string): RuntimePodStatus {
    let sandbox: RuntimePodStatus['sandbox'];
    const selector = podUidSelector(uid);
    for (const s of this.runtime.listPodSandbox(selector)) {
      if (!sandbox || s.createdAt > sandbox.createdAt || (s.createdAt === sandbox.createdAt && s.metadata.attempt > sandbox.metadata.attempt)) sandbox = s;
    }
    const containers = new Map<string, ContainerStatus[]>();
    for (const c of this.runtime.listContainers(selector)) {
      const name = c.labels[LABEL_CONTAINER_NAME] ?? c.metadata.name;
      const list = containers.get(name);
      if (list) list.push(c);
      else containers.set(name, [c]);
    }
    for (const list of containers.values()) if (list.length > 1) list.sort(newestFirst);
    return { sandbox, containers };
  }

  private generate(w: PodWorker, podIsTerminal: boolean, runtime: RuntimePodStatus = this.runtimeStatus(w.uid), hostIP: string = this.node().hostIP): PodStatus {
    w.startTime ??= this.engine.now();
    return generateAPIPodStatus({
      pod: w.pod,
      runtime,
      reasonCache: w.reasonsOrEmpty,
      probes: this.prober,
      podUid: w.uid,
      hostIP,
      startTime: w.startTime,
      podIsTerminal,
      idScheme: this.runtime.flavour.idScheme,
      now: this.engine.now(),
      // The last status sent stands for the pod's (its own write may not have come back yet);
      // generation reads the other conditions from the pod, not a copy of it made here.
      previous: w.lastStatus,
    });
  }

  /**
   * The status manager: send only what changed. The worker keeps a hash of what it sent and the
   * parts of it the next generateAPIPodStatus reads (phase, conditions, IP), not the container
   * statuses, so that 15,000 pods cost little (the benchmark's heap per pod).
   */
  /** Send `status` if it differs from the last one sent; whether it did. */
  private setStatus(w: PodWorker, status: PodStatus): boolean {
    // FNV-1a of the status's JSON, folded without building the text (json-hash.ts).
    const hash = jsonHash(status);
    if (hash === w.lastStatusHash) return false;
    w.lastStatusHash = hash;
    // One fixed shape with only what the next generation reads; the conditions the kubelet
    // does not own are read from the pod itself.
    w.lastStatus = {
      phase: status.phase,
      podIP: status.podIP,
      qosClass: status.qosClass,
      reason: status.reason,
      message: status.message,
      nominatedNodeName: status.nominatedNodeName,
      conditions: kubeletConditionsFlat(status.conditions ?? EMPTY, w.lastStatus?.conditions),
    };
    this.host.setPodStatus(w.pod, status);
    return true;
  }

  /**
   * The status generated from one GetPodStatus (see syncPod) and written, then the probers
   * synced; the status is returned with whether it was sent and whether there were probers.
   */
  private refreshStatus(w: PodWorker, runtime: RuntimePodStatus = this.runtimeStatus(w.uid)): { phase: PodStatus['phase']; sent: boolean; probed: boolean } {
    const hostIP = this.node().hostIP;
    let phase: PodStatus['phase'];
    let sent = false;
    if (this.statusUnchanged(w, runtime, hostIP)) phase = (w.statusInputs as StatusInputs).phase;
    else {
      const status = this.generate(w, false, runtime, hostIP);
      // Read before setStatus and syncProbers: whether generation saw no probe worker (see statusUnchanged).
      const noProbes = !this.prober.hasWorkers(w.uid);
      sent = this.setStatus(w, status);
      phase = status.phase;
      this.rememberStatusInputs(w, runtime, hostIP, phase, noProbes);
    }
    return { phase, sent, probed: this.syncProbers(w, runtime) };
  }

  /**
   * Whether generating the status now would give the one the last refreshStatus generated,
   * which setStatus would then not send again (about 2 of the 5 generations of a pod start).
   * generateAPIPodStatus reads: the pod, the runtime's view, the reasonCache, the probe
   * results, the host IP, startTime (set once), podIsTerminal (false here), the ID scheme (the
   * runtime's), the clock and the last status sent. The first ones are compared here; the
   * probers answer `true` for every container of a pod with no probe worker, so their results
   * are the same when there was no worker then and there is none now.
   * The last status sent is the same one as after that generation (identity, and the hash):
   * flat(S) of that generation's status S (or of one with S's hash, which setStatus already
   * treats as S). Generating again from flat(S) gives S itself: the phase stays (a terminal one
   * is kept, any other is getPhase of the same inputs); message, reason, nominatedNodeName,
   * podIP and qosClass are S's own; every kubelet condition gets the status it had in S (they
   * read the last status only through readiness gates, and only a gate named after a kubelet
   * condition reads one of ours), so each keeps S's lastTransitionTime, which is also why the
   * clock is not compared. A pod with such a gate is generated every time.
   */
  private statusUnchanged(w: PodWorker, runtime: RuntimePodStatus, hostIP: string): boolean {
    const m = w.statusInputs;
    return (
      m !== undefined &&
      m.pod === w.pod &&
      m.runtime === runtime &&
      m.stamp === this.runtime.podRecordsStamp(w.uid) &&
      m.reasonsVersion === w.reasonsVersion &&
      m.hostIP === hostIP &&
      m.lastStatus === w.lastStatus &&
      m.lastStatusHash === w.lastStatusHash &&
      !this.prober.hasWorkers(w.uid)
    );
  }

  /** Keep the inputs of the status just generated and set (see statusUnchanged), in one object per sync. */
  private rememberStatusInputs(w: PodWorker, runtime: RuntimePodStatus, hostIP: string, phase: PodStatus['phase'], noProbes: boolean): void {
    const lastStatus = w.lastStatus;
    if (!noProbes || !lastStatus || gatesOnKubeletCondition(w.pod)) {
      w.statusInputs = undefined;
      return;
    }
    const stamp = this.runtime.podRecordsStamp(w.uid);
    const m = w.statusInputs;
    if (!m) {
      w.statusInputs = { pod: w.pod, runtime, stamp, reasonsVersion: w.reasonsVersion, hostIP, lastStatus, lastStatusHash: w.lastStatusHash, phase };
      return;
    }
    m.pod = w.pod;
    m.runtime = runtime;
    m.stamp = stamp;
    m.reasonsVersion = w.reasonsVersion;
    m.hostIP = hostIP;
    m.lastStatus = lastStatus;
    m.lastStatusHash = w.lastStatusHash;
    m.phase = phase;
  }

  /** Whether the pod has probes or probe workers once synced (false: nothing was done). */
  private syncProbers(w: PodWorker, runtime: RuntimePodStatus): boolean {
    // Without a probe in the spec and without workers left from an earlier spec, syncContainers
    // would make no worker and drop none: most pods have no probes.
    const probes = hasProbes(w.pod);
    if (!probes && !this.prober.hasWorkers(w.uid)) return false;
    const running = new Map<string, { containerId: string; startedAt: number; fieldPath: string }>();
    const all: [Container, boolean][] = [...(w.pod.spec?.initContainers ?? []).filter(isRestartableInitContainer).map((c): [Container, boolean] => [c, true]), ...(w.pod.spec?.containers ?? []).map((c): [Container, boolean] => [c, false])];
    for (const [c, isInit] of all) {
      const newest = runtime.containers.get(c.name)?.[0];
      if (newest?.state === 'CONTAINER_RUNNING') running.set(c.name, { containerId: newest.id, startedAt: newest.startedAt ?? 0, fieldPath: fieldPathOf(c, isInit) });
    }
    this.prober.syncContainers(w.pod, running, all.map(([c]) => c));
    return probes || this.prober.hasWorkers(w.uid);
  }

  // ---- SyncPod ------------------------------------------------------------------------------

  private syncPod(w: PodWorker): void {
    if (this.stopped || w.finished || this.workers.get(w.uid) !== w) return;
    w.syncing = true;
    const done = this.syncDoneOf(w);
    if (w.pod.metadata?.deletionTimestamp || w.terminating) {
      this.syncTerminatingPod(w, done);
      return;
    }
    // One GetPodStatus for the whole sync, as kubelet.go's SyncPod hands one podStatus to
    // generateAPIPodStatus and to the runtime's SyncPod. Nothing below touches the runtime before
    // computePodActions reads it: setStatus only queues a request with the status manager (its
    // answer comes through the network, later), the probers only schedule their ticks, and the
    // volume check reads the volume manager.
    const runtime = this.runtimeStatus(w.uid);
    const { phase, sent, probed } = this.refreshStatus(w, runtime);
    if (phase === 'Succeeded' || phase === 'Failed') {
      this.markTerminating(w);
      this.syncTerminatingPod(w, done);
      return;
    }
    // WaitForAttachAndMount: no sandbox before the volumes; the volume manager calls back.
    if (!this.volumes.ready(w.uid)) {
      done();
      return;
    }
    const actions = this.computePodActions(w, runtime);
    // A sync with nothing to do ends in the same call, and its closing refresh would generate the
    // status again from the same inputs: the same pod, runtime, reasons and clock, the same last
    // status when none was sent just now, and the same probe results when the pod has no probes
    // (syncProbers left the prober alone). That refresh is skipped then.
    const statusCurrent = !sent && !probed;
    this.executeActions(w, runtime, actions, statusCurrent, done);
  }

  /**
   * The end of a sync: requeue a pending update at once, else at the back-off's expiry. Made
   * here and returned rather than bound to a name in syncPod: under the benchmarks' loader
   * (keepNames) every named closure costs a property definition when it is made.
   */
  private syncDoneOf(w: PodWorker): (requeueAt?: number) => void {
    return (requeueAt?: number) => {
      w.syncing = false;
      // A pod at rest keeps no copy of the runtime's view (the heap per pod); the next sync reads it anew.
      if (!w.pending) {
        w.runtimeView = undefined;
        w.statusInputs = undefined;
      }
      if (this.stopped || this.workers.get(w.uid) !== w) return;
      if (w.pending) {
        w.pending = false;
        this.enqueue(w.uid);
      } else if (requeueAt !== undefined && !w.finished) {
        w.requeue = this.engine.scheduleAt(Math.max(requeueAt, this.engine.now()), `kubelet: resync pod ${w.pod.metadata?.namespace}/${w.pod.metadata?.name}`, () => {
          w.requeue = undefined;
          this.syncPod(w);
        });
      }
    };
  }

  /** computePodActions (kuberuntime_manager.go): what this sync must do. */
  computePodActions(w: PodWorker, runtime: RuntimePodStatus): PodActions {
    const pod = w.pod;
    const spec = pod.spec;
    const restartPolicy = spec?.restartPolicy ?? 'Always';
    const toStart: ContainerToStart[] = [];
    const toKill: ContainerToKill[] = [];
    const sandboxReady = runtime.sandbox?.state === 'SANDBOX_READY';
    // The helpers are a method and plain reads, not closures named here: see syncDoneOf.
    const anyRegularStarted = anyStarted(spec?.containers ?? EMPTY, runtime);
    if (!sandboxReady && runtime.sandbox && restartPolicy === 'Never' && anyRegularStarted) {
      return { createSandbox: false, containersToStart: [], containersToKill: [] };
    }
    // Init containers: sidecars start in order; regular ones one at a time, each to exit 0.
    let initialized = true;
    for (const c of spec?.initContainers ?? EMPTY) {
      const newest = runtime.containers.get(c.name)?.[0];
      if (isRestartableInitContainer(c)) {
        if (!newest || newest.state !== 'CONTAINER_RUNNING') {
          if (!newest || shouldContainerBeRestarted(c, pod, newest, true)) toStart.push({ container: c, fieldPath: fieldPathOf(c, true), isInit: true });
          if (!anyRegularStarted) {
            initialized = false;
            break;
          }
          continue;
        }
        if (this.probeKill(w, restartPolicy, c, newest, true, toKill, toStart)) continue;
        if (!this.prober.started(w.uid, newest.id) && !anyRegularStarted) {
          initialized = false;
          break;
        }
        continue;
      }
      if (anyRegularStarted) continue; // a pod that has run its containers does not re-run init
      if (!newest) {
        toStart.push({ container: c, fieldPath: fieldPathOf(c, true), isInit: true });
        initialized = false;
        break;
      }
      if (newest.state !== 'CONTAINER_EXITED') {
        initialized = false;
        break;
      }
      if (newest.exitCode === 0) continue;
      initialized = false;
      if (restartPolicy !== 'Never') toStart.push({ container: c, fieldPath: fieldPathOf(c, true), isInit: true });
      break;
    }
    if (initialized) {
      for (const c of spec?.containers ?? EMPTY) {
        const newest = runtime.containers.get(c.name)?.[0];
        if (!newest) {
          toStart.push({ container: c, fieldPath: fieldPathOf(c, false), isInit: false });
          continue;
        }
        if (newest.state === 'CONTAINER_RUNNING') {
          this.probeKill(w, restartPolicy, c, newest, false, toKill, toStart);
          continue;
        }
        if (shouldContainerBeRestarted(c, pod, newest, false)) toStart.push({ container: c, fieldPath: fieldPathOf(c, false), isInit: false });
      }
    }
    return { createSandbox: !sandboxReady, containersToStart: toStart, containersToKill: toKill };
  }

  /** A running container whose liveness or startup probe failed: kill it, and start it again unless the policy says Never. */
  private probeKill(w: PodWorker, restartPolicy: string, c: Container, newest: ContainerStatus, isInit: boolean, toKill: ContainerToKill[], toStart: ContainerToStart[]): boolean {
    const failed = this.prober.failed(w.uid, newest.id);
    if (!failed) return false;
    const restart = isInit || restartPolicy !== 'Never';
    toKill.push({ containerId: newest.id, container: c, fieldPath: fieldPathOf(c, isInit), message: MESSAGES.probeKill(c.name, failed, restart) });
    if (restart) toStart.push({ container: c, fieldPath: fieldPathOf(c, isInit), isInit });
    return true;
  }

  private executeActions(w: PodWorker, runtime: RuntimePodStatus, actions: PodActions, statusCurrent: boolean, done: (requeueAt?: number) => void): void {
    const run: ActionRun = { w, steps: [], statusCurrent, done, next: 0, requeueAt: undefined, sandboxId: runtime.sandbox?.state === 'SANDBOX_READY' ? runtime.sandbox.id : undefined, proceed: undefined, abort: undefined };
    const steps = run.steps;
    if (actions.createSandbox && (actions.containersToStart.length > 0 || !runtime.sandbox)) {
      steps.push((next, abort) => {
        const pod = w.pod;
        const attempt = runtime.sandbox ? w.sandboxAttempt + 1 : w.sandboxAttempt;
        if (runtime.sandbox) this.host.event(pod, 'Normal', REASON.SandboxChanged, 'Pod sandbox changed, it will be killed and re-created.');
        w.sandboxAttempt = attempt;
        this.runtime.runPodSandbox(
          {
            metadata: { name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? 'default', uid: w.uid, attempt },
            hostname: pod.spec?.hostname ?? pod.metadata?.name ?? '',
            labels: pod.metadata?.labels
              ? { ...pod.metadata.labels, 'io.kubernetes.pod.name': pod.metadata.name ?? '', 'io.kubernetes.pod.namespace': pod.metadata.namespace ?? 'default', [LABEL_POD_UID]: w.uid }
              : { 'io.kubernetes.pod.name': pod.metadata?.name ?? '', 'io.kubernetes.pod.namespace': pod.metadata?.namespace ?? 'default', [LABEL_POD_UID]: w.uid },
            ...withDNSConfig(podDNSConfig(pod)),
          },
          (result) => {
            if (isCriError(result)) {
              this.host.event(pod, 'Warning', REASON.FailedCreatePodSandBox, `Failed to create pod sandbox: ${result.error}`);
              abort(this.engine.now() + WORKER_BACKOFF_MS);
              return;
            }
            run.sandboxId = result;
            // Real kubelets write this status (Pending, the pod IP, PodReadyToStartContainers True)
            // while the image is still pulling: the reference vector normal-pull-start shows it at 0.8 s.
            this.refreshStatus(w);
            next();
          },
        );
      });
    }
    for (const kill of actions.containersToKill) {
      steps.push((next) => this.killContainer(w, kill.containerId, kill.container, kill.fieldPath, this.probeGracePeriod(w, kill.container), kill.message, next));
    }
    for (const start of actions.containersToStart) {
      steps.push((next, abort) => {
        const sandboxId = run.sandboxId;
        if (!sandboxId) {
          abort(this.engine.now() + WORKER_BACKOFF_MS);
          return;
        }
        this.startContainer(w, start, sandboxId, (result) => {
          if ('error' in result) {
            w.setReason(start.container.name, { reason: result.error, message: result.message });
            run.requeueAt = run.requeueAt === undefined ? result.retryAt : Math.min(run.requeueAt, result.retryAt);
            // An init container that did not start stops the sync: the next one must wait.
            if (start.isInit && !isRestartableInitContainer(start.container)) {
              abort(run.requeueAt);
              return;
            }
          } else w.deleteReason(start.container.name);
          next();
        });
      });
    }
    this.nextAction(run);
  }

  /** Run the sync's next step, or close it when none is left (or the pod or kubelet went away). */
  private nextAction(run: ActionRun): void {
    const w = run.w;
    if (this.stopped || this.workers.get(w.uid) !== w) {
      run.done();
      return;
    }
    const step = run.steps[run.next++];
    if (!step) this.finishActions(run, run.requeueAt);
    else
      step(
        (run.proceed ??= () => this.nextAction(run)),
        (run.abort ??= (at) => this.finishActions(run, at)),
      );
  }

  /** The sync's closing status refresh (skipped when nothing ran and the status is current), then its end. */
  private finishActions(run: ActionRun, at: number | undefined): void {
    const w = run.w;
    if (this.workers.get(w.uid) === w && !this.stopped && !(run.statusCurrent && run.steps.length === 0)) this.refreshStatus(w);
    run.done(at);
  }

  private probeGracePeriod(w: PodWorker, c: Container): number {
    const probe = c.livenessProbe ?? c.startupProbe;
    return probe?.terminationGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** The back-off key (getStableKey): pod name, namespace, uid, container name. */
  private backOffKey(w: PodWorker, c: Container): string {
    return `${w.pod.metadata?.name}_${w.pod.metadata?.namespace}_${w.uid}_${c.name}`;
  }

  /** kuberuntime startContainer, with doBackOff in front: back-off, image, create, start, postStart. */
  private startContainer(w: PodWorker, spec: ContainerToStart, sandboxId: string, done: (result: StartResult) => void): void {
    const pod = w.pod;
    const c = spec.container;
    const previous = this.runtimeStatus(w.uid).containers.get(c.name)?.[0];
    if (previous && previous.state === 'CONTAINER_EXITED') {
      const key = this.backOffKey(w, c);
      const finishedAt = previous.finishedAt ?? this.engine.now();
      if (this.crashBackOff.isInBackOffSince(key, finishedAt)) {
        // The pod's full name only for the back-off messages, not for every start.
        const fullName = podFullName(pod.metadata?.name ?? '', pod.metadata?.namespace ?? 'default', w.uid);
        this.host.event(pod, 'Warning', REASON.BackOff, MESSAGES.crashBackOffEvent(c.name, fullName), spec.fieldPath);
        const backoff = this.crashBackOff.get(key);
        done({ error: 'CrashLoopBackOff', message: MESSAGES.crashBackOffWaiting(backoff, c.name, fullName), retryAt: finishedAt + backoff });
        return;
      }
      this.crashBackOff.next(key, finishedAt);
    }
    this.imageManager.ensureImageExists(pod, c, spec.fieldPath, (image) => {
      if ('error' in image) {
        const now = this.engine.now();
        const retryAt = image.error === 'ErrImagePull' ? now + ERR_IMAGE_PULL_RESYNC_MS : image.error === 'ImagePullBackOff' ? this.imageManager.backOffExpiry(pod, c) ?? now + WORKER_BACKOFF_MS : now + WORKER_BACKOFF_MS;
        this.failStart(pod, spec, done, image.error, image.message, retryAt);
        return;
      }
      const node = this.node();
      const sandbox = this.runtime.podSandboxStatus(sandboxId);
      const env = makeEnvironmentVariables(pod, c, sandbox?.ip ?? '', node.hostIP, this.host.envLookup, node.allocatable);
      if ('error' in env) {
        this.failStart(pod, spec, done, 'CreateContainerConfigError', env.error, this.engine.now() + WORKER_BACKOFF_MS);
        return;
      }
      const restartCount = previous ? restartCountOf(previous) + 1 : 0;
      const memoryLimit = c.resources?.limits?.['memory'];
      const { command, args } = expandCommandAndArgs(c, env.env);
      const containers = spec.isInit ? pod.spec?.initContainers : pod.spec?.containers;
      const mounts = this.volumes.mountsFor(pod, c, containers?.indexOf(c) ?? 0, env.env);
      const config: ContainerConfig = {
        metadata: { name: c.name, attempt: restartCount },
        image: image.imageRef,
        command: command ?? NONE,
        args: args ?? NONE,
        envs: keyValues(env.env),
        // Quoted keys, not computed ones: a literal V8 keeps in-object (the labels of kuberuntime labels.go).
        labels: { 'io.kubernetes.pod.name': pod.metadata?.name ?? '', 'io.kubernetes.pod.namespace': pod.metadata?.namespace ?? 'default', [LABEL_POD_UID]: w.uid, 'io.kubernetes.container.name': c.name },
        annotations: restartAnnotations(restartCount),
        // A plain field rather than a spread: spread literals get their properties out of line.
        memoryLimitBytes: memoryLimit !== undefined ? parseQuantity(String(memoryLimit)).value() : undefined,
        mounts,
      };
      this.runtime.createContainer(sandboxId, config, (created) => {
        if (isCriError(created)) {
          this.failStart(pod, spec, done, 'CreateContainerError', created.error, this.engine.now() + WORKER_BACKOFF_MS);
          return;
        }
        this.host.event(pod, 'Normal', REASON.Created, MESSAGES.created(c.name), spec.fieldPath);
        this.runtime.startContainer(created, (started) => {
          if (isCriError(started)) {
            this.failStart(pod, spec, done, 'RunContainerError', started.error, this.engine.now() + WORKER_BACKOFF_MS);
            return;
          }
          this.host.event(pod, 'Normal', REASON.Started, MESSAGES.started(c.name), spec.fieldPath);
          this.garbageCollectContainers(w, c.name);
          this.runPostStart(w, c, created, spec.fieldPath, done);
        });
      });
    });
  }

  /** A start that failed: the Failed event (the error's message for config, create and run errors), then the result. */
  private failStart(pod: Pod, spec: ContainerToStart, done: (result: StartResult) => void, error: StartError, message: string, retryAt: number): void {
    this.host.event(pod, 'Warning', REASON.Failed, MESSAGES.error(error === 'CreateContainerConfigError' || error === 'CreateContainerError' || error === 'RunContainerError' ? message : error), spec.fieldPath);
    done({ error, message, retryAt });
  }

  /**
   * Container GC (maxPerPodContainer 1): keep the newest instance and one dead one (the
   * lastState and `kubectl logs --previous`); a crash-looping pod must not pile up records.
   */
  private garbageCollectContainers(w: PodWorker, name: string): void {
    const history = this.runtimeStatus(w.uid).containers.get(name) ?? EMPTY;
    // The answer's lists are snapshots: removing records does not change them under the loop.
    for (let i = 2; i < history.length; i++) {
      const old = history[i] as ContainerStatus;
      if (old.state === 'CONTAINER_EXITED') this.runtime.removeContainer(old.id);
    }
  }

  /** The postStart hook; its failure kills the container (FailedPostStartHook). */
  private runPostStart(w: PodWorker, c: Container, containerId: string, fieldPath: string, done: (result: StartResult) => void): void {
    const hook = c.lifecycle?.postStart;
    if (!hook) {
      done({ ok: true });
      return;
    }
    let failed = false;
    if (hook.exec) {
      const r = this.runtime.execSync(containerId, hook.exec.command ?? []);
      failed = isCriError(r) || r.exitCode !== 0;
    } else if (hook.httpGet) {
      const ip = this.runtimeStatus(w.uid).sandbox?.ip ?? '';
      const port = typeof hook.httpGet.port === 'number' ? hook.httpGet.port : Number(hook.httpGet.port);
      const response = this.runtime.httpGet(hook.httpGet.host || ip, port, hook.httpGet.path ?? '/');
      failed = !response || response.status >= 400;
    }
    if (!failed) {
      done({ ok: true });
      return;
    }
    this.host.event(w.pod, 'Warning', REASON.FailedPostStartHook, MESSAGES.postStartFailed(), fieldPath);
    this.killContainer(w, containerId, c, fieldPath, w.pod.spec?.terminationGracePeriodSeconds ?? 30, 'FailedPostStartHook', () =>
      done({ error: 'PostStartHookError', message: 'PostStartHook failed', retryAt: this.engine.now() + WORKER_BACKOFF_MS }),
    );
  }

  /** killContainer: the Killing event, preStop within the grace period, then StopContainer. */
  private killContainer(w: PodWorker, containerId: string, c: Container, fieldPath: string, gracePeriodSeconds: number, message: string | undefined, done: () => void): void {
    this.host.event(w.pod, 'Normal', REASON.Killing, message ?? MESSAGES.stopping(c.name), fieldPath);
    let preStopMs = 0;
    const preStop = c.lifecycle?.preStop;
    if (preStop?.exec) {
      const r = this.runtime.execSync(containerId, preStop.exec.command ?? []);
      if (!isCriError(r)) preStopMs = r.elapsedMs;
    } else if (preStop?.sleep) preStopMs = preStop.sleep.seconds * 1000;
    preStopMs = Math.min(preStopMs, gracePeriodSeconds * 1000);
    const remaining = Math.max(gracePeriodSeconds - Math.ceil(preStopMs / 1000), MINIMUM_GRACE_PERIOD_SECONDS);
    const stop = () => this.runtime.stopContainer(containerId, remaining, () => done());
    if (preStopMs > 0) this.engine.schedule(preStopMs, `kubelet: preStop ${w.pod.metadata?.name}/${c.name}`, stop);
    else stop();
  }

  // ---- SyncTerminatingPod -------------------------------------------------------------------

  private syncTerminatingPod(w: PodWorker, done: (requeueAt?: number) => void): void {
    this.markTerminating(w);
    const pod = w.pod;
    const deleting = !!pod.metadata?.deletionTimestamp;
    const grace = deleting ? pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30 : pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (deleting) this.setStatus(w, this.generate(w, false));
    this.prober.removePod(w.uid);
    const runtime = this.runtimeStatus(w.uid);
    const runningOf = (containers: readonly Container[], isInit: boolean) =>
      containers.flatMap((c) => {
        const newest = runtime.containers.get(c.name)?.[0];
        return newest && (newest.state === 'CONTAINER_RUNNING' || newest.state === 'CONTAINER_CREATED') ? [{ c, id: newest.id, fieldPath: fieldPathOf(c, isInit) }] : [];
      });
    const regular = runningOf(pod.spec?.containers ?? [], false);
    // Sidecars stop after the regular containers, in reverse order (terminationOrdering).
    const sidecars = runningOf((pod.spec?.initContainers ?? []).filter(isRestartableInitContainer), true).reverse();
    const plainInit = runningOf((pod.spec?.initContainers ?? []).filter((c) => !isRestartableInitContainer(c)), true);
    const finishTeardown = () => {
      const sandboxes = this.runtime.listPodSandbox(podUidSelector(w.uid)).filter((s) => s.state === 'SANDBOX_READY');
      let left = sandboxes.length;
      const final = () => {
        if (this.workers.get(w.uid) !== w) return done();
        this.setStatus(w, this.generate(w, true));
        w.finished = true;
        if (deleting) this.host.deletePod(w.pod);
        done();
      };
      if (left === 0) final();
      for (const s of sandboxes) this.runtime.stopPodSandbox(s.id, () => --left === 0 && final());
    };
    const stopSidecars = (index: number) => {
      const s = sidecars[index];
      if (!s) return finishTeardown();
      this.killContainer(w, s.id, s.c, s.fieldPath, grace, undefined, () => stopSidecars(index + 1));
    };
    const first = [...regular, ...plainInit];
    let left = first.length;
    if (left === 0) stopSidecars(0);
    for (const r of first) this.killContainer(w, r.id, r.c, r.fieldPath, grace, undefined, () => --left === 0 && stopSidecars(0));
  }
}

/** The label selector of a pod's sandboxes and containers (the labels executeActions and startContainer put on them). */
function podUidSelector(uid: string): { readonly labelSelector: Readonly<Record<string, string>> } {
  // A quoted key rather than the computed [LABEL_POD_UID]: a literal's shape is fixed where it is
  // written (no property defined at run time per call); `satisfies` fails to compile if the label's spelling changes.
  return { labelSelector: { 'io.kubernetes.pod.uid': uid } satisfies Record<typeof LABEL_POD_UID, string> };
}

function withDNSConfig(dnsConfig: DNSConfig | undefined): { dnsConfig?: DNSConfig } {
  return dnsConfig ? { dnsConfig } : {};
}

/**
 * status.NeedToReconcilePodReadiness: the pod has readiness gates and its Ready condition's
 * status or message is not what GeneratePodReadyCondition gives for the conditions it carries now.
 * Only the gates' part is worked out again: while the containers are not ready, Ready is the
 * kubelet's own ContainersNotReady, which only the kubelet changes.
 */
export function needToReconcilePodReadiness(pod: Pod): boolean {
  const gates = pod.spec?.readinessGates;
  const conditions = pod.status?.conditions;
  if (!gates?.length || !conditions) return false;
  const ready = conditions.find((c) => c.type === 'Ready');
  if (!ready || conditions.find((c) => c.type === 'ContainersReady')?.status !== 'True') return false;
  const unready = readinessGatesMessage(gates, (type) => conditions.find((c) => c.type === type)?.status);
  return ready.status !== (unready === undefined ? 'True' : 'False') || (ready.message ?? '') !== (unready ?? '');
}
