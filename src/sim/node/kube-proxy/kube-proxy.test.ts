/**
 * kube-proxy on every node of a running cluster: kubeadm writes its ServiceAccount, binding and
 * ConfigMap; each node's kube-proxy lists and watches as system:serviceaccount:kube-system:
 * kube-proxy, does one full sync when its caches have synced, then partial syncs bounded by
 * minSyncPeriod; a Service with ready pods gets KUBE-SVC-/KUBE-SEP- chains on every node (as
 * iptables-save prints them), one without endpoints a REJECT; a flushed canary brings a full
 * resync within syncPeriod; a bad configuration keeps kube-proxy from starting.
 */
import { describe, expect, it } from 'vitest';
import { call, Cluster, userClient } from '../../testing/test-cluster';
import { iptablesSave } from '../netfilter/save';
import { servicePortPolicyClusterChain } from './chain-names';
import { BoundedFrequencyRunner } from './bounded-frequency-runner';
import { Engine } from '../../engine';
import { parseKubeProxyConfiguration, kubeadmKubeProxyConfigText } from './kube-proxy-configuration';
import type { KubeProxy } from './kube-proxy';
import { kubeProxyComponent } from './kube-proxy-component';
import { KubeProxyAddon } from '../../kubeadm/kube-proxy-addon';
import { Netfilter } from '../netfilter/netfilter';

const pod = (name: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
});
const service = (name: string, selector: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector, ports: [{ name: 'http', port: 80 }] },
});

function proxyOf(cluster: Cluster, node: string): KubeProxy {
  const p = cluster.kubeProxies.find((c) => c.host === node)?.kubeProxy;
  if (!p) throw new Error(`no kube-proxy on ${node}`);
  return p;
}

describe('kube-proxy on every node', () => {
  it('starts from the ConfigMap kubeadm wrote, as the kube-proxy ServiceAccount, and syncs in full once', () => {
    // Outside a cloud: cloud-controller-manager's zone labels on the Node would cause one more full
    // sync, as upstream's OnNodeUpdate does on a topology label change.
    const cluster = new Cluster({ scheduler: false, cloud: false });
    cluster.engine.runUntil(5_000);
    const admin = userClient(cluster);
    const cm = call(cluster, admin, 'GET', '/api/v1/namespaces/kube-system/configmaps/kube-proxy').body as { data: Record<string, string> };
    expect(cm.data['config.conf']).toContain('clusterCIDR: 10.244.0.0/16');
    expect(cm.data['config.conf']).toContain('mode: ""');
    const crb = call(cluster, admin, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-proxier').body as { subjects: unknown[] };
    expect(crb.subjects).toMatchObject([{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }]);
    for (const node of cluster.nodeNames) {
      const p = proxyOf(cluster, node);
      expect(p.config).toMatchObject({ mode: 'iptables', clusterCIDR: '10.244.0.0/16', minSyncPeriodMs: 1000, syncPeriodMs: 30000 });
      expect(p.syncs.map((s) => s.full)).toEqual([true]);
    }
    const users = new Set(
      cluster.apiserver.audit
        .recent(2000)
        .filter((e) => e.source.startsWith('kube-proxy/'))
        .map((e) => `${e.verb} ${e.objectRef?.resource ?? ''} ${e.user?.name ?? ''} ${e.responseStatus?.code ?? ''}`),
    );
    expect(users).toEqual(
      new Set(['list', 'watch'].flatMap((verb) => ['services', 'endpointslices', 'nodes'].map((r) => `${verb} ${r} system:serviceaccount:kube-system:kube-proxy 200`))),
    );
    // As server.go narrows them: no other proxy's or headless Services; only its own Node.
    const uris = new Set(cluster.apiserver.audit.recent(2000).filter((e) => e.source === 'kube-proxy/node-2' && e.verb === 'list').map((e) => decodeURIComponent(e.requestURI)));
    expect(uris).toEqual(
      new Set([
        '/api/v1/services?labelSelector=!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name&resourceVersion=0',
        '/apis/discovery.k8s.io/v1/endpointslices?labelSelector=!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name&resourceVersion=0',
        '/api/v1/nodes?fieldSelector=metadata.name=node-2&resourceVersion=0',
      ]),
    );
    // The kubernetes Service (the apiserver's own endpoints) is there on every node.
    const save = iptablesSave(cluster.netfilterOf('node-1') ?? fail());
    expect(save).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('writes a Service with ready pods as KUBE-SVC/KUBE-SEP chains on every node, with partial syncs', () => {
    // Outside a cloud: cloud-controller-manager's zone labels on the Node would cause one more full
    // sync, as upstream's OnNodeUpdate does on a topology label change.
    const cluster = new Cluster({ scheduler: false, cloud: false });
    cluster.engine.runUntil(5_000);
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-1', 'node-1') });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-2', 'node-2') });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('web', { app: 'web' }) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('lonely', { app: 'none' }) });
    const headless = service('hl', { app: 'web' });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: { ...headless, spec: { ...headless.spec, clusterIP: 'None' } } });
    cluster.engine.runFor(15_000);
    const svcChain = servicePortPolicyClusterChain('default/web:http', 'tcp');
    for (const node of cluster.nodeNames) {
      const save = iptablesSave(cluster.netfilterOf(node) ?? fail(), { table: 'nat' });
      expect(save).toContain(`-j ${svcChain}`);
      expect(save.match(/^-A KUBE-SEP-\w+ .*-j DNAT --to-destination 10\.244\.\d\.\d+:80$/gm)).toHaveLength(2);
      expect(save).toMatch(new RegExp(`-A ${svcChain} -m comment --comment "default/web:http -> 10\\.244\\.\\d\\.\\d+:80" -m statistic --mode random --probability 0\\.50000000000 -j KUBE-SEP-`));
      // The headless Service and its slice never reach kube-proxy (its label selector).
      expect(save).not.toContain('default/hl');
      expect(proxyOf(cluster, node).rules.netfilter).toBe(cluster.netfilterOf(node));
      const filter = iptablesSave(cluster.netfilterOf(node) ?? fail(), { table: 'filter' });
      expect(filter).toMatch(/-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/lonely:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable/);
      const syncs = proxyOf(cluster, node).syncs;
      expect(syncs[0]?.full).toBe(true);
      expect(syncs.slice(1).every((s) => !s.full)).toBe(true);
      // Never more than two syncs within one minSyncPeriod.
      for (let i = 2; i < syncs.length; i++) expect((syncs[i]?.at ?? 0) - (syncs[i - 2]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('resyncs in full when the canary chain is flushed away, within syncPeriod', () => {
    // Outside a cloud: cloud-controller-manager's zone labels on the Node would cause one more full
    // sync, as upstream's OnNodeUpdate does on a topology label change.
    const cluster = new Cluster({ scheduler: false, cloud: false });
    cluster.engine.runUntil(5_000);
    const nf = cluster.netfilterOf('node-3') ?? fail();
    nf.deleteChain('mangle', 'KUBE-PROXY-CANARY');
    const before = proxyOf(cluster, 'node-3').syncs.length;
    cluster.engine.runFor(30_000);
    const after = proxyOf(cluster, 'node-3').syncs.slice(before);
    expect(after.map((s) => s.full)).toEqual([true]);
    expect(nf.table('mangle').chain('KUBE-PROXY-CANARY')).toBeDefined();
  });

  it('does not start with a mode kube-proxy does not know', () => {
    const text = kubeadmKubeProxyConfigText().replace('mode: ""', 'mode: "nope"');
    expect(() => parseKubeProxyConfiguration(text)).toThrow('KubeProxyConfiguration.Mode: Invalid value: "nope": must be iptables, ipvs or nftables');
    expect(() => parseKubeProxyConfiguration(text.replace('mode: "nope"', 'mode: ipvs').replace('  minSyncPeriod: 0s\n  scheduler', '  minSyncPeriod: soon\n  scheduler'))).toThrow('time: invalid duration "soon"');
    expect(parseKubeProxyConfiguration(text.replace('mode: "nope"', 'mode: ipvs'))).toMatchObject({ mode: 'ipvs', minSyncPeriodMs: 0, syncPeriodMs: 30000, ipvsScheduler: 'rr' });
  });
});

describe('kube-proxy with a configuration it refuses', () => {
  it('does not start, says why, and writes no rules', () => {
    const addon = new KubeProxyAddon();
    const started: { cluster?: Cluster } = {};
    // The cluster's token issuer, once the cluster exists (the component only mints when it starts).
    const tokens = { mint: (spec: Parameters<Cluster['auth']['serviceAccountTokens']['mint']>[0]) => (started.cluster as Cluster).auth.serviceAccountTokens.mint(spec) };
    const broken = kubeProxyComponent({ nodeName: 'node-1', nodeIP: '10.0.0.11', netfilter: new Netfilter(), addon, tokens });
    const cluster = new Cluster({ scheduler: false, components: (defaults) => [...defaults.filter((c) => c.name !== 'kube-proxy/node-1'), broken] });
    started.cluster = cluster;
    cluster.engine.runUntil(2_000);
    addon.publish({ serviceAccountUid: 'none', configText: kubeadmKubeProxyConfigText().replace('mode: ""', 'mode: nftables-please') });
    cluster.engine.runFor(2_000);
    expect(broken.kubeProxy).toBeUndefined();
    expect(broken.failure).toBe('KubeProxyConfiguration.Mode: Invalid value: "nftables-please": must be iptables, ipvs or nftables');
    expect(broken.netfilter.ruleCount()).toBe(0);
  });
});

describe('BoundedFrequencyRunner', () => {
  it('runs twice at once, then once per minInterval, and at least every maxInterval', () => {
    const engine = new Engine({ seed: 1 });
    const runs: number[] = [];
    const runner = new BoundedFrequencyRunner(engine, 'test', () => runs.push(engine.now()), 1000, 10_000, 2);
    runner.loop();
    for (let t = 0; t < 2500; t += 100) engine.schedule(t, 'ask', () => runner.run());
    // The asks at 2100..2400 wait for the next token, at 3000.
    engine.runUntil(3_100);
    expect(runs).toEqual([0, 100, 1000, 2000, 3000]);
    // Nobody asks: the timer runs it maxInterval after the last run.
    engine.runUntil(15_000);
    expect(runs.slice(5)).toEqual([13_000]);
  });
});

function fail(): never {
  throw new Error('missing');
}
