/**
 * `etcdctl put`, `get` and `del` (ctlv3/command/put_command.go, get_command.go, del_command.go):
 * arguments to requests exactly as etcdctl 3.4 builds them (clientv3 OpOptions included), and
 * their output in each format. txn reuses the request builders for its operation lines.
 */
import { FROM_KEY, NO_LEASE, prefixRange, type DeleteRangeRequest, type PutRequest, type RangeRequest, type SortOrder, type SortTarget } from '../../../sim/etcd';
import { call, unsupported, type CommandDef, type Ctl } from './ctl';
import { ExitCode, exitWithError } from './exit';
import { flagBool, flagInt, flagString, type FlagSpec, type ParsedFlags } from './flags';
import { parseInt64 } from './go';
import { fields, json, printJson, simple } from './printers';

export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'consistency', type: 'string', def: '"l"', usage: 'Linearizable(l) or Serializable(s)' },
  { name: 'count-only', type: 'bool', usage: 'Get only the count' },
  { name: 'from-key', type: 'bool', usage: 'Get keys that are greater than or equal to the given key using byte compare' },
  { name: 'keys-only', type: 'bool', usage: 'Get only the keys' },
  { name: 'limit', type: 'int', def: '0', usage: 'Maximum number of results' },
  { name: 'order', type: 'string', usage: 'Order of results; ASCEND or DESCEND (ASCEND by default)' },
  { name: 'prefix', type: 'bool', usage: 'Get keys with matching prefix' },
  { name: 'print-value-only', type: 'bool', usage: 'Only write values when using the "simple" output format' },
  { name: 'rev', type: 'int', def: '0', usage: 'Specify the kv revision' },
  { name: 'sort-by', type: 'string', usage: 'Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION' },
];

export const PUT_FLAGS: readonly FlagSpec[] = [
  { name: 'ignore-lease', type: 'bool', usage: 'updates the key using its current lease' },
  { name: 'ignore-value', type: 'bool', usage: 'updates the key using its current value' },
  { name: 'lease', type: 'string', def: '"0"', usage: 'lease ID (in hexadecimal) to attach to the key' },
  { name: 'prev-kv', type: 'bool', usage: 'return the previous key-value pair before modification' },
];

export const DEL_FLAGS: readonly FlagSpec[] = [
  { name: 'from-key', type: 'bool', usage: 'delete keys that are greater than or equal to the given key using byte compare' },
  { name: 'prefix', type: 'bool', usage: 'delete keys with matching prefix' },
  { name: 'prev-kv', type: 'bool', usage: 'return deleted key-value pairs' },
];

/** clientv3.WithPrefix / WithFromKey on the key as etcdctl passes them. */
function keyAndEnd(key: string, end: string | undefined, prefix: boolean, fromKey: boolean): { key: string; rangeEnd?: string } {
  if (prefix) return prefixRange(key);
  if (fromKey) return { key: key === '' ? FROM_KEY : key, rangeEnd: FROM_KEY };
  return end === undefined ? { key } : { key, rangeEnd: end };
}

/** getGetOp. */
export function getGetOp(args: readonly string[], f: ParsedFlags): RangeRequest {
  const prefix = flagBool(f, 'prefix');
  const fromKey = flagBool(f, 'from-key');
  if (args.length === 0) exitWithError(ExitCode.BadArgs, 'get command needs one argument as key and an optional argument as range_end');
  if (prefix && fromKey) exitWithError(ExitCode.BadArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  if (flagBool(f, 'keys-only') && flagBool(f, 'count-only')) exitWithError(ExitCode.BadArgs, '`--keys-only` and `--count-only` cannot be set at the same time, choose one');
  const consistency = flagString(f, 'consistency', 'l');
  if (consistency !== 'l' && consistency !== 's') exitWithError(ExitCode.BadFeature, `unknown consistency flag "${consistency}"`);
  if (args.length > 1 && (prefix || fromKey)) exitWithError(ExitCode.BadArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');

  const orderText = flagString(f, 'order').toUpperCase();
  let order: SortOrder = 'NONE';
  if (orderText === 'ASCEND' || orderText === 'DESCEND') order = orderText;
  else if (orderText !== '') exitWithError(ExitCode.BadFeature, `bad sort order ${flagString(f, 'order')}`);
  const targets: Record<string, SortTarget> = { CREATE: 'CREATE', KEY: 'KEY', MODIFY: 'MOD', VALUE: 'VALUE', VERSION: 'VERSION', '': 'KEY' };
  const target = targets[flagString(f, 'sort-by').toUpperCase()];
  if (target === undefined) exitWithError(ExitCode.BadFeature, `bad sort target ${flagString(f, 'sort-by')}`);
  // clientv3.WithSort: ascending by key is what the server does anyway.
  if (target === 'KEY' && order === 'ASCEND') order = 'NONE';

  const rev = flagInt(f, 'rev');
  return {
    ...keyAndEnd(args[0] as string, args[1], prefix, fromKey),
    limit: flagInt(f, 'limit'),
    ...(rev > 0 ? { revision: rev } : {}),
    sortOrder: order,
    sortTarget: target,
    keysOnly: flagBool(f, 'keys-only'),
    countOnly: flagBool(f, 'count-only'),
  };
}

/** A lease id argument: strconv.ParseInt(s, 16, 64). */
export function parseLeaseId(text: string): { ok: true; id: bigint } | { ok: false; error: string } {
  const r = parseInt64(text, 16);
  return r.ok ? { ok: true, id: r.value } : { ok: false, error: r.error };
}

/** getPutOp; the value may come from stdin when only the key is given. */
export function getPutOp(args: readonly string[], f: ParsedFlags, stdin: string): PutRequest {
  if (args.length === 0) exitWithError(ExitCode.BadArgs, 'put command needs 1 argument and input from stdin or 2 arguments');
  const ignoreValue = flagBool(f, 'ignore-value');
  if (ignoreValue && args.length > 1) exitWithError(ExitCode.BadArgs, "put command needs only 1 argument when 'ignore-value' is set");
  let value = '';
  if (!ignoreValue) {
    if (args.length > 1) value = args[1] as string;
    else if (stdin !== '') value = stdin;
    else exitWithError(ExitCode.BadArgs, 'put command needs 1 argument and input from stdin or 2 arguments');
  }
  const lease = parseLeaseId(flagString(f, 'lease', '0'));
  if (!lease.ok) exitWithError(ExitCode.BadArgs, `bad lease ID (${lease.error}), expecting ID in Hex`);
  return {
    key: args[0] as string,
    value,
    ...(lease.id !== NO_LEASE ? { lease: lease.id } : {}),
    prevKv: flagBool(f, 'prev-kv'),
    ignoreValue,
    ignoreLease: flagBool(f, 'ignore-lease'),
  };
}

/** getDelOp. */
export function getDelOp(args: readonly string[], f: ParsedFlags): DeleteRangeRequest {
  const prefix = flagBool(f, 'prefix');
  const fromKey = flagBool(f, 'from-key');
  if (args.length === 0 || args.length > 2) exitWithError(ExitCode.BadArgs, 'del command needs one argument as key and an optional argument as range_end');
  if (prefix && fromKey) exitWithError(ExitCode.BadArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  if (args.length > 1 && (prefix || fromKey)) exitWithError(ExitCode.BadArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
  return { ...keyAndEnd(args[0] as string, args[1], prefix, fromKey), prevKv: flagBool(f, 'prev-kv') };
}

function options(ctl: Ctl, valueOnly = false) {
  return { hex: ctl.hex, valueOnly };
}

export const get: CommandDef = {
  name: 'get',
  use: 'get [options] <key> [range_end]',
  short: 'Gets the key or a range of keys',
  flags: GET_FLAGS,
  run(ctl, args, f) {
    const request = getGetOp(args, f);
    const resp = call(() => ctl.etcd.range(request));
    if (flagBool(f, 'count-only') && ctl.writeOut !== 'fields') exitWithError(ExitCode.BadArgs, '--count-only is only for `--write-out=fields`');
    const valueOnly = flagBool(f, 'print-value-only');
    if (valueOnly && ctl.writeOut !== 'simple') exitWithError(ExitCode.BadArgs, 'print-value-only is only for `--write-out=simple`');
    if (ctl.writeOut === 'simple') simple.get(ctl.out, options(ctl, valueOnly), resp);
    else if (ctl.writeOut === 'json') printJson(ctl.out, json.range(resp));
    else if (ctl.writeOut === 'fields') fields.get(ctl.out, ctl.hex, resp);
    else unsupported(ctl);
  },
};

export const put: CommandDef = {
  name: 'put',
  use: 'put [options] <key> <value> (<value> can also be given from stdin)',
  short: 'Puts the given key into the store',
  flags: PUT_FLAGS,
  run(ctl, args, f) {
    const request = getPutOp(args, f, ctl.stdin);
    const resp = call(() => ctl.etcd.put(request));
    if (ctl.writeOut === 'simple') simple.put(ctl.out, options(ctl), resp);
    else if (ctl.writeOut === 'json') printJson(ctl.out, json.put(resp));
    else if (ctl.writeOut === 'fields') fields.put(ctl.out, ctl.hex, resp);
    else unsupported(ctl);
  },
};

export const del: CommandDef = {
  name: 'del',
  use: 'del [options] <key> [range_end]',
  short: 'Removes the specified key or range of keys [key, range_end)',
  flags: DEL_FLAGS,
  run(ctl, args, f) {
    const request = getDelOp(args, f);
    const resp = call(() => ctl.etcd.deleteRange(request));
    if (ctl.writeOut === 'simple') simple.del(ctl.out, options(ctl), resp);
    else if (ctl.writeOut === 'json') printJson(ctl.out, json.del(resp));
    else if (ctl.writeOut === 'fields') fields.del(ctl.out, ctl.hex, resp);
    else unsupported(ctl);
  },
};
