/**
 * A command sees the machine it runs on: the same command table run on the operator's machine
 * and on node-2 prints differently, and a node cannot reach what only the operator's machine has
 * (a kubeconfig for the apiserver, a path to etcd's client port). Commands never get the Cluster.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../sim/cluster';
import { commands } from '../commands';
import { Shell, type ScriptOutcome } from '../shell';
import { ok, type Command, type CommandResult } from '../types';
import type { Host } from './host';

function only(outcome: ScriptOutcome): CommandResult {
  const entry = outcome.kind === 'ran' && outcome.entries.length === 1 ? outcome.entries[0] : undefined;
  if (!entry) throw new Error(`expected one command to run: ${JSON.stringify(outcome)}`);
  return { exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr };
}

function node(shell: Shell, name: string): Host {
  const host = shell.simulator.nodeHost(name);
  if (!host) throw new Error(`no node ${name}`);
  return host;
}

describe('a command runs with its host', () => {
  const whoami: Command = ({ host }) => ok(`${host.kind} ${host.name}${host.kind === 'node' ? ` as ${host.kubeletUser}` : ` kubeconfig ${host.kubeconfig.currentContext}`}\n`);

  it('the same command table prints differently on the operator machine and on node-2', () => {
    const table = { whoami };
    const shell = new Shell(bootedCluster({ seed: 1 }), { registry: table, nodeTools: table });
    expect(only(shell.run('whoami')).stdout).toBe('operator operator kubeconfig kubernetes-admin@kubearch\n');
    expect(only(shell.run('whoami', node(shell, 'node-2'))).stdout).toBe('node node-2 as system:node:node-2\n');
  });

  it('on a node, kubectl and etcdctl find no kubeconfig and no etcd, even when the node has them on its PATH', () => {
    const cluster = bootedCluster({ seed: 1 });
    const shell = new Shell(cluster, { nodeTools: commands });
    const kubectlRequests: string[] = [];
    cluster.apiserver.audit.observe((event) => {
      if (event.userAgent.startsWith('kubectl')) kubectlRequests.push(event.requestURI);
    });
    expect(only(shell.run('kubectl get pods', node(shell, 'node-2')))).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    });
    expect(only(shell.run('etcdctl get /registry --prefix --keys-only', node(shell, 'node-2')))).toEqual({ exitCode: 1, stdout: '', stderr: 'Error: context deadline exceeded\n' });
    expect(kubectlRequests).toEqual([]);
    // The operator's machine reaches both.
    expect(only(shell.run('kubectl get nodes -o name')).stdout).toBe('node/node-1\nnode/node-2\nnode/node-3\n');
    expect(kubectlRequests).toEqual(['/api/v1/nodes?limit=500']);
    expect(only(shell.run('etcdctl get /registry/namespaces/default --keys-only')).stdout).toBe('/registry/namespaces/default\n\n');
  });

  it('kubearch ssh runs its command from the node tools, with the node as host', () => {
    const shell = new Shell(bootedCluster({ seed: 1 }));
    expect(only(shell.run('kubearch ssh node-2 -- crictl version')).exitCode).toBe(0);
    expect(only(shell.run('kubearch ssh node-2 -- kubectl get pods'))).toEqual({ exitCode: 127, stdout: '', stderr: 'bash: kubectl: command not found\n' });
    expect(only(shell.run('crictl ps'))).toEqual({ exitCode: 127, stdout: '', stderr: "kubearch: crictl: command not found (try 'help')\n" });
  });

  it('no command imports the Cluster: they reach it through their host and, for kubearch, the simulator handle', () => {
    const dir = join(__dirname, '..', 'commands');
    const files = (function walk(d: string): string[] {
      return readdirSync(d).flatMap((f) => {
        const p = join(d, f);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('test-helpers.ts') ? [p] : [];
      });
    })(dir);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => /from '[./]*sim\/cluster'/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
