/**
 * `etcdctl put`, `get`, `del` through the shell, against the outputs of etcdctl 3.4
 * (printer_simple.go, printer_json.go, get_command.go, put_command.go, del_command.go).
 */
import { describe, expect, it } from 'vitest';
import { b64, etcdctlShell, failed, header, kvJson, ok } from './test-helpers';

/** A shell with /t/a=1, /t/b=2, /t/c=3 put in that order (revisions rev0+1..rev0+3) and /u=x. */
function withKeys() {
  const sh = etcdctlShell();
  for (const cmd of ['put /t/a 1', 'put /t/b 2', 'put /t/c 3', 'put /u x']) expect(sh.run(`etcdctl ${cmd}`)).toEqual(ok('OK\n'));
  return sh;
}

describe('etcdctl put', () => {
  it('answers OK and bumps the revision by one per put; an update keeps create_revision and counts version', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run('etcdctl put /t/foo bar')).toEqual(ok('OK\n'));
    expect(run('etcdctl put /t/foo baz')).toEqual(ok('OK\n'));
    expect(rev()).toBe(rev0 + 2);
    expect(run('etcdctl get /t/foo -w json')).toEqual(ok(`{"header":${header(rev0 + 2)},"kvs":[${kvJson('/t/foo', 'baz', rev0 + 1, rev0 + 2, 2)}],"count":1}\n`));
  });

  it('--prev-kv prints the pair it replaced under OK, and JSON carries prev_kv', () => {
    const { run, rev0 } = etcdctlShell();
    run('etcdctl put /t/k v1');
    expect(run('etcdctl put /t/k v2 --prev-kv')).toEqual(ok('OK\n/t/k\nv1\n'));
    expect(run('etcdctl put --prev-kv /t/k v3 -w json')).toEqual(ok(`{"header":${header(rev0 + 3)},"prev_kv":${kvJson('/t/k', 'v2', rev0 + 1, rev0 + 2, 2)}}\n`));
    // A create has nothing to show.
    expect(run('etcdctl put /t/new n --prev-kv')).toEqual(ok('OK\n'));
  });

  it('reads the value from a here-document when only the key is given', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl put /t/doc <<EOF\nline one\nEOF')).toEqual(ok('OK\n'));
    expect(run('etcdctl get /t/doc --print-value-only')).toEqual(ok('line one\n\n'));
  });

  it('--ignore-value on a missing key fails with etcd\'s error and writes nothing', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run('etcdctl put /t/none --ignore-value')).toEqual(failed(1, 'etcdserver: key not found'));
    expect(run('etcdctl put /t/none --ignore-lease v')).toEqual(failed(1, 'etcdserver: key not found'));
    expect(rev()).toBe(rev0);
    run('etcdctl put /t/k keep');
    expect(run('etcdctl put /t/k --ignore-value')).toEqual(ok('OK\n'));
    expect(run('etcdctl get /t/k -w json').stdout).toContain(kvJson('/t/k', 'keep', rev0 + 1, rev0 + 2, 2));
  });

  it('rejects bad arguments as etcdctl does (exit 128)', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl put')).toEqual(failed(128, 'put command needs 1 argument and input from stdin or 2 arguments'));
    expect(run('etcdctl put /t/k')).toEqual(failed(128, 'put command needs 1 argument and input from stdin or 2 arguments'));
    expect(run('etcdctl put /t/k v --ignore-value')).toEqual(failed(128, "put command needs only 1 argument when 'ignore-value' is set"));
    expect(run('etcdctl put /t/k v --lease=zz')).toEqual(failed(128, 'bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex'));
  });

  it('a put with a lease that does not exist fails', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl put /t/k v --lease=1234abcd')).toEqual(failed(1, 'etcdserver: requested lease not found'));
  });
});

describe('etcdctl get', () => {
  it('prints key and value lines; a missing key prints nothing and exits 0', () => {
    const { run } = withKeys();
    expect(run('etcdctl get /t/b')).toEqual(ok('/t/b\n2\n'));
    expect(run('etcdctl get /t/zzz')).toEqual(ok(''));
  });

  it('a missing key in JSON is a bare header (count 0 is left out)', () => {
    const { run, rev0 } = withKeys();
    expect(run('etcdctl get /t/zzz -w json')).toEqual(ok(`{"header":${header(rev0 + 4)}}\n`));
  });

  it('--prefix lists the keys under the prefix in key order', () => {
    const { run } = withKeys();
    expect(run('etcdctl get /t/ --prefix')).toEqual(ok('/t/a\n1\n/t/b\n2\n/t/c\n3\n'));
  });

  it('a range_end argument reads [key, range_end)', () => {
    const { run } = withKeys();
    expect(run('etcdctl get /t/a /t/c')).toEqual(ok('/t/a\n1\n/t/b\n2\n'));
  });

  it('--from-key reads every key >= the key', () => {
    const { run } = withKeys();
    expect(run('etcdctl get /t/b --from-key')).toEqual(ok('/t/b\n2\n/t/c\n3\n/u\nx\n'));
  });

  it('--keys-only prints each key followed by an empty value line, and JSON has no value', () => {
    const { run, rev0 } = withKeys();
    expect(run('etcdctl get /t/ --prefix --keys-only')).toEqual(ok('/t/a\n\n/t/b\n\n/t/c\n\n'));
    expect(run('etcdctl get /t/a --keys-only -w json')).toEqual(ok(`{"header":${header(rev0 + 4)},"kvs":[${kvJson('/t/a', '', rev0 + 1, rev0 + 1, 1)}],"count":1}\n`));
  });

  it('--print-value-only prints only the values', () => {
    const { run } = withKeys();
    expect(run('etcdctl get /t/ --prefix --print-value-only')).toEqual(ok('1\n2\n3\n'));
    expect(run('etcdctl get /t/a --print-value-only -w json')).toEqual(failed(128, 'print-value-only is only for `--write-out=simple`'));
  });

  it('--limit cuts the list; JSON says more and counts the whole range', () => {
    const { run, rev0 } = withKeys();
    expect(run('etcdctl get /t/ --prefix --limit=2')).toEqual(ok('/t/a\n1\n/t/b\n2\n'));
    expect(run('etcdctl get /t/ --prefix --limit 2 -w json')).toEqual(
      ok(`{"header":${header(rev0 + 4)},"kvs":[${kvJson('/t/a', '1', rev0 + 1, rev0 + 1, 1)},${kvJson('/t/b', '2', rev0 + 2, rev0 + 2, 1)}],"more":true,"count":3}\n`),
    );
  });

  it('--count-only prints the count with -w fields and is refused in other formats, as in etcdctl 3.4', () => {
    const { run, rev0 } = withKeys();
    expect(run('etcdctl get /t/ --prefix --count-only -w fields')).toEqual(
      ok(`"ClusterID" : 14841639068965178418\n"MemberID" : 10276657743932975437\n"Revision" : ${rev0 + 4}\n"RaftTerm" : 2\n"More" : false\n"Count" : 3\n`),
    );
    expect(run('etcdctl get /t/ --prefix --count-only')).toEqual(failed(128, '--count-only is only for `--write-out=fields`'));
    expect(run('etcdctl get /t/ --prefix --count-only -w json')).toEqual(failed(128, '--count-only is only for `--write-out=fields`'));
  });

  it('--rev reads history; header.revision stays the current revision', () => {
    const { run, rev0 } = withKeys();
    run('etcdctl put /t/a 1b');
    expect(run(`etcdctl get /t/a --rev=${rev0 + 1}`)).toEqual(ok('/t/a\n1\n'));
    expect(run(`etcdctl get /t/ --prefix --rev=${rev0 + 2} -w json`)).toEqual(
      ok(`{"header":${header(rev0 + 5)},"kvs":[${kvJson('/t/a', '1', rev0 + 1, rev0 + 1, 1)},${kvJson('/t/b', '2', rev0 + 2, rev0 + 2, 1)}],"count":2}\n`),
    );
    expect(run('etcdctl get /t/a')).toEqual(ok('/t/a\n1b\n'));
  });

  it('--rev beyond the store revision is a future revision', () => {
    const { run, rev0 } = withKeys();
    expect(run(`etcdctl get /t/a --rev=${rev0 + 5}`)).toEqual(failed(1, 'etcdserver: mvcc: required revision is a future revision'));
  });

  it('--order and --sort-by sort the result', () => {
    const { run } = withKeys();
    run('etcdctl put /t/a 1b');
    expect(run('etcdctl get /t/ --prefix --order=DESCEND --print-value-only')).toEqual(ok('3\n2\n1b\n'));
    expect(run('etcdctl get /t/ --prefix --sort-by=MODIFY --print-value-only')).toEqual(ok('2\n3\n1b\n'));
  });

  it('keys and values in JSON are base64 of their bytes, UTF-8 included', () => {
    const { run } = etcdctlShell();
    run("etcdctl put /t/ü 'hello world'");
    const out = JSON.parse(run('etcdctl get /t/ü -w json').stdout) as { kvs: { key: string; value: string }[] };
    expect(out.kvs[0]).toMatchObject({ key: b64('/t/ü'), value: 'aGVsbG8gd29ybGQ=' });
  });

  it('rejects bad arguments with etcdctl\'s messages (exit 128)', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl get')).toEqual(failed(128, 'get command needs one argument as key and an optional argument as range_end'));
    expect(run('etcdctl get /t --prefix --from-key')).toEqual(failed(128, '`--prefix` and `--from-key` cannot be set at the same time, choose one'));
    expect(run('etcdctl get /t /u --prefix')).toEqual(failed(128, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set'));
    expect(run('etcdctl get /t --keys-only --count-only')).toEqual(failed(128, '`--keys-only` and `--count-only` cannot be set at the same time, choose one'));
  });
});

describe('etcdctl del', () => {
  it('prints how many keys it deleted; deleting a missing key is a no-op that keeps the revision', () => {
    const { run, rev0, rev } = withKeys();
    expect(run('etcdctl del /t/zzz')).toEqual(ok('0\n'));
    expect(rev()).toBe(rev0 + 4);
    expect(run('etcdctl del /t/a')).toEqual(ok('1\n'));
    expect(rev()).toBe(rev0 + 5);
  });

  it('--prev-kv prints the deleted pairs after the count', () => {
    const { run } = withKeys();
    expect(run('etcdctl del /t/b --prev-kv')).toEqual(ok('1\n/t/b\n2\n'));
  });

  it('--prefix deletes the whole prefix in one revision; JSON gives deleted and prev_kvs', () => {
    const { run, rev0, rev } = withKeys();
    expect(run('etcdctl del /t/ --prefix --prev-kv -w json')).toEqual(
      ok(
        `{"header":${header(rev0 + 5)},"deleted":3,"prev_kvs":[${kvJson('/t/a', '1', rev0 + 1, rev0 + 1, 1)},${kvJson('/t/b', '2', rev0 + 2, rev0 + 2, 1)},${kvJson('/t/c', '3', rev0 + 3, rev0 + 3, 1)}]}\n`,
      ),
    );
    expect(rev()).toBe(rev0 + 5);
    expect(run('etcdctl get /t/ --prefix')).toEqual(ok(''));
    expect(run('etcdctl get /u')).toEqual(ok('/u\nx\n'));
  });

  it('a key is absent at the revision of its tombstone, and a put after a delete starts a new generation', () => {
    const { run, rev0 } = withKeys();
    run('etcdctl del /t/a');
    expect(run(`etcdctl get /t/a --rev=${rev0 + 5}`)).toEqual(ok(''));
    expect(run(`etcdctl get /t/a --rev=${rev0 + 4}`)).toEqual(ok('/t/a\n1\n'));
    run('etcdctl put /t/a again');
    expect(run('etcdctl get /t/a -w json')).toEqual(ok(`{"header":${header(rev0 + 6)},"kvs":[${kvJson('/t/a', 'again', rev0 + 6, rev0 + 6, 1)}],"count":1}\n`));
  });

  it('--from-key deletes every key >= the key', () => {
    const { run } = withKeys();
    expect(run('etcdctl del /t/b --from-key')).toEqual(ok('3\n'));
    expect(run('etcdctl get /t/ --prefix --keys-only')).toEqual(ok('/t/a\n\n'));
  });

  it('rejects bad arguments (exit 128)', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl del')).toEqual(failed(128, 'del command needs one argument as key and an optional argument as range_end'));
    expect(run('etcdctl del /t --prefix --from-key')).toEqual(failed(128, '`--prefix` and `--from-key` cannot be set at the same time, choose one'));
  });
});
