/**
 * The headless runner: `kubearch run [--seed N] [--json] SCRIPT` plays a script of shell
 * commands against a fresh simulated cluster and prints a transcript. The same interpreter
 * serves the page's terminal, so a script behaves the same in both.
 *
 * Exit code: that of the last command, like `sh -e` would not (the script goes on after a
 * failing command, since labs show failures on purpose).
 */
import { bootedCluster } from '../sim/cluster';
import { Shell, type TranscriptEntry } from '../shell/shell';
import { outputChunks } from '../shell/types';

const USAGE = `Usage: kubearch run [--seed N] [--json] SCRIPT

Plays SCRIPT (a file of shell commands: kubectl ..., etcdctl ..., kubearch ..., sleep 30s,
# comments, here-documents) against a fresh simulated cluster and prints what each command printed.
Use - as SCRIPT to read it from standard input.

Options:
  --seed N   seed of the simulated cluster (default 1); the same seed gives the same run
  --json     print one JSON object per command: {"command","exitCode","stdout","stderr"}
`;

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** The names in a directory, or undefined when the path is not one. */
  readonly readDir?: (path: string) => readonly string[] | undefined;
}

export function main(argv: readonly string[], io: CliIO): number {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'run') {
    io.stderr(`kubearch: unknown command "${sub}"\n${USAGE}`);
    return 2;
  }
  let seed = 1;
  let json = false;
  let script: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg === '--seed' ? rest[++i] : arg.slice('--seed='.length);
      seed = Number(value);
      if (!Number.isSafeInteger(seed) || seed < 0) {
        io.stderr(`kubearch run: --seed takes a whole number >= 0, got '${value ?? ''}'\n`);
        return 2;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`kubearch run: unknown flag ${arg}\n${USAGE}`);
      return 2;
    } else if (script === undefined) script = arg;
    else {
      io.stderr(`kubearch run: one script at a time, got '${script}' and '${arg}'\n`);
      return 2;
    }
  }
  if (script === undefined) {
    io.stderr(`kubearch run: which script?\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(script === '-' ? '/dev/stdin' : script);
  } catch (error) {
    io.stderr(`kubearch run: cannot read ${script}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  const shell = new Shell(bootedCluster({ seed }), { readFile: io.readFile, ...(io.readDir ? { readDir: io.readDir } : {}) });
  const outcome = shell.run(text);
  if (outcome.kind === 'incomplete') {
    io.stderr(`kubearch run: ${script}: unexpected end of file (waiting for ${outcome.waitingFor})\n`);
    return 2;
  }
  const entries = outcome.kind === 'error' ? [outcome.entry] : outcome.entries;
  for (const entry of entries) print(entry, json, io);
  return entries.at(-1)?.exitCode ?? 0;
}

function print(entry: TranscriptEntry, json: boolean, io: CliIO): void {
  if (json) {
    io.stdout(`${JSON.stringify({ command: entry.command, exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr })}\n`);
    return;
  }
  io.stdout(`$ ${entry.command}\n`);
  const chunks = outputChunks(entry);
  chunks.forEach(({ stream, text }, i) => {
    // Output without a final newline (jsonpath, /healthz) still ends its line in the transcript.
    const last = stream === 'stdout' && !chunks.slice(i + 1).some((c) => c.stream === 'stdout');
    if (stream === 'stderr') io.stderr(text);
    else io.stdout(last && !text.endsWith('\n') ? `${text}\n` : text);
  });
  if (entry.exitCode !== 0) io.stdout(`[exit ${entry.exitCode}]\n`);
}
