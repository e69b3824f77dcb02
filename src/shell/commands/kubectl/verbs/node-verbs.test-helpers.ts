/**
 * Test helper for the node verbs (taint, cordon, drain): a booted cluster and its shell, and a
 * `sh` that runs one line and hands back what it printed (stdout and stderr in the order written).
 */
import { bootedCluster } from '../../../../sim/cluster';
import { Shell } from '../../../shell';
import { outputChunks } from '../../../types';

export interface Printed {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr as a terminal shows them. */
  readonly text: string;
}

export function nodeVerbsShell(options: { controllers?: readonly string[] } = {}) {
  const cluster = bootedCluster({ seed: 1, ...options });
  const shell = new Shell(cluster, { interactive: false });
  const sh = (line: string): Printed => {
    const ran = shell.run(line);
    if (ran.kind !== 'ran') throw new Error(`${line}: ${ran.kind}`);
    const entry = ran.entries.at(-1);
    if (!entry) throw new Error(`${line}: no output`);
    return { exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr, text: outputChunks(entry).map((c) => c.text).join('') };
  };
  return { cluster, sh };
}
