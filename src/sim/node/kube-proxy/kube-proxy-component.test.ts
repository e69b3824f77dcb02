/** kube-proxy restarted (its DaemonSet pod replaced): one new process, with the new config.conf. */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../testing/test-cluster';
import type { Component, ComponentContext } from '../../component';
import type { KubeProxyComponent } from './kube-proxy-component';
import { kubeadmKubeProxyConfigText } from './kube-proxy-configuration';

/** A cluster whose node-1 kube-proxy counts the informer factories it makes (two per process). */
function counted(): { cluster: Cluster; proxy: () => KubeProxyComponent; factories: () => number } {
  let factories = 0;
  const cluster = new Cluster({
    seed: 1,
    scheduler: false,
    components: (defaults) =>
      defaults.map((c): Component => {
        if (c.name !== 'kube-proxy/node-1') return c;
        const start = (ctx: ComponentContext) =>
          c.start(
            Object.assign(Object.create(ctx) as ComponentContext, {
              informersAs: (...args: Parameters<ComponentContext['informersAs']>) => {
                factories++;
                return ctx.informersAs(...args);
              },
            }),
          );
        return Object.assign(Object.create(c) as Component, { start });
      }),
  });
  const proxy = () => cluster.kubeProxies.find((p) => p.host === 'node-1') as KubeProxyComponent;
  return { cluster, proxy, factories: () => factories };
}

describe('restarting kube-proxy', () => {
  it('is refused before kubeadm has written its addon, as there is no process yet', () => {
    const { proxy } = counted();
    expect(proxy().restart(kubeadmKubeProxyConfigText())).toBe(false);
  });

  it('stops the old process and starts one new one, even when asked twice at once', () => {
    const { cluster, proxy, factories } = counted();
    cluster.engine.runUntil(2_000);
    const old = proxy().kubeProxy;
    expect(old?.initialized).toBe(true);
    expect(factories()).toBe(2);
    const ipvs = kubeadmKubeProxyConfigText().replace('mode: ""', 'mode: ipvs');
    expect(proxy().restart(ipvs)).toBe(true);
    expect(proxy().restart(ipvs)).toBe(true);
    expect(proxy().kubeProxy).toBeUndefined();
    cluster.engine.runFor(1_000);
    expect(factories()).toBe(4);
    expect(proxy().kubeProxy).not.toBe(old);
    expect(proxy().kubeProxy?.config.mode).toBe('ipvs');
    expect(proxy().netfilter.ipvs.services.size).toBeGreaterThan(0);
    expect([...proxy().netfilter.table('nat').chains.keys()].filter((c) => c.startsWith('KUBE-SVC-'))).toEqual([]);
  });
});
