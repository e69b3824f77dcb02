/**
 * crictl 1.32's output over a node's runtime (kubernetes-sigs/cri-tools cmd/crictl): `ps [-a]`,
 * `pods`, `images`, `inspect`, `logs`, `version`. Pure functions of the runtime's state and
 * the virtual clock; the shell (`kubearch ssh NODE -- crictl ...`) parses flags and calls them.
 * Tables go through Go's text/tabwriter as crictl configures it (minwidth 20, padding 3,
 * space), IDs are cut to 13 characters, ages are go-units HumanDuration + " ago", sizes
 * HumanSizeWithPrecision(size, 3). Newest first, as crictl sorts by creation time.
 */
import { SIMULATION_EPOCH_MS } from '../../api/time';
import type { ContainerRuntime } from './container-runtime';
import type { ContainerStatus, LogLine } from './cri';

const TRUNCATED_ID_LEN = 13;

/** Go text/tabwriter with crictl's settings: each tab-terminated cell padded to its column. */
export function tabwrite(rows: readonly (readonly string[])[], minWidth = 20, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + padding, minWidth)));
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('')).join('\n') + '\n';
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(3))}${units[i]}`;
}

function truncateId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, TRUNCATED_ID_LEN);
}

const ago = (now: number, at: number) => `${humanDuration(now - at)} ago`;

function stateWord(state: ContainerStatus['state']): string {
  const word = state.replace('CONTAINER_', '').toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `crictl ps` (running containers) or `crictl ps -a`. */
export function crictlPs(runtime: ContainerRuntime, nowMs: number, options: { all?: boolean } = {}): string {
  const containers = runtime.listContainers(options.all ? {} : { state: 'CONTAINER_RUNNING' }).sort((a, b) => b.createdAt - a.createdAt);
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  for (const c of containers) {
    const image = runtime.containerConfig(c.id)?.image ?? c.image;
    rows.push([
      truncateId(c.id),
      image.startsWith('sha256:') ? truncateId(image) : image,
      ago(nowMs, c.createdAt),
      stateWord(c.state),
      c.metadata.name,
      String(c.metadata.attempt),
      truncateId(c.podSandboxId),
      c.labels['io.kubernetes.pod.name'] ?? '',
      c.labels['io.kubernetes.pod.namespace'] ?? '',
    ]);
  }
  return tabwrite(rows);
}

/** `crictl pods`. */
export function crictlPods(runtime: ContainerRuntime, nowMs: number): string {
  const sandboxes = runtime.listPodSandbox().sort((a, b) => b.createdAt - a.createdAt);
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of sandboxes) {
    rows.push([truncateId(s.id), ago(nowMs, s.createdAt), s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.metadata.name, s.metadata.namespace, String(s.metadata.attempt), s.runtimeHandler || '(default)']);
  }
  return tabwrite(rows);
}

/** `crictl images`: one row per tag; an untagged image shows <none>. */
export function crictlImages(runtime: ContainerRuntime): string {
  const rows: string[][] = [];
  for (const image of runtime.listImages()) {
    const tags = image.repoTags.length ? image.repoTags : ['<none>:<none>'];
    for (const tag of tags) {
      const at = tag.lastIndexOf(':');
      rows.push([tag.slice(0, at), tag.slice(at + 1), truncateId(image.id), humanSize(image.size)]);
    }
  }
  rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '') || (a[1] ?? '').localeCompare(b[1] ?? ''));
  return tabwrite([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]);
}

/** RFC 3339 with nanoseconds, as CRI timestamps print. */
function rfc3339Nano(virtualMs: number): string {
  const iso = new Date(SIMULATION_EPOCH_MS + Math.floor(virtualMs)).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, ms: string) => `.${ms}000000Z`);
}

/** Containers whose ID starts with `prefix` (crictl accepts any unique prefix). */
export function resolveContainerId(runtime: ContainerRuntime, prefix: string): string | { error: string } {
  const matches = runtime.listContainers().filter((c) => c.id.startsWith(prefix));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length === 0) return { error: `rpc error: code = NotFound desc = an error occurred when try to find container "${prefix}": not found` };
  return { error: `rpc error: code = Unknown desc = container ID prefix "${prefix}" is ambiguous` };
}

/**
 * `crictl inspect ID`: the ContainerStatusResponse as JSON with its verbose info. The `info`
 * object is the part both runtimes share (sandboxID, pid, the process args and env); their
 * full runtimeSpec is not simulated.
 */
export function crictlInspect(runtime: ContainerRuntime, id: string): string {
  const c = runtime.containerStatus(id);
  const config = runtime.containerConfig(id);
  if (!c || !config) return `FATA[0000] getting the status of the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`;
  const zero = '1970-01-01T00:00:00Z';
  const body = {
    status: {
      id: c.id,
      metadata: { attempt: c.metadata.attempt, name: c.metadata.name },
      state: c.state,
      createdAt: rfc3339Nano(c.createdAt),
      startedAt: c.startedAt !== undefined ? rfc3339Nano(c.startedAt) : zero,
      finishedAt: c.finishedAt !== undefined ? rfc3339Nano(c.finishedAt) : zero,
      exitCode: c.exitCode,
      image: { annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: c.imageRef,
      reason: c.reason,
      message: c.message,
      labels: c.labels,
      annotations: c.annotations,
      mounts: [],
      logPath: `/var/log/pods/${c.labels['io.kubernetes.pod.namespace']}_${c.labels['io.kubernetes.pod.name']}_${c.labels['io.kubernetes.pod.uid']}/${c.metadata.name}/${c.metadata.attempt}.log`,
    },
    info: {
      sandboxID: c.podSandboxId,
      pid: c.state === 'CONTAINER_RUNNING' ? 1000 + (parseInt(c.id.slice(0, 4), 16) % 60000) : 0,
      runtimeType: runtime.flavour.name === 'cri-o' ? 'oci' : 'io.containerd.runc.v2',
      config: { metadata: config.metadata, image: { image: config.image }, command: config.command, args: config.args, envs: config.envs },
    },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** `crictl logs [--timestamps] [--tail N] ID`. */
export function crictlLogs(runtime: ContainerRuntime, id: string, options: { timestamps?: boolean; tail?: number } = {}): string {
  let lines: readonly LogLine[] = runtime.logs(id);
  if (options.tail !== undefined && options.tail >= 0) lines = lines.slice(Math.max(0, lines.length - options.tail));
  return lines.map((l) => (options.timestamps ? `${rfc3339Nano(l.time)} ${l.text}` : l.text) + '\n').join('');
}

/** `crictl version`. */
export function crictlVersion(runtime: ContainerRuntime): string {
  const f = runtime.flavour;
  return `Version:  0.1.0\nRuntimeName:  ${f.runtimeName}\nRuntimeVersion:  ${f.runtimeVersion}\nRuntimeApiVersion:  v1\n`;
}
