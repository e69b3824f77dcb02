import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { Netfilter } from '../../netfilter/netfilter';
import { iptablesSave } from '../../netfilter/save';
import { parseRestore } from '../../netfilter/restore';
import { defaultProxierSettings, type ProxierSettings } from '../config';
import { servicePortEndpointChainName, servicePortPolicyClusterChain } from '../chain-names';
import { endpointsByServicePort, servicePorts } from '../service-port';
import { caseObjects, loadProxyVectors, makeSlice, vectorCase } from '../test-vectors';
import { computeProbability, IptablesProxier } from './proxier';

/** The environment of the upstream tests (NewFakeProxier). */
function testSettings(over: Partial<ProxierSettings> = {}): ProxierSettings {
  return {
    ...defaultProxierSettings('test-node', '192.168.0.2'),
    clusterCIDR: '10.0.0.0/8',
    masqueradeMark: '0x4000',
    hasRandomFully: false,
    ...over,
  };
}

function sync(p: IptablesProxier, services: Service[], slices: EndpointSlice[], changed: string[] | 'all') {
  const ports = services.flatMap(servicePorts);
  return p.syncProxyRules({
    servicePorts: ports,
    endpoints: endpointsByServicePort(slices, p.settings.nodeName),
    changed: new Set(changed === 'all' ? ports.map((x) => x.namespacedName) : changed),
    full: changed === 'all',
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

const cases = loadProxyVectors();

describe('chain names (vectors chain-name-*)', () => {
  const nameCases = cases.filter((c) => c.id.startsWith('chain-name-'));
  it('has the cases', () => expect(nameCases.length).toBe(15));
  it.each(nameCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const input = c.input as { servicePortName: string; protocol: string; endpoint: string | null; hash_input: string };
    const want = (c.expect as { chain: string }).chain;
    const prefix = want.slice(0, want.lastIndexOf('-') + 1);
    const got =
      prefix === 'KUBE-SEP-'
        ? servicePortEndpointChainName(input.servicePortName, input.protocol, input.hash_input.slice(input.servicePortName.length + input.protocol.length))
        : prefix + servicePortPolicyClusterChain(input.servicePortName, input.protocol).slice('KUBE-SVC-'.length);
    expect(got).toBe(want);
  });
});

describe('computeProbability (vector probability-format)', () => {
  const c = vectorCase('probability-format');
  const table = (c.expect as { restore_text: Record<string, string> }).restore_text;
  it.each(Object.entries(table))('1/%s -> %s', (n, want) => expect(computeProbability(Number(n))).toBe(want));
});

const fullDumps = ['iptables-overall', 'iptables-repeated-initial', 'derived-clusterip-1ep', 'derived-clusterip-noendpoints', 'derived-nodeport-cluster-2ep', 'derived-clusterip-unnamed-port-udp'];

describe('full syncs against the upstream dumps', () => {
  it.each(fullDumps)('%s: restore text as kube-proxy writes it, and iptables-save as iptables prints it', (id) => {
    const c = vectorCase(id);
    const { services, slices } = caseObjects(c.input);
    const nf = new Netfilter();
    const result = sync(new IptablesProxier(testSettings(), nf), services, slices, 'all');
    const e = c.expect as Record<string, string>;
    const restore = e.restore_as_written_by_kube_proxy_python_port ?? e.restore_as_written_by_kube_proxy;
    expect(lines(result.restoreText())).toEqual(lines(restore as string));
    expect(lines(iptablesSave(nf))).toEqual(lines(e.iptables_save_real as string));
  });
});

describe('partial sync (vector iptables-repeated-partial-svc4-noendpoints)', () => {
  it('rewrites the top-level chains and only the changed services', () => {
    const c = vectorCase('iptables-repeated-partial-svc4-noendpoints');
    const svc = (ns: string, name: string, ip: string, portName: string, port: number): Service => ({
      metadata: { namespace: ns, name },
      spec: { type: 'ClusterIP', clusterIP: ip, ports: [{ name: portName, port, protocol: 'TCP' }] },
    });
    const svc1 = svc('ns1', 'svc1', '172.30.0.41', 'p80', 80);
    const svc2 = svc('ns2', 'svc2', '172.30.0.42', 'p8080', 8080);
    const svc3 = svc('ns3', 'svc3', '172.30.0.43', 'p80', 80);
    const svc4 = svc('ns4', 'svc4', '172.30.0.44', 'p80', 80);
    const s1 = makeSlice('ns1', 'svc1', 'p80', 'TCP', 80, [{ ip: '10.0.1.1' }]);
    const s2 = makeSlice('ns2', 'svc2', 'p8080', 'TCP', 8080, [{ ip: '10.0.2.1' }]);
    const s3 = makeSlice('ns3', 'svc3', 'p80', 'TCP', 80, [{ ip: '10.0.3.1' }]);
    const nf = new Netfilter();
    const p = new IptablesProxier(testSettings(), nf);
    sync(p, [svc1, svc2], [s1, s2], 'all');
    const second = sync(p, [svc1, svc3], [s1, s3], ['ns2/svc2', 'ns3/svc3']);
    expect(second.deletedChains).toEqual(['KUBE-SVC-2VJB64SDSIJUP5T6', 'KUBE-SEP-UHEGFW77JX3KXTOV']);
    const third = sync(p, [svc1, svc3, svc4], [s1, s3], ['ns4/svc4']);
    const want = (c.expect as { restore_sorted_by_test_helper: string }).restore_sorted_by_test_helper;
    // The upstream expectation is sorted by its test helper; compare each table's lines as a set.
    const byTable = (text: string) =>
      parseRestore(text).map((t) => [t.table, [...t.chains.map((x) => x.name)].sort(), t.rules.map((r) => r.spec.saveText).sort()]);
    expect(byTable(third.restoreText())).toEqual(byTable(want).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    // Unchanged services keep their chains from the earlier sync.
    expect(nf.table('nat').chain('KUBE-SVC-XPGD46QRK7WJZT7O')?.rules.length).toBe(2);
  });
});

describe('fixed chains (vectors iptables-masquerade-rule, iptables-drop-invalid, iptables-kube-firewall)', () => {
  const chainOf = (text: string, chain: string) => lines(text).filter((l) => l.startsWith(`-A ${chain} `));
  const masq = vectorCase('iptables-masquerade-rule').expect as Record<string, string>;
  it.each([
    ['false', false],
    ['true', true],
  ] as const)('KUBE-POSTROUTING, random-fully %s', (key, hasRandomFully) => {
    const nf = new Netfilter();
    const r = sync(new IptablesProxier(testSettings({ hasRandomFully }), nf), [], [], 'all');
    expect(chainOf(r.restoreText(), 'KUBE-POSTROUTING')).toEqual(lines(masq[key] as string));
    if (!hasRandomFully) expect(chainOf(iptablesSave(nf), 'KUBE-POSTROUTING')).toEqual(lines(masq.iptables_save_real_false as string));
  });
  const drop = vectorCase('iptables-drop-invalid').expect as Record<string, string>;
  it.each(Object.keys(drop))('KUBE-FORWARD %s', (key) => {
    const [nfacct, liberal] = key.split(',').map((kv) => kv.endsWith('true'));
    const r = sync(new IptablesProxier(testSettings({ nfacctCounters: nfacct, conntrackTCPLiberal: liberal }), new Netfilter()), [], [], 'all');
    expect(chainOf(r.restoreText(), 'KUBE-FORWARD')).toEqual(lines(drop[key] as string));
  });
  it('KUBE-FIREWALL with localhost nodeports, and none without', () => {
    const fw = vectorCase('iptables-kube-firewall').expect as Record<string, string>;
    const nf = new Netfilter();
    const r = sync(new IptablesProxier(testSettings(), nf), [], [], 'all');
    expect(chainOf(r.restoreText(), 'KUBE-FIREWALL')).toEqual(lines(fw.expectFirewall as string));
    expect(chainOf(iptablesSave(nf), 'KUBE-FIREWALL')).toEqual(lines(fw.iptables_save_real as string));
    const off = sync(new IptablesProxier(testSettings({ localhostNodePorts: false }), new Netfilter()), [], [], 'all');
    expect(chainOf(off.restoreText(), 'KUBE-FIREWALL')).toEqual([]);
    expect(lines(off.restoreText())).toContain(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS',
    );
  });
});

describe('traffic policies and large clusters (section 2 of the reference)', () => {
  const base = (spec: Service['spec']): Service => ({ metadata: { namespace: 'default', name: 'web' }, spec: { clusterIP: '10.96.100.10', ...spec } });
  const eps = [{ ip: '10.244.1.5' }, { ip: '10.244.2.7', nodeName: 'test-node' }];
  const run = (svc: Service, endpoints = eps) => {
    const nf = new Netfilter();
    sync(new IptablesProxier(testSettings(), nf), [svc], [makeSlice('default', 'web', 'http', 'TCP', 8080, endpoints)], 'all');
    return lines(iptablesSave(nf));
  };
  it.each([
    [
      'NodePort ETP=Local: EXT goes to the SVL chain of local endpoints',
      base({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] }),
      ['-A KUBE-EXT-CDGGSHYLG3RE2FKL -j KUBE-SVL-CDGGSHYLG3RE2FKL', '-A KUBE-SVL-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.2.7:8080" -j KUBE-SEP-2RIJ5GIYXEFH6G4D'],
      ['-A KUBE-SVL-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.5:8080"'],
    ],
    [
      'internalTrafficPolicy=Local: the ClusterIP jumps to SVL',
      base({ internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80 }] }),
      ['-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVL-CDGGSHYLG3RE2FKL'],
      [':KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]'],
    ],
  ] as const)('%s', (_name, svc, present, absent) => {
    const out = run(svc as Service);
    for (const l of present) expect(out).toContain(l);
    for (const l of absent) expect(out.some((o) => o.includes(l))).toBe(false);
  });
  it('internalTrafficPolicy=Local without local endpoints drops in filter KUBE-SERVICES', () => {
    const out = run(base({ internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80 }] }), [{ ip: '10.244.1.5' }]);
    expect(out).toContain('-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/web:http has no local endpoints" -m tcp --dport 80 -j DROP');
  });
  it('above 1000 endpoints the per-endpoint comments go (largeClusterMode), the cluster IP comments stay', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ip: `10.244.${i >> 8}.${i & 255}` }));
    const out = run(base({ ports: [{ name: 'http', port: 80 }] }), many);
    expect(out.filter((l) => l.startsWith('-A KUBE-SEP-') && l.includes('comment'))).toEqual([]);
    expect(out.some((l) => l.startsWith('-A KUBE-SVC-') && l.includes('"default/web:http cluster IP"'))).toBe(true);
    expect(out.filter((l) => l.startsWith('-A KUBE-SVC-') && l.includes('->'))).toEqual([]);
  });
});

describe('the per-endpoint rules spelled for iptables-save at sync time', () => {
  const service = (name: string, sticky: boolean, ip: string): Service => ({
    metadata: { namespace: 'ns', name },
    spec: {
      clusterIP: ip,
      ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
      ...(sticky ? { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } } : {}),
    },
  });
  const slice = (name: string, ips: string[]): EndpointSlice => makeSlice('ns', name, 'p80', 'TCP', 80, ips.map((ip) => ({ ip })));

  it.each([
    ['with comments', 3],
    ['in large-cluster mode (no per-endpoint comments)', 400],
  ])('equal what the generic parser spells, %s', (_what, count) => {
    const p = new IptablesProxier(testSettings(), new Netfilter());
    const services: Service[] = [];
    const slices: EndpointSlice[] = [];
    for (let i = 0; i < count; i++) {
      services.push(service(`svc${i}`, i % 2 === 0, `172.30.${i >> 8}.${i & 255}`));
      slices.push(slice(`svc${i}`, [`10.180.${i >> 8}.${i & 255}`, `10.181.${i >> 8}.${i & 255}`, `10.182.${i >> 8}.${i & 255}`]));
    }
    sync(p, services, slices, 'all');
    let checked = 0;
    for (const table of p.nf.tables.values())
      for (const chain of table.chains.values())
        for (const rule of chain.rules) {
          const generic = parseRestore(`*${table.name}\n:${chain.name} - [0:0]\n-A ${chain.name} ${rule.spec.restoreText}\nCOMMIT\n`)[0]?.rules[0]?.spec.saveText;
          expect(rule.spec.saveText).toBe(generic);
          checked++;
        }
    expect(checked).toBeGreaterThan(count * 9);
  });

  it.each([
    ['masqueradeAll', { masqueradeAll: true }],
    ['a cluster CIDR written with host bits', { clusterCIDR: '10.1.2.3/8' }],
  ] as const)('equal what the generic parser spells, with %s', (_what, over) => {
    const p = new IptablesProxier(testSettings(over), new Netfilter());
    sync(p, [service('a', true, '172.30.0.1'), service('b', false, '172.30.0.2')], [slice('a', ['10.180.0.1', '10.180.0.2']), slice('b', ['10.180.0.3'])], 'all');
    const nat = p.nf.table('nat');
    const masq = [...nat.chains.values()].flatMap((c) => c.rules).filter((r) => r.spec.saveText.includes('cluster IP') && r.spec.saveText.endsWith('KUBE-MARK-MASQ'));
    expect(masq.length).toBe(2);
    for (const table of p.nf.tables.values())
      for (const chain of table.chains.values())
        for (const rule of chain.rules) {
          const generic = parseRestore(`*${table.name}\n:${chain.name} - [0:0]\n-A ${chain.name} ${rule.spec.restoreText}\nCOMMIT\n`)[0]?.rules[0]?.spec.saveText;
          expect(rule.spec.saveText).toBe(generic);
        }
  });
});
