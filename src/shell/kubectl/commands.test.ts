import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { Shell } from '../shell';

function run(line: string) {
  const shell = new Shell(new Cluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(line);
  if (outcome.kind !== 'ran') throw new Error(`not run: ${outcome.kind}`);
  return outcome.entries[0];
}

describe('kubectl commands', () => {
  it("says a real kubectl command the simulator lacks is not simulated yet, and why, but an unknown one is kubectl's unknown command", () => {
    expect(run('kubectl logs web')).toMatchObject({
      exitCode: 1,
      stderr: 'error: "kubectl logs" is not simulated yet: no container runtime runs containers in this cluster yet (greyed in the topology)\n',
    });
    expect(run('kubectl top nodes')).toMatchObject({ exitCode: 1, stderr: 'error: "kubectl top" is not simulated yet: this cluster has no metrics-server\n' });
    expect(run('kubectl frobnicate')).toMatchObject({ exitCode: 1, stderr: 'error: unknown command "frobnicate" for "kubectl"\n' });
  });

  it('lists both kinds in its help', () => {
    const help = run('kubectl help')?.stdout ?? '';
    expect(help).toMatch(/Commands in the simulator: .*\bcordon\b.*\buncordon\b/);
    expect(help).toMatch(/Not simulated yet: .*\blogs\b.*\btop\b/);
  });
});
