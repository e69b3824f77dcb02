/**
 * Typed views of the parts of a v1 Pod (and the objects next to it) that admission plugins read
 * and write. Objects arrive as plain JSON (KubeObject); these interfaces name the fields the
 * plugins touch, nothing more, so a plugin reads `spec.containers[i].resources.limits` without
 * casting at every step. Mutating plugins work on a deep copy (`clonePod`) and return it.
 */
import type { KubeObject } from '../../../api/kube-object';
import type { AdmissionAttributes } from '../types';
import { copyOf, withFields } from '../../../api/object-copy';

/** A JSON resource list: quantities as written (`"500m"`, `1`, `"1Gi"`). */
export type ResourceListJSON = Record<string, unknown>;

export interface ResourceRequirementsJSON {
  requests?: ResourceListJSON;
  limits?: ResourceListJSON;
}

export interface SecurityContextJSON {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
  seLinuxOptions?: { user?: string; role?: string; type?: string; level?: string };
  windowsOptions?: { hostProcess?: boolean };
  sysctls?: { name: string; value?: string }[];
}

export interface VolumeMountJSON {
  name: string;
  readOnly?: boolean;
  mountPath: string;
  [field: string]: unknown;
}

export interface ContainerJSON {
  name: string;
  image?: string;
  ports?: { containerPort?: number; hostPort?: number; [field: string]: unknown }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name?: string } } }[];
  envFrom?: { secretRef?: { name?: string } }[];
  resources?: ResourceRequirementsJSON;
  volumeMounts?: VolumeMountJSON[];
  securityContext?: SecurityContextJSON;
  restartPolicy?: string;
  [field: string]: unknown;
}

export interface VolumeJSON {
  name: string;
  [source: string]: unknown;
}

export interface TolerationJSON {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface PodSpecJSON {
  containers?: ContainerJSON[];
  initContainers?: ContainerJSON[];
  ephemeralContainers?: ContainerJSON[];
  volumes?: VolumeJSON[];
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name?: string }[];
  tolerations?: TolerationJSON[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
  overhead?: ResourceListJSON;
  activeDeadlineSeconds?: number;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContextJSON;
  affinity?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface PodJSON extends KubeObject {
  spec?: PodSpecJSON;
  status?: { phase?: string; [field: string]: unknown };
}

/** The request is for the pods resource itself (group "", no subresource unless allowed). */
export function isPodRequest(a: AdmissionAttributes, allowedSubresources: readonly string[] = ['']): boolean {
  return a.resource.group === '' && a.resource.resource === 'pods' && allowedSubresources.includes(a.subresource);
}

export function podSpec(object: KubeObject | undefined): PodSpecJSON {
  return ((object as PodJSON | undefined)?.spec ?? {}) as PodSpecJSON;
}

/**
 * A copy a mutating plugin may change: the parts plugins write are copied, the rest is shared.
 * Plugins set the spec's own fields (priority, tolerations, volumes, serviceAccountName...), a
 * container's fields (volumeMounts) and its resources' requests and limits in place, and
 * metadata's labels and annotations; so those objects are fresh and deeper ones (env, ports,
 * probes, volume sources, status, managed fields) are shared. The chain keeps the object a
 * plugin was given to say what it changed, which is why nothing it was given may be written:
 * a plugin that writes deeper than this must copy what it writes.
 */
export function clonePod(object: KubeObject): PodJSON {
  const m = object.metadata;
  const spec = podSpec(object);
  // copyOf, not spreads: plugins add fields to these copies (object-copy.ts says why).
  const metadata = copyOf(m);
  if (m.labels) metadata.labels = copyOf(m.labels);
  if (m.annotations) metadata.annotations = copyOf(m.annotations);
  const copy = withFields(object, { metadata, spec: copyOf(spec) }) as PodJSON & { spec: PodSpecJSON };
  if (spec.containers) copy.spec.containers = spec.containers.map(cloneContainer);
  if (spec.initContainers) copy.spec.initContainers = spec.initContainers.map(cloneContainer);
  return copy;
}

function cloneContainer(container: ContainerJSON): ContainerJSON {
  const r = container.resources;
  if (!r) return copyOf(container);
  const resources: ResourceRequirementsJSON = copyOf(r);
  if (r.requests) resources.requests = copyOf(r.requests);
  if (r.limits) resources.limits = copyOf(r.limits);
  return withFields(container, { resources });
}

/**
 * A copy for a plugin that sets the spec's own fields and its containers' own fields (a
 * container's volumeMounts, replaced, never pushed to), as ServiceAccount does: the pod, its spec
 * and each container are fresh, everything else (metadata, resources, env...) is shared.
 * Cheaper than clonePod, which every create would otherwise pay for in several plugins.
 */
export function clonePodSpec(object: KubeObject): PodJSON & { spec: PodSpecJSON } {
  const spec = podSpec(object);
  const copy = withFields(object, { spec: copyOf(spec) }) as PodJSON & { spec: PodSpecJSON };
  if (spec.containers) copy.spec.containers = spec.containers.map((c) => copyOf(c));
  if (spec.initContainers) copy.spec.initContainers = spec.initContainers.map((c) => copyOf(c));
  return copy;
}

/** The pod with some of its spec's own fields set (replaced in place, or added at the end): the rest is shared. */
export function withPodSpecFields(object: KubeObject, fields: Partial<PodSpecJSON>): PodJSON {
  return withFields(object, { spec: withFields(podSpec(object), fields) }) as PodJSON;
}

/** Init containers, then containers, then ephemeral containers: the order upstream visits them. */
export function allContainers(spec: PodSpecJSON): ContainerJSON[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}
