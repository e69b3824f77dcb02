/**
 * Test support: the upstream cases of `reference/vectors/proxy.json` (copied from the shared reference),
 * read with `fs`, and their inputs turned into Service and EndpointSlice objects.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export interface VectorCase {
  readonly id: string;
  readonly mode: string;
  readonly input: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const VECTORS_PATH = resolve(here, '../../../../reference/vectors/proxy.json');

export function loadProxyVectors(): VectorCase[] {
  return (JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as { cases: VectorCase[] }).cases;
}

export function vectorCase(id: string): VectorCase {
  const c = loadProxyVectors().find((x) => x.id === id);
  if (!c) throw new Error(`no vector case ${id}`);
  return c;
}

interface VPort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}
interface VService {
  ns: string;
  name: string;
  type?: string;
  clusterIP?: string;
  cluster_ip?: string;
  ports?: VPort[];
  port_name?: string;
  port?: number;
  protocol?: string;
  node_port?: number;
  externalTrafficPolicy?: string;
  loadBalancerIngress?: string[];
  externalIPs?: string[];
  healthCheckNodePort?: number;
  loadBalancerSourceRanges?: string[];
  sessionAffinity?: string;
  timeoutSeconds?: number;
  endpoints?: { ip: string; port: number }[];
}
interface VSlice {
  svc: string;
  endpoints: { ip: string; nodeName?: string | null }[];
  port: { name?: string; port: number };
}

/** Services and slices of a case, in the case's order (both input shapes of proxy.json). */
export function caseObjects(input: Record<string, unknown>): { services: Service[]; slices: EndpointSlice[] } {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (const v of (input.services ?? []) as VService[]) {
    const ports = v.ports ?? [{ name: v.port_name, port: v.port as number, protocol: v.protocol, nodePort: v.node_port }];
    const type = v.type ?? (v.node_port ? 'NodePort' : 'ClusterIP');
    services.push({
      metadata: { namespace: v.ns, name: v.name },
      spec: {
        type,
        clusterIP: v.clusterIP ?? v.cluster_ip,
        ports: ports.map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          ...(p.nodePort ? { nodePort: p.nodePort } : {}),
        })),
        ...(v.externalTrafficPolicy ? { externalTrafficPolicy: v.externalTrafficPolicy } : {}),
        ...(v.externalIPs ? { externalIPs: v.externalIPs } : {}),
        ...(v.healthCheckNodePort ? { healthCheckNodePort: v.healthCheckNodePort } : {}),
        ...(v.loadBalancerSourceRanges ? { loadBalancerSourceRanges: v.loadBalancerSourceRanges } : {}),
        ...(v.sessionAffinity ? { sessionAffinity: v.sessionAffinity, sessionAffinityConfig: { clientIP: { timeoutSeconds: v.timeoutSeconds } } } : {}),
      },
      status: v.loadBalancerIngress ? { loadBalancer: { ingress: v.loadBalancerIngress.map((ip) => ({ ip })) } } : {},
    });
    if (v.endpoints) {
      const port = ports[0] as VPort;
      slices.push(makeSlice(v.ns, v.name, port.name, port.protocol ?? 'TCP', v.endpoints[0]?.port ?? port.port, v.endpoints.map((e) => ({ ip: e.ip }))));
    }
  }
  for (const s of (input.endpointSlices ?? []) as VSlice[]) {
    const [ns, name] = s.svc.split('/') as [string, string];
    slices.push(makeSlice(ns, name, s.port.name, 'TCP', s.port.port, s.endpoints));
  }
  return { services, slices };
}

export function makeSlice(
  ns: string,
  service: string,
  portName: string | undefined,
  protocol: string,
  port: number,
  endpoints: readonly { ip: string; nodeName?: string | null; ready?: boolean }[],
  suffix = 'abcde',
): EndpointSlice {
  return {
    addressType: 'IPv4',
    metadata: { namespace: ns, name: `${service}-${suffix}`, labels: { 'kubernetes.io/service-name': service } },
    ports: [{ ...(portName ? { name: portName } : {}), port, protocol }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true },
      ...(e.nodeName ? { nodeName: e.nodeName } : {}),
    })),
  };
}
