import { describe, expect, it } from 'vitest';
import { bootedCluster, Cluster } from '../../../sim/cluster';
import { Shell } from '../../shell';

function run(line: string) {
  const shell = new Shell(new Cluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(line);
  if (outcome.kind !== 'ran') throw new Error(`not run: ${outcome.kind}`);
  return outcome.entries[0];
}

describe('kubectl commands', () => {
  it("says a real kubectl command the simulator lacks is not simulated yet, and why, but an unknown one is kubectl's unknown command", () => {
    expect(run('kubectl attach web')).toMatchObject({
      exitCode: 1,
      stderr: 'error: "kubectl attach" is not simulated yet: the apiserver does not open streams to the kubelets yet (only logs and one-shot exec are served)\n',
    });
    expect(run('kubectl top nodes')).toMatchObject({ exitCode: 1, stderr: 'error: "kubectl top" is not simulated yet: this cluster has no metrics-server\n' });
    expect(run('kubectl frobnicate')).toMatchObject({ exitCode: 1, stderr: 'error: unknown command "frobnicate" for "kubectl"\n' });
  });

  it('lists both kinds in its help', () => {
    const help = run('kubectl help')?.stdout ?? '';
    expect(help).toMatch(/Commands in the simulator: .*\bcordon\b.*\blogs\b.*\buncordon\b/);
    expect(help).toMatch(/Commands in the simulator: .*\bexec\b/);
    expect(help).toMatch(/Not simulated yet: .*\battach\b.*\btop\b/);
  });

  it('creates a pod right after its namespace: ServiceAccount admission looks the default account up live when its cache has not seen it', () => {
    const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
    const outcome = shell.run('kubectl create namespace x\nkubectl run p --image=nginx -n x\nkubectl get pod p -n x -o jsonpath={.spec.serviceAccountName}');
    if (outcome.kind !== 'ran') throw new Error(outcome.kind);
    expect(outcome.entries.map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [0, 'namespace/x created\n', ''],
      [0, 'pod/p created\n', ''],
      [0, 'default', ''],
    ]);
  });

  it('still refuses a pod whose account does not exist, after the live lookup', () => {
    const created = new Shell(bootedCluster({ seed: 1 }), { interactive: false }).run(`kubectl create -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  serviceAccountName: nobody
  containers:
  - name: a
    image: nginx
EOF`);
    if (created.kind !== 'ran') throw new Error(created.kind);
    expect(created.entries[0]).toMatchObject({ exitCode: 1, stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: error looking up service account default/nobody: serviceaccount "nobody" not found\n' });
  });
});
