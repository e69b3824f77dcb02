/**
 * What the Service REST storage does beyond the generic registry (pkg/registry/core/service):
 * a new Service of type ClusterIP, NodePort or LoadBalancer gets a free cluster IP from the
 * service CIDR (10.96.0.0/12 in kubeadm clusters) and each NodePort/LoadBalancer port a free
 * node port from 30000-32767, chosen at random among the free ones as the bitmap allocators do;
 * a requested address outside its range, or taken, is refused with the allocators' messages; an
 * update that leaves them out keeps the allocated ones.
 */
import type { Rng } from '../../../../engine';
import type { KubeObject } from '../../../../api/kube-object';
import { FieldPath, goStringSlice, invalid } from '../../../../api/field-errors';
import { newInvalid } from '../../../status';

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SERVICE_CIDR_SIZE = 1 << 20; // a /12
const SERVICE_CIDR = '10.96.0.0/12';
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

interface ServicePort {
  port?: number;
  nodePort?: number;
  [field: string]: unknown;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
  [field: string]: unknown;
}

/** A requested address the allocators refuse: a 422 on spec.clusterIPs or spec.ports[i].nodePort, as the Service REST returns. */
function refuse(service: KubeObject, path: FieldPath, value: unknown, detail: string): never {
  throw newInvalid({ group: '', kind: 'Service' }, service.metadata.name ?? '', [invalid(path, value, detail)]);
}

function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function ipText(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function specOf(object: KubeObject): ServiceSpec {
  return (object['spec'] ?? {}) as ServiceSpec;
}

/** Allocates what a new Service lacks; `existing` are the Services already stored. */
export function allocateServiceAddresses(service: KubeObject, existing: readonly KubeObject[], rng: Rng): KubeObject {
  const spec = { ...specOf(service) };
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return service;
  const used = new Set(existing.flatMap((s) => specOf(s).clusterIPs ?? [specOf(s).clusterIP ?? '']));
  if (spec.clusterIP && spec.clusterIP !== 'None') {
    // allocClusterIPs: a requested address must be in the service CIDR and free.
    const requested = spec.clusterIP;
    const n = ipNumber(requested);
    const clusterIPs = spec.clusterIPs?.length ? spec.clusterIPs : [requested];
    const path = FieldPath.root('spec').child('clusterIPs');
    if (n === undefined || n - SERVICE_CIDR_BASE < 0 || n - SERVICE_CIDR_BASE >= SERVICE_CIDR_SIZE) {
      refuse(service, path, goStringSlice(clusterIPs), `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
    }
    if (used.has(requested)) refuse(service, path, goStringSlice(clusterIPs), `failed to allocate IP ${requested}: provided IP is already allocated`);
  }
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    let ip: string;
    // Skip the network address and the first IP, which kube-apiserver keeps for `kubernetes`.
    do ip = ipText(SERVICE_CIDR_BASE + 2 + rng.int(0, SERVICE_CIDR_SIZE - 4));
    while (used.has(ip));
    spec.clusterIP = ip;
  }
  if (spec.clusterIP !== 'None' && (spec.clusterIPs === undefined || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];
  if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const used = new Set(existing.flatMap((s) => (specOf(s).ports ?? []).map((p) => p.nodePort ?? 0)));
    // initNodePorts: a requested node port must be in range and free; it is taken first.
    (spec.ports ?? []).forEach((p, i) => {
      if (!p.nodePort) return;
      const path = FieldPath.root('spec').child('ports').index(i).child('nodePort');
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        refuse(service, path, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
      }
      if (used.has(p.nodePort)) refuse(service, path, p.nodePort, 'provided port is already allocated');
      used.add(p.nodePort);
    });
    spec.ports = (spec.ports ?? []).map((p) => {
      if (p.nodePort) return p;
      let nodePort: number;
      do nodePort = rng.int(NODE_PORT_MIN, NODE_PORT_MAX);
      while (used.has(nodePort));
      used.add(nodePort);
      return { ...p, nodePort };
    });
  }
  return { ...service, spec };
}

/** An update that omits the allocated fields keeps them (service REST Update, patchAllocatedValues). */
export function keepAllocatedServiceAddresses(service: KubeObject, old: KubeObject): KubeObject {
  const spec = { ...specOf(service) };
  const before = specOf(old);
  if ((spec.clusterIP === undefined || spec.clusterIP === '') && before.clusterIP) spec.clusterIP = before.clusterIP;
  if ((spec.clusterIPs === undefined || spec.clusterIPs.length === 0) && before.clusterIPs) spec.clusterIPs = before.clusterIPs;
  spec.ipFamilies ??= before.ipFamilies;
  spec.ipFamilyPolicy ??= before.ipFamilyPolicy;
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && spec.ports) {
    spec.ports = spec.ports.map((p) => {
      if (p.nodePort) return p;
      const previous = (before.ports ?? []).find((q) => q.port === p.port && q['protocol'] === p['protocol'])?.nodePort;
      return previous ? { ...p, nodePort: previous } : p;
    });
  }
  return { ...service, spec };
}
