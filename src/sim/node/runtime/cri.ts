/**
 * The Container Runtime Interface as the kubelet sees it (k8s.io/cri-api runtime/v1): the
 * RuntimeService and ImageService calls, their messages trimmed to the fields the simulation
 * uses, and the state enums with their CRI names. Calls that take time on a real node
 * (sandbox, create, start, stop, pull) answer through a callback on the engine clock; reads
 * (List*, *Status) answer at once, as a local gRPC call on an idle node does.
 */

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface PodSandboxMetadata {
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
  readonly attempt: number;
}

/** DNSConfig of the CRI: what the runtime writes into the sandbox's /etc/resolv.conf. */
export interface DNSConfig {
  readonly servers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

export interface PodSandboxConfig {
  readonly metadata: PodSandboxMetadata;
  readonly hostname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly dnsConfig?: DNSConfig;
}

export interface PodSandboxStatus {
  readonly id: string;
  readonly metadata: PodSandboxMetadata;
  readonly state: PodSandboxState;
  /** Virtual ms. */
  readonly createdAt: number;
  readonly ip: string;
  readonly labels: Readonly<Record<string, string>>;
  /** RuntimeHandler; '' is the default handler. */
  readonly runtimeHandler: string;
}

export interface ContainerMetadata {
  readonly name: string;
  readonly attempt: number;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/**
 * A bind mount (CRI Mount): a directory of the node's disk, or with `subPath` one entry of it
 * (the kubelet resolves subPath to a host path, as upstream), at `containerPath`.
 */
export interface Mount {
  readonly containerPath: string;
  readonly hostPath: string;
  readonly readonly: boolean;
}

export interface ContainerConfig {
  readonly metadata: ContainerMetadata;
  /** The image the kubelet pulled: its image ID (sha256:...). */
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly envs: readonly KeyValue[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** linux.resources.memory_limit_in_bytes; undefined = unlimited. */
  readonly memoryLimitBytes?: number;
  /** The pod's volumes this container mounts; most containers have none. */
  readonly mounts?: readonly Mount[];
}

export interface ContainerStatus {
  readonly id: string;
  readonly podSandboxId: string;
  readonly metadata: ContainerMetadata;
  readonly state: ContainerState;
  readonly createdAt: number;
  readonly startedAt: number | undefined;
  readonly finishedAt: number | undefined;
  readonly exitCode: number;
  /** The runtime's words: Completed, Error, OOMKilled. */
  readonly reason: string;
  readonly message: string;
  /** The image as the runtime names it: docker.io/library/nginx:latest. */
  readonly image: string;
  /** The image's repo digest: docker.io/library/nginx@sha256:... */
  readonly imageRef: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface Image {
  /** sha256:<64 hex>, the image ID. */
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly size: number;
  readonly pinned: boolean;
}

export interface LogLine {
  readonly time: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** A gRPC error as the kubelet receives it: its text is what events and statuses quote. */
export interface CriError {
  readonly error: string;
}

export type CriResult<T> = T | CriError;

export function isCriError<T>(result: CriResult<T>): result is CriError {
  return typeof result === 'object' && result !== null && 'error' in result;
}

/** ContainerFilter: every field given must match; labelSelector is a set of exact label pairs. */
export interface ContainerFilter {
  readonly podSandboxId?: string;
  readonly state?: ContainerState;
  readonly labelSelector?: Readonly<Record<string, string>>;
}

/** PodSandboxFilter (only the label selector: the kubelet asks for a pod's sandboxes by its UID label). */
export interface PodSandboxFilter {
  readonly labelSelector?: Readonly<Record<string, string>>;
}

export interface RuntimeService {
  runPodSandbox(config: PodSandboxConfig, done: (result: CriResult<string>) => void): void;
  stopPodSandbox(podSandboxId: string, done: (result: CriResult<true>) => void): void;
  removePodSandbox(podSandboxId: string): void;
  createContainer(podSandboxId: string, config: ContainerConfig, done: (result: CriResult<string>) => void): void;
  startContainer(containerId: string, done: (result: CriResult<true>) => void): void;
  /** SIGTERM, then SIGKILL after `timeoutSeconds`. */
  stopContainer(containerId: string, timeoutSeconds: number, done: (result: CriResult<true>) => void): void;
  removeContainer(containerId: string): void;
  listContainers(filter?: ContainerFilter): ContainerStatus[];
  containerStatus(containerId: string): ContainerStatus | undefined;
  listPodSandbox(filter?: PodSandboxFilter): PodSandboxStatus[];
  podSandboxStatus(podSandboxId: string): PodSandboxStatus | undefined;
}

export interface ImageService {
  /** Answers the image reference (the image ID, sha256:...) once pulled. */
  pullImage(image: string, done: (result: CriResult<string>) => void): void;
  imageStatus(image: string): Image | undefined;
  listImages(): Image[];
}
