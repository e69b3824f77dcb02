import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { iptablesSave } from '../netfilter/save';
import { ipvsadmList } from '../netfilter/ipvs';
import { parseRule } from '../netfilter/rule';
import { KubeProxyRules } from './kube-proxy-rules';
import { ipsetInfo } from './ipvs/proxier';
import { caseObjects, makeSlice, vectorCase } from './test-vectors';

const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
const testNode = { nodeName: 'test-node', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', hasRandomFully: false };

const web: Service = {
  metadata: { namespace: 'default', name: 'web', resourceVersion: '1' },
  spec: { type: 'NodePort', clusterIP: '10.96.100.10', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] },
};
const webSlice = makeSlice('default', 'web', 'http', 'TCP', 8080, [{ ip: '10.244.1.5' }, { ip: '10.244.2.7', nodeName: 'test-node' }]);

describe('KubeProxyRules, iptables mode', () => {
  it('programs the node as TestOverallIPTablesRules expects', () => {
    const c = vectorCase('iptables-overall');
    const { services, slices } = caseObjects(c.input);
    const proxy = new KubeProxyRules(testNode);
    const r = proxy.sync(services, slices);
    expect(r.mode === 'iptables' && r.full).toBe(true);
    expect(lines(iptablesSave(proxy.netfilter))).toEqual(lines((c.expect as Record<string, string>).iptables_save_real as string));
  });

  it('rewrites only the service whose endpoints changed, and removes a deleted service', () => {
    const proxy = new KubeProxyRules(testNode);
    const other: Service = { metadata: { namespace: 'default', name: 'api', resourceVersion: '1' }, spec: { clusterIP: '10.96.100.11', ports: [{ port: 443 }] } };
    const otherSlice = makeSlice('default', 'api', undefined, 'TCP', 8443, [{ ip: '10.244.1.9' }]);
    proxy.sync([web, other], [webSlice, otherSlice]);
    const scaled = makeSlice('default', 'web', 'http', 'TCP', 8080, [{ ip: '10.244.1.5' }]);
    const partial = proxy.sync([web, other], [scaled, otherSlice]);
    expect(partial.mode === 'iptables' && [partial.full, partial.rewrittenServices]).toEqual([false, 1]);
    expect(iptablesSave(proxy.netfilter)).not.toContain('10.244.2.7');
    const again = proxy.sync([web, other], [scaled, otherSlice]);
    expect(again.mode === 'iptables' && again.rewrittenServices).toBe(0);
    const removed = proxy.sync([web], [scaled]);
    expect(removed.mode === 'iptables' && removed.deletedChains.length).toBe(2);
    expect(iptablesSave(proxy.netfilter)).not.toContain('default/api');
  });

  it("programs each port of a multi-port Service from its slices, endpoints sorted by ip:port across slices", () => {
    const multi: Service = {
      metadata: { namespace: 'default', name: 'multi', resourceVersion: '1' },
      spec: { clusterIP: '10.96.100.12', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] },
    };
    const http = makeSlice('default', 'multi', 'http', 'TCP', 8080, [{ ip: '10.244.3.9' }, { ip: '10.244.1.4' }], 'aaaaa');
    const more = makeSlice('default', 'multi', 'http', 'TCP', 8080, [{ ip: '10.244.2.1' }], 'bbbbb');
    const metrics = makeSlice('default', 'multi', 'metrics', 'TCP', 9090, [{ ip: '10.244.1.4' }], 'ccccc');
    const proxy = new KubeProxyRules(testNode);
    proxy.sync([multi], [http, more, metrics]);
    const jumps = lines(iptablesSave(proxy.netfilter))
      .filter((l) => l.startsWith('-A KUBE-SVC-') && l.includes(' -> '))
      .map((l) => /"(\S+ -> \S+)"/.exec(l)?.[1]);
    expect(jumps.filter((j) => j?.includes(':http'))).toEqual(['default/multi:http -> 10.244.1.4:8080', 'default/multi:http -> 10.244.2.1:8080', 'default/multi:http -> 10.244.3.9:8080']);
    expect(jumps.filter((j) => j?.includes(':metrics'))).toEqual(['default/multi:metrics -> 10.244.1.4:9090']);
  });
});

describe('KubeProxyRules, ipvs mode (vector ipvs-ipsets-and-chains)', () => {
  const e = vectorCase('ipvs-ipsets-and-chains').expect as {
    jump_rules_in_order: [string, string, string, string][];
    chains: Record<string, string[]>;
    ipsets_type_order: [string, string][];
  };
  const proxy = new KubeProxyRules(testNode, 'ipvs');
  proxy.sync([web], [webSlice]);
  const nf = proxy.netfilter;

  it('creates the ipsets in ipsetInfo order with their types', () => {
    expect(ipsetInfo.map((i) => [i.name, i.type])).toEqual(e.ipsets_type_order);
    expect([...nf.ipsets.sets.values()].map((s) => [s.name, s.type])).toEqual(e.ipsets_type_order);
    expect([...(nf.ipsets.get('KUBE-CLUSTER-IP')?.entries ?? [])]).toEqual(['10.96.100.10,tcp:80']);
    expect([...(nf.ipsets.get('KUBE-NODE-PORT-TCP')?.entries ?? [])]).toEqual(['30080']);
    expect([...(nf.ipsets.get('KUBE-LOOP-BACK')?.entries ?? [])]).toEqual(['10.244.2.7,tcp:8080,10.244.2.7']);
  });
  it('creates its chains and jumps', () => {
    for (const [table, chains] of Object.entries(e.chains)) for (const c of chains) expect(nf.table(table as 'nat' | 'filter').chain(c)).toBeDefined();
    for (const [table, from, to, comment] of e.jump_rules_in_order)
      expect(nf.table(table as 'nat' | 'filter').chain(from)?.rules.map((r) => r.spec.saveText)).toContain(`-m comment --comment "${comment}" -j ${to}`);
  });
  it('binds the VIP on kube-ipvs0 and makes rr virtual servers', () => {
    expect([...nf.dummyInterfaceAddresses]).toEqual(['10.96.100.10']);
    expect(ipvsadmList(nf.ipvs).split('\n').slice(3, 6).map((l) => l.trimEnd())).toEqual([
      'TCP  10.96.100.10:80 rr',
      '  -> 10.244.1.5:8080              Masq    1      0          0',
      '  -> 10.244.2.7:8080              Masq    1      0          0',
    ]);
    expect(iptablesSave(nf, { table: 'nat' })).toContain(
      '-A KUBE-SERVICES ! -s 10.0.0.0/8 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
    );
  });
});

describe('KubeProxyRules, userspace mode (vector userspace-mode-summary)', () => {
  it('redirects the VIP to its proxy port and picks endpoints round-robin', () => {
    const e = vectorCase('userspace-mode-summary').expect as { rule_shape_restore_args: string[]; nat_chains: string[] };
    const proxy = new KubeProxyRules(testNode, 'userspace');
    const r = proxy.sync([web], [webSlice]);
    const port = r.mode === 'userspace' ? r.proxyPorts.get('default/web:http/TCP') : undefined;
    expect(port).toBeDefined();
    const saved = iptablesSave(proxy.netfilter, { table: 'nat' });
    for (const rule of e.rule_shape_restore_args) {
      const [, chain, ...rest] = rule.split(' ');
      expect(saved).toContain(`-A ${chain} ${parseRule(rest.join(' ').replace('36463', String(port))).saveText}`);
    }
    for (const c of e.nat_chains) expect(proxy.netfilter.table('nat').chain(c.split(' ')[0] as string)).toBeDefined();
    const picks = [0, 1, 2].map((i) => proxy.userspaceEndpoint(port as number, '10.0.5.5', i)?.ip);
    expect(picks).toEqual(['10.244.1.5', '10.244.2.7', '10.244.1.5']);
  });
});

describe('KubeProxyRules.switchMode', () => {
  it('iptables -> ipvs -> iptables leaves only the active mode and what upstream leaves', () => {
    const proxy = new KubeProxyRules(testNode);
    proxy.sync([web], [webSlice]);
    proxy.switchMode('ipvs');
    proxy.sync([web], [webSlice]);
    const nat = proxy.netfilter.table('nat');
    expect([...nat.chains.keys()].filter((c) => /^KUBE-(SVC|SEP|EXT)-/.test(c))).toEqual([]);
    expect(proxy.netfilter.ipvs.services.size).toBe(2);
    proxy.switchMode('iptables');
    proxy.sync([web], [webSlice]);
    expect(proxy.netfilter.ipvs.services.size).toBe(0);
    expect(proxy.netfilter.ipsets.sets.size).toBe(0);
    expect(proxy.netfilter.dummyInterfaceAddresses.size).toBe(0);
    expect(nat.chain('KUBE-NODE-PORT')).toBeUndefined();
    expect(iptablesSave(proxy.netfilter, { table: 'nat' })).toContain('-j KUBE-SVC-CDGGSHYLG3RE2FKL');
  });

  it('userspace -> iptables removes the portal chains', () => {
    const proxy = new KubeProxyRules(testNode, 'userspace');
    proxy.sync([web], [webSlice]);
    proxy.switchMode('iptables');
    proxy.sync([web], [webSlice]);
    expect(iptablesSave(proxy.netfilter)).not.toContain('KUBE-PORTALS');
  });
});

describe('KubeProxyRules event handlers (OnServiceUpdate ... syncProxyRules)', () => {
  it('gives the same node as sync(), and a partial sync rewrites only what the handlers saw', () => {
    const c = vectorCase('iptables-overall');
    const { services, slices } = caseObjects(c.input);
    const byEvents = new KubeProxyRules(testNode);
    for (const s of services) byEvents.updateService(s);
    for (const s of slices) byEvents.updateEndpointSlice(s);
    const first = byEvents.syncProxyRules();
    expect(first.mode === 'iptables' && first.full).toBe(true);
    expect(lines(iptablesSave(byEvents.netfilter))).toEqual(lines((c.expect as Record<string, string>).iptables_save_real as string));

    const svc4 = slices.find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'svc4');
    byEvents.updateEndpointSlice({ ...(svc4 as EndpointSlice), endpoints: [{ addresses: ['10.180.0.4'], conditions: { ready: true } }] });
    const partial = byEvents.syncProxyRules();
    expect(partial.mode === 'iptables' && [partial.full, partial.rewrittenServices, partial.deletedChains]).toEqual([false, 1, ['KUBE-SEP-C6EBXVWJJZMIWKLZ']]);

    byEvents.deleteService('ns6', 'svc6');
    byEvents.syncProxyRules();
    expect(iptablesSave(byEvents.netfilter)).not.toContain('ns6/svc6');
  });
});

describe('partial syncs in a large cluster', () => {
  it('patching the last layout writes what the full comparison writes, and the same node', () => {
    const services: Service[] = Array.from({ length: 300 }, (_, i) => ({
      metadata: { namespace: 'ns', name: `svc-${i}`, resourceVersion: '1' },
      spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80 }] },
    }));
    const slices = services.map((_, i) =>
      makeSlice('ns', `svc-${i}`, 'http', 'TCP', 8080, [0, 1, 2, 3].map((e) => ({ ip: `10.${244 + e}.${i >> 8}.${i & 255}` }))),
    );
    const byEvents = new KubeProxyRules(testNode);
    const byLists = new KubeProxyRules(testNode);
    for (const s of services) byEvents.updateService(s);
    for (const s of slices) byEvents.updateEndpointSlice(s);
    byEvents.syncProxyRules();
    byLists.sync(services, slices);
    const changed = makeSlice('ns', 'svc-7', 'http', 'TCP', 8080, [{ ip: '10.244.9.9' }, { ip: '10.244.0.7' }]);
    byEvents.updateEndpointSlice(changed);
    const a = byEvents.syncProxyRules();
    const b = byLists.sync(services, slices.map((s, i) => (i === 7 ? changed : s)));
    expect(a.mode === 'iptables' && b.mode === 'iptables' && [a.rewrittenServices, b.rewrittenServices]).toEqual([1, 1]);
    if (a.mode !== 'iptables' || b.mode !== 'iptables') return;
    expect(a.restoreText()).toBe(b.restoreText());
    expect(a.restoreText()).toContain('10.244.9.9:8080');
    expect(iptablesSave(byEvents.netfilter)).toBe(iptablesSave(byLists.netfilter));
  });
});
