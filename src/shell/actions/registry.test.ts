import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { Shell } from '../shell';
import { actions } from './registry';

describe('the action registry in the headless runner', () => {
  it('has no clock driver: play, pause, speed and reset say they cannot, and step works', () => {
    const shell = new Shell(new Cluster({ seed: 1 }));
    for (const line of ['kubearch play', 'kubearch pause', 'kubearch speed 2', 'kubearch reset 3']) {
      const outcome = shell.run(line);
      expect(outcome).toMatchObject({ kind: 'ran', entries: [{ exitCode: 1, stdout: '' }] });
      expect(outcome.kind === 'ran' && outcome.entries[0]?.stderr).toMatch(/^kubearch \w+: \w+ needs the page's clock: the headless runner has no wall clock/);
    }
    expect(shell.run('kubearch step 2')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0, stdout: expect.stringMatching(/^\S+ {2}.+\n\S+ {2}.+\n$/) }] });
  });

  it('lists every action under its own name', () => {
    for (const [key, definition] of Object.entries(actions)) expect(definition.name).toBe(key);
  });

  it('refuses an unknown admission plugin and an unknown node, naming the ones there are', () => {
    const shell = new Shell(new Cluster({ seed: 1 }));
    expect(shell.run('kubearch admission disable NoSuchPlugin')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 1, stderr: expect.stringMatching(/^kubearch admission: unknown admission plugin "NoSuchPlugin" \(plugins: .+\)\n$/) }] });
    expect(shell.run('kubearch node heal node-9')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 1, stderr: 'kubearch node: no node "node-9" in this cluster (nodes: node-1, node-2, node-3)\n' }] });
  });
});
