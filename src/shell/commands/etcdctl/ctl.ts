/**
 * What every etcdctl subcommand gets: the client's view of the one etcd member (its API only,
 * as the real etcdctl has nothing but gRPC), the simulated clock for watches, stdin, the output
 * being built, and the global flags that shape output.
 */
import type { CommandResult } from '../../types';
import { isEtcdError } from '../../../sim/etcd';
import type { EtcdClient, ProcessClock } from '../../host/host';
import { ExitCode, ExitError, type Output } from './exit';
import type { FlagSpec, ParsedFlags } from './flags';

export type WriteOut = 'simple' | 'json' | 'fields' | 'table' | 'protobuf';

export interface Ctl {
  readonly etcd: EtcdClient;
  readonly clock: ProcessClock;
  readonly stdin: string;
  readonly out: Output;
  readonly writeOut: WriteOut;
  readonly hex: boolean;
  /** --endpoints as given, for endpoint status. */
  readonly endpoints: readonly string[];
  /** etcdctl's arguments as typed (os.Args after the program), for what cobra strips: `--`. */
  readonly rawArgs: readonly string[];
  /** Run another of the shell's commands, as `watch KEY -- COMMAND` execs one per event. */
  readonly exec: ((argv: readonly string[], env: Readonly<Record<string, string>>) => CommandResult) | undefined;
}

export interface CommandDef {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** cobra's Use line. */
  readonly use: string;
  readonly short: string;
  readonly flags: readonly FlagSpec[];
  readonly run?: (ctl: Ctl, args: string[], flags: ParsedFlags) => void;
  readonly sub?: readonly CommandDef[];
}

/** Run an etcd call; an etcd error ends etcdctl with `code`, its text optionally wrapped. */
export function call<T>(fn: () => T, code: number = ExitCode.Error, wrap: (message: string) => string = (m) => m): T {
  try {
    return fn();
  } catch (error) {
    if (isEtcdError(error)) throw new ExitError(code, wrap(error.message));
    throw error;
  }
}

/** printerUnsupported: the output format has no printer for this response. */
export function unsupported(ctl: Ctl): never {
  throw new ExitError(ExitCode.BadFeature, `${ctl.writeOut} not supported as output format`);
}
