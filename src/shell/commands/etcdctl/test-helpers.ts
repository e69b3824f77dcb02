/**
 * For the etcdctl tests: a shell over a fresh simulated cluster, one command at a time, and the
 * JSON pieces etcdctl 3.4 prints (built here independently of the printers under test).
 *
 * The cluster is built but not booted (the runner and the page boot theirs for 2 s first): its
 * components write to etcd only once the simulated clock moves (their requests travel the
 * simulated network), so until a `sleep` or a `watch` the store is as fresh as a new etcd's.
 * Tests still count revisions from `rev0`, the store revision when the test began.
 */
import { Cluster } from '../../../sim/cluster';
import { Shell } from '../../shell';
import type { CommandResult } from '../../types';

export interface EtcdctlShell {
  readonly cluster: Cluster;
  /** The store revision before the test's first command. */
  readonly rev0: number;
  /** Run one command line (a here-document included) and return what it printed. */
  run(text: string): CommandResult;
  /** The store's revision now. */
  rev(): number;
}

export function etcdctlShell(seed = 1): EtcdctlShell {
  const cluster = new Cluster({ seed });
  const shell = new Shell(cluster);
  return {
    cluster,
    rev0: cluster.etcd.revision,
    run(text) {
      const outcome = shell.run(text);
      if (outcome.kind !== 'ran') throw new Error(`script did not run: ${JSON.stringify(outcome)}`);
      const [entry, ...more] = outcome.entries;
      if (entry === undefined || more.length > 0) throw new Error(`expected one command, got ${outcome.entries.length}`);
      return { exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr };
    },
    rev: () => cluster.etcd.revision,
  };
}

export function ok(stdout: string): CommandResult {
  return { exitCode: 0, stdout, stderr: '' };
}

/** etcdctl's failure: "Error: ..." on stderr, nothing on stdout. */
export function failed(exitCode: number, message: string): CommandResult {
  return { exitCode, stdout: '', stderr: `Error: ${message}\n` };
}

export const CLUSTER_ID = '14841639068965178418';
export const MEMBER_ID = '10276657743932975437';

/** A top-level pb.ResponseHeader as json.Marshal writes it. */
export function header(revision: number): string {
  return `{"cluster_id":${CLUSTER_ID},"member_id":${MEMBER_ID},"revision":${revision},"raft_term":2}`;
}

export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** mvccpb.KeyValue as json.Marshal writes it: bytes base64, zero fields left out. */
export function kvJson(key: string, value: string, create: number, mod: number, version: number, lease?: string): string {
  const v = value === '' ? '' : `,"value":"${b64(value)}"`;
  const l = lease === undefined ? '' : `,"lease":${BigInt(`0x${lease}`)}`;
  return `{"key":"${b64(key)}","create_revision":${create},"mod_revision":${mod},"version":${version}${v}${l}}`;
}

/** The lease id in `lease 694d... granted with TTL(10s)`. */
export function grantedLease(stdout: string): string {
  const m = /^lease ([0-9a-f]{16}) granted with TTL\((\d+)s\)\n$/.exec(stdout);
  if (!m) throw new Error(`not a lease grant line: ${stdout}`);
  return m[1] as string;
}
