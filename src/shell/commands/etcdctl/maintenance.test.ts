/**
 * `etcdctl compaction` (alias `compact`), `endpoint status`, `version` and the root command
 * through the shell, as etcdctl 3.4 prints them (compaction_command.go, ep_command.go,
 * printer_simple.go, printer_json.go, printer_table.go).
 */
import { describe, expect, it } from 'vitest';
import { etcdctlShell, failed, header, ok } from './test-helpers';

describe('etcdctl compaction', () => {
  /** /t/k put three times: revisions rev0+1, +2, +3. */
  function withVersions() {
    const sh = etcdctlShell();
    for (const v of ['1', '2', '3']) sh.run(`etcdctl put /t/k ${v}`);
    return sh;
  }

  it('prints "compacted revision N"; reads at N still work, older ones are compacted', () => {
    const { run, rev0 } = withVersions();
    expect(run(`etcdctl compaction ${rev0 + 2}`)).toEqual(ok(`compacted revision ${rev0 + 2}\n`));
    expect(run(`etcdctl get /t/k --rev=${rev0 + 2}`)).toEqual(ok('/t/k\n2\n'));
    expect(run(`etcdctl get /t/k --rev=${rev0 + 1}`)).toEqual(failed(1, 'etcdserver: mvcc: required revision has been compacted'));
    expect(run('etcdctl get /t/k')).toEqual(ok('/t/k\n3\n'));
  });

  it('compact is an alias; compacting at or below the last compaction, or beyond the store, fails', () => {
    const { run, rev0, rev } = withVersions();
    expect(run(`etcdctl compact ${rev0 + 1}`)).toEqual(ok(`compacted revision ${rev0 + 1}\n`));
    expect(run(`etcdctl compact ${rev0 + 1}`)).toEqual(failed(1, 'etcdserver: mvcc: required revision has been compacted'));
    expect(run(`etcdctl compaction ${rev0 + 4}`)).toEqual(failed(1, 'etcdserver: mvcc: required revision is a future revision'));
    // Compaction is not a write: the revision stays.
    expect(rev()).toBe(rev0 + 3);
  });

  it('prints its line whatever the output format', () => {
    const { run, rev0 } = withVersions();
    expect(run(`etcdctl compaction ${rev0 + 1} -w json`)).toEqual(ok(`compacted revision ${rev0 + 1}\n`));
  });

  it('a deleted key compacted past its tombstone is gone from history', () => {
    const { run, rev0 } = withVersions();
    run('etcdctl del /t/k');
    run('etcdctl put /t/j x');
    expect(run(`etcdctl compaction ${rev0 + 5}`)).toEqual(ok(`compacted revision ${rev0 + 5}\n`));
    expect(run(`etcdctl get /t/ --prefix --rev=${rev0 + 5} --keys-only`)).toEqual(ok('/t/j\n\n'));
  });

  it('rejects bad arguments', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl compaction')).toEqual(failed(128, 'compaction command needs 1 argument'));
    expect(run('etcdctl compaction x')).toEqual(failed(1, 'strconv.ParseInt: parsing "x": invalid syntax'));
  });
});

describe('etcdctl endpoint status', () => {
  it('a fresh member: revision 1, raft term 2, raft index 4, a 20 kB file', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl endpoint status')).toEqual(ok('127.0.0.1:2379, 8e9e05c52164694d, 3.4.23, 20 kB, true, false, 2, 4, 4, \n'));
    expect(run('etcdctl endpoint status -w json')).toEqual(
      ok(
        `[{"Endpoint":"127.0.0.1:2379","Status":{"header":${header(1)},"version":"3.4.23","dbSize":20480,"leader":10276657743932975437,"raftIndex":4,"raftTerm":2,"raftAppliedIndex":4,"dbSizeInUse":20480}}]\n`,
      ),
    );
  });

  it('every request that goes through raft adds a log entry; reads do not', () => {
    const { run } = etcdctlShell();
    run('etcdctl put /t/a 1');
    run('etcdctl get /t/a');
    run('etcdctl del /t/a');
    // The db size is an estimate of bbolt's file; the raft index is exact.
    expect(run('etcdctl endpoint status').stdout).toMatch(/^127\.0\.0\.1:2379, 8e9e05c52164694d, 3\.4\.23, \d+ kB, true, false, 2, 6, 6, \n$/);
  });

  it('-w table draws the table with upper-case headers', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl endpoint status -w table')).toEqual(
      ok(
        [
          '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
          '|    ENDPOINT    |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |',
          '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
          '| 127.0.0.1:2379 | 8e9e05c52164694d |  3.4.23 |   20 kB |      true |      false |         2 |          4 |                  4 |        |',
          '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+',
          '',
        ].join('\n'),
      ),
    );
  });

  it('--endpoints names the endpoint column', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl --endpoints=https://127.0.0.1:2379 endpoint status').stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379, 8e9e05c52164694d, /);
  });
});

describe('etcdctl itself', () => {
  it('version prints etcdctl\'s and the API version', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl version')).toEqual(ok('etcdctl version: 3.4.23\nAPI version: 3.4\n'));
  });

  it('an unknown command is cobra\'s error with suggestions, exit 1', () => {
    const { run } = etcdctlShell();
    const r = run('etcdctl gett foo');
    expect(r.exitCode).toBe(1);
    // cobra: "Error:", the error with its suggestions, then the usage hint.
    expect(r.stderr).toBe('Error: unknown command "gett" for "etcdctl"\n\nDid you mean this?\n\tget\n\nRun \'etcdctl --help\' for usage.\n');
  });

  it('an unsupported -w value is refused', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl get /t -w yaml')).toEqual(failed(4, 'unsupported output format'));
  });
});
