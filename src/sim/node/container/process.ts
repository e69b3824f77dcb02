/**
 * The contract between the container runtime and the container model: the runtime starts a
 * process with a ProcessHost (the engine clock, the container's log, its filesystem and
 * environment) and gets back a ContainerProcess it can signal, probe over HTTP/TCP and measure.
 * The model never touches the runtime's records; it only calls the host.
 */
import type { FileSystem } from './filesystem';
import type { ExternalProgram } from './programs/net-access';

export interface TimerHandle {
  cancel(): void;
}

export interface ProcessHost {
  now(): number;
  /** Run `run` after `delayMs` of virtual time (an engine event). */
  schedule(delayMs: number, run: () => void): TimerHandle;
  stdout(line: string): void;
  stderr(line: string): void;
  /** The process ended by itself; `oomKilled` when the kernel's OOM killer ended it. */
  exit(code: number, oomKilled?: boolean): void;
  /** Environment in the order the kubelet built it (printenv prints that order). */
  readonly env: ReadonlyMap<string, string>;
  /** The container's filesystem: the image, its writable layer, its mounted volumes. */
  readonly files: FileSystem;
  readonly hostname: string;
  /** limits.memory in bytes, if set: the cgroup limit the OOM killer enforces. */
  readonly memoryLimitBytes: number | undefined;
  /** The image's network clients (curl, wget, nslookup) in the pod's network namespace. */
  readonly external?: ExternalProgram | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export interface ContainerProcess {
  /** SIGTERM: the program decides (exit, or ignore as a shell running as PID 1 does). */
  terminate(): void;
  /** SIGKILL from the runtime: stop every timer; the runtime records exit 137. */
  kill(): void;
  /** TCP ports it accepts connections on. */
  listens(port: number): boolean;
  /** Serve one HTTP GET; undefined when nothing listens on the port (connection refused). */
  httpGet(port: number, path: string): HttpResponse | undefined;
  /** Resident memory, for OOM and the node panel. */
  readonly memoryBytes: number;
  /**
   * Fault injection (the lead's `kubearch` hooks and tests): make every HTTP answer this status
   * from now on; undefined restores the program's own answers.
   */
  injectHttpStatus(status: number | undefined): void;
}

/** What a process is started with: the image's entrypoint/cmd resolved against the spec. */
export interface ProcessSpec {
  /** Normalised repository, e.g. docker.io/library/busybox. */
  readonly repository: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
}
