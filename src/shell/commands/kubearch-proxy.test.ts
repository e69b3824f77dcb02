/** `kubearch proxy restart|mode`: kube-proxy re-reads its ConfigMap, and a new mode replaces the old one's rules. */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { Shell } from '../shell';
import { setMode } from '../actions/kube-proxy-actions';

function booted(): { cluster: Cluster; shell: Shell; run: (line: string) => { exitCode: number; stdout: string; stderr: string } } {
  const cluster = new Cluster({ seed: 1 });
  const shell = new Shell(cluster);
  const run = (line: string) => {
    const outcome = shell.run(line);
    if (outcome.kind !== 'ran') throw new Error(`not run: ${line}`);
    const entry = outcome.entries[0];
    if (!entry) throw new Error(`no output: ${line}`);
    return entry;
  };
  run('sleep 2s');
  return { cluster, shell, run };
}

const natChains = (cluster: Cluster, node: string) => [...(cluster.kubeProxies.find((p) => p.host === node)?.netfilter.table('nat').chains.keys() ?? [])];

describe('kubearch proxy', () => {
  it('switches every node to ipvs: the ConfigMap is patched, the KUBE-SVC chains go, the virtual servers come', () => {
    const { cluster, run } = booted();
    run('kubectl create service clusterip web --tcp=80:80 --clusterip=10.96.10.10');
    run('sleep 2s');
    expect(natChains(cluster, 'node-1').some((c) => c.startsWith('KUBE-SVC-'))).toBe(true);
    const switched = run('kubearch proxy mode ipvs');
    expect(switched.exitCode).toBe(0);
    expect(switched.stdout.split('\n')[0]).toBe('configmap/kube-proxy patched');
    expect(switched.stdout).toContain('kube-proxy/node-2 restarting: it re-reads config.conf from ConfigMap kube-system/kube-proxy, mode ipvs (was iptables: its iptables rules are cleaned up)');
    run('sleep 2s');
    expect(run("kubectl -n kube-system get configmap kube-proxy -o jsonpath='{.data.config\\.conf}'").stdout).toMatch(/^mode: ipvs$/m);
    for (const p of cluster.kubeProxies) expect(p.kubeProxy?.config.mode).toBe('ipvs');
    expect(natChains(cluster, 'node-1').some((c) => c.startsWith('KUBE-SVC-'))).toBe(false);
    expect(run('kubearch ssh node-1 -- ipvsadm -Ln').stdout).toContain('TCP  10.96.10.10:80 rr');
  });

  it('restarts one node only, in the mode the ConfigMap says', () => {
    const { cluster, run } = booted();
    const before = cluster.kubeProxies.map((p) => p.kubeProxy);
    const restarted = run('kubearch proxy restart node-2');
    expect(restarted).toMatchObject({ exitCode: 0, stdout: 'kube-proxy/node-2 restarting: it re-reads config.conf from ConfigMap kube-system/kube-proxy, mode iptables; its first sync is a full one\n', stderr: '' });
    run('sleep 1s');
    const after = cluster.kubeProxies.map((p) => p.kubeProxy);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.syncs[0]?.full).toBe(true);
  });

  it('refuses bad usage, an unknown mode and an unknown node', () => {
    const { run } = booted();
    expect(run('kubearch proxy')).toMatchObject({ exitCode: 1, stderr: 'kubearch proxy: usage: kubearch proxy restart [NODE] | kubearch proxy mode iptables|ipvs|userspace [NODE]\n' });
    expect(run('kubearch proxy reload')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('unknown action "reload"') });
    expect(run('kubearch proxy restart node-1 node-2')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('usage:') });
    expect(run('kubearch proxy mode')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('usage:') });
    expect(run('kubearch proxy mode nftables')).toMatchObject({ exitCode: 1, stderr: 'kubearch proxy mode: unknown mode "nftables" (modes: iptables, ipvs, userspace)\n' });
    expect(run('kubearch proxy restart node-9')).toMatchObject({ exitCode: 1, stderr: 'kubearch proxy restart: no kube-proxy on "node-9" (nodes: node-1, node-2, node-3)\n' });
    expect(run('kubearch proxy mode ipvs node-9')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('no kube-proxy on "node-9"') });
  });

  it('says kube-proxy will fail on a config it refuses, and it does not run', () => {
    const { cluster, run } = booted();
    run(`kubectl -n kube-system patch configmap kube-proxy --type merge -p '{"data":{"config.conf":"kind: KubeProxyConfiguration\\nmode: nftables\\n"}}'`);
    const restarted = run('kubearch proxy restart node-3');
    expect(restarted).toMatchObject({ exitCode: 1, stderr: 'kubearch proxy restart: kube-proxy will fail to start on node-3: KubeProxyConfiguration.Mode: Invalid value: "nftables": must be iptables, ipvs or nftables\n' });
    run('sleep 1s');
    const p = cluster.kubeProxies.find((c) => c.host === 'node-3');
    expect(p?.kubeProxy).toBeUndefined();
    expect(p?.failure).toContain('Invalid value: "nftables"');
  });

  it('cannot restart without the ConfigMap', () => {
    const { run } = booted();
    run('kubectl -n kube-system delete configmap kube-proxy');
    expect(run('kubearch proxy restart')).toMatchObject({ exitCode: 1, stderr: 'kubearch proxy restart: cannot read the kube-proxy ConfigMap: Error from server (NotFound): configmaps "kube-proxy" not found\n' });
    expect(run('kubearch proxy mode ipvs')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('cannot read the kube-proxy ConfigMap') });
  });
});

describe('setMode', () => {
  it("replaces kubeadm's top-level mode line, leaving nested keys alone", () => {
    expect(setMode('ipvs:\n  mode: x\nmode: ""\nkind: K\n', 'ipvs')).toBe('ipvs:\n  mode: x\nmode: ipvs\nkind: K\n');
  });
  it('adds one when there is none', () => {
    expect(setMode('kind: K', 'userspace')).toBe('kind: K\nmode: userspace\n');
    expect(setMode('kind: K\n', 'ipvs')).toBe('kind: K\nmode: ipvs\n');
  });
});
