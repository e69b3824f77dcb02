/**
 * The command interpreter shared by the page's terminal and the headless runner: parse the
 * text, look each command up in its host's commands (the operator machine's, or a node's for
 * `kubearch ssh`), run it with that host, and return what it printed. An unknown command exits
 * 127 with the shell's own message, as bash does.
 */
import type { Cluster } from '../sim/cluster';
import { parseScript, type ParsedCommand } from './parse';
import { commands as builtin } from './commands';
import { nodeTools as builtinNodeTools } from './commands/node-tools';
import type { Host, OperatorHost, ProcessClock } from './host/host';
import { operatorHost, simulatorOf } from './host/machines';
import type { Simulator } from './host/simulator';
import type { Command, CommandResult } from './types';
import { ShellSession } from './session';
import { complete, type Completion } from './completion';

export interface TranscriptEntry extends CommandResult {
  /** The command as typed. */
  readonly command: string;
  readonly line: number;
}

export type ScriptOutcome =
  | { readonly kind: 'ran'; readonly entries: TranscriptEntry[] }
  | { readonly kind: 'incomplete'; readonly waitingFor: string }
  | { readonly kind: 'error'; readonly entry: TranscriptEntry };

import type { BreakpointHit } from '../sim/breakpoints/breakpoints';
import { formatHit } from './actions/breakpoint-text';

export interface ShellOptions {
  /** The operator machine's commands. */
  readonly registry?: Readonly<Record<string, Command>>;
  /** The commands on a node's PATH. */
  readonly nodeTools?: Readonly<Record<string, Command>>;
  readonly interactive?: boolean;
  readonly readFile?: (path: string) => string;
  /** The names in a directory, or undefined when the path is not one (`kubectl apply -f DIR`). */
  readonly readDir?: (path: string) => readonly string[] | undefined;
  /**
   * Told of breakpoint hits that happened while a command waited (kubectl waiting for its
   * reply runs the engine, and does not stop midway): the page pauses its play here.
   */
  readonly onBreakpointHits?: (hits: readonly BreakpointHit[]) => void;
}

export class Shell {
  readonly session = new ShellSession();
  /** The machine the shell's commands run on unless told otherwise. */
  readonly operator: OperatorHost;
  /** What `kubearch` drives; also where `kubearch ssh` finds a node's machine. */
  readonly simulator: Simulator;
  private readonly clock: ProcessClock;
  private readonly registry: Readonly<Record<string, Command>>;
  private readonly nodeTools: Readonly<Record<string, Command>>;

  constructor(
    cluster: Cluster,
    private readonly options: ShellOptions = {},
  ) {
    this.registry = options.registry ?? builtin;
    this.nodeTools = options.nodeTools ?? builtinNodeTools;
    this.operator = operatorHost(cluster, this.session.kubeconfig);
    this.simulator = simulatorOf(cluster);
    this.clock = cluster.engine;
  }

  /** Run every command of a script (or one typed line) in order, on `host` (the operator's machine by default). */
  run(text: string, host: Host = this.operator): ScriptOutcome {
    const parsed = parseScript(text);
    if (parsed.kind === 'incomplete') return parsed;
    if (parsed.kind === 'error') {
      const entry: TranscriptEntry = {
        command: (text.split('\n')[parsed.line - 1] ?? '').trim(),
        line: parsed.line,
        exitCode: 2,
        stdout: '',
        stderr: `kubearch: syntax error: ${parsed.message}\n`,
      };
      return { kind: 'error', entry };
    }
    return { kind: 'ran', entries: parsed.commands.map((c) => ({ ...this.withHits(this.execute(c, {}, host)), command: commandText(c), line: c.line })) };
  }

  /** A command's result with the breakpoints hit during it (and not reported by it) said after its output. */
  private withHits(result: CommandResult): CommandResult {
    const { breakpoints } = this.simulator;
    if (!breakpoints.hitPending) return result;
    const hits = breakpoints.takeHits();
    this.options.onBreakpointHits?.(hits);
    const lines = hits.map((h) => `kubearch: ${formatHit(h)} (during this command, which ran to its end)\n`).join('');
    return { ...result, stderr: `${result.stderr}${lines}` };
  }

  /** The names a completer can offer (the operator machine's commands). */
  commandNames(): string[] {
    return Object.keys(this.registry).sort();
  }

  /** Tab completion of a line typed on the operator machine (completion.ts); lists go through the apiserver. */
  complete(line: string): Completion {
    return complete(line, {
      commandNames: () => this.commandNames(),
      exec: (argv) => this.execute({ argv: [...argv], stdin: undefined }, {}, this.operator),
    });
  }

  private execute(parsed: Pick<ParsedCommand, 'argv' | 'stdin'>, env: Readonly<Record<string, string>>, host: Host): CommandResult {
    const name = parsed.argv[0] ?? '';
    const table = host.kind === 'operator' ? this.registry : this.nodeTools;
    const command = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!command) {
      // The page's shell points at `help`; a node's bash just says so.
      const stderr = host.kind === 'operator' ? `kubearch: ${name}: command not found (try 'help')\n` : `bash: ${name}: command not found\n`;
      return { exitCode: 127, stdout: '', stderr };
    }
    try {
      return command({
        argv: parsed.argv,
        stdin: parsed.stdin ?? '',
        host,
        clock: this.clock,
        simulator: this.simulator,
        interactive: this.options.interactive ?? false,
        session: this.session,
        readFile: this.options.readFile,
        readDir: this.options.readDir,
        env,
        exec: (argv, childEnv, childHost = host) => this.execute({ argv: [...argv], stdin: undefined }, childEnv, childHost),
      });
    } catch (error) {
      // A bug in a command must not take the shell down; say what broke, as a crash would.
      const message = error instanceof Error ? error.message : String(error);
      return { exitCode: 1, stdout: '', stderr: `${name}: internal error: ${message}\n` };
    }
  }
}

function commandText(c: ParsedCommand): string {
  return c.source;
}
