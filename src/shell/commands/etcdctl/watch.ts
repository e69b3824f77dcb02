/**
 * `etcdctl watch` (ctlv3/command/watch_command.go). The real one streams until interrupted; this
 * shell is not interactive, so it opens the watch, waits the moment etcd takes to deliver
 * (advancing the simulated clock by that much), prints what arrived — the replay from --rev,
 * or nothing for a watch from now — and returns. A watch from a compacted revision ends as
 * etcdctl ends it: "watch was canceled (...)", then "Error: watch is canceled by the server".
 */
import { ErrorMessages, prefixRange, type WatchResponse } from '../../../sim/etcd';
import { call, unsupported, type CommandDef } from './ctl';
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
    ctl.engine.runFor(ctl.etcd.watchDeliveryDelayMs);
    watcher.cancel();
    for (const resp of responses) {
      if (resp.canceled) ctl.out.eprintln(`watch was canceled (${watchError(resp)})`);
      if (resp.events.length === 0 && !resp.canceled && resp.header.revision !== 0) ctl.out.println(`progress notify: ${resp.header.revision}`);
      if (ctl.writeOut === 'json') printJson(ctl.out, json.watch(resp));
      else simple.watch(ctl.out, { hex: ctl.hex, valueOnly: false }, resp);
      if (resp.canceled) throw new ExitError(ExitCode.Interrupted, 'watch is canceled by the server');
    }
  },
};
