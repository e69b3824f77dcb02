/**
 * `etcdctl compaction`, `endpoint status` and `version` (compaction_command.go, ep_command.go,
 * version_command.go). compaction prints its line whatever -w says, as etcdctl does.
 */
import { ETCD_VERSION } from '../../../sim/etcd';
import { call, unsupported, type CommandDef } from './ctl';
import { ExitCode, ExitError, exitWithError } from './exit';
import { humanizeBytes, omit, parseInt64, type JsonValue } from './go';
import { headerJson, printJson } from './printers';

export const compaction: CommandDef = {
  name: 'compaction',
  aliases: ['compact'],
  use: 'compaction [options] <revision>',
  short: 'Compacts the event history in etcd',
  flags: [{ name: 'physical', type: 'bool', usage: 'true to wait for compaction to physically remove all old revisions' }],
  run(ctl, args) {
    if (args.length !== 1) exitWithError(ExitCode.BadArgs, 'compaction command needs 1 argument');
    const rev = parseInt64(args[0] as string, 10);
    if (!rev.ok) throw new ExitError(ExitCode.Error, rev.error);
    call(() => ctl.etcd.compact(Number(rev.value)));
    ctl.out.println(`compacted revision ${rev.value}`);
  },
};

const HEADER = ['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'];

/** olekukonko/tablewriter as etcdctl uses it: upper-case centred headers, right-aligned cells. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const centre = (s: string, w: number) => {
    const gap = w - s.length;
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  };
  const out = [line, `|${header.map((h, i) => ` ${centre(h.toUpperCase(), widths[i] as number)} `).join('|')}|`, line];
  for (const r of rows) out.push(`|${r.map((c, i) => ` ${c.padStart(widths[i] as number)} `).join('|')}|`);
  out.push(line);
  return out.join('\n');
}

const status: CommandDef = {
  name: 'status',
  use: 'status',
  short: 'Prints out the status of endpoints specified in `--endpoints` flag',
  flags: [{ name: 'cluster', type: 'bool', usage: 'use all endpoints from the cluster member list' }],
  run(ctl) {
    const s = call(() => ctl.etcd.status());
    const rows = ctl.endpoints.map((ep) => [
      ep,
      s.header.memberId.toString(16),
      s.version,
      humanizeBytes(s.dbSize),
      String(s.leader === s.header.memberId),
      String(s.isLearner),
      String(s.raftTerm),
      String(s.raftIndex),
      String(s.raftAppliedIndex),
      s.errors.join(', '),
    ]);
    if (ctl.writeOut === 'simple') for (const r of rows) ctl.out.println(r.join(', '));
    else if (ctl.writeOut === 'table') ctl.out.println(table(HEADER, rows));
    else if (ctl.writeOut === 'json') {
      const statusJson: JsonValue = {
        header: headerJson(s.header),
        version: omit(s.version),
        dbSize: omit(s.dbSize),
        leader: omit(s.leader),
        raftIndex: omit(s.raftIndex),
        raftTerm: omit(s.raftTerm),
        raftAppliedIndex: omit(s.raftAppliedIndex),
        errors: omit(s.errors),
        dbSizeInUse: omit(s.dbSizeInUse),
        isLearner: omit(s.isLearner),
      };
      printJson(ctl.out, ctl.endpoints.map((ep) => ({ Endpoint: ep, Status: statusJson })));
    } else unsupported(ctl);
  },
};

export const endpoint: CommandDef = {
  name: 'endpoint',
  use: 'endpoint <subcommand>',
  short: 'Endpoint related commands',
  flags: [],
  sub: [status],
};

export const version: CommandDef = {
  name: 'version',
  use: 'version',
  short: 'Prints the version of etcdctl',
  flags: [],
  run(ctl) {
    ctl.out.println(`etcdctl version: ${ETCD_VERSION}`);
    ctl.out.println(`API version: ${ETCD_VERSION.split('.').slice(0, 2).join('.')}`);
  },
};
