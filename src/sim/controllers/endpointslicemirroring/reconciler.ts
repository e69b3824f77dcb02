/**
 * The EndpointSlice mirroring reconciler (pkg/controller/endpointslicemirroring/reconciler.go,
 * reconciler_helpers.go, utils.go): from a hand-written Endpoints object (a Service without a
 * selector), one EndpointSlice per address type and set of ports, mirroring its addresses
 * (ready from `addresses`, not ready from `notReadyAddresses`, at most 1000 per subset), its
 * labels (plus service-name and managed-by `endpointslicemirroring-controller.k8s.io`) and its
 * annotations (less the trigger time and last-applied-configuration), owned by the Endpoints.
 * Pure: the controller carries the plan out.
 */
import type { EndpointAddress, EndpointPort as CoreEndpointPort, Endpoints } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { endpointKey, endpointsEqualBeyondHash, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LAST_CHANGE_TRIGGER_TIME, portMapKey } from '../endpointslice/util';

export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** `--mirroring-max-endpoints-per-subset` default. */
export const DEFAULT_MAX_ENDPOINTS_PER_SUBSET = 1000;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type AddressType = 'IPv4' | 'IPv6';

export interface MirrorPlan {
  readonly create: EndpointSlice[];
  readonly update: EndpointSlice[];
  readonly delete: EndpointSlice[];
  /** Events for the Endpoints: [reason, message]. */
  readonly events: [string, string][];
}

/** addressToEndpoint: an IP that does not parse is not mirrored. */
function addressToEndpoint(address: EndpointAddress, ready: boolean): { endpoint: Endpoint; type: AddressType } | undefined {
  const ip = address.ip;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  const isV4 = !!v4 && v4.slice(1).every((o) => Number(o) <= 255);
  const isV6 = !isV4 && ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip);
  if (!isV4 && !isV6) return undefined;
  return {
    type: isV4 ? 'IPv4' : 'IPv6',
    endpoint: {
      addresses: [ip],
      conditions: { ready },
      ...(address.hostname ? { hostname: address.hostname } : {}),
      ...(address.targetRef ? { targetRef: address.targetRef } : {}),
      ...(address.nodeName ? { nodeName: address.nodeName } : {}),
    },
  };
}

const toSlicePorts = (ports: readonly CoreEndpointPort[] | undefined): EndpointPort[] =>
  (ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));

/** newEndpointSlice: the Endpoints' labels and annotations, owned by it, named `<name>-` (or the recycled name). */
export function newMirroredSlice(endpoints: Endpoints, ports: EndpointPort[], addressType: AddressType, name: string): EndpointSlice {
  const epName = endpoints.metadata?.name ?? '';
  const labels: Record<string, string> = { ...(endpoints.metadata?.labels ?? {}), [LABEL_SERVICE_NAME]: epName, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(endpoints.metadata?.annotations ?? {})) if (k !== LAST_CHANGE_TRIGGER_TIME && k !== LAST_APPLIED) annotations[k] = v;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(name ? { name } : { generateName: `${epName}-` }),
      namespace: endpoints.metadata?.namespace ?? '',
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: epName, uid: endpoints.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

export function planMirror(endpoints: Endpoints, existing: readonly EndpointSlice[], maxPerSubset = DEFAULT_MAX_ENDPOINTS_PER_SUBSET): MirrorPlan {
  const desired = new Map<string, { type: AddressType; ports: EndpointPort[]; endpoints: Map<string, Endpoint> }>();
  let invalid = 0;
  let skipped = 0;
  for (const subset of endpoints.subsets ?? []) {
    const ports = toSlicePorts(subset.ports);
    const all = [...(subset.addresses ?? []).map((a) => [a, true] as const), ...(subset.notReadyAddresses ?? []).map((a) => [a, false] as const)];
    let added = 0;
    for (const [address, ready] of all) {
      if (added >= maxPerSubset) break;
      const converted = addressToEndpoint(address, ready);
      if (!converted) {
        invalid++;
        continue;
      }
      const key = `${converted.type}|${portMapKey(ports)}`;
      let group = desired.get(key);
      if (!group) desired.set(key, (group = { type: converted.type, ports, endpoints: new Map() }));
      group.endpoints.set(endpointKey(converted.endpoint), converted.endpoint);
      added++;
    }
    skipped += all.length - added;
  }
  const events: [string, string][] = [];
  if (invalid > 0) events.push(['InvalidIPAddress', `Skipped ${invalid} invalid IP addresses when mirroring to EndpointSlices`]);
  if (skipped > invalid) events.push(['TooManyAddressesToMirror', `A max of ${maxPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`]);

  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    const key = `${slice.addressType}|${portMapKey(slice.ports)}`;
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), slice]);
  }
  const create: EndpointSlice[] = [];
  const update: EndpointSlice[] = [];
  const del: EndpointSlice[] = [];
  for (const [key, group] of desired) {
    const slices = existingByKey.get(key) ?? [];
    // One slice per key: all but the first existing one go.
    del.push(...slices.slice(1));
    const first = slices[0];
    const wanted = newMirroredSlice(endpoints, group.ports, group.type, first?.metadata?.name ?? '');
    wanted.endpoints = [...group.endpoints.values()].slice(0, maxPerSubset);
    if (first && sameSlice(first, wanted)) continue;
    if (first) update.push({ ...wanted, metadata: { ...wanted.metadata, resourceVersion: first.metadata?.resourceVersion ?? '' } });
    else create.push(wanted);
  }
  for (const [key, slices] of existingByKey) if (!desired.has(key)) del.push(...slices);
  // recycleSlices: a create and a delete become one update of the slice that would go.
  while (create.length > 0 && del.length > 0) {
    const old = del.shift() as EndpointSlice;
    const fresh = create.pop() as EndpointSlice;
    const { generateName: _g, ...meta } = fresh.metadata ?? {};
    update.push({ ...fresh, metadata: { ...meta, name: old.metadata?.name ?? '', resourceVersion: old.metadata?.resourceVersion ?? '' } });
  }
  return { create, update, delete: del, events };
}

/** totalChanges plus the labels and annotations: nothing to write. */
function sameSlice(a: EndpointSlice, b: EndpointSlice): boolean {
  const eps = a.endpoints ?? [];
  if (eps.length !== b.endpoints.length) return false;
  const byKey = new Map(b.endpoints.map((e) => [endpointKey(e), e]));
  for (const e of eps) {
    const got = byKey.get(endpointKey(e));
    if (!got || !endpointsEqualBeyondHash(got, e)) return false;
  }
  const same = (x: Record<string, string> | undefined, y: Record<string, string> | undefined) =>
    Object.keys(x ?? {}).length === Object.keys(y ?? {}).length && Object.entries(x ?? {}).every(([k, v]) => (y ?? {})[k] === v);
  return same(a.metadata?.labels, b.metadata?.labels) && same(a.metadata?.annotations, b.metadata?.annotations);
}
