/**
 * `etcdctl lease grant|revoke|timetolive|list|keep-alive` (ctlv3/command/lease_command.go).
 * keep-alive sends one keep-alive and returns, with or without --once: this shell cannot stream.
 */
import { formatLeaseId, type LeaseID, type ResponseHeader } from '../../../sim/etcd';
import { call, unsupported, type CommandDef, type Ctl } from './ctl';
import { ExitCode, exitWithError } from './exit';
import { flagBool } from './flags';
import { base64, parseInt64, type JsonValue } from './go';
import { headerJson, printJson } from './printers';
import { parseLeaseId } from './kv';

/** leaseFromArgs. */
function leaseArg(arg: string): LeaseID {
  const r = parseLeaseId(arg);
  if (!r.ok) exitWithError(ExitCode.BadArgs, `bad lease ID arg (${r.error}), expecting ID in Hex`);
  return r.id;
}

/** The clientv3 lease responses embed *pb.ResponseHeader: its fields sit at the top level. */
function flatHeader(h: ResponseHeader): Record<string, JsonValue | undefined> {
  return headerJson(h) as Record<string, JsonValue | undefined>;
}

function jsonOrSimple(ctl: Ctl, simpleText: () => string, jsonValue: () => JsonValue): void {
  if (ctl.writeOut === 'simple') ctl.out.println(simpleText());
  else if (ctl.writeOut === 'json') printJson(ctl.out, jsonValue());
  else unsupported(ctl);
}

const grant: CommandDef = {
  name: 'grant',
  use: 'grant <ttl>',
  short: 'Creates leases',
  flags: [],
  run(ctl, args) {
    if (args.length !== 1) exitWithError(ExitCode.BadArgs, 'lease grant command needs TTL argument');
    const ttl = parseInt64(args[0] as string, 10);
    if (!ttl.ok) exitWithError(ExitCode.BadArgs, `bad TTL (${ttl.error})`);
    const resp = call(() => ctl.etcd.leaseGrant(Number(ttl.value)), ExitCode.Error, (m) => `failed to grant lease (${m})`);
    jsonOrSimple(
      ctl,
      () => `lease ${formatLeaseId(resp.id)} granted with TTL(${resp.ttl}s)`,
      () => ({ ...flatHeader(resp.header), ID: resp.id, TTL: resp.ttl, Error: resp.error }),
    );
  },
};

const revoke: CommandDef = {
  name: 'revoke',
  use: 'revoke <leaseID>',
  short: 'Revokes leases',
  flags: [],
  run(ctl, args) {
    if (args.length !== 1) exitWithError(ExitCode.BadArgs, 'lease revoke command needs 1 argument');
    const id = leaseArg(args[0] as string);
    const resp = call(() => ctl.etcd.leaseRevoke(id), ExitCode.Error, (m) => `failed to revoke lease (${m})`);
    jsonOrSimple(ctl, () => `lease ${formatLeaseId(id)} revoked`, () => ({ header: headerJson(resp.header) }));
  },
};

const timetolive: CommandDef = {
  name: 'timetolive',
  use: 'timetolive <leaseID> [options]',
  short: 'Get lease information',
  flags: [{ name: 'keys', type: 'bool', usage: 'Get keys attached to this lease' }],
  run(ctl, args, f) {
    if (args.length !== 1) exitWithError(ExitCode.BadArgs, 'lease timetolive command needs lease ID as argument');
    const keys = flagBool(f, 'keys');
    const resp = call(() => ctl.etcd.leaseTimeToLive(leaseArg(args[0] as string), { keys }), ExitCode.BadConnection);
    jsonOrSimple(
      ctl,
      () => {
        if (resp.grantedTtl === 0 && resp.ttl === -1) return `lease ${formatLeaseId(resp.id)} already expired`;
        const text = `lease ${formatLeaseId(resp.id)} granted with TTL(${resp.grantedTtl}s), remaining(${resp.ttl}s)`;
        return keys ? `${text}, attached keys([${resp.keys.join(' ')}])` : text;
      },
      () => ({ ...flatHeader(resp.header), id: resp.id, ttl: resp.ttl, 'granted-ttl': resp.grantedTtl, keys: keys && resp.keys.length ? resp.keys.map(base64) : null }),
    );
  },
};

const list: CommandDef = {
  name: 'list',
  use: 'list',
  short: 'List all active leases',
  flags: [],
  run(ctl) {
    const resp = call(() => ctl.etcd.leaseLeases(), ExitCode.BadConnection);
    jsonOrSimple(
      ctl,
      () => [`found ${resp.leases.length} leases`, ...resp.leases.map(formatLeaseId)].join('\n'),
      () => ({ ...flatHeader(resp.header), leases: resp.leases.map((id) => ({ id })) }),
    );
  },
};

const keepAlive: CommandDef = {
  name: 'keep-alive',
  use: 'keep-alive [options] <leaseID>',
  short: 'Keeps leases alive (renew)',
  flags: [{ name: 'once', type: 'bool', usage: 'Resets the keep-alive time to its original value and exits immediately' }],
  run(ctl, args, f) {
    if (args.length !== 1) exitWithError(ExitCode.BadArgs, 'lease keep-alive command needs lease ID as argument');
    const id = leaseArg(args[0] as string);
    if (!flagBool(f, 'once') && ctl.etcd.leaseTimeToLive(id).ttl === -1) {
      // The keep-alive stream closes at once for a lease that is gone.
      if (ctl.writeOut === 'simple') ctl.out.println(`lease ${formatLeaseId(id)} expired or revoked.`);
      return;
    }
    const resp = call(() => ctl.etcd.leaseKeepAlive(id), ExitCode.BadConnection);
    jsonOrSimple(
      ctl,
      () => `lease ${formatLeaseId(resp.id)} keepalived with TTL(${resp.ttl})`,
      () => ({ ...flatHeader(resp.header), ID: resp.id, TTL: resp.ttl }),
    );
  },
};

export const lease: CommandDef = {
  name: 'lease',
  use: 'lease <subcommand>',
  short: 'Lease related commands',
  flags: [],
  sub: [grant, keepAlive, list, revoke, timetolive],
};
