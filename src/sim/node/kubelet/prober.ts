/**
 * The prober (pkg/kubelet/prober): one worker per container and probe type, ticking every
 * periodSeconds on the engine from when the container is seen running. Initial results as
 * upstream: readiness Failure, liveness Success, startup Unknown; liveness and readiness wait
 * for a startup probe to pass. A result flips only after failureThreshold (successThreshold)
 * consecutive outcomes; every failure is a Warning `Unhealthy` event. Liveness/startup
 * failure puts the worker on hold until the container is replaced, and tells the pod worker,
 * which kills and restarts the container (computePodActions).
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { Engine, EventHandle } from '../../engine';
import type { ContainerRuntime } from '../runtime/container-runtime';
import { isCriError } from '../runtime/cri';
import { MESSAGES, REASON } from './events';

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** Probe defaults (SetDefaults_Probe): the apiserver fills them; the kubelet relies on them too. */
export const PROBE_DEFAULTS = { periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, initialDelaySeconds: 0 } as const;

const TYPE_WORD: Record<ProbeType, 'Liveness' | 'Readiness' | 'Startup'> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export interface ProberHost {
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath: string): void;
  /** A result changed: the pod worker should sync. */
  resultChanged(podUid: string): void;
  podIP(podUid: string): string | undefined;
}

interface Worker {
  readonly containerId: string;
  readonly containerName: string;
  readonly type: ProbeType;
  readonly probe: Probe;
  readonly startedAt: number;
  result: ProbeResult;
  lastOutcome: ProbeResult | undefined;
  run: number;
  onHold: boolean;
  timer: EventHandle | undefined;
}

/** Outcome of one probe: success, or failure with the output kubelet quotes. */
export interface ProbeOutcome {
  readonly ok: boolean;
  readonly output: string;
}

/** Run one probe against the runtime: httpGet, tcpSocket, exec, grpc. */
export function runProbe(runtime: ContainerRuntime, probe: Probe, container: Container, containerId: string, podIP: string): ProbeOutcome {
  const portOf = (port: number | string | undefined): number => {
    if (typeof port === 'number') return port;
    const named = (container.ports ?? []).find((p) => p.name === port);
    return named?.containerPort ?? Number(port);
  };
  if (probe.httpGet) {
    const port = portOf(probe.httpGet.port);
    const host = probe.httpGet.host || podIP;
    const path = probe.httpGet.path ?? '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const response = runtime.httpGet(host, port, path);
    if (!response) return { ok: false, output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
    if (response.status >= 200 && response.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${response.status}` };
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port);
    const host = probe.tcpSocket.host || podIP;
    return runtime.tcpConnect(host, port) ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (runtime.tcpConnect(podIP, port)) return { ok: true, output: '' };
    return { ok: false, output: `timeout: failed to connect service "${podIP}:${port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
  }
  if (probe.exec) {
    const command = probe.exec.command ?? [];
    const result = runtime.execSync(containerId, command);
    if (isCriError(result)) return { ok: false, output: result.error };
    if (result.elapsedMs > (probe.timeoutSeconds ?? 1) * 1000) return { ok: false, output: `command "${command.join(' ')}" timed out` };
    return result.exitCode === 0 ? { ok: true, output: '' } : { ok: false, output: result.output };
  }
  return { ok: true, output: '' };
}

export class ProbeManager {
  /** podUid -> workers. */
  private readonly workers = new Map<string, Worker[]>();

  constructor(
    private readonly engine: Engine,
    private readonly runtime: ContainerRuntime,
    private readonly host: ProberHost,
  ) {}

  /**
   * Make sure running containers have their workers, and drop workers of replaced ones. Called
   * by the pod worker after each sync with the containers it sees running.
   */
  syncContainers(pod: Pod, running: ReadonlyMap<string, { containerId: string; startedAt: number; fieldPath: string }>, containers: readonly Container[]): void {
    const uid = pod.metadata?.uid ?? '';
    const list = this.workers.get(uid) ?? [];
    const keep: Worker[] = [];
    for (const w of list) {
      if (running.get(w.containerName)?.containerId === w.containerId) keep.push(w);
      else if (w.timer) this.engine.cancel(w.timer);
    }
    for (const container of containers) {
      const r = running.get(container.name);
      if (!r) continue;
      const probes: [ProbeType, Probe | undefined][] = [
        ['startup', container.startupProbe],
        ['liveness', container.livenessProbe],
        ['readiness', container.readinessProbe],
      ];
      for (const [type, probe] of probes) {
        if (!probe || keep.some((w) => w.containerId === r.containerId && w.type === type)) continue;
        const worker: Worker = {
          containerId: r.containerId,
          containerName: container.name,
          type,
          probe,
          startedAt: r.startedAt,
          result: type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : 'Unknown',
          lastOutcome: undefined,
          run: 0,
          onHold: false,
          timer: undefined,
        };
        keep.push(worker);
        // The first probe runs as soon as the worker starts; then every period.
        worker.timer = this.engine.schedule(0, `prober: ${type} ${pod.metadata?.name}/${container.name}`, () => this.tick(pod, container, worker, r.fieldPath));
      }
    }
    if (keep.length) this.workers.set(uid, keep);
    else this.workers.delete(uid);
  }

  /** Whether any worker of the pod is left (syncContainers drops them with their containers). */
  hasWorkers(uid: string): boolean {
    return this.workers.has(uid);
  }

  removePod(uid: string): void {
    for (const w of this.workers.get(uid) ?? []) if (w.timer) this.engine.cancel(w.timer);
    this.workers.delete(uid);
  }

  private find(containerId: string, type: ProbeType, uid: string): Worker | undefined {
    return this.workers.get(uid)?.find((w) => w.containerId === containerId && w.type === type);
  }

  /** Has the container's startup probe passed (true without one)? */
  started(uid: string, containerId: string): boolean {
    const w = this.find(containerId, 'startup', uid);
    return !w || w.result === 'Success';
  }

  /** Readiness (true without a probe). */
  ready(uid: string, containerId: string): boolean {
    const w = this.find(containerId, 'readiness', uid);
    return !w || w.result === 'Success';
  }

  /** Liveness or startup failed: the container must be restarted. */
  failed(uid: string, containerId: string): 'liveness' | 'startup' | undefined {
    if (this.find(containerId, 'startup', uid)?.result === 'Failure') return 'startup';
    if (this.find(containerId, 'liveness', uid)?.result === 'Failure') return 'liveness';
    return undefined;
  }

  private tick(pod: Pod, container: Container, w: Worker, fieldPath: string): void {
    const uid = pod.metadata?.uid ?? '';
    const period = (w.probe.periodSeconds ?? PROBE_DEFAULTS.periodSeconds) * 1000;
    w.timer = this.engine.schedule(period, `prober: ${w.type} ${pod.metadata?.name}/${container.name}`, () => this.tick(pod, container, w, fieldPath));
    if (w.onHold) return;
    const status = this.runtime.containerStatus(w.containerId);
    if (!status || status.state !== 'CONTAINER_RUNNING') return;
    // Liveness and readiness wait for a startup probe to succeed; startup stops once it has.
    if (w.type !== 'startup' && !this.started(uid, w.containerId)) return;
    if (w.type === 'startup' && w.result === 'Success') return;
    if (this.engine.now() - w.startedAt < (w.probe.initialDelaySeconds ?? 0) * 1000) return;
    const podIP = this.host.podIP(uid) ?? '';
    const outcome = runProbe(this.runtime, w.probe, container, w.containerId, podIP);
    const result: ProbeResult = outcome.ok ? 'Success' : 'Failure';
    if (!outcome.ok) this.host.event(pod, 'Warning', REASON.Unhealthy, MESSAGES.probeFailed(TYPE_WORD[w.type], outcome.output), fieldPath);
    if (w.lastOutcome === result) w.run++;
    else {
      w.lastOutcome = result;
      w.run = 1;
    }
    const threshold = result === 'Failure' ? w.probe.failureThreshold ?? PROBE_DEFAULTS.failureThreshold : w.probe.successThreshold ?? PROBE_DEFAULTS.successThreshold;
    if (w.run < threshold) return;
    if (w.result !== result) {
      w.result = result;
      this.host.resultChanged(uid);
    }
    if ((w.type === 'liveness' || w.type === 'startup') && result === 'Failure') {
      // The container will be restarted: stop probing it until it is replaced.
      w.onHold = true;
      w.run = 0;
    }
  }
}
