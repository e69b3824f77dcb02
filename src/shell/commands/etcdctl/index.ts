/**
 * `etcdctl`: etcd's v3 command-line client, talking to the cluster's etcd member through its API
 * only. Behaves as etcdctl 3.4 does: the same commands, flags, output formats (-w simple, json,
 * fields, table), messages and exit codes (cobrautl: 1 for errors from etcd, 128 for bad
 * arguments, 3 for bad txn input, 4 for unsupported formats, 5 for a cancelled watch).
 *
 * Simulated: put, get, del, txn, compaction (alias compact), watch, lease grant | revoke |
 * timetolive | list | keep-alive, endpoint status, version. Global TLS and endpoint flags are
 * accepted and ignored (there is one member); --endpoints only names the endpoint column.
 */
import { DEFAULT_ENDPOINT } from '../../../sim/etcd';
import type { EtcdClient, ProcessClock } from '../../host/host';
import type { Command, CommandResult } from '../../types';
import type { CommandDef, Ctl, WriteOut } from './ctl';
import { ExitCode, ExitError, Output } from './exit';
import { flagBool, flagString, parseFlags, takesValue, type FlagSpec } from './flags';
import { commandHelp, rootHelp } from './help';
import { del, get, put } from './kv';
import { lease } from './lease';
import { compaction, endpoint, version } from './maintenance';
import { txn } from './txn';
import { watch } from './watch';

const COMMANDS: readonly CommandDef[] = [compaction, del, endpoint, get, lease, put, txn, version, watch];
const FORMATS: readonly string[] = ['simple', 'json', 'fields', 'table', 'protobuf'];

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** cobra's "unknown command" error with its "Did you mean this?" suggestions. */
function unknownCommand(name: string): ExitError {
  const names = [...COMMANDS.map((c) => c.name), 'help'];
  const near = names.filter((n) => levenshtein(n, name) <= 2 || n.startsWith(name.toLowerCase())).sort();
  const suggest = near.length ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : '';
  return new ExitError(ExitCode.Error, `Error: unknown command "${name}" for "etcdctl"${suggest}\nRun 'etcdctl --help' for usage.`, true);
}

/** Split argv into the command path (get, lease grant...) and everything else. */
function findCommand(argv: readonly string[]): { path: CommandDef[]; rest: string[]; unknown?: string } {
  const allFlags: FlagSpec[] = COMMANDS.flatMap((c) => [...c.flags, ...(c.sub ?? []).flatMap((s) => s.flags)]);
  const path: CommandDef[] = [];
  const rest: string[] = [];
  let level: readonly CommandDef[] | undefined = COMMANDS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      rest.push(a);
      if (takesValue(a, allFlags) && i + 1 < argv.length) rest.push(argv[++i] as string);
      continue;
    }
    if (level !== undefined) {
      const def: CommandDef | undefined = level.find((c) => c.name === a || (c.aliases ?? []).includes(a));
      if (def !== undefined) {
        path.push(def);
        level = def.sub;
        continue;
      }
      if (path.length === 0) return { path, rest, unknown: a };
      // A parent command (lease, endpoint) with an unknown word: cobra shows its help.
      level = undefined;
    }
    rest.push(a);
  }
  return { path, rest };
}

function run(argv: readonly string[], stdin: string, etcd: EtcdClient, clock: ProcessClock, out: Output, exec: Ctl['exec']): number {
  const found = findCommand(argv);
  if (found.unknown !== undefined && found.unknown !== 'help') throw unknownCommand(found.unknown);
  const def = found.path[found.path.length - 1];
  const flags = parseFlags(found.rest, def?.flags ?? []);
  if (def === undefined) {
    out.stdout += rootHelp(COMMANDS);
    return ExitCode.Success;
  }
  const pathText = found.path.map((d) => d.name).join(' ');
  if (flagBool(flags, 'help') || def.run === undefined) {
    out.stdout += commandHelp(def, pathText);
    return ExitCode.Success;
  }
  const writeOut = flagString(flags, 'write-out', 'simple');
  if (!FORMATS.includes(writeOut)) throw new ExitError(ExitCode.BadFeature, 'unsupported output format');
  const endpoints = flagString(flags, 'endpoints', DEFAULT_ENDPOINT).split(',').filter((e) => e !== '');
  const ctl: Ctl = {
    etcd,
    clock,
    stdin,
    out,
    writeOut: writeOut as WriteOut,
    hex: flagBool(flags, 'hex'),
    endpoints: endpoints.length ? endpoints : [DEFAULT_ENDPOINT],
    rawArgs: argv,
    exec,
  };
  def.run(ctl, flags.args, flags);
  return ExitCode.Success;
}

export const etcdctl: Command = (ctx): CommandResult => {
  const out = new Output();
  let exitCode: number;
  try {
    // Only the operator's machine reaches etcd's client port; elsewhere the dial times out.
    if (ctx.host.kind !== 'operator') throw new ExitError(ExitCode.Error, 'context deadline exceeded');
    exitCode = run(ctx.argv.slice(1), ctx.stdin, ctx.host.etcd, ctx.clock, out, ctx.exec);
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    out.eprintln(error.raw ? error.message : `Error: ${error.message}`);
    exitCode = error.code;
  }
  return { exitCode, stdout: out.stdout, stderr: out.stderr };
};
