/**
 * The reconciler's decisions, after upstream's reconciler_test.go: 250 pods make slices of
 * 100 + 100 + 50; a named target port that resolves differently per pod splits the slices by
 * port set; no pods give one placeholder, kept as it is on the next sync; a slice owned by an
 * older Service of the same name is replaced by an update (create + delete folded); a changed
 * endpoint rewrites only its slice and new endpoints fill the slice being written; terminating
 * pods stay with terminating=true; a pod on a missing node is skipped with upstream's error.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { planReconcile, newEndpointSlice } from './reconciler';

const svc = (extra: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', creationTimestamp: '2025-01-01T00:00:00Z' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }], ...extra },
});

const node: Node = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } };

function makePod(i: number, options: { port?: number; ready?: boolean; node?: string; deleting?: boolean } = {}): Pod {
  return {
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' }, ...(options.deleting ? { deletionTimestamp: '2025-01-01T00:01:00Z' } : {}) },
    spec: { nodeName: options.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: options.port ?? 8080, protocol: 'TCP' }] }] },
    status: {
      phase: 'Running',
      podIP: `10.244.${Math.floor(i / 250)}.${i % 250}`,
      podIPs: [{ ip: `10.244.${Math.floor(i / 250)}.${i % 250}` }],
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

const lister = (name: string) => (name === 'node-1' ? node : undefined);
let serial = 0;
/** What the apiserver would store for a planned create: a name and a resourceVersion. */
const stored = (s: EndpointSlice): EndpointSlice => ({ ...s, metadata: { ...s.metadata, name: `web-${++serial}`, resourceVersion: String(serial) } });

describe('planReconcile', () => {
  it('splits 250 endpoints into slices of 100, 100 and 50', () => {
    const pods = Array.from({ length: 250 }, (_, i) => makePod(i));
    const plan = planReconcile({ service: svc(), pods, existingSlices: [], node: lister });
    const p = plan.byAddressType[0];
    expect(p?.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(p?.update).toEqual([]);
    expect(p?.create[0]?.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(p?.create[0]?.endpoints[0]).toEqual({
      addresses: ['10.244.0.0'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-0' },
      nodeName: 'node-1',
      zone: 'zone-a',
    });
  });

  it('groups endpoints by the port each pod resolves the named target port to', () => {
    const pods = [makePod(1, { port: 8080 }), makePod(2, { port: 9090 }), makePod(3, { port: 8080 })];
    const plan = planReconcile({ service: svc(), pods, existingSlices: [], node: lister });
    expect(plan.byAddressType[0]?.create.map((s) => [s.ports?.[0]?.port, s.endpoints.map((e) => e.targetRef?.name)])).toEqual([
      [8080, ['web-1', 'web-3']],
      [9090, ['web-2']],
    ]);
  });

  it('makes a placeholder when nothing matches, and keeps it on the next sync', () => {
    const first = planReconcile({ service: svc(), pods: [], existingSlices: [], node: lister }).byAddressType[0];
    expect(first?.create).toHaveLength(1);
    expect(first?.create[0]?.endpoints).toEqual([]);
    expect(first?.create[0]?.ports).toEqual([]);
    const again = planReconcile({ service: svc(), pods: [], existingSlices: [stored(first?.create[0] as EndpointSlice)], node: lister }).byAddressType[0];
    expect(again).toEqual({ create: [], update: [], delete: [] });
  });

  it('turns the placeholder into the first real slice by an update, not a delete and a create', () => {
    const placeholder = stored(newEndpointSlice(svc(), [], 'IPv4', 'endpointslice-controller.k8s.io'));
    const p = planReconcile({ service: svc(), pods: [makePod(1)], existingSlices: [placeholder], node: lister }).byAddressType[0];
    expect(p?.create).toEqual([]);
    expect(p?.delete).toEqual([]);
    expect(p?.update.map((s) => [s.metadata?.name, s.endpoints.length])).toEqual([[placeholder.metadata?.name, 1]]);
  });

  it('deletes a slice owned by another Service uid (an older Service of the same name)', () => {
    const old = stored(newEndpointSlice({ ...svc(), metadata: { ...svc().metadata, uid: 'old-uid' } }, [], 'IPv4', 'endpointslice-controller.k8s.io'));
    const p = planReconcile({ service: svc(), pods: [makePod(1)], existingSlices: [old], node: lister }).byAddressType[0];
    expect(p?.delete.map((s) => s.metadata?.name)).toEqual([old.metadata?.name]);
    expect(p?.create).toHaveLength(1);
  });

  it('rewrites only the slice whose endpoint changed, and fills it with the new endpoints', () => {
    const pods = Array.from({ length: 150 }, (_, i) => makePod(i));
    const created = planReconcile({ service: svc(), pods, existingSlices: [], node: lister }).byAddressType[0]?.create.map(stored) ?? [];
    expect(created.map((s) => s.endpoints.length)).toEqual([100, 50]);
    // web-120 (in the second slice) turns unready, and a new pod appears.
    const next = pods.map((p, i) => (i === 120 ? makePod(120, { ready: false }) : p));
    next.push(makePod(150));
    const p = planReconcile({ service: svc(), pods: next, existingSlices: created, node: lister }).byAddressType[0];
    expect(p?.create).toEqual([]);
    expect(p?.update.map((s) => [s.metadata?.name, s.endpoints.length])).toEqual([[created[1]?.metadata?.name, 51]]);
    expect(p?.update[0]?.endpoints.find((e) => e.targetRef?.name === 'web-120')?.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('keeps a terminating pod with terminating=true (ready only with publishNotReadyAddresses)', () => {
    const pods = [makePod(1, { deleting: true })];
    const normal = planReconcile({ service: svc(), pods, existingSlices: [], node: lister }).byAddressType[0]?.create[0];
    expect(normal?.endpoints[0]?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    const publish = planReconcile({ service: svc({ publishNotReadyAddresses: true }), pods, existingSlices: [], node: lister }).byAddressType[0]?.create[0];
    expect(publish?.endpoints[0]?.conditions).toEqual({ ready: true, serving: true, terminating: true });
  });

  it('skips a pod whose node is gone, with upstream\'s error', () => {
    const plan = planReconcile({ service: svc(), pods: [makePod(1, { node: 'node-9' })], existingSlices: [], node: lister });
    expect(plan.errors).toEqual(['skipping Pod web-1 for Service default/web: Node node-9 Not Found']);
  });

  it('labels a headless Service\'s slices and deletes slices of an address type it no longer has', () => {
    const headless = svc({ clusterIP: 'None' });
    const created = planReconcile({ service: headless, pods: [makePod(1)], existingSlices: [], node: lister }).byAddressType[0]?.create[0];
    expect(created?.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
    const v6 = stored({ ...newEndpointSlice(svc(), [], 'IPv4', 'endpointslice-controller.k8s.io'), addressType: 'IPv6' });
    expect(planReconcile({ service: svc(), pods: [], existingSlices: [v6], node: lister }).unsupported).toEqual([v6]);
  });
});
