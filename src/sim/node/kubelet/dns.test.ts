import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podDNSConfig, podDNSConfigOf } from './dns';
import { resolvConfText } from '../runtime/resolv-conf';

const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('podDNSConfig', () => {
  it('gives a ClusterFirst pod the cluster DNS, its namespace search path and ndots:5', () => {
    const config = podDNSConfig(pod());
    expect(config).toEqual({ servers: ['10.96.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });
    expect(resolvConfText(config ?? { servers: [], searches: [], options: [] })).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('appends spec.dnsConfig, an option of the pod replacing the default of its name', () => {
    const config = podDNSConfig(pod({ dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }));
    expect(config).toEqual({ servers: ['10.96.0.10', '1.1.1.1'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'], options: ['ndots:2', 'edns0'] });
  });

  it('uses only spec.dnsConfig for None, and the node resolver (no file here) for Default and a hostNetwork pod', () => {
    expect(podDNSConfig(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['9.9.9.9'] } }))).toEqual({ servers: ['9.9.9.9'], searches: [], options: [] });
    expect(podDNSConfig(pod({ dnsPolicy: 'Default' }))).toBeUndefined();
    expect(podDNSConfig(pod({ hostNetwork: true }))).toBeUndefined();
    expect(podDNSConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }))?.servers).toEqual(['10.96.0.10']);
  });
});

describe('podDNSConfig kept per namespace', () => {
  it('answers as GetPodDNS itself for every policy, and shares one frozen answer and one resolv.conf text per namespace', () => {
    const kept = podDNSConfig;
    const plain = podDNSConfigOf;
    const pods: Pod[] = [];
    for (const namespace of ['default', 'team-a', 'kube-system', undefined]) {
      for (const spec of [{}, { dnsPolicy: 'ClusterFirst' }, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }, { dnsPolicy: 'Default' }, { hostNetwork: true }, { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }, { dnsConfig: { searches: ['x.y'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }]) {
        pods.push({ metadata: { name: 'p', ...(namespace ? { namespace } : {}) }, spec: { containers: [], ...spec } } as Pod);
      }
    }
    for (let round = 0; round < 2; round++) {
      for (const pod of pods) {
        const a = kept(pod);
        expect(a).toEqual(plain(pod));
        if (a) expect(resolvConfText(a)).toBe(resolvConfText({ servers: [...a.servers], searches: [...a.searches], options: [...a.options] }));
      }
    }
    const plainPod = pods[0] as Pod;
    expect(kept(plainPod)).toBe(kept({ ...plainPod, metadata: { name: 'other' } }));
    expect(Object.isFrozen(kept(plainPod))).toBe(true);
  });
});
