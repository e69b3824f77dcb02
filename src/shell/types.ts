/**
 * What a shell command is: a function of its arguments, its standard input and the host it runs
 * on (the operator's machine or a node, with the clients that machine has), returning what it
 * printed and its exit code. The page's terminal and the headless runner (`npx kubearch run`)
 * both go through the same commands.
 */
import type { Host, ProcessClock } from './host/host';
import type { Simulator } from './host/simulator';
import type { ShellSession } from './session';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /**
   * How many leading characters of stderr the command wrote before its stdout: kubectl prints
   * a warning as it arrives (`Warning: unknown field ...`), before `pod/x created`. The rest of
   * stderr comes after stdout. Absent: all of stderr comes after.
   */
  stderrLead?: number;
  /**
   * The order a long-running command (`kubectl drain`) wrote in, as runs of stdout and stderr
   * characters whose lengths add up to the two strings; when present it wins over stderrLead.
   */
  interleaved?: readonly OutputRun[];
}

export interface OutputRun {
  readonly stream: 'stdout' | 'stderr';
  readonly length: number;
}

/** `result` with `lines` written to stderr before its stdout (kubectl's warnings), ahead of what stderr had. */
export function withStderrFirst(result: CommandResult, lines: readonly string[]): CommandResult {
  if (lines.length === 0) return result;
  const text = lines.map((l) => `${l}\n`).join('');
  const interleaved = result.interleaved ? { interleaved: [{ stream: 'stderr' as const, length: text.length }, ...result.interleaved] } : {};
  return { ...result, stderr: `${text}${result.stderr}`, stderrLead: text.length + (result.stderrLead ?? 0), ...interleaved };
}

/** What the command wrote, in order: from `interleaved` when it has it, else stderr's lead, stdout, the rest of stderr. */
export function outputChunks(result: CommandResult): { stream: 'stdout' | 'stderr'; text: string }[] {
  if (!result.interleaved) {
    const { before, after } = stderrParts(result);
    return [
      { stream: 'stderr' as const, text: before },
      { stream: 'stdout' as const, text: result.stdout },
      { stream: 'stderr' as const, text: after },
    ].filter((c) => c.text);
  }
  const at = { stdout: 0, stderr: 0 };
  return result.interleaved.map(({ stream, length }) => {
    const text = result[stream].slice(at[stream], at[stream] + length);
    at[stream] += length;
    return { stream, text };
  });
}

/** stderr split into what was written before stdout and what after (see stderrLead). */
export function stderrParts(result: CommandResult): { before: string; after: string } {
  const lead = result.stderrLead ?? 0;
  return { before: result.stderr.slice(0, lead), after: result.stderr.slice(lead) };
}

export interface CommandContext {
  /** argv[0] is the command name, as typed. */
  readonly argv: readonly string[];
  /** Standard input: a here-document's body, or '' when none was given. */
  readonly stdin: string;
  /** The machine the command runs on, and through it the only clients it may use. */
  readonly host: Host;
  /** Simulated time, which a command blocks on (a reply, a sleep, a watch window). */
  readonly clock: ProcessClock;
  /** The simulator itself, for `kubearch` only: Kubernetes tools reach the cluster through their host's clients. */
  readonly simulator: Simulator;
  /** Where the command runs: the page's terminal can drive `-w` watches, the runner cannot. */
  readonly interactive: boolean;
  /** The terminal's session: what a command leaves in the foreground, the kubeconfig it logged in with. */
  readonly session: ShellSession;
  /** Reads a file named on the command line (`kubectl apply -f pod.yaml`); the page has no files. */
  readonly readFile: ((path: string) => string) | undefined;
  /** The names in a directory named on the command line, or undefined when the path is not one. */
  readonly readDir?: ((path: string) => readonly string[] | undefined) | undefined;
  /**
   * The command's environment: empty for what the learner types (the shell keeps no variables),
   * set by a command that runs another, as `etcdctl watch KEY -- CMD` sets ETCD_WATCH_*.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Run another command of the shell (a child process) with an environment, on this command's
   * host or on `host` (`kubearch ssh`), looked up in that host's commands; exit 127 if there is none.
   */
  readonly exec?: (argv: readonly string[], env: Readonly<Record<string, string>>, host?: Host) => CommandResult;
}

export type Command = (ctx: CommandContext) => CommandResult;

export function ok(stdout = ''): CommandResult {
  return { exitCode: 0, stdout, stderr: '' };
}

export function fail(stderr: string, exitCode = 1): CommandResult {
  return { exitCode, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n` };
}
