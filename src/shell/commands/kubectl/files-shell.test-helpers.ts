/**
 * A shell on a fresh cluster whose commands read the given files (`-f FILE`, `-f DIR`): the
 * tests of the verbs that take files play their lines through it.
 */
import { bootedCluster } from '../../../sim/cluster';
import { inMemoryFiles } from '../../in-memory-files';
import { Shell, type TranscriptEntry } from '../../shell';

/** Each line's transcript entry (a here-document is one line with its body). */
export function playWithFiles(files: Readonly<Record<string, string>>, ...lines: string[]): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false, ...inMemoryFiles(files) });
  const outcome = shell.run(lines.join('\n'));
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}
