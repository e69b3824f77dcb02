/**
 * The entry point a per-node kube-proxy component calls: hand it the Services and EndpointSlices
 * its informers hold, and it programs the node's netfilter in the configured mode. It plays the
 * part of upstream's ServiceChangeTracker/EndpointsChangeTracker (which services changed since the
 * last sync) and then calls the mode's syncProxyRules. It holds no clock and sends no requests:
 * the caller decides when to sync (minSyncPeriod, the periodic full sync) and watches the apiserver.
 *
 * Two ways in: `sync(services, slices)` compares the lists with the last ones (an object that is
 * the same object, or has the same resourceVersion, is unchanged); or the informer handlers
 * (`updateService`, `deleteService`, `updateEndpointSlice`, `deleteEndpointSlice`) followed by
 * `syncProxyRules()`, which is upstream's shape and what a partial sync in a big cluster wants.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { Netfilter } from '../netfilter/netfilter';
import { cleanupLeftovers } from './cleanup';
import { defaultProxierSettings, type ProxierSettings, type ProxyMode } from './config';
import { IptablesProxier, type SyncResult } from './iptables/proxier';
import { IpvsProxier, type IpvsSyncResult } from './ipvs/proxier';
import { UserspaceProxier, type UserspaceSyncResult } from './userspace/proxier';
import { serviceEndpoints, servicePortsOf, sliceServiceName, type EndpointInfo, type ServicePortEndpoints, type ServicePortInfo } from './service-port';

interface ServiceState {
  readonly key: string;
  readonly service: Service;
  readonly ports: readonly ServicePortInfo[];
  /** Where its ports start in the sync order (for in-place updates); set as that order is built. */
  portsAt: number;
}

interface SliceState {
  readonly slices: readonly EndpointSlice[];
  readonly endpoints: ServicePortEndpoints;
}

function sameObject(a: { metadata?: { resourceVersion?: string } } | undefined, b: { metadata?: { resourceVersion?: string } }): boolean {
  if (a === b) return true;
  const ra = a?.metadata?.resourceVersion;
  return ra !== undefined && ra === b.metadata?.resourceVersion;
}

export type KubeProxySyncResult =
  | ({ readonly mode: 'iptables' } & SyncResult)
  | ({ readonly mode: 'ipvs' } & IpvsSyncResult)
  | ({ readonly mode: 'userspace' } & UserspaceSyncResult);

export class KubeProxyRules {
  readonly netfilter: Netfilter;
  readonly settings: ProxierSettings;
  private services = new Map<string, ServiceState>();
  private slices = new Map<string, SliceState>();
  private proxier: IptablesProxier | IpvsProxier | UserspaceProxier;
  private synced = false;
  /** Service ports in sync order, and where each service's ports start (for in-place updates). */
  private orderedPorts: ServicePortInfo[] | undefined;
  /** `ns/name`s changed by the event handlers since the last sync. */
  private readonly pending = new Set<string>();
  /** The active mode; change it with `switchMode`. */
  mode: ProxyMode;

  constructor(
    options: Partial<ProxierSettings> & { readonly nodeName: string; readonly nodeIP: string },
    mode: ProxyMode = 'iptables',
    netfilter: Netfilter = new Netfilter(),
  ) {
    this.mode = mode;
    this.settings = { ...defaultProxierSettings(options.nodeName, options.nodeIP), ...options };
    this.netfilter = netfilter;
    this.proxier = this.newProxier(mode);
  }

  private newProxier(mode: ProxyMode): IptablesProxier | IpvsProxier | UserspaceProxier {
    if (mode === 'ipvs') return new IpvsProxier(this.settings, this.netfilter);
    if (mode === 'userspace') return new UserspaceProxier(this.settings, this.netfilter);
    return new IptablesProxier(this.settings, this.netfilter);
  }

  /**
   * Restart kube-proxy in another mode (the ConfigMap edited and the pod restarted): the old mode's
   * rules, ipsets and virtual servers are cleaned up, and the next sync is a full one.
   */
  switchMode(mode: ProxyMode): void {
    if (mode === this.mode) return;
    cleanupLeftovers(this.netfilter, this.mode);
    this.mode = mode;
    this.proxier = this.newProxier(mode);
    this.synced = false;
    this.services.clear();
    this.slices.clear();
    this.orderedPorts = undefined;
  }

  /**
   * Sync the node's rules to these Services and EndpointSlices. The first sync, and any sync with
   * `full: true`, is a full sync; later ones rewrite only the services that changed.
   */
  sync(services: readonly Service[], slices: readonly EndpointSlice[], options: { readonly full?: boolean } = {}): KubeProxySyncResult {
    const full = options.full === true || !this.synced;
    // A full sync rewrites every service, so it does not collect which ones changed.
    const changed = new Set<string>();
    const nextServices = new Map<string, ServiceState>();
    const orderedPorts: ServicePortInfo[] = [];
    for (const svc of services) {
      const key = `${svc.metadata?.namespace ?? 'default'}/${svc.metadata?.name ?? ''}`;
      const old = this.services.get(key);
      let state: ServiceState;
      if (old && old.service === svc) state = old;
      else if (old && sameObject(old.service, svc)) state = { ...old, service: svc };
      else {
        state = { key, service: svc, ports: servicePortsOf(svc, key), portsAt: 0 };
        if (!full) changed.add(key);
      }
      nextServices.set(state.key, state);
      state.portsAt = orderedPorts.length;
      for (const p of state.ports) orderedPorts.push(p);
    }
    if (!full && (nextServices.size !== this.services.size || changed.size > 0))
      for (const key of this.services.keys()) if (!nextServices.has(key)) changed.add(key);
    this.services = nextServices;

    // Grouped by service, then each group replaced by its state in the same map (no second map).
    const nextSlices = new Map<string, EndpointSlice[] | SliceState>();
    for (const slice of slices) {
      const svc = sliceServiceName(slice);
      if (svc === undefined) continue;
      // Most services have one slice: a list of one, not one grown from empty (the state keeps it).
      const g = nextSlices.get(svc) as EndpointSlice[] | undefined;
      if (g) g.push(slice);
      else nextSlices.set(svc, [slice]);
    }
    for (const [svc, entry] of nextSlices) {
      const group = entry as EndpointSlice[];
      const old = this.slices.get(svc);
      let same = old !== undefined && old.slices.length === group.length;
      for (let i = 0; same && i < group.length; i++) same = sameObject((old as SliceState).slices[i], group[i] as EndpointSlice);
      const state = same ? (old as SliceState) : { slices: group, endpoints: serviceEndpoints(group, this.settings.nodeName, svc) };
      if (!same && !full) changed.add(svc);
      nextSlices.set(svc, state);
    }
    if (!full) for (const key of this.slices.keys()) if (!nextSlices.has(key)) changed.add(key);
    this.slices = nextSlices as Map<string, SliceState>;

    this.orderedPorts = orderedPorts;
    if (!full) for (const key of this.pending) changed.add(key);
    this.pending.clear();
    return this.run(changed, full);
  }

  // -------------------------------------------------------------------------------------------
  // The informer-driven form: event handlers record what changed, syncProxyRules applies it.
  // This is upstream's shape (OnServiceUpdate ... then syncProxyRules) and costs nothing per
  // unchanged object, where `sync` compares every object it is handed.

  /** OnServiceAdd / OnServiceUpdate. */
  updateService(svc: Service): void {
    const key = `${svc.metadata?.namespace ?? 'default'}/${svc.metadata?.name ?? ''}`;
    const old = this.services.get(key);
    if (old && sameObject(old.service, svc)) return;
    const at = old?.portsAt ?? 0;
    const state: ServiceState = { key, service: svc, ports: servicePortsOf(svc, key), portsAt: at };
    this.services.set(key, state);
    this.pending.add(key);
    // A service keeps its place; only a new one, or a different number of ports, reorders.
    if (this.orderedPorts && old && old.ports.length === state.ports.length)
      state.ports.forEach((p, i) => ((this.orderedPorts as ServicePortInfo[])[at + i] = p));
    else this.orderedPorts = undefined;
  }

  /** OnServiceDelete. */
  deleteService(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    if (!this.services.delete(key)) return;
    this.pending.add(key);
    this.orderedPorts = undefined;
  }

  /** OnEndpointSliceAdd / OnEndpointSliceUpdate. */
  updateEndpointSlice(slice: EndpointSlice): void {
    const svc = sliceServiceName(slice);
    if (!svc) return;
    const old = this.slices.get(svc);
    const others = (old?.slices ?? []).filter((s) => s.metadata?.name !== slice.metadata?.name);
    this.setSlices(svc, [...others, slice]);
  }

  /** OnEndpointSliceDelete. */
  deleteEndpointSlice(slice: EndpointSlice): void {
    const svc = sliceServiceName(slice);
    if (!svc) return;
    const old = this.slices.get(svc);
    if (!old) return;
    this.setSlices(
      svc,
      old.slices.filter((s) => s.metadata?.name !== slice.metadata?.name),
    );
  }

  private setSlices(svc: string, slices: EndpointSlice[]): void {
    if (slices.length === 0) this.slices.delete(svc);
    else this.slices.set(svc, { slices, endpoints: serviceEndpoints(slices, this.settings.nodeName, svc) });
    this.pending.add(svc);
  }

  /** syncProxyRules: apply what the handlers recorded (a full sync the first time, or when asked). */
  syncProxyRules(options: { readonly full?: boolean } = {}): KubeProxySyncResult {
    if (!this.orderedPorts) {
      const ports: ServicePortInfo[] = [];
      for (const st of this.services.values()) {
        st.portsAt = ports.length;
        for (const p of st.ports) ports.push(p);
      }
      this.orderedPorts = ports;
    }
    const changed = new Set(this.pending);
    this.pending.clear();
    return this.run(changed, options.full === true);
  }

  /**
   * userspace mode: the endpoint kube-proxy's own proxy picks for a connection that the portal
   * rules redirected to `proxyPort` (round-robin, with ClientIP affinity). `now` in engine seconds.
   */
  userspaceEndpoint(proxyPort: number, clientIP: string, now: number): EndpointInfo | undefined {
    const p = this.proxier;
    if (!(p instanceof UserspaceProxier)) return undefined;
    const key = p.serviceForProxyPort(proxyPort);
    return key === undefined ? undefined : p.nextEndpoint(key, clientIP, now);
  }

  private run(changed: ReadonlySet<string>, fullRequested: boolean): KubeProxySyncResult {
    const slices = this.slices;
    const endpoints = {
      // The slices are grouped by the service's `ns/name`, which every proxier passes beside the key.
      get: (key: string, namespacedName: string): readonly EndpointInfo[] | undefined => slices.get(namespacedName)?.endpoints.get(key),
    };
    const orderedPorts = this.orderedPorts ?? [];

    const full = fullRequested || !this.synced;
    this.synced = true;
    const input = { servicePorts: orderedPorts, endpoints, changed, full };
    const p = this.proxier;
    if (p instanceof IpvsProxier) return { mode: 'ipvs', ...p.syncProxyRules(input) };
    if (p instanceof UserspaceProxier) return { mode: 'userspace', ...p.syncProxyRules(input) };
    const r = p.syncProxyRules(input);
    return { mode: 'iptables', full: r.full, tables: r.tables, rewrittenServices: r.rewrittenServices, deletedChains: r.deletedChains, restoreText: r.restoreText };
  }
}
