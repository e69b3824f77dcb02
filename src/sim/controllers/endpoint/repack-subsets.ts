/**
 * The shape of a v1 Endpoints object's subsets, after pkg/api/v1/endpoints/util.go
 * (RepackSubsets, SortSubsets) and the Endpoints controller's truncateEndpoints: one subset per
 * set of addresses offering the same ports, a ready address winning over a not-ready one for the
 * same pod, addresses sorted by IP then pod uid, and at most 1000 addresses in all.
 *
 * Simplified: upstream orders ports and subsets by a hash of their Go dump; here ports sort by
 * (name, port, protocol) and subsets by their first address, which gives the same result for the
 * one-subset, one-port Services of the tutorials.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

/** maxCapacity: an Endpoints object holds at most this many addresses. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

const addressKey = (a: EndpointAddress): string => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort): string => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? '']);

/** LessEndpointAddress: by IP (bytes), then by the target's uid, an address without target first. */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  const ua = a.targetRef.uid ?? '';
  const ub = b.targetRef.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  // Each port (a sentinel for none) -> the addresses offering it, ready or not.
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort | undefined; ready: Map<string, boolean> }>();
  const mapAddresses = (subset: EndpointSubset, port: EndpointPort | undefined) => {
    const key = port ? portKey(port) : '';
    let entry = byPort.get(key);
    if (!entry) byPort.set(key, (entry = { port, ready: new Map() }));
    for (const a of subset.addresses ?? []) {
      addresses.set(addressKey(a), a);
      entry.ready.set(addressKey(a), true);
    }
    for (const a of subset.notReadyAddresses ?? []) {
      if (!addresses.has(addressKey(a))) addresses.set(addressKey(a), a);
      if (!entry.ready.has(addressKey(a))) entry.ready.set(addressKey(a), false);
    }
  };
  for (const s of subsets) {
    if ((s.ports ?? []).length === 0) mapAddresses(s, undefined);
    else for (const p of s.ports ?? []) mapAddresses(s, p);
  }
  // The same set of addresses -> the ports they all offer.
  const bySet = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready.entries()].map(([k, r]) => `${k}\u0000${r}`).sort().join('\u0001');
    let entry = bySet.get(key);
    if (!entry) bySet.set(key, (entry = { ready, ports: [] }));
    if (port) entry.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const { ready, ports } of bySet.values()) {
    const readyAddrs: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of ready) (r ? readyAddrs : notReady).push(addresses.get(k) as EndpointAddress);
    readyAddrs.sort(compareAddresses);
    notReady.sort(compareAddresses);
    ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
    out.push({
      ...(readyAddrs.length ? { addresses: readyAddrs } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(ports.length ? { ports } : {}),
    });
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return out.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

/**
 * truncateEndpoints: over capacity, not-ready addresses go first; if the ready ones alone are too
 * many, they are cut too, each subset keeping its share (rounded up). Returns whether it cut.
 */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += (s.addresses ?? []).length;
    totalNotReady += (s.notReadyAddresses ?? []).length;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  subsets.forEach((s, i) => {
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses) ?? [];
    const toBeAdded = Math.min(Math.ceil((inSubset.length / numTotal) * max), canBeAdded);
    if (truncateReady) {
      const kept = (s.addresses ?? []).slice(0, toBeAdded);
      subsets[i] = { ...s, addresses: kept, notReadyAddresses: [] };
      canBeAdded -= kept.length;
    } else {
      const kept = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      subsets[i] = { ...s, notReadyAddresses: kept };
      canBeAdded -= kept.length;
    }
  });
  return true;
}
