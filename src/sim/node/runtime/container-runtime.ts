/**
 * The container runtime of one node (containerd or CRI-O, see flavours.ts) behind the CRI
 * (cri.ts): pod sandboxes with an IP from the node's pod CIDR (the CNI's host-local IPAM, which
 * hands addresses out round-robin from .2), containers whose processes are the container model
 * (../container), an image store filled by pulls that take size / bandwidth, and per-container
 * logs. The kubelet is its only caller; crictl reads its state through crictl-format.ts.
 * Container state changes are pushed to one listener, as the runtime's event stream that an
 * evented PLEG consumes.
 */
import type { Engine } from '../../engine';
import { SIMULATION_EPOCH_MS } from '../../api/time';
import { imageFiles, startProcess } from '../container/programs';
import { ContainerFileSystem, type FileMount } from '../container/filesystem';
import { NodeDisk } from '../node-disk';
import type { ContainerProcess, HttpResponse, ProcessHost, TimerHandle } from '../container/process';
import { execSync, type ExecResult } from '../container/shell';
import { imageNetworkPrograms } from '../container/programs/image-tools';
import { resolvConfText } from './resolv-conf';
import type { ExternalProgram, NetAccess } from '../container/programs/net-access';
import type { ContainerConfig, ContainerFilter, ContainerState, ContainerStatus, CriError, CriResult, Image, ImageService, LogLine, PodSandboxConfig, PodSandboxFilter, PodSandboxStatus, RuntimeService } from './cri';
import { DEFAULT_IMAGE_SIZE, IMAGE_CATALOG, pseudoDigest } from './image-catalog';
import { randomHex } from './hex-id';
import { fullName, parseImageRef } from './image-ref';
import { runtimeFlavour, type RuntimeFlavour, type RuntimeFlavourName } from './flavours';
import { matchesLabelSelector, POD_UID_LABEL, RecordIndex } from './record-index';
import { flatString } from '../../flat-string';

/** How long the runtime takes, on a real node, for each call (virtual ms). */
export const RUNTIME_LATENCY_MS = {
  /** The pause container and the CNI ADD. */
  runPodSandbox: 500,
  stopPodSandbox: 100,
  createContainer: 40,
  startContainer: 60,
  /** A registry round trip before the bytes flow. */
  pullOverhead: 0,
  /** Resolving the manifest of an image whose layers are all present (a re-pull, `Always`). */
  manifestResolve: 100,
} as const;

/** A node's share of the registry, about 60 MB/s: nginx (72195292 bytes) pulls in 1.2 s, as in the docs' event. */
export const DEFAULT_PULL_BANDWIDTH = 60_162_744;
/** Lines kept per container for `kubectl logs` and `crictl logs`. */
const LOG_LINES_KEPT = 1000;

export interface RuntimeOptions {
  readonly flavour?: RuntimeFlavourName;
  /** The node's pod CIDR, 10.244.N.0/24. */
  readonly podCIDR: string;
  /** Bytes per second a pull moves. */
  readonly pullBandwidth?: number;
  /** Images already on the node (besides the pause image): name -> size in bytes (0 = catalog). */
  readonly preloadedImages?: Readonly<Record<string, number>>;
}

export type ContainerEventType = 'ContainerStarted' | 'ContainerDied' | 'ContainerCreated' | 'ContainerRemoved';

export interface ContainerEvent {
  readonly type: ContainerEventType;
  readonly containerId: string;
  readonly podUid: string;
}

interface ContainerRecord {
  readonly id: string;
  readonly sandboxId: string;
  readonly config: ContainerConfig;
  readonly imageName: string;
  readonly imageRef: string;
  readonly repository: string;
  state: ContainerState;
  readonly createdAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  exitCode: number;
  reason: string;
  process: ContainerProcess | undefined;
  /** The writable layer, made when a process first writes. */
  files: Map<string, string> | undefined;
  /** The filesystem its programs see (image, layer, mounts), made on first use. */
  fs: ContainerFileSystem | undefined;
  readonly logs: LogLine[];
  killTimer: ReturnType<Engine['schedule']> | undefined;
  stopWaiters: ((result: CriResult<true>) => void)[] | undefined;
}

interface ImageRecord {
  readonly id: string;
  /** docker.io/library/nginx: shared by every container of the image. */
  readonly repository: string;
  readonly repoTags: string[];
  readonly repoDigest: string;
  readonly size: number;
  readonly pinned: boolean;
}

/**
 * What a container's process sees of the runtime: one object per container with its methods on
 * the prototype (no closures per container: 15,000 of them must stay small). The environment
 * map and the writable layer are made on first use; a web server never reads them.
 */
class ContainerProcessHost implements ProcessHost {
  private envMap: Map<string, string> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly record: ContainerRecord,
    readonly hostname: string,
    private readonly runtime: ContainerRuntime,
  ) {}

  now(): number {
    return this.engine.now();
  }

  schedule(ms: number, run: () => void): TimerHandle {
    const handle = this.engine.schedule(ms, `container ${this.record.config.metadata.name}`, run);
    return { cancel: () => this.engine.cancel(handle) };
  }

  stdout(text: string): void {
    this.log('stdout', text);
  }

  stderr(text: string): void {
    this.log('stderr', text);
  }

  private log(stream: LogLine['stream'], text: string): void {
    const logs = this.record.logs;
    logs.push({ time: this.engine.now(), stream, text });
    if (logs.length > LOG_LINES_KEPT) logs.splice(0, logs.length - LOG_LINES_KEPT);
  }

  exit(code: number, oomKilled?: boolean): void {
    this.runtime.processExited(this.record, code, oomKilled ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error');
  }

  get env(): ReadonlyMap<string, string> {
    return (this.envMap ??= new Map(this.record.config.envs.map((e) => [e.key, e.value])));
  }

  get files(): ContainerFileSystem {
    return this.runtime.filesystemOf(this.record);
  }

  get memoryLimitBytes(): number | undefined {
    return this.record.config.memoryLimitBytes;
  }

  get external(): ExternalProgram | undefined {
    return this.runtime.networkPrograms(this.record);
  }
}

export class ContainerRuntime implements RuntimeService, ImageService {
  readonly flavour: RuntimeFlavour;
  /** The node's disk, where the kubelet writes the volumes the runtime bind-mounts. */
  readonly disk = new NodeDisk();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly sandboxes = new Map<string, PodSandboxStatus>();
  private readonly containersOfPod = new RecordIndex();
  private readonly containersOfSandbox = new RecordIndex();
  private readonly sandboxesOfPod = new RecordIndex();
  /**
   * Per pod UID label, a stamp taken from `stampCount` whenever one of the pod's sandboxes or
   * containers enters, changes or leaves: the kubelet's GetPodStatus answer for the pod is the
   * same as long as its stamp is (see podRecordsStamp). A pod with no records has no entry.
   */
  private readonly podStamps = new Map<string, number>();
  private stampCount = 0;
  private readonly images = new Map<string, ImageRecord>();
  /** docker.io/library/nginx:latest and repo@sha256:... -> image id. */
  private readonly imageIndex = new Map<string, string>();
  /** addImage's last IDs per repository (see imageIds); one entry per repository pulled, as the store has. */
  private readonly imageIdsByRepository = new Map<string, { readonly bytes: number; readonly id: string; readonly repoDigest: string }>();
  private readonly pulling = new Map<string, ((result: CriResult<string>) => void)[]>();
  private readonly ipPrefix: string;
  private readonly ipsInUse = new Set<number>();
  private nextIp = 2;
  private listener: ((event: ContainerEvent) => void) | undefined;
  /** The cluster's data plane as seen from a sandbox's network namespace (the CNI's veth), once the Cluster wires it. */
  private network: ((sandbox: PodSandboxStatus) => NetAccess) | undefined;
  /** Each sandbox's /etc/resolv.conf, written from the DNSConfig the kubelet gave. */
  private readonly resolvConfs = new Map<string, string>();
  private readonly bandwidth: number;

  constructor(
    private readonly engine: Engine,
    options: RuntimeOptions,
  ) {
    this.flavour = runtimeFlavour(options.flavour ?? 'containerd');
    this.bandwidth = options.pullBandwidth ?? DEFAULT_PULL_BANDWIDTH;
    this.ipPrefix = options.podCIDR.replace(/\.0\/24$/, '.');
    this.addImage(this.flavour.pauseImage, 0, true);
    for (const [name, size] of Object.entries(options.preloadedImages ?? {})) this.addImage(name, size, false);
  }

  /**
   * A number that changes whenever a sandbox or container labelled with this pod UID is
   * created, changes state or is removed, and is 0 while there is none: equal stamps mean that
   * ListPodSandbox and ListContainers for the pod's UID label answer the same.
   */
  podRecordsStamp(podUid: string): number {
    return this.podStamps.get(podUid) ?? 0;
  }

  /** One of the pod's records entered or changed. */
  private touch(podUid: string | undefined): void {
    if (podUid !== undefined) this.podStamps.set(podUid, ++this.stampCount);
  }

  /** One of the pod's records left: a new stamp, or none once the pod has no record left. */
  private touchRemoved(podUid: string | undefined): void {
    if (podUid === undefined) return;
    if (this.sandboxesOfPod.has(podUid) || this.containersOfPod.has(podUid)) this.touch(podUid);
    else this.podStamps.delete(podUid);
  }

  /** The PLEG's feed: container created/started/died/removed. */
  onContainerEvent(listener: (event: ContainerEvent) => void): void {
    this.listener = listener;
  }

  // ---- images -------------------------------------------------------------------------------

  private catalogSize(repository: string, tag: string | undefined): number | 'not found' {
    const repo = IMAGE_CATALOG[repository];
    if (!repo) return DEFAULT_IMAGE_SIZE;
    if (tag === undefined) return Object.values(repo.tags)[0]?.size ?? DEFAULT_IMAGE_SIZE;
    return repo.tags[tag]?.size ?? 'not found';
  }

  /** Put an image in the store (a pull finished, or the node came with it). */
  addImage(name: string, size: number, pinned: boolean): string | undefined {
    const ref = parseImageRef(name);
    if ('error' in ref) return undefined;
    const catalog = this.catalogSize(ref.repository, ref.tag);
    const bytes = size > 0 ? size : catalog === 'not found' ? DEFAULT_IMAGE_SIZE : catalog;
    // Tags of one repository with the same content share the image, as latest and 1.27 do.
    const { id, repoDigest } = this.imageIds(ref.repository, bytes);
    let record = this.images.get(id);
    if (!record) {
      record = { id, repository: ref.repository, repoTags: [], repoDigest, size: bytes, pinned };
      this.images.set(id, record);
    }
    if (ref.tag && !ref.digest) {
      const tagged = fullName(ref);
      if (!record.repoTags.includes(tagged)) record.repoTags.push(tagged);
      this.imageIndex.set(tagged, id);
    }
    this.imageIndex.set(repoDigest, id);
    if (ref.digest) this.imageIndex.set(fullName(ref), id);
    return id;
  }

  /**
   * The image ID and repo digest of a repository's content of this size, remembered per
   * repository (every pull of a pod's image lands here: the same strings, not built again).
   */
  private imageIds(repository: string, bytes: number): { readonly id: string; readonly repoDigest: string } {
    const kept = this.imageIdsByRepository.get(repository);
    if (kept && kept.bytes === bytes) return kept;
    const ids = {
      bytes,
      id: `sha256:${pseudoDigest(`id ${repository} ${bytes}`)}`,
      // Flat: written into every container status of the image (see flatString).
      repoDigest: flatString(`${repository}@sha256:${pseudoDigest(`digest ${repository} ${bytes}`)}`),
    };
    this.imageIdsByRepository.set(repository, ids);
    return ids;
  }

  /** The size of a stored image (imageStatus(image)?.size without copying its tags). */
  imageSize(image: string): number | undefined {
    return this.findImage(image)?.size;
  }

  /** The ID of a stored image (imageStatus(image)?.id without the copy), for the kubelet's pull-policy check. */
  imageId(image: string): string | undefined {
    return this.findImage(image)?.id;
  }

  private findImage(image: string): ImageRecord | undefined {
    const ref = parseImageRef(image);
    if ('error' in ref) return undefined;
    const id = this.imageIndex.get(fullName(ref)) ?? (image.startsWith('sha256:') ? image : undefined);
    return id ? this.images.get(id) : undefined;
  }

  imageStatus(image: string): Image | undefined {
    const r = this.findImage(image);
    return r ? { id: r.id, repoTags: [...r.repoTags], repoDigests: [r.repoDigest], size: r.size, pinned: r.pinned } : undefined;
  }

  listImages(): Image[] {
    return [...this.images.values()].map((r) => ({ id: r.id, repoTags: [...r.repoTags], repoDigests: [r.repoDigest], size: r.size, pinned: r.pinned }));
  }

  /** How long pulling `image` takes at this node's bandwidth, or undefined if it cannot be pulled. */
  pullDurationMs(image: string): number | undefined {
    const ref = parseImageRef(image);
    if ('error' in ref) return undefined;
    const size = this.catalogSize(ref.repository, ref.tag);
    if (size === 'not found') return undefined;
    return RUNTIME_LATENCY_MS.pullOverhead + Math.round((size / this.bandwidth) * 1000);
  }

  pullImage(image: string, done: (result: CriResult<string>) => void): void {
    const ref = parseImageRef(image);
    if ('error' in ref) {
      this.engine.schedule(0, `runtime: pull ${image} refused`, () => done({ error: `rpc error: code = Unknown desc = ${ref.error}` }));
      return;
    }
    const waiting = this.pulling.get(fullName(ref));
    if (waiting) {
      waiting.push(done); // containerd joins a pull already in flight
      return;
    }
    const size = this.catalogSize(ref.repository, ref.tag);
    const callbacks = [done];
    this.pulling.set(fullName(ref), callbacks);
    const finish = (result: CriResult<string>) => {
      this.pulling.delete(fullName(ref));
      for (const cb of callbacks) cb(result);
    };
    if (size === 'not found') {
      // The registry answers the manifest request quickly with 404.
      this.engine.schedule(150, `runtime: pull ${image} not found`, () => finish({ error: this.flavour.pullNotFound(image, ref) }));
      return;
    }
    // Layers already in the content store are not fetched again: only the manifest round trip.
    const present = this.findImage(image) !== undefined;
    const ms = present ? RUNTIME_LATENCY_MS.manifestResolve : RUNTIME_LATENCY_MS.pullOverhead + Math.round((size / this.bandwidth) * 1000);
    this.engine.schedule(ms, `runtime: pulled ${image}`, () => {
      const id = this.addImage(image, size, false);
      const record = id ? this.images.get(id) : undefined;
      // PullImageResponse.image_ref is the image ID; container statuses carry the repo digest.
      finish(record ? record.id : { error: `rpc error: code = Unknown desc = failed to pull ${image}` });
    });
  }

  // ---- sandboxes ----------------------------------------------------------------------------

  private newId(): string {
    // Eight draws as 64 hex digits, one flat string (hex-id.ts).
    return randomHex(this.engine.rng, 8);
  }

  private allocateIp(): string | undefined {
    for (let tries = 0; tries < 253; tries++) {
      const candidate = this.nextIp;
      this.nextIp = candidate >= 254 ? 2 : candidate + 1;
      if (!this.ipsInUse.has(candidate)) {
        this.ipsInUse.add(candidate);
        return this.ipPrefix + String(candidate);
      }
    }
    return undefined;
  }

  private releaseIp(ip: string): void {
    if (ip) this.ipsInUse.delete(Number(ip.slice(this.ipPrefix.length)));
  }

  runPodSandbox(config: PodSandboxConfig, done: (result: CriResult<string>) => void): void {
    this.engine.schedule(RUNTIME_LATENCY_MS.runPodSandbox, `runtime: sandbox for ${config.metadata.namespace}/${config.metadata.name}`, () => {
      const ip = this.allocateIp();
      if (!ip) {
        done({ error: `plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.ipPrefix}1-${this.ipPrefix}254` });
        return;
      }
      const id = this.newId();
      this.sandboxes.set(id, { id, metadata: config.metadata, state: 'SANDBOX_READY', createdAt: this.engine.now(), ip, labels: config.labels, runtimeHandler: '' });
      this.sandboxesOfPod.add(config.labels[POD_UID_LABEL], id);
      this.touch(config.labels[POD_UID_LABEL]);
      if (config.dnsConfig) this.resolvConfs.set(id, resolvConfText(config.dnsConfig));
      done(id);
    });
  }

  stopPodSandbox(podSandboxId: string, done: (result: CriResult<true>) => void): void {
    this.engine.schedule(RUNTIME_LATENCY_MS.stopPodSandbox, 'runtime: stop sandbox', () => {
      const sandbox = this.sandboxes.get(podSandboxId);
      if (sandbox && sandbox.state === 'SANDBOX_READY') {
        for (const c of this.containersIn(podSandboxId)) if (c.state === 'CONTAINER_RUNNING') this.finish(c, 137, 'Error');
        this.releaseIp(sandbox.ip);
        this.sandboxes.set(podSandboxId, { ...sandbox, state: 'SANDBOX_NOTREADY' });
        this.touch(sandbox.labels[POD_UID_LABEL]);
      }
      done(true);
    });
  }

  removePodSandbox(podSandboxId: string): void {
    const sandbox = this.sandboxes.get(podSandboxId);
    if (!sandbox) return;
    for (const c of this.containersIn(podSandboxId)) this.removeContainer(c.id);
    if (sandbox.state === 'SANDBOX_READY') this.releaseIp(sandbox.ip);
    this.sandboxes.delete(podSandboxId);
    this.sandboxesOfPod.remove(sandbox.labels[POD_UID_LABEL], podSandboxId);
    this.touchRemoved(sandbox.labels[POD_UID_LABEL]);
    this.resolvConfs.delete(podSandboxId);
  }

  listPodSandbox(filter: PodSandboxFilter = {}): PodSandboxStatus[] {
    const uid = filter.labelSelector?.[POD_UID_LABEL];
    if (!filter.labelSelector) return [...this.sandboxes.values()];
    if (uid === undefined) return [...this.sandboxes.values()].filter((s) => matchesLabelSelector(s.labels, filter.labelSelector));
    const out: PodSandboxStatus[] = [];
    const only = this.sandboxesOfPod.only(uid);
    if (only !== undefined) {
      const s = this.sandboxes.get(only);
      if (s && matchesLabelSelector(s.labels, filter.labelSelector)) out.push(s);
      return out;
    }
    for (const id of this.sandboxesOfPod.get(uid)) {
      const s = this.sandboxes.get(id);
      if (s && matchesLabelSelector(s.labels, filter.labelSelector)) out.push(s);
    }
    return out;
  }

  /** The containers of a sandbox, copied out: stopping or removing one changes the index. */
  private containersIn(podSandboxId: string): ContainerRecord[] {
    const out: ContainerRecord[] = [];
    for (const id of this.containersOfSandbox.get(podSandboxId)) {
      const c = this.containers.get(id);
      if (c) out.push(c);
    }
    return out;
  }

  podSandboxStatus(podSandboxId: string): PodSandboxStatus | undefined {
    return this.sandboxes.get(podSandboxId);
  }

  // ---- containers ---------------------------------------------------------------------------

  createContainer(podSandboxId: string, config: ContainerConfig, done: (result: CriResult<string>) => void): void {
    this.engine.schedule(RUNTIME_LATENCY_MS.createContainer, `runtime: create ${config.metadata.name}`, () => {
      const sandbox = this.sandboxes.get(podSandboxId);
      const image = this.findImage(config.image);
      if (!sandbox || sandbox.state !== 'SANDBOX_READY') {
        done({ error: `rpc error: code = NotFound desc = failed to get sandbox "${podSandboxId}": not found` });
        return;
      }
      if (!image) {
        done({ error: `rpc error: code = NotFound desc = failed to get image "${config.image}": not found` });
        return;
      }
      const id = this.newId();
      const repository = image.repository;
      const imageName = image.repoTags.find((t) => t.startsWith(`${repository}:`)) ?? image.repoTags[0] ?? config.image;
      this.containersOfPod.add(config.labels[POD_UID_LABEL], id);
      this.containersOfSandbox.add(podSandboxId, id);
      this.touch(config.labels[POD_UID_LABEL]);
      this.containers.set(id, {
        id,
        sandboxId: podSandboxId,
        config,
        imageName,
        imageRef: image.repoDigest,
        repository,
        state: 'CONTAINER_CREATED',
        createdAt: this.engine.now(),
        startedAt: undefined,
        finishedAt: undefined,
        exitCode: 0,
        reason: '',
        process: undefined,
        files: undefined,
        fs: undefined,
        logs: [],
        killTimer: undefined,
        stopWaiters: undefined,
      });
      this.emit('ContainerCreated', id, sandbox.metadata.uid);
      done(id);
    });
  }

  startContainer(containerId: string, done: (result: CriResult<true>) => void): void {
    this.engine.schedule(RUNTIME_LATENCY_MS.startContainer, 'runtime: start container', () => {
      const c = this.containers.get(containerId);
      if (!c || c.state !== 'CONTAINER_CREATED') {
        done({ error: `rpc error: code = Unknown desc = failed to start container "${containerId}": container not in created state` });
        return;
      }
      c.state = 'CONTAINER_RUNNING';
      c.startedAt = this.engine.now();
      this.touch(c.config.labels[POD_UID_LABEL]);
      const sandbox = this.sandboxes.get(c.sandboxId);
      c.process = startProcess({ repository: c.repository, command: c.config.command, args: c.config.args }, new ContainerProcessHost(this.engine, c, sandbox?.metadata.name ?? '', this));
      if (c.state === 'CONTAINER_RUNNING') this.emit('ContainerStarted', c.id, sandbox?.metadata.uid ?? '');
      done(true);
    });
  }

  /** Called by a container's process host when the process ends by itself. */
  processExited(c: ContainerRecord, exitCode: number, reason: string): void {
    this.finish(c, exitCode, reason);
  }

  /** The process ended (exit, signal or OOM): record it and tell the PLEG. */
  private finish(c: ContainerRecord, exitCode: number, reason: string): void {
    if (c.state !== 'CONTAINER_RUNNING' && c.state !== 'CONTAINER_CREATED') return;
    const wasRunning = c.state === 'CONTAINER_RUNNING';
    c.process?.kill();
    c.process = undefined;
    c.state = 'CONTAINER_EXITED';
    c.finishedAt = this.engine.now();
    c.exitCode = exitCode;
    c.reason = reason;
    this.touch(c.config.labels[POD_UID_LABEL]);
    if (c.killTimer) this.engine.cancel(c.killTimer);
    c.killTimer = undefined;
    const waiters = c.stopWaiters ?? [];
    c.stopWaiters = undefined;
    for (const w of waiters) w(true);
    if (wasRunning) this.emit('ContainerDied', c.id, this.sandboxes.get(c.sandboxId)?.metadata.uid ?? '');
  }

  stopContainer(containerId: string, timeoutSeconds: number, done: (result: CriResult<true>) => void): void {
    const c = this.containers.get(containerId);
    if (!c) {
      this.engine.schedule(0, 'runtime: stop container', () => done({ error: `rpc error: code = NotFound desc = an error occurred when try to find container "${containerId}": not found` }));
      return;
    }
    if (c.state !== 'CONTAINER_RUNNING') {
      if (c.state === 'CONTAINER_CREATED') this.finish(c, 0, 'Completed');
      this.engine.schedule(0, 'runtime: stop container', () => done(true));
      return;
    }
    (c.stopWaiters ??= []).push(done);
    if (c.killTimer) return;
    c.killTimer = this.engine.schedule(Math.max(0, timeoutSeconds) * 1000, `runtime: SIGKILL ${c.config.metadata.name}`, () => {
      c.killTimer = undefined;
      this.finish(c, 137, 'Error');
    });
    c.process?.terminate();
  }

  removeContainer(containerId: string): void {
    const c = this.containers.get(containerId);
    if (!c) return;
    if (c.state === 'CONTAINER_RUNNING') this.finish(c, 137, 'Error');
    this.containers.delete(containerId);
    this.containersOfPod.remove(c.config.labels[POD_UID_LABEL], containerId);
    this.containersOfSandbox.remove(c.sandboxId, containerId);
    this.touchRemoved(c.config.labels[POD_UID_LABEL]);
    this.emit('ContainerRemoved', containerId, this.sandboxes.get(c.sandboxId)?.metadata.uid ?? '');
  }

  private emit(type: ContainerEventType, containerId: string, podUid: string): void {
    this.listener?.({ type, containerId, podUid });
  }

  private status(c: ContainerRecord): ContainerStatus {
    return {
      id: c.id,
      podSandboxId: c.sandboxId,
      metadata: c.config.metadata,
      state: c.state,
      createdAt: c.createdAt,
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      exitCode: c.exitCode,
      reason: c.reason,
      message: '',
      image: c.imageName,
      imageRef: c.imageRef,
      labels: c.config.labels,
      annotations: c.config.annotations,
    };
  }

  listContainers(filter: ContainerFilter = {}): ContainerStatus[] {
    const out: ContainerStatus[] = [];
    const uid = filter.labelSelector?.[POD_UID_LABEL];
    if (uid === undefined) {
      for (const c of this.containers.values()) if (matchesContainerFilter(c, filter)) out.push(this.status(c));
    } else {
      // One container (most pods): read it without get()'s array of one.
      const only = this.containersOfPod.only(uid);
      if (only !== undefined) {
        const c = this.containers.get(only);
        if (c && matchesContainerFilter(c, filter)) out.push(this.status(c));
        return out;
      }
      for (const id of this.containersOfPod.get(uid)) {
        const c = this.containers.get(id);
        if (c && matchesContainerFilter(c, filter)) out.push(this.status(c));
      }
    }
    return out;
  }

  containerStatus(containerId: string): ContainerStatus | undefined {
    const c = this.containers.get(containerId);
    return c ? this.status(c) : undefined;
  }

  // ---- what the kubelet's prober, `kubectl logs/exec` and crictl need -----------------------

  logs(containerId: string): readonly LogLine[] {
    return this.containers.get(containerId)?.logs ?? [];
  }

  /** The environment a container was started with (for `crictl inspect`). */
  containerConfig(containerId: string): ContainerConfig | undefined {
    return this.containers.get(containerId)?.config;
  }

  /** A container's files as it first sees them: the sandbox's /etc/resolv.conf (from its DNSConfig), when it has one. */
  newWritableLayer(sandboxId: string): Map<string, string> {
    const resolv = this.resolvConfs.get(sandboxId);
    return resolv === undefined ? new Map() : new Map([['/etc/resolv.conf', resolv]]);
  }

  /** Connect the pods' network namespaces to the cluster's data plane. */
  attachNetwork(access: (sandbox: PodSandboxStatus) => NetAccess): void {
    this.network = access;
  }

  /** The image's network clients (curl, wget, nslookup), bound to the container's pod network. */
  networkPrograms(c: { readonly sandboxId: string; readonly repository: string }): ExternalProgram | undefined {
    const sandbox = this.sandboxes.get(c.sandboxId);
    return sandbox && this.network ? imageNetworkPrograms(c.repository, this.withLoopback(sandbox, this.network(sandbox))) : undefined;
  }

  /** /etc/hosts' localhost and the pod's loopback: a connection to 127.0.0.1 reaches the pod's own containers. */
  private withLoopback(sandbox: PodSandboxStatus, net: NetAccess): NetAccess {
    const ip = sandbox.ip ?? '';
    return {
      nameserver: net.nameserver,
      resolve: (name) => (name === 'localhost' ? { name: 'localhost', addresses: ['127.0.0.1'] } : net.resolve(name)),
      connect: (address, port, path) => {
        if (address !== '127.0.0.1') return net.connect(address, port, path);
        const endpoint = { address, port, node: '' };
        const response = this.httpGet(ip, port, path);
        return response ? { outcome: 'connected', hops: [], endpoint, response } : { outcome: 'refused', hops: [], endpoint };
      },
    };
  }

  /** ExecSync: run a command in a running container, at once. */
  execSync(containerId: string, argv: readonly string[]): ExecResult | CriError {
    const c = this.containers.get(containerId);
    if (!c || c.state !== 'CONTAINER_RUNNING') return { error: `rpc error: code = Unknown desc = container ${containerId} is not running` };
    const env = new Map(c.config.envs.map((e) => [e.key, e.value]));
    const hostname = this.sandboxes.get(c.sandboxId)?.metadata.name ?? '';
    const podIP = this.sandboxes.get(c.sandboxId)?.ip ?? '';
    // The pod's network namespace: localhost is the pod's own address. Without a data plane
    // attached (a runtime on its own), the shell's own curl reaches the pod's containers.
    const httpGet = (host: string, port: number, path: string) => this.httpGet(host === 'localhost' || host === '127.0.0.1' ? podIP : host, port, path);
    const external = this.networkPrograms(c);
    return execSync(argv, { now: () => this.engine.now(), env, files: this.filesystemOf(c), hostname, httpGet, out: () => {}, err: () => {}, ...(external ? { external } : {}) }, SIMULATION_EPOCH_MS);
  }

  /** A container's view of files: the image's, its writable layer, the bind mounts of its config. */
  filesystemOf(c: ContainerRecord): ContainerFileSystem {
    if (c.fs) return c.fs;
    const mounts: FileMount[] = [];
    for (const m of c.config.mounts ?? []) {
      const found = this.disk.resolve(m.hostPath);
      // A host path that is not a known directory is mounted empty (runc would make it).
      const directory = found?.directory ?? this.disk.directory(m.hostPath);
      mounts.push({ containerPath: m.containerPath.replace(/\/+$/, '') || '/', directory, subPath: found?.rel ?? '', readOnly: m.readonly });
    }
    c.fs = new ContainerFileSystem((c.files ??= this.newWritableLayer(c.sandboxId)), mounts, imageFiles(c.repository));
    return c.fs;
  }

  /** An HTTP GET to podIP:port, served by whichever running container of the pod listens. */
  httpGet(ip: string, port: number, path: string): HttpResponse | undefined {
    const process = this.listeningProcess(ip, port);
    return process?.httpGet(port, path);
  }

  /** A TCP connect to podIP:port. */
  tcpConnect(ip: string, port: number): boolean {
    return this.listeningProcess(ip, port) !== undefined;
  }

  private listeningProcess(ip: string, port: number): ContainerProcess | undefined {
    for (const c of this.containers.values()) {
      if (c.state !== 'CONTAINER_RUNNING' || !c.process) continue;
      const sandbox = this.sandboxes.get(c.sandboxId);
      if (sandbox?.ip === ip && c.process.listens(port)) return c.process;
    }
    return undefined;
  }

  /** The process of a running container (fault injection, the node panel's memory figure). */
  process(containerId: string): ContainerProcess | undefined {
    return this.containers.get(containerId)?.process;
  }
}

/** ListContainers' filter: sandbox, state and label selector, each when given. */
function matchesContainerFilter(c: ContainerRecord, filter: ContainerFilter): boolean {
  if (filter.podSandboxId !== undefined && c.sandboxId !== filter.podSandboxId) return false;
  if (filter.state !== undefined && c.state !== filter.state) return false;
  return matchesLabelSelector(c.config.labels, filter.labelSelector);
}
