/**
 * Command-line flags the way cobra/pflag read them: `--name=value`, `--name value`, `-x value`,
 * `-xvalue`, bare booleans (`--prefix`, `--prefix=false`), flags anywhere among the arguments,
 * `--` ending the flags. Errors carry pflag's wording; cobra exits 1 on them.
 */
import { DEFAULT_ENDPOINT } from '../../../sim/etcd';
import { ExitCode, ExitError } from './exit';
import { goQuote, parseBool, parseInt64 } from './go';

export type FlagType = 'bool' | 'string' | 'int' | 'duration';

export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  readonly short?: string;
  /** Default as etcdctl's help shows it. */
  readonly def?: string;
  readonly usage: string;
}

export interface ParsedFlags {
  /** The flags given, by long name; booleans as 'true'/'false'. */
  readonly values: ReadonlyMap<string, string>;
  readonly args: string[];
}

/** The flags every etcdctl command takes (ctlv3/ctl.go); only write-out, hex and endpoints matter here. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'cacert', type: 'string', def: '""', usage: 'verify certificates of TLS-enabled secure servers using this CA bundle' },
  { name: 'cert', type: 'string', def: '""', usage: 'identify secure client using this TLS certificate file' },
  { name: 'command-timeout', type: 'duration', def: '5s', usage: 'timeout for short running command (excluding dial timeout)' },
  { name: 'debug', type: 'bool', def: 'false', usage: 'enable client-side debug logging' },
  { name: 'dial-timeout', type: 'duration', def: '2s', usage: 'dial timeout for client connections' },
  { name: 'discovery-srv', short: 'd', type: 'string', def: '""', usage: 'domain name to query for SRV records describing cluster endpoints' },
  { name: 'discovery-srv-name', type: 'string', def: '""', usage: 'service name to query when using DNS discovery' },
  { name: 'endpoints', type: 'string', def: `[${DEFAULT_ENDPOINT}]`, usage: 'gRPC endpoints' },
  { name: 'hex', type: 'bool', def: 'false', usage: 'print byte strings as hex encoded strings' },
  { name: 'insecure-discovery', type: 'bool', def: 'true', usage: 'accept insecure SRV records describing cluster endpoints' },
  { name: 'insecure-skip-tls-verify', type: 'bool', def: 'false', usage: 'skip server certificate verification' },
  { name: 'insecure-transport', type: 'bool', def: 'true', usage: 'disable transport security for client connections' },
  { name: 'keepalive-time', type: 'duration', def: '2s', usage: 'keepalive time for client connections' },
  { name: 'keepalive-timeout', type: 'duration', def: '6s', usage: 'keepalive timeout for client connections' },
  { name: 'key', type: 'string', def: '""', usage: 'identify secure client using this TLS key file' },
  { name: 'password', type: 'string', def: '""', usage: 'password for authentication (if this option is used, --user option shouldn\'t include password)' },
  { name: 'user', type: 'string', def: '""', usage: 'username[:password] for authentication (prompt if password is not supplied)' },
  { name: 'write-out', short: 'w', type: 'string', def: '"simple"', usage: 'set the output format (fields, json, protobuf, simple, table)' },
];

const HELP: FlagSpec = { name: 'help', short: 'h', type: 'bool', def: 'false', usage: 'help for this command' };

function flagError(message: string): ExitError {
  return new ExitError(ExitCode.Error, message);
}

function checkValue(spec: FlagSpec, value: string): void {
  const bad = (err: string) => flagError(`invalid argument ${goQuote(value)} for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: ${err}`);
  if (spec.type === 'int') {
    const r = parseInt64(value, 0);
    if (!r.ok) throw bad(r.error);
  } else if (spec.type === 'bool') {
    const r = parseBool(value);
    if (!r.ok) throw bad(r.error);
  } else if (spec.type === 'duration' && !/^([0-9.]+(ns|us|µs|ms|s|m|h))+$|^0$/.test(value)) {
    throw bad(`time: invalid duration ${JSON.stringify(value)}`);
  }
}

/** Parse argv (without the command words) against the command's flags plus the global ones. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS, HELP];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string>();
  const args: string[] = [];
  const set = (spec: FlagSpec, value: string) => {
    checkValue(spec, value);
    values.set(spec.name, spec.type === 'bool' ? String((parseBool(value) as { value: boolean }).value) : value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (spec === undefined) throw flagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (i + 1 < argv.length) set(spec, argv[++i] as string);
      else throw flagError(`flag needs an argument: --${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      // A run of shorthands: -h, -wjson, -w=json, -w json.
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const spec = byShort.get(c);
        if (spec === undefined) throw flagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1));
            break;
          }
          set(spec, 'true');
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) set(spec, argv[++i] as string);
        else throw flagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
    } else {
      args.push(a);
    }
  }
  return { values, args };
}

/** Whether a flag consumes the next word, for finding the command words before parsing. */
export function takesValue(word: string, specs: readonly FlagSpec[]): boolean {
  const all = [...specs, ...GLOBAL_FLAGS];
  if (word.startsWith('--')) {
    if (word.includes('=')) return false;
    const spec = all.find((s) => s.name === word.slice(2));
    return spec !== undefined && spec.type !== 'bool';
  }
  if (word.startsWith('-') && word.length === 2) {
    const spec = all.find((s) => s.short === word[1]);
    return spec !== undefined && spec.type !== 'bool';
  }
  return false;
}

export function flagBool(f: ParsedFlags, name: string): boolean {
  return f.values.get(name) === 'true';
}

export function flagString(f: ParsedFlags, name: string, def = ''): string {
  return f.values.get(name) ?? def;
}

/** An int flag (already validated by parseFlags). */
export function flagInt(f: ParsedFlags, name: string, def = 0): number {
  const v = f.values.get(name);
  if (v === undefined) return def;
  const r = parseInt64(v, 0);
  return r.ok ? Number(r.value) : def;
}

/** The OPTIONS block of etcdctl's help for a command. */
export function formatOptions(specs: readonly FlagSpec[]): string {
  return specs
    .map((s) => {
      const head = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.type === 'bool' ? `[=${s.def ?? 'false'}]` : `=${s.def ?? '""'}`}`;
      return `  ${head}\t\t${s.usage}`;
    })
    .join('\n');
}
