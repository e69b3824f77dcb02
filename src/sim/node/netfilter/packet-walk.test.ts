import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { Rng } from '../../engine/rng';
import { KubeProxyRules } from '../kube-proxy/kube-proxy-rules';
import { caseObjects, makeSlice, vectorCase } from '../kube-proxy/test-vectors';
import { walkPacket, type Packet, type WalkOptions } from './packet-walk';

const testNode = { nodeName: 'test-node', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', hasRandomFully: false };

function overallNode(): KubeProxyRules {
  const { services, slices } = caseObjects(vectorCase('iptables-overall').input);
  const proxy = new KubeProxyRules(testNode);
  proxy.sync(services, slices);
  return proxy;
}

const opts = (rng = new Rng(1), now = 0): WalkOptions => ({ origin: 'external', localAddresses: ['192.168.0.2'], nodeIP: '192.168.0.2', rng, now });
const tcp = (src: string, dst: string, dport: number, sport = 40000): Packet => ({ protocol: 'tcp', src, sport, dst, dport });

describe('walkPacket through kube-proxy iptables rules (TestOverallIPTablesRules state)', () => {
  it.each([
    ['pod to a ClusterIP', tcp('10.0.5.5', '172.30.0.41', 80), 'ACCEPT', '10.180.0.1:80', false, ['KUBE-SERVICES', 'KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-SEP-SXIVWICOYRO3J4NJ']],
    ['off-cluster client to a ClusterIP: masqueraded', tcp('192.168.5.5', '172.30.0.41', 80), 'ACCEPT', '10.180.0.1:80', true, ['KUBE-MARK-MASQ', 'KUBE-POSTROUTING']],
    ['a NodePort', tcp('192.168.5.5', '192.168.0.2', 3003), 'ACCEPT', '10.180.0.3:80', true, ['KUBE-NODEPORTS', 'KUBE-EXT-X27LE4BHSL4DOUIK', 'KUBE-SEP-OYPFS5VJICHGATKP']],
    ['a service with no endpoints is rejected', tcp('10.0.5.5', '172.30.0.46', 80), 'REJECT', '172.30.0.46:80', false, ['KUBE-SERVICES']],
    ['a LoadBalancer IP from outside its source ranges is dropped', tcp('8.8.8.8', '5.6.7.8', 80), 'DROP', '5.6.7.8:80', false, ['KUBE-FW-NUKIZ6OKUXPJNT4C', 'KUBE-PROXY-FIREWALL']],
    ['a LoadBalancer IP from inside its source ranges', tcp('203.0.113.7', '5.6.7.8', 80), 'ACCEPT', '10.180.0.3:80', true, ['KUBE-FW-NUKIZ6OKUXPJNT4C', 'KUBE-EXT-NUKIZ6OKUXPJNT4C']],
  ] as const)('%s', (_name, packet, verdict, dest, masqueraded, chains) => {
    const proxy = overallNode();
    const walk = walkPacket(proxy.netfilter, packet, opts());
    expect(walk.verdict).toBe(verdict);
    expect(`${walk.destination.address}:${walk.destination.port}`).toBe(dest);
    expect(walk.snat).toBe(masqueraded);
    if (masqueraded) expect(walk.source.address).toBe('192.168.0.2');
    const visited = new Set(walk.steps.flatMap((st) => [st.chain, st.detail ?? '']));
    for (const c of chains) expect(visited).toContain(c);
  });

  it('counts the rules it matched, records conntrack, and sends later packets by the entry', () => {
    const proxy = overallNode();
    const nf = proxy.netfilter;
    const first = walkPacket(nf, tcp('10.0.5.5', '172.30.0.41', 80), opts());
    const capture = nf.table('nat').chain('KUBE-SERVICES')?.rules[0];
    expect(capture?.packets).toBe(1);
    expect(first.conntrack?.reply).toEqual({ src: '10.180.0.1', sport: 80, dst: '10.0.5.5', dport: 40000 });
    const second = walkPacket(nf, tcp('10.0.5.5', '172.30.0.41', 80), opts());
    expect(second.established).toBe(true);
    expect(second.steps.some((st) => st.table === 'nat')).toBe(false);
    expect(second.destination).toEqual({ address: '10.180.0.1', port: 80 });
    expect(capture?.packets).toBe(1);
  });
});

describe('load balancing', () => {
  const web = (affinity: boolean): Service => ({
    metadata: { namespace: 'default', name: 'web' },
    spec: { clusterIP: '10.96.100.10', ports: [{ name: 'http', port: 80 }], ...(affinity ? { sessionAffinity: 'ClientIP' } : {}) },
  });
  const slice = makeSlice('default', 'web', 'http', 'TCP', 8080, [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }, { ip: '10.244.3.9' }]);

  it('iptables: the statistic rules spread new connections evenly, reproducibly for one seed', () => {
    const counts = (seed: number) => {
      const proxy = new KubeProxyRules(testNode);
      proxy.sync([web(false)], [slice]);
      const rng = new Rng(seed);
      const c = new Map<string, number>();
      for (let i = 0; i < 600; i++) {
        const d = walkPacket(proxy.netfilter, tcp('10.0.5.5', '10.96.100.10', 80, 20000 + i), opts(rng)).destination.address;
        c.set(d, (c.get(d) ?? 0) + 1);
      }
      return c;
    };
    const a = counts(7);
    expect([...a.keys()].sort()).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9']);
    for (const n of a.values()) expect(n).toBeGreaterThan(150);
    expect(counts(7)).toEqual(a);
  });

  it('iptables: ClientIP affinity keeps one client on one endpoint through -m recent', () => {
    const proxy = new KubeProxyRules(testNode);
    proxy.sync([web(true)], [slice]);
    const rng = new Rng(3);
    const dests = new Set(
      Array.from({ length: 20 }, (_, i) => walkPacket(proxy.netfilter, tcp('10.0.5.5', '10.96.100.10', 80, 20000 + i), opts(rng, i)).destination.address),
    );
    expect(dests.size).toBe(1);
  });

  it('ipvs: round robin over the real servers', () => {
    const proxy = new KubeProxyRules(testNode, 'ipvs');
    proxy.sync([web(false)], [slice]);
    const dests = Array.from({ length: 4 }, (_, i) => {
      const walk = walkPacket(proxy.netfilter, tcp('10.0.5.5', '10.96.100.10', 80, 30000 + i), opts());
      expect(walk.steps.some((s) => s.table === 'ipvs' && s.action === 'ipvs')).toBe(true);
      return walk.destination.address;
    });
    expect(dests).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.1.5']);
  });
});
