/**
 * The kubelet's volume manager (pkg/kubelet/volumemanager): for each pod on the node it sets
 * up every volume of the spec in /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name> on the
 * node's disk, before the pod's sandbox is made (WaitForAttachAndMount), and gives the runtime
 * the bind mounts of each container (volumeMounts with subPath and readOnly).
 *
 * - A volume that cannot be set up (its ConfigMap or Secret missing, a key missing) gets the
 *   Warning `FailedMount` event `MountVolume.SetUp failed for volume "config" : configmap "x"
 *   not found` and is retried with the operation executor's back-off (0.5 s doubling to
 *   2m2s); the pod stays ContainerCreating until every volume is set up.
 * - ConfigMap, Secret, downward API and projected volumes are written again on each periodic
 *   sync (every syncFrequency, 1 min; upstream adds a jitter of up to half of it), so an
 *   update reaches the files within about a minute; env vars never change. They are mounted
 *   read-only, as upstream since the AtomicWriter fix; a subPath (or subPathExpr, expanded
 *   from the container's env) mount of one of them is a copy
 *   made when the container starts, which later updates do not reach (as upstream).
 * - emptyDir is one directory shared by the pod's containers; hostPath is the node's directory,
 *   shared by every pod mounting it. Other volume types (PVCs, CSI, ...) are mounted empty:
 *   simplified, no attach/detach is modelled.
 * - The service-account volume (kube-api-access-xxxxx) is filled from what the kubelet knows
 *   (token, CA, namespace) when a container first reads it: see service-account-volume.ts.
 */
import type { Container, Pod, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { Engine, EventHandle } from '../../../engine';
import type { Mount } from '../../runtime/cri';
import type { NodeDisk } from '../../node-disk';
import { expand, type EnvLookup } from '../env';
import { isServiceAccountVolume, podConfigMapNames, podSecretNames } from '../pod-references';
import { serviceAccountVolumeFiles } from './service-account-volume';
import { isAtomicWriterVolume, volumePayload, volumePluginDir, type VolumeSources } from './volume-contents';

/** syncFrequency: the pod worker's periodic resync, which remounts the pod's volumes. */
export const VOLUME_RESYNC_MS = 60_000;
/** exponentialbackoff.initialDurationBeforeRetry and maxDurationBeforeRetry (2m2s). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

export const REASON_FAILED_MOUNT = 'FailedMount';

export interface VolumeHost {
  readonly disk: NodeDisk;
  readonly objects: EnvLookup;
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Every volume is set up (or an awaited object answered): sync the pod. */
  requestSync(uid: string): void;
  readonly hostIP: string;
  readonly nodeAllocatable: { readonly cpu: number; readonly memory: number };
}

interface PodVolumes {
  pod: Pod;
  mounted: boolean;
  retry: EventHandle | undefined;
  retryDelayMs: number;
  resync: EventHandle | undefined;
}

/** /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>, or the host path of a hostPath volume. */
export function volumeHostPath(uid: string, v: Volume): string {
  if (v.hostPath) return v.hostPath.path.replace(/\/+$/, '') || '/';
  return `/var/lib/kubelet/pods/${uid}/volumes/${volumePluginDir(v)}/${v.name}`;
}

export class VolumeManager {
  private readonly pods = new Map<string, PodVolumes>();

  constructor(
    private readonly engine: Engine,
    private readonly host: VolumeHost,
  ) {}

  /** The desired state: a pod was added or updated. Its volumes are set up now if they can be. */
  addPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let p = this.pods.get(uid);
    if (p) {
      p.pod = pod;
      return;
    }
    p = { pod, mounted: false, retry: undefined, retryDelayMs: MOUNT_RETRY_INITIAL_MS, resync: undefined };
    this.pods.set(uid, p);
    this.mount(p, false);
  }

  removePod(uid: string): void {
    const p = this.pods.get(uid);
    if (!p) return;
    if (p.retry) this.engine.cancel(p.retry);
    if (p.resync) this.engine.cancel(p.resync);
    this.pods.delete(uid);
    this.host.disk.removeTree(`/var/lib/kubelet/pods/${uid}`);
  }

  /** WaitForAttachAndMount, and the managers' first answer for what the env refers to. */
  ready(uid: string): boolean {
    const p = this.pods.get(uid);
    if (!p) return true;
    if (!p.mounted) return false;
    const ns = p.pod.metadata?.namespace ?? 'default';
    // Plain loops: asked on every sync, and the two closures of a .some() were all it allocated.
    const objects = this.host.objects;
    for (const n of podConfigMapNames(p.pod)) if (objects.configMap(ns, n)?.state === 'pending') return false;
    for (const n of podSecretNames(p.pod)) if (objects.secret(ns, n)?.state === 'pending') return false;
    return true;
  }

  /** The watched objects of these pods answered for the first time. */
  objectsSynced(uids: readonly string[]): void {
    for (const uid of uids) {
      const p = this.pods.get(uid);
      if (!p) continue;
      if (!p.mounted && !p.retry) this.mount(p, true);
      else if (p.mounted) this.host.requestSync(uid);
    }
  }

  /** The kubelet stopped: no retries, no resyncs until start(). */
  stop(): void {
    for (const p of this.pods.values()) {
      if (p.retry) this.engine.cancel(p.retry);
      if (p.resync) this.engine.cancel(p.resync);
      p.retry = undefined;
      p.resync = undefined;
    }
  }

  start(): void {
    for (const p of this.pods.values()) {
      if (!p.mounted) this.mount(p, true);
      else this.scheduleResync(p);
    }
  }

  private sources(pod: Pod): VolumeSources {
    const objects = this.host.objects;
    // Methods, not arrow properties: under the benchmarks' keepNames loader each named arrow costs a property definition per mount.
    return {
      configMap(ns, name) {
        return objects.configMap(ns, name);
      },
      secret(ns, name) {
        return objects.secret(ns, name);
      },
      podIP: pod.status?.podIP ?? '',
      hostIP: this.host.hostIP,
      nodeAllocatable: this.host.nodeAllocatable,
    };
  }

  /**
   * Set up (or, once mounted, refresh) every volume of the pod. A volume that fails leaves its
   * files as they were; `notify` asks for a pod sync when the pod's volumes become ready.
   */
  private mount(p: PodVolumes, notify: boolean): void {
    const pod = p.pod;
    const uid = pod.metadata?.uid ?? '';
    const sources = this.sources(pod);
    let ok = true;
    let pending = false;
    for (const v of pod.spec?.volumes ?? []) {
      const path = volumeHostPath(uid, v);
      if (isServiceAccountVolume(v)) {
        if (!this.host.disk.has(path)) this.host.disk.provide(path, () => serviceAccountVolumeFiles(pod));
        continue;
      }
      const payload = volumePayload(pod, v, sources);
      if ('pending' in payload) {
        pending = true;
        ok = false;
        continue;
      }
      if ('error' in payload) {
        ok = false;
        this.host.event(pod, 'Warning', REASON_FAILED_MOUNT, `MountVolume.SetUp failed for volume "${v.name}" : ${payload.error}`);
        continue;
      }
      const dir = this.host.disk.directory(path);
      // emptyDir, hostPath and the like keep what containers wrote; the AtomicWriter replaces all.
      if (isAtomicWriterVolume(v)) {
        dir.clear();
        for (const [k, content] of payload.files) dir.set(k, content);
      }
    }
    if (ok) {
      p.retryDelayMs = MOUNT_RETRY_INITIAL_MS;
      const was = p.mounted;
      p.mounted = true;
      if (!was && notify) this.host.requestSync(uid);
      this.scheduleResync(p);
      return;
    }
    if (p.mounted) {
      this.scheduleResync(p);
      return;
    }
    // Waiting on a watch's first answer: objectsSynced() comes back here.
    if (pending) return;
    const delay = p.retryDelayMs;
    p.retryDelayMs = Math.min(delay * 2, MOUNT_RETRY_MAX_MS);
    p.retry = this.engine.schedule(delay, `kubelet: mount volumes of ${pod.metadata?.namespace}/${pod.metadata?.name}`, () => {
      p.retry = undefined;
      if (this.pods.get(uid) === p) this.mount(p, true);
    });
  }

  /** Only pods with volumes the kubelet rewrites need the periodic remount. */
  private scheduleResync(p: PodVolumes): void {
    if (p.resync || !(p.pod.spec?.volumes ?? []).some((v) => isAtomicWriterVolume(v) && !isServiceAccountVolume(v))) return;
    const uid = p.pod.metadata?.uid ?? '';
    p.resync = this.engine.schedule(VOLUME_RESYNC_MS, `kubelet: resync volumes of ${p.pod.metadata?.namespace}/${p.pod.metadata?.name}`, () => {
      p.resync = undefined;
      if (this.pods.get(uid) === p) this.mount(p, false);
    });
  }

  /** The CRI mounts of one container (makeMounts): each volumeMount, subPath (or subPathExpr against the env) resolved. */
  mountsFor(pod: Pod, container: Container, containerIndex: number, env: readonly (readonly [string, string])[] = []): Mount[] | undefined {
    const mounts = container.volumeMounts;
    if (!mounts?.length) return undefined;
    const uid = pod.metadata?.uid ?? '';
    const out: Mount[] = [];
    const volumes = pod.spec?.volumes;
    // Indexed loops, not forEach and find: no closures per container start (every pod mounts its service-account volume).
    for (let i = 0; i < mounts.length; i++) {
      const m = mounts[i] as VolumeMount;
      const v = volumes ? findVolume(volumes, m.name) : undefined;
      if (!v) continue;
      const base = volumeHostPath(uid, v);
      const atomic = isAtomicWriterVolume(v);
      let hostPath = base;
      const sub = subPathOf(m, env);
      if (sub) {
        if (atomic) {
          // volume-subpaths: a bind mount of what the path held when the container started.
          const snapshot = `/var/lib/kubelet/pods/${uid}/volume-subpaths/${v.name}/${container.name}/${containerIndex}-${i}`;
          const from = this.host.disk.directory(base);
          const to = this.host.disk.directory(snapshot);
          to.clear();
          for (const [k, content] of from) if (k === sub || k.startsWith(`${sub}/`)) to.set(k, content);
          hostPath = `${snapshot}/${sub}`;
        } else {
          this.host.disk.directory(base);
          hostPath = `${base}/${sub}`;
        }
      }
      // The directory itself is made by mount() (or, for the service-account volume, when first read).
      out.push({ containerPath: m.mountPath, hostPath, readonly: !!m.readOnly || atomic });
    }
    return out;
  }
}

/** The first volume of this name (Array.find's answer). */
function findVolume(volumes: readonly Volume[], name: string): Volume | undefined {
  for (let i = 0; i < volumes.length; i++) if ((volumes[i] as Volume).name === name) return volumes[i];
  return undefined;
}

/** The mount's subPath (subPathExpr expanded against the environment), without leading or trailing slashes. */
function subPathOf(m: VolumeMount, env: readonly (readonly [string, string])[]): string {
  if (m.subPathExpr) {
    const vars = new Map(env);
    return expand(m.subPathExpr, (n) => vars.get(n)).replace(/^\/+|\/+$/g, '');
  }
  // Most mounts have no subPath: nothing to trim.
  return m.subPath ? m.subPath.replace(/^\/+|\/+$/g, '') : '';
}
