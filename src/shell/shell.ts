/**
 * The command interpreter shared by the page's terminal and the headless runner: parse the
 * text, look each command up in the registry, run it against the cluster, and return what it
 * printed. An unknown command exits 127 with the shell's own message, as bash does.
 */
import type { Cluster } from '../sim/cluster';
import { parseScript, type ParsedCommand } from './parse';
import { commands as builtin } from './commands';
import type { Command, CommandResult } from './types';
import { ShellSession } from './session';

export interface TranscriptEntry extends CommandResult {
  /** The command as typed. */
  readonly command: string;
  readonly line: number;
}

export type ScriptOutcome =
  | { readonly kind: 'ran'; readonly entries: TranscriptEntry[] }
  | { readonly kind: 'incomplete'; readonly waitingFor: string }
  | { readonly kind: 'error'; readonly entry: TranscriptEntry };

export interface ShellOptions {
  readonly registry?: Readonly<Record<string, Command>>;
  readonly interactive?: boolean;
  readonly readFile?: (path: string) => string;
}

export class Shell {
  readonly session = new ShellSession();
  private readonly registry: Readonly<Record<string, Command>>;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: ShellOptions = {},
  ) {
    this.registry = options.registry ?? builtin;
  }

  /** Run every command of a script (or one typed line) in order. */
  run(text: string): ScriptOutcome {
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
    return { kind: 'ran', entries: parsed.commands.map((c) => ({ ...this.execute(c), command: commandText(c), line: c.line })) };
  }

  /** The names a completer can offer. */
  commandNames(): string[] {
    return Object.keys(this.registry).sort();
  }

  private execute(parsed: Pick<ParsedCommand, 'argv' | 'stdin'>, env: Readonly<Record<string, string>> = {}): CommandResult {
    const name = parsed.argv[0] ?? '';
    const command = Object.hasOwn(this.registry, name) ? this.registry[name] : undefined;
    if (!command) {
      return { exitCode: 127, stdout: '', stderr: `kubearch: ${name}: command not found (try 'help')\n` };
    }
    try {
      return command({
        argv: parsed.argv,
        stdin: parsed.stdin ?? '',
        cluster: this.cluster,
        interactive: this.options.interactive ?? false,
        session: this.session,
        readFile: this.options.readFile,
        env,
        exec: (argv, childEnv) => this.execute({ argv: [...argv], stdin: undefined }, childEnv),
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
