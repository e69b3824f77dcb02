/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go and utils.go):
 * from a Service, the pods its selector picks and the slices it already has, what to create,
 * update and delete so the slices hold exactly the desired endpoints: one group of slices per
 * address type and per set of ports (named ports may resolve differently per pod), at most
 * `maxEndpointsPerSlice` endpoints in each, changes packed into slices already being written,
 * leftovers into the unchanged slice that ends closest to full, and a placeholder slice with no
 * endpoints when there are none. `planReconcile` is pure; the controller carries the plan out.
 *
 * Where upstream pops endpoints from a Go map (random order), the simulation keeps the pods'
 * order, so one seed always gives the same slices.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import {
  endpointKey,
  endpointsEqualBeyondHash,
  findPort,
  isPodReady,
  isServiceIPSet,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  portMapKey,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './util';

export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** kube-controller-manager's `--max-endpoints-per-slice` default. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

type AddressType = 'IPv4' | 'IPv6';

export interface ReconcileInput {
  readonly service: Service;
  readonly pods: readonly Pod[];
  readonly existingSlices: readonly EndpointSlice[];
  /** The node lister: a pod's node gives the endpoint its zone. */
  readonly node: (name: string) => Node | undefined;
  readonly maxEndpointsPerSlice?: number;
  readonly controllerName?: string;
}

/** One address type's changes, carried out in order (creates, updates, deletes) as finalize does. */
export interface SlicePlan {
  readonly create: EndpointSlice[];
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
}

export interface ReconcilePlan {
  readonly byAddressType: SlicePlan[];
  /** Slices of an address type the Service no longer has: deleted after the rest. */
  readonly unsupported: EndpointSlice[];
  /** Pods skipped (their node is gone): the Service is retried. */
  readonly errors: string[];
}

/** getAddressTypesForService: from spec.ipFamilies, or the ClusterIP's family when they are missing. */
export function addressTypesForService(service: Service): AddressType[] {
  const out = new Set<AddressType>();
  for (const f of service.spec?.ipFamilies ?? []) out.add(f === 'IPv6' ? 'IPv6' : 'IPv4');
  if (out.size > 0) return [...out];
  const ip = service.spec?.clusterIP ?? '';
  if (ip !== '' && ip !== 'None') return [ip.includes(':') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** ownedBy: the slice's ownerReferences name this Service (by uid). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === service.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** setEndpointSliceLabels: the Service's labels (but the reserved ones), plus service-name, managed-by and headless. */
export function endpointSliceLabels(slice: EndpointSlice, service: Service, controllerName: string): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS;
  const current = Object.entries(slice.metadata?.labels ?? {}).filter(([k]) => !reserved(k));
  const wanted: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) if (!reserved(k)) wanted[k] = v;
  const changed = current.length !== Object.keys(wanted).length || current.some(([k, v]) => wanted[k] !== v);
  if (!isServiceIPSet(service)) wanted[LABEL_HEADLESS] = '';
  wanted[LABEL_SERVICE_NAME] = service.metadata?.name ?? '';
  wanted[LABEL_MANAGED_BY] = controllerName;
  return { labels: wanted, changed };
}

/** newEndpointSlice: generateName `<service>-`, the Service as controller owner, its labels. */
export function newEndpointSlice(service: Service, ports: EndpointPort[], addressType: AddressType, controllerName: string): EndpointSlice {
  const name = service.metadata?.name ?? '';
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: name.length + 1 <= 253 ? `${name}-` : name,
      namespace: service.metadata?.namespace ?? '',
      labels: {},
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: service.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
  return { ...slice, metadata: { ...slice.metadata, labels: endpointSliceLabels(slice, service, controllerName).labels } };
}

/** getEndpointPorts: each service port resolved in this pod; one that does not resolve is left out. */
function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports = service.spec?.ports ?? [];
  if (ports.length === 0 && service.spec?.clusterIP === 'None') return [];
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (typeof port !== 'number') continue;
    out.push({ name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** podToEndpoint: ready = publishNotReadyAddresses || (serving && !terminating); serving = the pod's Ready. */
function podToEndpoint(pod: Pod, node: Node | undefined, service: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = !!service.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ips = (pod.status?.podIPs ?? []).flatMap((p) => (p.ip ? [p.ip] : []));
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  const addresses = ips.filter((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4') === addressType);
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  return {
    addresses,
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, service) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** An insertion-ordered endpoint set keyed by the endpoint hash (upstream's EndpointSet). */
class EndpointSet {
  private readonly items = new Map<string, Endpoint>();
  insert(ep: Endpoint): void {
    this.items.set(endpointKey(ep), ep);
  }
  get(ep: Endpoint): Endpoint | undefined {
    return this.items.get(endpointKey(ep));
  }
  delete(ep: Endpoint): void {
    this.items.delete(endpointKey(ep));
  }
  get size(): number {
    return this.items.size;
  }
  pop(): Endpoint {
    const [key, ep] = this.items.entries().next().value as [string, Endpoint];
    this.items.delete(key);
    return ep;
  }
}

export function planReconcile(input: ReconcileInput): ReconcilePlan {
  const { service } = input;
  const controllerName = input.controllerName ?? CONTROLLER_NAME;
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const types = addressTypesForService(service);
  const unsupported: EndpointSlice[] = [];
  const byType = new Map<string, EndpointSlice[]>();
  for (const slice of input.existingSlices) {
    if (!types.includes(slice.addressType as AddressType)) {
      unsupported.push(slice);
      continue;
    }
    const list = byType.get(slice.addressType) ?? [];
    list.push(slice);
    byType.set(slice.addressType, list);
  }
  const errors: string[] = [];
  const byAddressType = types.map((t) => reconcileByAddressType(input, byType.get(t) ?? [], t, max, controllerName, errors));
  return { byAddressType, unsupported, errors };
}

function reconcileByAddressType(input: ReconcileInput, existing: readonly EndpointSlice[], addressType: AddressType, max: number, controllerName: string, errors: string[]): SlicePlan {
  const { service } = input;
  const create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  const del: EndpointSlice[] = [];
  const existingByPortMap = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, service)) {
      del.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    existingByPortMap.set(key, [...(existingByPortMap.get(key) ?? []), slice]);
  }
  const desiredPorts = new Map<string, EndpointPort[]>();
  const desired = new Map<string, EndpointSet>();
  for (const pod of input.pods) {
    // Terminating pods stay, with terminating=true, so that kube-proxy can drain them.
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const key = portMapKey(ports);
    if (!desired.has(key)) {
      desired.set(key, new EndpointSet());
      desiredPorts.set(key, ports);
    }
    const nodeName = pod.spec?.nodeName ?? '';
    const node = input.node(nodeName);
    if (!node && !service.spec?.publishNotReadyAddresses) {
      errors.push(`skipping Pod ${pod.metadata?.name ?? ''} for Service ${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}: Node ${nodeName} Not Found`);
      continue;
    }
    const endpoint = podToEndpoint(pod, node, service, addressType);
    if (endpoint.addresses.length > 0) desired.get(key)?.insert(endpoint);
  }
  for (const [key, set] of desired) {
    const r = reconcileByPortMapping(service, existingByPortMap.get(key) ?? [], set, desiredPorts.get(key) ?? [], addressType, max, controllerName);
    create.push(...r.create);
    update.push(...r.update);
    del.push(...r.delete);
  }
  for (const [key, slices] of existingByPortMap) if (!desired.has(key)) del.push(...slices);
  // No endpoints at all: one placeholder slice, so that consumers can tell "none" from "not yet".
  if (existing.length === del.length && create.length < 1) {
    const placeholder = newEndpointSlice(service, [], addressType, controllerName);
    const onlyDelete = del.length === 1 ? del[0] : undefined;
    if (onlyDelete && isPlaceholderFor(onlyDelete, placeholder)) del.length = 0;
    else create.push(placeholder);
  }
  return finalizePlan(service, create, update, del);
}

/** placeholderSliceCompare: same namespace, labels, owner, address type, and no ports or endpoints. */
function isPlaceholderFor(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  if (slice.metadata?.namespace !== placeholder.metadata?.namespace) return false;
  const a = slice.metadata?.labels ?? {};
  const b = placeholder.metadata?.labels ?? {};
  if (Object.keys(a).length !== Object.keys(b).length || Object.entries(a).some(([k, v]) => b[k] !== v)) return false;
  const oa = JSON.stringify(slice.metadata?.ownerReferences ?? []);
  const ob = JSON.stringify(placeholder.metadata?.ownerReferences ?? []);
  return oa === ob && slice.addressType === placeholder.addressType && (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0;
}

function reconcileByPortMapping(
  service: Service,
  existing: readonly EndpointSlice[],
  desired: EndpointSet,
  ports: EndpointPort[],
  addressType: AddressType,
  max: number,
  controllerName: string,
): SlicePlan {
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  // 1. Keep the endpoints still desired (in their new form), drop the others.
  for (const slice of existing) {
    const name = slice.metadata?.name ?? '';
    byName.set(name, slice);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of slice.endpoints ?? []) {
      const got = desired.get(ep);
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
      desired.delete(ep);
    }
    const { labels, changed: labelsChanged } = endpointSliceLabels(slice, service, controllerName);
    if (endpointUpdated || (slice.endpoints ?? []).length !== kept.length) {
      if (kept.length === 0) toDelete.push(name);
      else {
        byName.set(name, { ...slice, metadata: { ...slice.metadata, labels }, endpoints: kept });
        toUpdate.push(name);
      }
    } else if (labelsChanged) {
      byName.set(name, { ...slice, metadata: { ...slice.metadata, labels } });
      toUpdate.push(name);
    } else unchanged.push(name);
  }
  // 2. Fill the slices being written anyway, fullest first.
  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n) as EndpointSlice).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const slice of slices) {
      const endpoints = [...(slice.endpoints ?? [])];
      while (desired.size > 0 && endpoints.length < max) endpoints.push(desired.pop());
      byName.set(slice.metadata?.name ?? '', { ...slice, endpoints });
    }
  }
  // 3. The rest: into the unchanged slice that ends closest to full, else new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let toFill: EndpointSlice | undefined;
    if (desired.size < max && unchanged.length > 0) toFill = sliceToFill(unchanged.map((n) => byName.get(n) as EndpointSlice), desired.size, max);
    const slice = toFill ?? newEndpointSlice(service, ports, addressType, controllerName);
    const endpoints = [...(slice.endpoints ?? [])];
    while (desired.size > 0 && endpoints.length < max) endpoints.push(desired.pop());
    const filled = { ...slice, endpoints };
    const name = filled.metadata?.name;
    if (name) {
      byName.set(name, filled);
      toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    } else create.push(filled);
  }
  return { create, update: toUpdate.map((n) => byName.get(n) as EndpointSlice), delete: toDelete.map((n) => byName.get(n) as EndpointSlice) };
}

/** getSliceToFill: the slice that will be closest to full once `n` endpoints are added. */
function sliceToFill(slices: readonly EndpointSlice[], n: number, max: number): EndpointSlice | undefined {
  let closestDiff = max;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = max - (n + (slice.endpoints ?? []).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

/**
 * finalize's first step: a slice to create and one to delete of the same address type, owned by
 * this Service, become one update of the old slice (its name kept), saving a delete and a create.
 */
function finalizePlan(service: Service, create: EndpointSlice[], update: EndpointSlice[], del: EndpointSlice[]): SlicePlan {
  for (let i = 0; i < del.length; ) {
    if (create.length === 0) break;
    const old = del[i] as EndpointSlice;
    const fresh = create[create.length - 1] as EndpointSlice;
    if (old.addressType === fresh.addressType && ownedBy(old, service)) {
      const { generateName: _g, ...meta } = fresh.metadata ?? {};
      create.pop();
      update.push({ ...fresh, metadata: { ...old.metadata, ...meta, name: old.metadata?.name ?? '' } });
      del.splice(i, 1);
    } else i++;
  }
  return { create, update, delete: del };
}
