/**
 * What kube-proxy's change trackers make of Services and EndpointSlices: one `ServicePortInfo` per
 * service port (pkg/proxy/serviceport.go) and the usable endpoints of each, sorted by `ip:port`
 * (pkg/proxy/endpointslicecache.go), plus CategorizeEndpoints (pkg/proxy/topology.go) without the
 * topology hints. Pure functions of the objects; every proxier mode reads these.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export type ServiceProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePortInfo {
  /** `servicePortKey(nameString, protocol)`: the key of this port's endpoints. */
  readonly key: string;
  /** `ns/name` + `:portName` when the port is named (ServicePortName.String()). */
  readonly nameString: string;
  /** `ns/name`, the key the change trackers use. */
  readonly namespacedName: string;
  readonly portName: string;
  readonly protocol: ServiceProtocol;
  readonly clusterIP: string;
  readonly port: number;
  readonly nodePort: number;
  readonly targetPort: string;
  readonly externalIPs: readonly string[];
  readonly loadBalancerVIPs: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly healthCheckNodePort: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** ClientIP affinity timeout in seconds, or 0 without affinity. */
  readonly stickyMaxAgeSeconds: number;
}

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** net.JoinHostPort(ip, port). */
  readonly endpoint: string;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName: string | undefined;
}

export function externallyAccessible(s: ServicePortInfo): boolean {
  return s.nodePort !== 0 || s.loadBalancerVIPs.length > 0 || s.externalIPs.length > 0;
}

export function usesClusterEndpoints(s: ServicePortInfo): boolean {
  return !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal);
}

export function usesLocalEndpoints(s: ServicePortInfo): boolean {
  return s.internalPolicyLocal || (externallyAccessible(s) && s.externalPolicyLocal);
}

const isIPv4 = (ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip);

/** One empty list for every service port without external IPs, VIPs or source ranges: most have none. */
const none: readonly string[] = [];

/** `list` without what `keep` rejects, or `none` when that leaves nothing. */
function kept(list: readonly string[] | undefined, keep: (s: string) => boolean): readonly string[] {
  if (!list || list.length === 0) return none;
  const out = list.filter(keep);
  return out.length === 0 ? none : out;
}

/** The service ports kube-proxy (IPv4) programs for a Service; none for headless or ExternalName. */
export function servicePorts(svc: Service): ServicePortInfo[] {
  return servicePortsOf(svc, `${svc.metadata?.namespace ?? 'default'}/${svc.metadata?.name ?? ''}`);
}

/** `servicePorts` for a caller that holds the Service's `ns/name` already: its ports share that string. */
export function servicePortsOf(svc: Service, namespacedName: string): ServicePortInfo[] {
  const spec = svc.spec ?? {};
  const clusterIP = spec.clusterIP ?? '';
  // proxyutil.ShouldSkipService
  if (clusterIP === '' || clusterIP === 'None' || spec.type === 'ExternalName' || !isIPv4(clusterIP)) return [];
  const isLB = spec.type === 'LoadBalancer';
  const externalPolicyLocal = (isLB || spec.type === 'NodePort') && spec.externalTrafficPolicy === 'Local';
  const lbVIPs = isLB ? (svc.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip && i.ipMode !== 'Proxy').map((i) => i.ip as string) : none;
  const affinity = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;
  const externalIPs = kept(spec.externalIPs, isIPv4);
  const loadBalancerVIPs = kept(lbVIPs, isIPv4);
  const loadBalancerSourceRanges = isLB ? kept((spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()), (r) => r !== '') : none;
  return (spec.ports ?? []).map((p) => {
    const nameString = p.name ? `${namespacedName}:${p.name}` : namespacedName;
    const protocol = (p.protocol ?? 'TCP') as ServiceProtocol;
    return {
      key: servicePortKey(nameString, protocol),
      nameString,
      namespacedName,
      portName: p.name ?? '',
      protocol,
      clusterIP,
      port: p.port,
      nodePort: p.nodePort ?? 0,
      targetPort: String(p.targetPort ?? p.port),
      externalIPs,
      loadBalancerVIPs,
      loadBalancerSourceRanges,
      healthCheckNodePort: isLB && externalPolicyLocal ? (spec.healthCheckNodePort ?? 0) : 0,
      externalPolicyLocal,
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      stickyMaxAgeSeconds: affinity,
    };
  });
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** `ns/name` of the Service an EndpointSlice belongs to, from its `kubernetes.io/service-name` label. */
export function sliceServiceName(slice: EndpointSlice): string | undefined {
  const svc = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  return svc ? `${slice.metadata?.namespace ?? 'default'}/${svc}` : undefined;
}

/**
 * Endpoints of each service port (`nameString` + protocol key, see `servicePortKey`) from a
 * Service's slices: IPv4 slices only, one entry per `ip:port` across slices, sorted by that string.
 */
export function endpointsByServicePort(slices: readonly EndpointSlice[], nodeName: string): Map<string, EndpointInfo[]> {
  return asMap(collectEndpoints(slices, nodeName, undefined));
}

function asMap({ keys, lists }: { keys: readonly string[]; lists: readonly EndpointInfo[][] }): Map<string, EndpointInfo[]> {
  return new Map(keys.map((k, i) => [k, lists[i] as EndpointInfo[]]));
}

/** Endpoints by service port key, as kube-proxy's change tracker keeps them for one Service. */
export interface ServicePortEndpoints {
  get(key: string): readonly EndpointInfo[] | undefined;
}

/** The usual Service, with one port: its key and list, without a Map per Service. */
class OnePortEndpoints implements ServicePortEndpoints {
  constructor(
    private readonly key: string,
    private readonly endpoints: readonly EndpointInfo[],
  ) {}

  get(key: string): readonly EndpointInfo[] | undefined {
    return key === this.key ? this.endpoints : undefined;
  }
}

const NO_ENDPOINTS: ServicePortEndpoints = new Map<string, EndpointInfo[]>();

/** `endpointsByServicePort` of one Service's slices (all named `serviceName`), held as compactly as it allows. */
export function serviceEndpoints(slices: readonly EndpointSlice[], nodeName: string, serviceName: string): ServicePortEndpoints {
  const collected = collectEndpoints(slices, nodeName, serviceName);
  const { keys, lists } = collected;
  if (keys.length === 0) return NO_ENDPOINTS;
  if (keys.length === 1) return new OnePortEndpoints(keys[0] as string, lists[0] as EndpointInfo[]);
  return asMap(collected);
}

/** The port keys of slices and their endpoint lists (parallel arrays: a Service has few ports). */
function collectEndpoints(slices: readonly EndpointSlice[], nodeName: string, serviceName: string | undefined): { keys: string[]; lists: EndpointInfo[][] } {
  const keys: string[] = [];
  const lists: EndpointInfo[][] = [];
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const svc = serviceName ?? sliceServiceName(slice);
    if (!svc) continue;
    for (const port of slice.ports ?? []) {
      if (port.port === undefined) continue;
      const key = servicePortKey(`${svc}${port.name ? `:${port.name}` : ''}`, (port.protocol ?? 'TCP') as ServiceProtocol);
      // Sized to the slice (the proxier's rules keep these lists): one grown from empty keeps spare room.
      const k = keys.indexOf(key);
      let eps: EndpointInfo[];
      let at = 0;
      if (k < 0) {
        keys.push(key);
        lists.push((eps = new Array<EndpointInfo>(slice.endpoints.length)));
      } else {
        eps = lists[k] as EndpointInfo[];
        at = eps.length;
      }
      for (const ep of slice.endpoints) {
        const ip = ep.addresses[0];
        if (!ip) continue;
        const ready = ep.conditions?.ready ?? true;
        eps[at++] = {
          ip,
          port: port.port,
          endpoint: `${ip}:${port.port}`,
          isLocal: ep.nodeName !== undefined && ep.nodeName === nodeName,
          ready,
          serving: ep.conditions?.serving ?? ready,
          terminating: ep.conditions?.terminating ?? false,
          nodeName: ep.nodeName,
        };
      }
      eps.length = at;
    }
  }
  // Sorted by `ip:port`; of endpoints listed twice the first listed stays (the sort is stable).
  for (const eps of lists) {
    if (!inOrder(eps)) eps.sort(byEndpoint);
    let kept = 0;
    for (let i = 0; i < eps.length; i++) {
      const e = eps[i] as EndpointInfo;
      if (kept === 0 || (eps[kept - 1] as EndpointInfo).endpoint !== e.endpoint) eps[kept++] = e;
    }
    eps.length = kept;
  }
  return { keys, lists };
}

function inOrder(eps: readonly EndpointInfo[]): boolean {
  for (let i = 1; i < eps.length; i++) if ((eps[i - 1] as EndpointInfo).endpoint > (eps[i] as EndpointInfo).endpoint) return false;
  return true;
}

function byEndpoint(a: EndpointInfo, b: EndpointInfo): number {
  return a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0;
}

export function servicePortKey(nameString: string, protocol: ServiceProtocol): string {
  return `${nameString}/${protocol}`;
}

export interface CategorizedEndpoints {
  readonly clusterEndpoints: readonly EndpointInfo[];
  readonly localEndpoints: readonly EndpointInfo[];
  readonly allReachableEndpoints: readonly EndpointInfo[];
  readonly hasAnyEndpoints: boolean;
}

/**
 * proxy.CategorizeEndpoints without topology: ready endpoints, else serving-and-terminating ones;
 * local ones for a Local policy. The union for both policies keeps cluster order, then locals not
 * already in it (upstream builds it from a Go map, so its order is random).
 */
export function categorizeEndpoints(endpoints: readonly EndpointInfo[], svc: ServicePortInfo): CategorizedEndpoints {
  let clusterEndpoints: readonly EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  if (usesClusterEndpoints(svc)) {
    // The list itself when every endpoint is ready (the usual case): the proxier's rules keep it.
    clusterEndpoints = endpoints.every((e) => e.ready) ? endpoints : endpoints.filter((e) => e.ready);
    if (clusterEndpoints.length === 0) clusterEndpoints = endpoints.filter((e) => e.serving && e.terminating);
    if (clusterEndpoints.length > 0) hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(svc)) return { clusterEndpoints, localEndpoints: [], allReachableEndpoints: clusterEndpoints, hasAnyEndpoints };
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const e of endpoints) {
    if (e.ready) {
      hasAnyEndpoints = true;
      if (e.isLocal) hasLocalReady = true;
    } else if (e.serving && e.terminating) {
      hasAnyEndpoints = true;
      if (e.isLocal) hasLocalServingTerminating = true;
    }
  }
  let localEndpoints: EndpointInfo[] = [];
  if (hasLocalReady) localEndpoints = endpoints.filter((e) => e.isLocal && e.ready);
  else if (hasLocalServingTerminating) localEndpoints = endpoints.filter((e) => e.isLocal && e.serving && e.terminating);
  if (!usesClusterEndpoints(svc)) return { clusterEndpoints, localEndpoints, allReachableEndpoints: localEndpoints, hasAnyEndpoints };
  const seen = new Set(clusterEndpoints.map((e) => e.endpoint));
  const all = [...clusterEndpoints, ...localEndpoints.filter((e) => !seen.has(e.endpoint))];
  return { clusterEndpoints, localEndpoints, allReachableEndpoints: all, hasAnyEndpoints };
}
