/**
 * One node's kube-proxy process (cmd/kube-proxy/app/server.go + the proxier's event handlers and
 * sync loop, pkg/proxy/iptables/proxier.go): it watches Services, EndpointSlices and its own Node
 * through its informers, records each change in KubeProxyRules (the change trackers), and syncs
 * the node's netfilter through a BoundedFrequencyRunner: nothing until both Services and
 * EndpointSlices have synced, then one unconditional sync, then at most two back to back and
 * then one per minSyncPeriod (1 s) as changes come.
 *
 * Full and partial syncs as upstream: the first sync, a change of the Node's labels, and a
 * missing canary chain (the Monitor looks every syncPeriod, 30 s, for KUBE-PROXY-CANARY in
 * mangle, nat and filter: someone flushed the tables) force a full sync, as does an hour without
 * one (FullSyncPeriod); every other sync rewrites only the Services that changed. In ipvs mode
 * the runner also resyncs every syncPeriod, as that proxier does.
 *
 * Its informers leave out Services labelled `service.kubernetes.io/service-proxy-name` (another
 * proxy's) and headless ones, and their EndpointSlices (a label selector on the list and watch);
 * the handlers check the labels again for informers built without it (tests).
 */
import type { Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Engine, EventHandle } from '../../engine';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { KubeObject } from '../../api/kube-object';
import type { Netfilter } from '../netfilter/netfilter';
import { BoundedFrequencyRunner } from './bounded-frequency-runner';
import { KubeProxyRules, type KubeProxySyncResult } from './kube-proxy-rules';
import type { KubeProxyConfig } from './kube-proxy-configuration';

/** proxyutil.FullSyncPeriod. */
export const FULL_SYNC_PERIOD_MS = 3_600_000;
/** burstSyncs in NewProxier. */
const BURST_SYNCS = 2;
/** cache.WaitForCacheSync polls this often. */
const CACHE_SYNC_POLL_MS = 100;
const CANARY_CHAIN = 'KUBE-PROXY-CANARY';
const CANARY_TABLES = ['mangle', 'nat', 'filter'] as const;

const SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';
const HEADLESS = 'service.kubernetes.io/headless';
const ignored = (o: KubeObject) => o.metadata.labels?.[SERVICE_PROXY_NAME] !== undefined || o.metadata.labels?.[HEADLESS] !== undefined;

export interface KubeProxyOptions {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly netfilter: Netfilter;
  readonly config: KubeProxyConfig;
}

/** One sync as the page and tests see it: when, whether full, how many Services it rewrote. */
export interface SyncRecord {
  readonly at: number;
  readonly full: boolean;
  readonly result: KubeProxySyncResult;
}

export class KubeProxy {
  readonly rules: KubeProxyRules;
  readonly runner: BoundedFrequencyRunner;
  readonly config: KubeProxyConfig;
  private servicesSynced = false;
  private slicesSynced = false;
  private needFullSync = true;
  private lastFullSync = Number.NEGATIVE_INFINITY;
  private nodeLabels: Record<string, string> | undefined;
  private monitor: EventHandle | undefined;
  /** The syncs so far, newest last (the last 50). */
  readonly syncs: SyncRecord[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly informers: SharedInformerFactory,
    /** A factory narrowed to this node (fieldSelector metadata.name=<node>), for the Node informer. */
    private readonly nodeInformers: SharedInformerFactory,
    private readonly options: KubeProxyOptions,
  ) {
    this.config = options.config;
    const c = options.config;
    this.rules = new KubeProxyRules(
      {
        nodeName: options.nodeName,
        nodeIP: options.nodeIP,
        ...(c.clusterCIDR ? { clusterCIDR: c.clusterCIDR } : {}),
        masqueradeAll: c.masqueradeAll,
        masqueradeBit: c.masqueradeBit,
        localhostNodePorts: c.localhostNodePorts,
        nodePortAddresses: c.nodePortAddresses,
        ipvsScheduler: c.ipvsScheduler,
      },
      c.mode,
      options.netfilter,
    );
    const maxInterval = c.mode === 'ipvs' ? c.syncPeriodMs : FULL_SYNC_PERIOD_MS;
    this.runner = new BoundedFrequencyRunner(engine, `kube-proxy/${options.nodeName}: sync-runner`, () => this.syncProxyRules(), c.minSyncPeriodMs, maxInterval, BURST_SYNCS);
  }

  get initialized(): boolean {
    return this.servicesSynced && this.slicesSynced;
  }

  get netfilter(): Netfilter {
    return this.rules.netfilter;
  }

  start(): void {
    const services = this.informers.informerFor('services');
    const slices = this.informers.informerFor('endpointslices');
    const nodes = this.nodeInformers.informerFor('nodes');
    services.addEventHandler({
      onAdd: (o) => !ignored(o) && this.changed(() => this.rules.updateService(o as unknown as Service)),
      onUpdate: (old, o) => {
        if (ignored(o)) return ignored(old) ? undefined : this.changed(() => this.rules.deleteService(o.metadata.namespace ?? '', o.metadata.name ?? ''));
        this.changed(() => this.rules.updateService(o as unknown as Service));
      },
      onDelete: (o) => this.changed(() => this.rules.deleteService(o.metadata.namespace ?? '', o.metadata.name ?? '')),
    });
    slices.addEventHandler({
      onAdd: (o) => !ignored(o) && this.changed(() => this.rules.updateEndpointSlice(o as unknown as EndpointSlice)),
      onUpdate: (old, o) => {
        if (ignored(o)) return ignored(old) ? undefined : this.changed(() => this.rules.deleteEndpointSlice(o as unknown as EndpointSlice));
        this.changed(() => this.rules.updateEndpointSlice(o as unknown as EndpointSlice));
      },
      onDelete: (o) => this.changed(() => this.rules.deleteEndpointSlice(o as unknown as EndpointSlice)),
    });
    nodes.addEventHandler({
      onAdd: (o) => this.onNode(o as unknown as Node),
      onUpdate: (_old, o) => this.onNode(o as unknown as Node),
      onDelete: (o) => o.metadata.name === this.options.nodeName && this.onNodeLabels(undefined),
    });
    for (const informer of [services, slices, nodes]) informer.start();
    this.runner.loop();
    this.waitForCacheSync();
    if (this.config.mode === 'iptables') this.scheduleMonitor();
  }

  /** A change recorded: sync soon (once initialized; before, the first sync will include it). */
  private changed(record: () => void): void {
    record();
    if (this.initialized) this.runner.run();
  }

  private onNode(node: Node): void {
    if (node.metadata?.name !== this.options.nodeName) return;
    this.onNodeLabels(node.metadata.labels ?? {});
  }

  /** OnNodeAdd/Update/Delete: a change of this node's labels (topology) resyncs every Service. */
  private onNodeLabels(labels: Record<string, string> | undefined): void {
    const same = labels !== undefined && this.nodeLabels !== undefined && Object.keys(labels).length === Object.keys(this.nodeLabels).length && Object.entries(labels).every(([k, v]) => this.nodeLabels?.[k] === v);
    if (same) return;
    this.nodeLabels = labels && { ...labels };
    this.needFullSync = true;
    if (this.initialized) this.runner.run();
  }

  /** OnServiceSynced / OnEndpointSlicesSynced: each marks its side synced and syncs unconditionally. */
  private waitForCacheSync(): void {
    const services = this.informers.informerFor('services');
    const slices = this.informers.informerFor('endpointslices');
    const poll = () => {
      if (!this.servicesSynced && services.hasSynced()) {
        this.servicesSynced = true;
        this.syncProxyRules();
      }
      if (!this.slicesSynced && slices.hasSynced()) {
        this.slicesSynced = true;
        this.syncProxyRules();
      }
      if (!this.initialized) this.engine.schedule(CACHE_SYNC_POLL_MS, `kube-proxy/${this.options.nodeName}: wait for caches`, poll);
    };
    poll();
  }

  /** ipt.Monitor: every syncPeriod, if a canary chain is gone, the others go too and a full sync rebuilds. */
  private scheduleMonitor(): void {
    this.monitor = this.engine.schedule(this.config.syncPeriodMs, `kube-proxy/${this.options.nodeName}: iptables monitor`, () => {
      const nf = this.netfilter;
      if (this.initialized && CANARY_TABLES.some((t) => !nf.table(t).chain(CANARY_CHAIN))) {
        for (const t of CANARY_TABLES) if (nf.table(t).chain(CANARY_CHAIN)) nf.deleteChain(t, CANARY_CHAIN);
        this.forceSyncProxyRules();
      }
      this.scheduleMonitor();
    });
  }

  /** forceSyncProxyRules: a full sync now. */
  forceSyncProxyRules(): void {
    this.needFullSync = true;
    this.syncProxyRules();
  }

  /** syncProxyRules: nothing before both caches synced; full when needed, else partial. */
  syncProxyRules(): void {
    if (!this.initialized) return;
    const now = this.engine.now();
    const full = this.needFullSync || now - this.lastFullSync > FULL_SYNC_PERIOD_MS;
    const result = this.rules.syncProxyRules({ full });
    if (full) {
      this.lastFullSync = now;
      this.needFullSync = false;
    }
    this.syncs.push({ at: now, full, result });
    if (this.syncs.length > 50) this.syncs.shift();
  }

  stop(): void {
    this.runner.stop();
    if (this.monitor) this.engine.cancel(this.monitor);
  }
}
