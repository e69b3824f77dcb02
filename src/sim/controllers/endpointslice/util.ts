/**
 * The helpers the EndpointSlice and Endpoints controllers share, after upstream's
 * staging/src/k8s.io/endpointslice/util/controller_utils.go and utils.go: which pods belong in a
 * Service's endpoints (ShouldPodBeInEndpoints), a pod's readiness, the target port a named
 * service port resolves to in one pod (FindPort), which Services a pod event touches
 * (GetPodUpdateProjectionKey + GetServicesToUpdate), and endpoint identity for the reconciler
 * (the endpoint hash and EndpointsEqualBeyondHash).
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Informer } from '../../client/informer';
import type { KubeObject } from '../../api/kube-object';
import { sameLabels } from '../../api/labels/same-labels';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export const asPod = (o: KubeObject): Pod => o as unknown as Pod;
export const asService = (o: KubeObject): Service => o as unknown as Service;

/** isPodReadyConditionTrue: the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless terminating pods are wanted) not being deleted. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names itself into this Service's subdomain. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && svc.metadata?.namespace === pod.metadata?.namespace;
}

/** isServiceIPSet: neither headless (`None`) nor without a ClusterIP. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== 'None' && ip !== '';
}

/**
 * FindPort: a numeric targetPort is used as it is; a named one is looked up among the pod's
 * containers' ports (and restartable init containers', the sidecars) with the same protocol.
 * Each pod resolves it on its own, so two pods may serve one service port on different numbers.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | { error: string } {
  const target = svcPort.targetPort ?? svcPort.port;
  const protocol = svcPort.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return { error: `no suitable port for manifest: ${pod.metadata?.uid ?? ''}` };
}

/** NewPortMapKey: slices are grouped by their set of ports, whatever their order. */
export function portMapKey(ports: readonly EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => JSON.stringify([p.name ?? null, p.port ?? null, p.protocol ?? null, p.appProtocol ?? null]))
    .sort()
    .join('|');
}

/** The endpoint set's hash (endpointset.go hashEndpoint): addresses, hostname and the target pod. */
export function endpointKey(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** EndpointsEqualBeyondHash: what the hash leaves out, ignoring the target's resourceVersion. */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if ((a.nodeName ?? null) !== (b.nodeName ?? null)) return false;
  if ((a.zone ?? null) !== (b.zone ?? null)) return false;
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  if ((ca.ready ?? null) !== (cb.ready ?? null) || (ca.serving ?? null) !== (cb.serving ?? null) || (ca.terminating ?? null) !== (cb.terminating ?? null)) return false;
  const ra = a.targetRef;
  const rb = b.targetRef;
  if (!ra || !rb) return ra === rb;
  return ra.kind === rb.kind && ra.namespace === rb.namespace && ra.name === rb.name && ra.uid === rb.uid && ra.apiVersion === rb.apiVersion && ra.fieldPath === rb.fieldPath;
}

/** podEndpointsChanged: [may change its endpoints, may change which Services select it]. */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): [boolean, boolean] {
  const labelsChanged =
    !sameLabels(oldPod.metadata?.labels, newPod.metadata?.labels) || oldPod.spec?.hostname !== newPod.spec?.hostname || oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  if (oldPod.metadata?.deletionTimestamp !== newPod.metadata?.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const oldIPs = oldPod.status?.podIPs ?? [];
  const newIPs = newPod.status?.podIPs ?? [];
  if (oldIPs.length !== newIPs.length || oldIPs.some((ip, i) => ip.ip !== newIPs[i]?.ip)) return [true, labelsChanged];
  return [false, labelsChanged];
}

/** What most pod events touch: no Service. Shared, so read-only. */
const NONE: ReadonlySet<string> = new Set();

/** getServicesForPod: the keys of the Services in the pod's namespace whose selector matches these labels (a nil selector matches nothing). */
function servicesForLabels(services: Informer, namespace: string, labels: Record<string, string>): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const o of services.list(namespace)) {
    const selector = asService(o).spec?.selector;
    if (!selector) continue;
    let matches = true;
    for (const k in selector) {
      if (labels[k] !== selector[k]) {
        matches = false;
        break;
      }
    }
    if (matches) (out ??= new Set()).add(`${namespace}/${o.metadata.name ?? ''}`);
  }
  return out ?? NONE;
}

/**
 * GetPodUpdateProjectionKey + GetServicesToUpdate: the Services to resync for a pod event. An
 * add or delete touches the pod's Services; an update only when something endpoints show changed,
 * and a label change touches old and new Services (all of them if the pod changed too, otherwise
 * only those it joined or left).
 */
export function servicesToUpdate(services: Informer, oldPod: Pod | undefined, newPod: Pod | undefined): ReadonlySet<string> {
  const pod = newPod ?? oldPod;
  if (!pod) return NONE;
  const namespace = pod.metadata?.namespace ?? '';
  if (!oldPod || !newPod) return servicesForLabels(services, namespace, pod.metadata?.labels ?? {});
  if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return NONE;
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return NONE;
  const current = servicesForLabels(services, namespace, newPod.metadata?.labels ?? {});
  if (!labelsChanged) return current;
  const old = servicesForLabels(services, namespace, oldPod.metadata?.labels ?? {});
  if (podChanged) return new Set([...current, ...old]);
  return new Set([...[...current].filter((k) => !old.has(k)), ...[...old].filter((k) => !current.has(k))]);
}

/** The pods a Service's selector picks in its namespace (labels.Set(selector).AsSelectorPreValidated()). */
export function podsForService(pods: Informer, svc: Service): Pod[] {
  const selector = svc.spec?.selector ?? {};
  const entries = Object.entries(selector);
  return pods.list(svc.metadata?.namespace ?? '', (o) => entries.every(([k, v]) => o.metadata.labels?.[k] === v)).map(asPod);
}
