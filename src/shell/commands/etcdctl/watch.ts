/**
 * `etcdctl watch` (ctlv3/command/watch_command.go). The real one streams until interrupted; this
 * shell is not interactive, so it opens the watch, waits the moment etcd takes to deliver
 * (advancing the simulated clock by that much), prints what arrived — the replay from --rev,
 * or nothing for a watch from now — and returns. A watch from a compacted revision ends as
 * etcdctl ends it: "watch was canceled (...)", then "Error: watch is canceled by the server".
 * `watch KEY [RANGE_END] [--rev N] -- COMMAND [ARGS]` (parseWatchArgs): the words after `--` are a
 * command run once per event, after the event is printed, with ETCD_WATCH_REVISION,
 * ETCD_WATCH_EVENT_TYPE, ETCD_WATCH_KEY and ETCD_WATCH_VALUE set (Go's %d and %q); its output is
 * etcdctl's. A command that fails ends etcdctl: `command ["x"] error (...)`, exit 1.
 * ETCDCTL_WATCH_KEY / ETCDCTL_WATCH_RANGE_END are not read: the shell keeps no environment.
 */
import { ErrorMessages, prefixRange, type WatchResponse } from '../../../sim/etcd';
import { call, unsupported, type CommandDef, type Ctl } from './ctl';
import { ExitCode, ExitError, exitWithError } from './exit';
import { flagBool, flagInt, type FlagSpec } from './flags';
import { json, printJson, simple } from './printers';

const WATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'interactive', short: 'i', type: 'bool', usage: 'Interactive mode' },
  { name: 'prefix', type: 'bool', usage: 'Watch on a prefix if prefix is set' },
  { name: 'prev-kv', type: 'bool', usage: 'get the previous key-value pair before the event happens' },
  { name: 'progress-notify', type: 'bool', usage: 'get periodic watch progress notification from server' },
  { name: 'rev', type: 'int', def: '0', usage: 'Revision to start watching' },
];

/**
 * parseWatchArgs (non-interactive): cobra hands the command every word but `--`, so the words after
 * it are cut off the watch's arguments and become the command to run.
 */
function parseWatchArgs(rawArgs: readonly string[], commandArgs: readonly string[]): { watchArgs: string[]; execArgs: string[] } {
  const watchAt = rawArgs.indexOf('watch');
  const raw = watchAt < 0 ? rawArgs : rawArgs.slice(watchAt + 1);
  const sep = raw.indexOf('--');
  if (sep < 0) return { watchArgs: [...commandArgs], execArgs: [] };
  if (sep === raw.length - 1) exitWithError(ExitCode.BadArgs, 'bad number of arguments (found separator --, but no commands)');
  const execArgs = raw.slice(sep + 1);
  let end = commandArgs.length - 1;
  for (; end >= 0; end--) if (commandArgs[end] === execArgs[0]) break;
  return { watchArgs: commandArgs.slice(0, Math.max(end, 0)), execArgs };
}

/** Go's %q of a string or []byte: a double-quoted Go string literal. */
function goQuote(text: string): string {
  return JSON.stringify(text).replace(/\\u007f/g, '\\x7f');
}

/** printWatchCh's exec: one run per event, its environment the event's. */
function runForEvent(ctl: Ctl, execArgs: readonly string[], revision: number, ev: WatchResponse['events'][number]): void {
  const env = {
    ETCD_WATCH_REVISION: String(revision),
    ETCD_WATCH_EVENT_TYPE: goQuote(ev.type === 'DELETE' ? 'DELETE' : 'PUT'),
    ETCD_WATCH_KEY: goQuote(ev.kv.key),
    ETCD_WATCH_VALUE: goQuote(ev.kv.value),
  };
  const result = ctl.exec ? ctl.exec(execArgs, env) : { exitCode: 127, stdout: '', stderr: '' };
  // 127: nothing to run, so nothing it printed (the shell's own "command not found" is not exec's).
  if (result.exitCode !== 127) {
    ctl.out.stdout += result.stdout;
    ctl.out.stderr += result.stderr;
  }
  if (result.exitCode === 0) return;
  const why = result.exitCode === 127 ? `exec: ${goQuote(execArgs[0] ?? '')}: executable file not found in $PATH` : `exit status ${result.exitCode}`;
  throw new ExitError(ExitCode.Error, `command [${execArgs.map(goQuote).join(' ')}] error (${why})`, true);
}

/** clientv3.WatchResponse.Err(). */
function watchError(resp: WatchResponse): string {
  if (resp.compactRevision !== 0) return ErrorMessages.compacted;
  return resp.cancelReason || 'etcdserver: watch canceled';
}

export const watch: CommandDef = {
  name: 'watch',
  use: 'watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]',
  short: 'Watches events stream on keys or prefixes',
  flags: WATCH_FLAGS,
  run(ctl, args, f) {
    if (flagBool(f, 'interactive')) exitWithError(ExitCode.BadFeature, 'interactive watch is not simulated in this shell');
    const { watchArgs, execArgs } = parseWatchArgs(ctl.rawArgs, args);
    args = watchArgs;
    if (args.length < 1) exitWithError(ExitCode.BadArgs, 'bad number of arguments');
    if (ctl.writeOut !== 'simple' && ctl.writeOut !== 'json') unsupported(ctl);
    const prefix = flagBool(f, 'prefix');
    if (args.length === 2 && prefix) exitWithError(ExitCode.BadArgs, '`range_end` and `--prefix` are mutually exclusive');
    let key = args[0] as string;
    let rangeEnd = args.length >= 2 ? (args[1] as string) : undefined;
    if (prefix) ({ key, rangeEnd } = prefixRange(key));
    const responses: WatchResponse[] = [];
    const watcher = call(() =>
      ctl.etcd.watch(
        {
          key,
          ...(rangeEnd !== undefined ? { rangeEnd } : {}),
          startRevision: flagInt(f, 'rev'),
          prevKv: flagBool(f, 'prev-kv'),
          progressNotify: flagBool(f, 'progress-notify'),
        },
        (resp) => responses.push(resp),
      ),
    );
    ctl.clock.runFor(ctl.etcd.watchDeliveryDelayMs);
    watcher.cancel();
    for (const resp of responses) {
      if (resp.canceled) ctl.out.eprintln(`watch was canceled (${watchError(resp)})`);
      if (resp.events.length === 0 && !resp.canceled && resp.header.revision !== 0) ctl.out.println(`progress notify: ${resp.header.revision}`);
      if (ctl.writeOut === 'json') printJson(ctl.out, json.watch(resp));
      else simple.watch(ctl.out, { hex: ctl.hex, valueOnly: false }, resp);
      if (resp.canceled) throw new ExitError(ExitCode.Interrupted, 'watch is canceled by the server');
      if (execArgs.length > 0) for (const ev of resp.events) runForEvent(ctl, execArgs, resp.header.revision, ev);
    }
  },
};
