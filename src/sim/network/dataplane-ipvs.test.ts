import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { Engine } from '../engine';
import { KubeProxyRules } from '../node/kube-proxy/kube-proxy-rules';
import { makeSlice } from '../node/kube-proxy/test-vectors';
import type { PodSandboxStatus } from '../node/runtime/cri';
import { Dataplane, type DataplaneNode } from './dataplane';

/** Two nodes whose kube-proxy runs in ipvs mode, each with one pod serving :8080 that answers its IP. */
function ipvsNodes(): DataplaneNode[] {
  const service: Service = { metadata: { namespace: 'default', name: 'web' }, spec: { clusterIP: '10.96.100.10', ports: [{ name: 'http', port: 80 }] } };
  const slice = makeSlice('default', 'web', 'http', 'TCP', 8080, [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }]);
  return [1, 2].map((n) => {
    const nodeIP = `10.0.0.1${n}`;
    const proxy = new KubeProxyRules({ nodeName: `node-${n}`, nodeIP, clusterCIDR: '10.244.0.0/16' }, 'ipvs');
    proxy.sync([service], [slice]);
    const ip = n === 1 ? '10.244.1.5' : '10.244.2.7';
    const sandbox: PodSandboxStatus = { id: `s${n}`, metadata: { name: `web-${n}`, namespace: 'default', uid: `u${n}`, attempt: 0 }, state: 'SANDBOX_READY', createdAt: 0, ip, labels: {}, runtimeHandler: '' };
    return {
      name: `node-${n}`,
      nodeIP,
      podCIDR: `10.244.${n}.0/24`,
      netfilter: proxy.netfilter,
      pods: { listPodSandbox: () => [sandbox], tcpConnect: (a: string, port: number) => a === ip && port === 8080, httpGet: (a: string) => ({ status: 200, body: a }) },
    };
  });
}

describe('Dataplane through IPVS', () => {
  it('sends successive connections round-robin to the real servers, across nodes', () => {
    const nodes = ipvsNodes();
    const engine = new Engine({ seed: 1 });
    const dataplane = new Dataplane(() => nodes, engine.rng, () => engine.now());
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = dataplane.connect({ node: 'node-1', podIP: '10.244.1.9' }, '10.96.100.10', 80, '/');
      expect(d.outcome).toBe('connected');
      if (d.outcome === 'connected') answers.push(`${d.endpoint.node} ${d.response?.body ?? ''}`);
      expect(d.hops[0]?.walk.steps.some((s) => s.table === 'ipvs' && s.action === 'ipvs')).toBe(true);
    }
    expect(new Set(answers)).toEqual(new Set(['node-1 10.244.1.5', 'node-2 10.244.2.7']));
    expect(answers[0]).not.toBe(answers[1]);
    expect(answers[0]).toBe(answers[2]);
  });
});
